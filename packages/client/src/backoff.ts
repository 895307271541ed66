/**
 * The client's waits: the back-off itself is protocol's (backoff.ts there, shared with the
 * dashboard and the alert channels), re-exported for the client's modules; `sleep` waits it out.
 */
export { type BackoffPolicy, backoffDelay } from "@mexc-live/protocol";

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
