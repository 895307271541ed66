/**
 * The trader's journal (figures/journal/; docs/figures.md "Journal"; docs/api.md):
 *   GET /api/journal/trips?from&to&tz&method&strategyPrefix&symbol&cursor&limit -> Page<JournalTrip>,
 *     the round trips closed in the range, newest first;
 *   GET /api/journal?from&to&tz&method&strategyPrefix&benchmark -> JournalSummary: the statistics
 *     over those trips' values, by strategy, and the drawdown of the PnL curve over the range.
 * Per account, or for all accounts together (no `?account=` with several): every account's trips.
 * A date without a time in `from`/`to` is midnight in `tz` (default UTC).
 */
import type { JournalSummary, JournalTrip, Page } from "@mexc-live/contract";
import { dec } from "@mexc-live/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError } from "../../errors.js";
import type { CostMethod } from "../../figures/index.js";
import {
  byStrategy,
  drawdownOf,
  journalStats,
  type PnlPoint,
  rowOf,
  tripItem,
} from "../../figures/journal/journalAnswers.js";
import type { Trip } from "../../figures/journal/roundTrips.js";
import { offsetAt, periodStart } from "../../figures/timeZones.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import type { GatewayQueries } from "../queries/gatewayQueries.js";
import {
  cursorParam,
  limitParam,
  methodParam,
  params,
  parseQuery,
  symbolParam,
  timeParam,
  tzParam,
} from "../queryParams.js";

/** Prefixes a trader may name: a handful of bots, not a list to search. */
export const MAX_STRATEGY_PREFIXES = 20;
/** MEXC's clientOrderId (newClientOrderId) is at most 32 characters: a longer prefix matches nothing. */
export const MAX_STRATEGY_PREFIX_LENGTH = 32;
/** Points of the equity series the drawdown is measured on (the equity query's `step` is set to fit). */
const MAX_DRAWDOWN_POINTS = 2_000;

const strategyPrefixParam = z.string({ error: "must be given once" }).transform((value, ctx) => {
  const prefixes = value.split(",");
  const valid =
    prefixes.length <= MAX_STRATEGY_PREFIXES &&
    prefixes.every((prefix) => new RegExp(`^[\\x21-\\x2b\\x2d-\\x7e]{1,${MAX_STRATEGY_PREFIX_LENGTH}}$`).test(prefix));
  if (valid) return [...new Set(prefixes)];
  ctx.addIssue({
    code: "custom",
    message: `must be at most ${MAX_STRATEGY_PREFIXES} comma-separated prefixes of 1-${MAX_STRATEGY_PREFIX_LENGTH} printable characters`,
  });
  return z.NEVER;
});

const rangeShape = {
  from: timeParam.optional(),
  to: timeParam.optional(),
  tz: tzParam.optional(),
  method: methodParam.optional(),
  strategyPrefix: strategyPrefixParam.optional(),
};
const tripsQuery = params({
  ...rangeShape,
  symbol: symbolParam.optional(),
  limit: limitParam,
  cursor: cursorParam.optional(),
});
const summaryQuery = params({
  ...rangeShape,
  benchmark: z.enum(["BTC"], { error: 'must be "BTC"' }).optional(),
});

interface Range {
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly method: CostMethod | undefined;
  readonly prefixes: readonly string[];
}

export function journalRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/journal/trips", async (request, reply): Promise<Page<JournalTrip>> => {
    const q = parseQuery(tripsQuery, request.query);
    const range = rangeOf(request, q);
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    const all = await tripsIn(deps, request, range);
    const trips = q.symbol === undefined ? all : all.filter(({ trip }) => trip.symbol === q.symbol);
    return pageOf(trips, q.limit, q.cursor, range.prefixes);
  });

  app.get("/api/journal", async (request, reply): Promise<JournalSummary> => {
    const q = parseQuery(summaryQuery, request.query);
    const range = rangeOf(request, q);
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    const trips = (await tripsIn(deps, request, range)).map(({ trip, account }) => rowOf(trip, account));
    const performance = await queries.performance({
      ...(range.from === undefined ? {} : { from: range.from }),
      ...(range.to === undefined ? {} : { to: range.to }),
      ...(range.method === undefined ? {} : { method: range.method }),
    });
    const curve = await pnlCurve(queries, performance.from, performance.to, performance.netDeposits);
    return {
      from: range.from ?? null,
      to: range.to ?? null,
      method: range.method ?? performance.method ?? "avg",
      stats: journalStats(trips),
      byStrategy: byStrategy(trips, range.prefixes),
      drawdown: curve.length === 0 ? null : drawdownOf(curve),
      againstHolding: { pnl: performance.pnl ?? null, holdingPnl: null, difference: null },
      againstBenchmark: null,
    };
  });
}

