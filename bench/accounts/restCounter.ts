/**
 * REST calls as the simulator saw them: by account (the `X-MEXC-APIKEY` a call carried, or
 * "public" without one), by endpoint and by status, and per wall-clock second, so the report can
 * say how many calls a minute the gateway makes, how close it came to the 20 requests/s MEXC
 * allows one machine, and how many 429s it got. Counts only grow; a report subtracts two snapshots.
 */

/** A call without an API key (exchangeInfo, tickers, klines...). */
export const PUBLIC = "public";

export interface RestCounts {
  /** Wall-clock ms of the snapshot. */
  readonly at: number;
  readonly total: number;
  /** Answers with status 429 (over a rate limit) and 418 (banned). */
  readonly tooMany: number;
  readonly banned: number;
  /** "GET /api/v3/myTrades" -> answers 429 or 418. */
  readonly refusedByEndpoint: Readonly<Record<string, number>>;
  readonly byAccount: Readonly<Record<string, number>>;
  /** "GET /api/v3/myTrades" -> calls. */
  readonly byEndpoint: Readonly<Record<string, number>>;
  /** Calls that arrived in each wall-clock second since the counter started (index 0 = its first second). */
  readonly perSecond: readonly number[];
  /** Wall-clock ms the counter started at (second 0 of perSecond). */
  readonly startedAt: number;
}

export interface RestCounter {
  /** One answered call; `at` is when it arrived, wall-clock ms. */
  record(call: { account: string; endpoint: string; status: number; at: number }): void;
  snapshot(at: number): RestCounts;
}

/** At most this many seconds are kept (a longer run folds its tail into the last one). */
const MAX_SECONDS = 4 * 60 * 60;

export function createRestCounter(startedAt: number): RestCounter {
  let total = 0;
  let tooMany = 0;
  let banned = 0;
  const byAccount = new Map<string, number>();
  const byEndpoint = new Map<string, number>();
  const refusedByEndpoint = new Map<string, number>();
  const perSecond: number[] = [];
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  return {
    record({ account, endpoint, status, at }) {
      total++;
      if (status === 429) tooMany++;
      if (status === 418) banned++;
      if (status === 429 || status === 418) bump(refusedByEndpoint, endpoint);
      bump(byAccount, account);
      bump(byEndpoint, endpoint);
      const second = Math.min(MAX_SECONDS - 1, Math.max(0, Math.floor((at - startedAt) / 1000)));
      while (perSecond.length <= second) perSecond.push(0);
      perSecond[second]!++;
    },
    snapshot: (at) => ({
      at,
      total,
      tooMany,
      banned,
      refusedByEndpoint: Object.fromEntries(refusedByEndpoint),
      byAccount: Object.fromEntries(byAccount),
      byEndpoint: Object.fromEntries(byEndpoint),
      perSecond: [...perSecond],
      startedAt,
    }),
  };
}

/** What happened between two snapshots of one counter. */
export interface RestDelta {
  readonly seconds: number;
  readonly calls: number;
  readonly tooMany: number;
  readonly banned: number;
  readonly perMinute: number;
  readonly refusedByEndpoint: Readonly<Record<string, number>>;
  readonly byAccount: Readonly<Record<string, number>>;
  readonly byEndpoint: Readonly<Record<string, number>>;
  /** The busiest whole second between the two snapshots, and the mean over them, calls/s. */
  readonly peakPerSecond: number;
  readonly meanPerSecond: number;
}

export function restDelta(from: RestCounts, to: RestCounts): RestDelta {
  const seconds = (to.at - from.at) / 1000;
  const calls = to.total - from.total;
  const minus = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([key, value]) => [key, value - (b[key] ?? 0)] as const)
        .filter(([, value]) => value > 0),
    );
  const first = Math.floor((from.at - from.startedAt) / 1000);
  const last = Math.floor((to.at - to.startedAt) / 1000);
  // Whole seconds only: the partial ones at either edge would understate the peak's neighbours.
  const whole = to.perSecond.slice(first + 1, last);
  return {
    seconds,
    calls,
    tooMany: to.tooMany - from.tooMany,
    banned: to.banned - from.banned,
    perMinute: seconds > 0 ? (calls / seconds) * 60 : 0,
    refusedByEndpoint: minus(to.refusedByEndpoint, from.refusedByEndpoint),
    byAccount: minus(to.byAccount, from.byAccount),
    byEndpoint: minus(to.byEndpoint, from.byEndpoint),
    peakPerSecond: whole.length > 0 ? Math.max(...whole) : calls,
    meanPerSecond: seconds > 0 ? calls / seconds : 0,
  };
}
