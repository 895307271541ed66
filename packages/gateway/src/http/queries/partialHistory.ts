/**
 * A history answer drawn from less than the full history: a `--role web` instance whose
 * collector did not answer in time serves the topic snapshots mirrored from Redis instead, and
 * says so in a response header (never a silently truncated history). Answers are marked by
 * identity, so the JSON body stays the contract's.
 */

export { HISTORY_HEADER, PARTIAL_HISTORY } from "@mexc-live/contract";

const partial = new WeakSet<object>();

/** Marks `answer` (a page, a list, an iterable of fills) as partial; returns it. */
export function markPartial<T extends object>(answer: T): T {
  partial.add(answer);
  return answer;
}

export function isPartial(answer: unknown): boolean {
  return typeof answer === "object" && answer !== null && partial.has(answer);
}
