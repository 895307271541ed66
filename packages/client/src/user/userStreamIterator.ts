/**
 * `for await (const item of userStream)`: events and state notices in the order they were
 * emitted (see QueuedIterator for the queueing and fell-behind rules).
 */

import { QueuedIterator } from "../queuedIterator.js";
import type { UserEvent } from "./executionRecord.js";
import type { UserStream, UserStreamItem, UserStreamNotice } from "./userStream.js";

export function iterateUserStream(stream: UserStream, maxQueued: number): QueuedIterator<UserStreamItem> {
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
