/**
 * How far MEXC's clock is from this machine's (docs/mexc/rest.md#signed-endpoints-hmac-sha256: a
 * signed request's `timestamp` must be within recvWindow of the server's time): one offset,
 * measured with GET /api/v3/time and measured again when it is stale or MEXC says a timestamp is
 * off. It is a fact of the machine, not of an account: the clients of a gateway's twenty accounts
 * share one (RestClientOptions.serverClock) and measure it once, not twenty times at start, where
 * those twenty calls held every account's listen key back a second (issue 31). Clients sharing a
 * clock share their local clock (`now`) too.
 *
 * A measurement that failed is not tried again before the next signed call, but after
 * `retryMs`: each try is a whole read (its attempts and back-off), and against a MEXC that does not
 * answer, trying before every call (every retry of a call, too) multiplied each call's time
 * (issue 54: a write and its order lookup took 56 s to give up with a 1 s request timeout; 30 of
 * its 36 requests were clock reads). The last offset is used meanwhile; a timestamp MEXC refuses
 * still measures again at once.
 */
export class ServerClock {
  /** serverTime - local time, ms. */
  private offset = 0;
  /** Local ms of the last measurement; undefined before the first. */
  private measuredAt: number | undefined;
  /** Local ms the last measurement failed at; undefined since one succeeded. */
  private failedAt: number | undefined;
  private measuring: Promise<void> | undefined;

  get offsetMs(): number {
    return this.offset;
  }

  /**
   * Whether the offset should be measured (again) before signing, at local time `now`: never
   * measured or measured `intervalMs` ago, and no measurement failed in the last `retryMs`.
   */
  isStale(now: number, intervalMs: number, retryMs: number): boolean {
    if (this.failedAt !== undefined && now - this.failedAt < retryMs) return false;
    return this.measuredAt === undefined || now - this.measuredAt >= intervalMs;
  }

  /**
   * Measures with `measure` (resolving to the offset and the local time it was measured at),
   * unless a measurement is already under way: then waits for that one. A failure is noted at
   * local time `now()`.
   */
  measure(measure: () => Promise<{ offsetMs: number; at: number }>, now: () => number): Promise<void> {
    this.measuring ??= measure()
      .then(
        ({ offsetMs, at }) => {
          this.offset = offsetMs;
          this.measuredAt = at;
          this.failedAt = undefined;
        },
        (error: unknown) => {
          this.failedAt = now();
          throw error;
        },
      )
      .finally(() => {
        this.measuring = undefined;
      });
    return this.measuring;
  }
}
