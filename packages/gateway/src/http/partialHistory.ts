/**
 * A history answer drawn from less than the full history: a `--role web` instance whose
 * collector did not answer in time serves the topic snapshots mirrored from Redis instead, and
 * says so in a response header (never a silently truncated history). Answers are marked by
 * identity, so the JSON body stays the contract's.
 */

/** Response header set to PARTIAL_HISTORY on a partial answer. */
export const HISTORY_HEADER = "X-MexcLive-History";
export const PARTIAL_HISTORY = "partial";

const partial = new WeakSet<object>();

/** Marks `answer` (a page, a list, an iterable of fills) as partial; returns it. */
export function markPartial<T extends object>(answer: T): T {
  partial.add(answer);
  return answer;
}

export function isPartial(answer: unknown): boolean {
  return typeof answer === "object" && answer !== null && partial.has(answer);
}
