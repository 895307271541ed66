/**
 * How far MEXC's clock is from this machine's (docs/mexc/rest.md#signed-endpoints-hmac-sha256: a
 * signed request's `timestamp` must be within recvWindow of the server's time): one offset,
 * measured with GET /api/v3/time and measured again when it is stale or MEXC says a timestamp is
 * off. It is a fact of the machine, not of an account: the clients of a gateway's twenty accounts
 * share one (RestClientOptions.serverClock) and measure it once, not twenty times at start, where
 * those twenty calls held every account's listen key back a second (issue 31). Clients sharing a
 * clock share their local clock (`now`) too.
 */
export class ServerClock {
  /** serverTime - local time, ms. */
  private offset = 0;
  /** Local ms of the last measurement; undefined before the first. */
  private measuredAt: number | undefined;
  private measuring: Promise<void> | undefined;

  get offsetMs(): number {
    return this.offset;
  }

  /** Whether the offset should be measured (again) before signing, at local time `now`. */
  isStale(now: number, intervalMs: number): boolean {
    return this.measuredAt === undefined || now - this.measuredAt >= intervalMs;
  }

  /**
   * Measures with `measure` (resolving to the offset and the local time it was measured at),
   * unless a measurement is already under way: then waits for that one.
   */
  measure(measure: () => Promise<{ offsetMs: number; at: number }>): Promise<void> {
    this.measuring ??= measure()
      .then(({ offsetMs, at }) => {
        this.offset = offsetMs;
        this.measuredAt = at;
      })
      .finally(() => {
        this.measuring = undefined;
      });
    return this.measuring;
  }
}
