/**
 * `for await (const item of userStream)`: events and state notices in the order they were
 * emitted, queued from the stream's creation on (see QueuedIterator for the bound and the
 * fell-behind rule).
 */

import { QueuedIterator } from "../queuedIterator.js";
import type { UserEvent } from "./executionRecord.js";
import type { UserStream, UserStreamItem, UserStreamNotice } from "./userStream.js";

/** The stream's queue, attached at its creation (before start()), so it holds "connecting" on. */
export function queueUserStream(stream: UserStream, maxQueued: number): QueuedIterator<UserStreamItem> {
  const iterator = new QueuedIterator<UserStreamItem>({
    maxQueued,
    label: "user stream",
    close: () => stream.close(),
  });
  const onEvent = (event: UserEvent) => iterator.push(event);
  const onState = (notice: UserStreamNotice) => {
    iterator.push(notice);
    if (notice.state === "closed") iterator.finish();
  };
  stream.on("event", onEvent);
  stream.on("state", onState);
  iterator.onFinish(() => {
    stream.off("event", onEvent);
    stream.off("state", onState);
  });
  return iterator;
}
