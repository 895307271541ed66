/**
 * The one back-off of mexc-live: the client's REST retries, reconnects, listen-key renewals and
 * order-book resyncs, the dashboard's reconnects to the gateway, and the alert channels' retries
 * all wait by it. It lives in protocol, not the client, because protocol is the lowest package all
 * three depend on (the browser's dashboard depends on contract and protocol only) and it is pure:
 * no timer, no I/O, the random source injectable for tests.
 *
 * Exponential with "equal jitter": a uniformly random wait in [step/2, step], with
 * step = min(max, initial * 2^attempt), so a fleet of clients that failed together does not come
 * back in lock-step, yet never waits less than half the step (tardis-node caps its reconnects near
 * 30 s the same way).
 */
export interface BackoffPolicy {
  /** The first step, ms (attempt 0 waits between half of this and all of it). */
  readonly initialMs: number;
  /** No delay is ever longer than this, ms. */
  readonly maxMs: number;
}

/** Steps double up to 2^MAX_DOUBLINGS x initialMs before the cap; keeps the arithmetic finite. */
const MAX_DOUBLINGS = 30;

/** The delay before attempt `attempt` (0-based): within [step / 2, step], step <= maxMs. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(Math.max(attempt, 0), MAX_DOUBLINGS));
  return Math.round(step / 2 + (random() * step) / 2);
}
