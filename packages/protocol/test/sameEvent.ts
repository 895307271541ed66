/**
 * decodeEvent's tests compare it with `toEvent(decodePush(bytes))` on the same bytes: the very
 * event (toStrictEqual, so the levels' and trades' classes too; as JSON; which arrays are frozen)
 * or the very ProtocolError (code, field, value, message).
 */
import { isDeepStrictEqual } from "node:util";
import { expect } from "vitest";
import { decodePush } from "../src/codec.js";
import { decodeEvent } from "../src/decodeEvent.js";
import { ProtocolError } from "../src/errors.js";
import { checkDecodedEventBounds } from "../src/eventBounds.js";
import { type MexcEvent, toEvent } from "../src/events.js";
import { readFrameEvent } from "../src/frameEvents.js";

export const LOCAL = 1_750_000_000_123;

export type Outcome =
  | { event: MexcEvent; json: string; frozen: boolean[] }
  | { error: { code: string; field?: string; value?: string; message: string } };

function outcome(run: () => MexcEvent): Outcome {
  try {
    const event = run();
    const lists = Object.values(event).filter((value) => Array.isArray(value));
    return { event, json: JSON.stringify(event), frozen: lists.map((list) => Object.isFrozen(list)) };
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    return { error: { code: error.code, field: error.field, value: error.value, message: error.message } };
  }
}

/**
 * The two paths on the same bytes must agree; returns decodeEvent's outcome. `what` names the case
 * in a failure (the bytes in hex by default); made only then. Node's strict deep equality (the
 * same classes, own keys and values) settles the agreeing cases: vitest's toStrictEqual, which
 * gives the failure its diff, cost ~0.2 ms a case, most of a 50,000-case loop's time.
 */
export function expectSame(bytes: Uint8Array, what?: string | (() => string)): Outcome {
  const expected = outcome(() => {
    // decodeEvent holds what either path makes to the values' bounds.
    const event = toEvent(decodePush(bytes), LOCAL);
    checkDecodedEventBounds(event, LOCAL);
    return event;
  });
  const actual = outcome(() => decodeEvent(bytes, LOCAL));
  if (isDeepStrictEqual(actual, expected)) return actual;
  const named = typeof what === "function" ? what() : (what ?? Buffer.from(bytes).toString("hex"));
  expect(actual, named).toStrictEqual(expected);
  return actual;
}

/** Whether our reader made the event itself (not the generated decoder behind it). */
export function readByOurs(bytes: Uint8Array): boolean {
  return readFrameEvent(bytes, LOCAL) !== undefined;
}
