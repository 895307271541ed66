/**
 * The client's one back-off (REST retries, listen-key renewals, reconnects, order-book resyncs):
 * exponential with "equal jitter", a uniformly random wait in [step/2, step] with
 * step = min(max, initial * 2^attempt), so a fleet of clients does not come back in lock-step.
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

/** Resolves after `ms`; resolves early (and `false`) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
