/**
 * The one deadline of mexc-live: every wait on the network (the client's REST attempts and
 * writes, the alert channels' posts) ends by it. It lives in protocol, beside the back-off, because
 * protocol is the lowest package all of them depend on; it is browser-safe (AbortController and
 * setTimeout only, no I/O).
 *
 * Why not `AbortSignal.any([parent, AbortSignal.timeout(ms)])`: Node holds a timeout signal inside
 * `any()` only weakly, so a garbage collection before it fires collects it and the combined signal
 * never aborts (nodejs/node#57736; issue 54: on Node 20 `client.time()` with a 1 s timeout was
 * still pending after 42 s against a server that accepted and said nothing). Here the timer is an
 * ordinary `setTimeout` whose callback holds the controller: the runtime's timer list keeps it
 * until it fires or `clear()` stops it, however the runtime collects signals. The parents are
 * followed by listeners that `clear()` removes, so a long-lived parent (a client's close signal)
 * does not collect one listener per call.
 */

export interface Deadline {
  /** Aborts when the time runs out (a TimeoutError DOMException as its reason) or a parent aborts (the parent's reason). */
  readonly signal: AbortSignal;
  /** True once the time ran out; false when it was a parent that aborted, or nothing did. */
  readonly expired: boolean;
  /**
   * Stops the timer and lets go of the parents: call it in `finally`, once the wait is over (an
   * uncleared deadline keeps the process alive until it fires).
   */
  clear(): void;
}

/**
 * A signal that aborts after `timeoutMs` (none when undefined: it then only follows the parents)
 * or as soon as one of `parents` does.
 */
export function startDeadline(
  timeoutMs: number | undefined,
  parents: readonly (AbortSignal | undefined)[] = [],
): Deadline {
  const controller = new AbortController();
  let expired = false;
  const followed: AbortSignal[] = [];
  const onParentAbort = (event: Event): void => {
    controller.abort((event.target as AbortSignal).reason);
  };
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          expired = true;
          controller.abort(new DOMException(`deadline of ${timeoutMs} ms passed`, "TimeoutError"));
        }, timeoutMs);
  const clear = (): void => {
    clearTimeout(timer);
    for (const parent of followed) parent.removeEventListener("abort", onParentAbort);
    followed.length = 0;
  };
  for (const parent of parents) {
    if (parent === undefined) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    parent.addEventListener("abort", onParentAbort, { once: true });
    followed.push(parent);
  }
  if (controller.signal.aborted) clear();
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear,
  };
}
