/**
 * One frame -> one event, what a client runs per frame: `toEvent(decodePush(bytes))`, with the
 * frames of the aggregated public streams and the private pushes read straight into their event
 * by a reader of our own (frameEvents.ts) and every other frame, or any frame that reader is not
 * sure of, decoded the old way. The same event, or the same ProtocolError, as
 * `toEvent(decodePush(bytes))` for every frame (decodeEvent.test.ts, decodeEventPrivate.test.ts);
 * about 1.5x its speed on the bench corpus (BENCHMARKS.md, Decode). Either way the event's values
 * are held against their bounds once, here (eventBounds.ts): toEvent alone does not check them.
 * The reader of the aggregated streams holds its events to them as it reads (aggreBodies.ts), so
 * an event it found in bounds is not walked a second time.
 */
import { clearReadInBounds, readInBounds } from "./aggreBodies.js";
import { decodePush } from "./codec.js";
import { checkDecodedEventBounds } from "./eventBounds.js";
import { type MexcEvent, toEvent } from "./events.js";
import { readFrameEvent } from "./frameEvents.js";

export function decodeEvent(bytes: Uint8Array, localTimestamp: number = Date.now()): MexcEvent {
  clearReadInBounds();
  const read = readFrameEvent(bytes, localTimestamp);
  if (read !== undefined) {
    // Set only by aggreBodies.ts, when it found every value of its event in bounds as it read
    // them (not read from the event: its type would be a load on six shapes, on every frame).
    if (!readInBounds) checkDecodedEventBounds(read, localTimestamp);
    return read;
  }
  const event = toEvent(decodePush(bytes), localTimestamp);
  checkDecodedEventBounds(event, localTimestamp);
  return event;
}
