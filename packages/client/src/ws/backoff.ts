/**
 * Reconnect delays: exponential back-off with "equal jitter" (half the step fixed, half drawn),
 * capped, so a fleet of clients does not reconnect in lock-step after an outage.
 */

export interface BackoffOptions {
  /** The first step, ms (attempt 0 waits between half of this and all of it). */
  readonly initialMs: number;
  /** No delay is ever longer than this, ms. */
  readonly maxMs: number;
}

/** Steps double up to 2^MAX_DOUBLINGS x initialMs before the cap; keeps the arithmetic finite. */
const MAX_DOUBLINGS = 30;

/** The delay before reconnect attempt `attempt` (0-based): within [step / 2, step], step <= maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const step = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(Math.max(attempt, 0), MAX_DOUBLINGS));
  return Math.round(step / 2 + (random() * step) / 2);
}