/** The range asked, a date alone being midnight in `tz`. */
function rangeOf(
  request: FastifyRequest,
  q: { from?: number; to?: number; tz?: string; method?: CostMethod; strategyPrefix?: string[] },
): Range {
  const raw = request.query as Record<string, unknown>;
  const zone = q.tz ?? "UTC";
  const at = (name: "from" | "to", ms: number | undefined) =>
    ms !== undefined && typeof raw[name] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw[name] as string)
      ? localMidnight(zone, ms)
      : ms;
  const from = at("from", q.from);
  const to = at("to", q.to);
  if (from !== undefined && to !== undefined && to < from)
    throw new HttpError("BAD_REQUEST", "to: must not be before from");
  return { from, to, method: q.method, prefixes: q.strategyPrefix ?? [] };
}

/** The first instant of the date whose UTC midnight is `utcMidnight`, in `zone`. */
function localMidnight(zone: string, utcMidnight: number): number {
  // Near that instant (a clock change moves it an hour at most), then the start of its day.
  return periodStart(zone, "day", utcMidnight - offsetAt(zone, utcMidnight) + 2 * 3_600_000);
}

/** A trip kept and the account it is of (all accounts together). */
interface Sourced {
  readonly trip: Trip;
  readonly account: string | undefined;
}

/** The trips closed in the range, oldest close first: of the account asked, or of every account. */
async function tripsIn(deps: AppDeps, request: FastifyRequest, range: Range): Promise<Sourced[]> {
  const accounts = deps.accounts;
  const all =
    accounts !== undefined &&
    (request.query as Record<string, unknown>).account === undefined &&
    accounts.all().length > 1;
  const sources = all
    ? accounts.all().map((entry) => ({ account: entry.name, queries: entry.queries }))
    : [{ account: undefined, queries: scopeOf(deps, request).queries }];
  const out: Sourced[] = [];
  for (const source of sources) {
    if (source.queries.journalTrips === undefined) {
      throw new HttpError("NOT_ON_WEB_INSTANCE", "journal: kept by the collector only; ask it");
    }
    const trips = await source.queries.journalTrips(range.method);
    // In order of close: the range is a slice.
    const first = range.from === undefined ? 0 : upperBound(trips, range.from - 1);
    const end = range.to === undefined ? trips.length : upperBound(trips, range.to);
    for (let at = first; at < end; at++) out.push({ trip: trips[at] as Trip, account: source.account });
  }
  if (all) out.sort((a, b) => a.trip.closeTime - b.trip.closeTime);
  return out;
}

/** Newest first; the cursor says the close time reached and how many of that time were given. */
function pageOf(
  trips: readonly Sourced[],
  limit: number,
  cursor: string | undefined,
  prefixes: readonly string[],
): Page<JournalTrip> {
  const times = { length: trips.length, at: (i: number) => (trips[i] as Sourced).trip.closeTime };
  let end = trips.length;
  if (cursor !== undefined) {
    const key = /^(\d{1,15})\.(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
    if (key === null) throw new HttpError("BAD_REQUEST", "cursor: must be the nextCursor of a previous page");
    // The first trip after those of that time, then back past the ones of that time already given.
    end = Math.max(0, upperBoundOf(times, Number(key[1])) - Number(key[2]));
  }
  const start = Math.max(0, end - limit);
  const page = trips.slice(start, end).reverse();
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (start > 0 && last !== undefined) {
    const given = upperBoundOf(times, last.trip.closeTime) - start;
    nextCursor = Buffer.from(`${last.trip.closeTime}.${given}`, "latin1").toString("base64url");
  }
  const items = page.map(({ trip, account }) => tripItem(rowOf(trip, account), prefixes));
  return { items, nextCursor, total: trips.length };
}

/** The index of the first trip closed after `time` (trips in order of close). */
function upperBound(trips: readonly Trip[], time: number): number {
  return upperBoundOf({ length: trips.length, at: (i) => (trips[i] as Trip).closeTime }, time);
}

function upperBoundOf(times: { readonly length: number; at(i: number): number }, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times.at(mid) <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Equity minus the net flows since the history's start, at the equity series' points over the range. */
async function pnlCurve(
  queries: GatewayQueries,
  from: number,
  to: number,
  netDeposits: readonly { time: number; value: string }[],
): Promise<PnlPoint[]> {
  const step = Math.max(1_000, Math.ceil((to - from) / MAX_DRAWDOWN_POINTS));
  const equity = await queries.equity({ from, to, step });
  const points: PnlPoint[] = [];
  let flow = 0;
  for (const point of equity) {
    while (flow < netDeposits.length && (netDeposits[flow] as { time: number }).time <= point.time) flow++;
    const deposits = flow === 0 ? "0" : (netDeposits[flow - 1] as { value: string }).value;
    const value = dec(point.equity, "equity");
    points.push({ time: point.time, pnl: value.minus(dec(deposits, "netDeposits")), equity: value });
  }
  return points;
}
