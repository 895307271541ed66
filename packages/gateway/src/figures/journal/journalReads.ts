/**
 * One account's journal as two reads of the API table (contract api/reads.ts: journalTrips,
 * journal; docs/figures.md "Journal"):
 *   journalTrips  the round trips closed in the range (a date alone in `from`/`to` is midnight in
 *                 `tz`), of one pair if asked, newest close first, in pages;
 *   journal       their statistics and split by strategy, the drawdown of the PnL curve (equity
 *                 minus the net deposits line of Performance), the range against holding still and
 *                 against a benchmark asset (comparisons.ts).
 * From the trips the account's keeper holds (trips.ts) and its portfolio (performanceAnswer.ts,
 * comparisonsAnswer.ts). All accounts' journal (the rows'
 * folds, the gateway's http/queries/allAccountsJournal.ts) works its statistics out again over
 * every account's trips with the range and summary here.
 */
import type { EquityPoint, JournalSummary, JournalTrip, Page, PerformanceSummary } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { DAY_MS, dec, HOUR_MS } from "@mexc-live/protocol";
import { HttpError } from "../../errors.js";
import type { GatewayStore } from "../../store/index.js";
import type { CostMethod } from "../engine/lots.js";
import { figureRead } from "../figureRead.js";
import { type Comparisons, comparisonsOf } from "../portfolio/comparisonsAnswer.js";
import { performanceOf } from "../portfolio/performanceAnswer.js";
import type { PortfolioQueries } from "../portfolio/portfolioQueries.js";
import type { PerformanceRange } from "../portfolio/readings.js";
import type { PriceBook } from "../priceBook.js";
import { forEachInSlices } from "../sliceBudget.js";
import type { Answer, TableReads } from "../tableReads.js";
import { offsetAt, periodStart } from "../timeZones.js";
import { drawdownOf, outcomeOf, type PnlPoint, rowOf, SummaryTally, tripItem } from "./journalAnswers.js";
import type { Journal } from "./trips.js";
import type { TripList } from "./tripTable.js";

type TripsQuery = ReadQuery<"journalTrips">;
export type SummaryQuery = ReadQuery<"journal">;

/** Points of the equity series the drawdown is measured on (the equity query's `step` is set to fit). */
const MAX_DRAWDOWN_POINTS = 2_000;

/** The range asked: ms, the method, the strategy prefixes. */
export interface Range {
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly method: CostMethod | undefined;
  readonly prefixes: readonly string[];
}

/** The range of a query, a date alone being midnight in `tz` (default UTC). */
export function rangeOf(query: TripsQuery | SummaryQuery): Range {
  const zone = query.tz ?? "UTC";
  const at = (value: number | string | undefined) =>
    value === undefined ? undefined : typeof value === "number" ? value : localMidnight(zone, value);
  const from = at(query.from);
  const to = at(query.to);
  if (from !== undefined && to !== undefined && to < from)
    throw new HttpError("BAD_REQUEST", "to: must not be before from");
  return { from, to, method: query.method, prefixes: query.strategyPrefix ?? [] };
}

/** The first instant of `date` (YYYY-MM-DD) in `zone`. */
function localMidnight(zone: string, date: string): number {
  const utcMidnight = Date.parse(date);
  // Near that instant (a clock change moves it an hour at most), then the start of its day.
  return periodStart(zone, "day", utcMidnight - offsetAt(zone, utcMidnight) + 2 * HOUR_MS);
}

/** What one account's journal reads besides its trips. */
export interface AccountJournalDeps {
  /**
   * The account's round trips by `method` closed at `from` or later (every one when undefined),
   * in the order they closed; some closed before `from` may come first (trips.ts tripsFrom).
   */
  readonly trips: (method: CostMethod | undefined, from: number | undefined) => Promise<TripList>;
  readonly performance: (query: ReadQuery<"performance">) => Answer<PerformanceSummary>;
  readonly equity: (query: ReadQuery<"equity">) => Answer<readonly EquityPoint[]>;
  /** The range against holding still and against `benchmark` (figures/portfolio/portfolioQueries.ts). */
  readonly comparisons: (range: PerformanceRange, benchmark: string | undefined) => Promise<Comparisons>;
  /** The quote currency, and whether an asset has a price in it (a pair against it, or it is it). */
  readonly quote: string;
  readonly quotePriced: (asset: string) => boolean;
}

/** One account's journal reads. */
function accountJournal(deps: AccountJournalDeps): Pick<TableReads, "journalTrips" | "journal"> {
  /** The trips closed in the range, oldest close first. */
  const tripsIn = async (range: Range): Promise<TripList> => {
    const trips = await deps.trips(range.method, range.from);
    const first = range.from === undefined ? 0 : upperBound(trips, range.from - 1);
    const end = range.to === undefined ? trips.length : upperBound(trips, range.to);
    return trips.slice(first, end);
  };
  return {
    async journalTrips(query) {
      const range = rangeOf(query);
      const inRange = await tripsIn(range);
      const trips = query.symbol === undefined ? inRange : inRange.ofSymbol(query.symbol);
      return pageOf(trips, query.limit, query.cursor, range.prefixes);
    },
    async journal(query) {
      const range = rangeOf(query);
      const { benchmark } = query;
      if (benchmark !== undefined && !deps.quotePriced(benchmark)) {
        throw new HttpError(
          "BAD_REQUEST",
          `benchmark: ${benchmark} has no price in ${deps.quote} (MEXC lists no ${benchmark}${deps.quote}); name an asset such as BTC`,
        );
      }
      // Half a million trips at a million fills: tallied in slices of the event loop.
      const tally = new SummaryTally();
      await forEachInSlices(await tripsIn(range), (trip) => tally.add(outcomeOf(rowOf(trip), range.prefixes)));
      const comparisons = await deps.comparisons(performanceRange(range), benchmark);
      return summaryOf(tally, range, deps, comparisons);
    },
  };
}

/** What the journal's figure reads read of the account's models (figureRead.ts; keeper.ts AccountModels). */
export interface JournalModels {
  readonly store: Pick<GatewayStore, "equity">;
  readonly book: Pick<PriceBook, "quote" | "symbolFor">;
  readonly keeper: {
    ready(): Promise<void>;
    readonly journal: Pick<Journal, "tripsFrom" | "trips" | "load">;
    readonly figures: { readonly method: CostMethod };
    readonly queries: PortfolioQueries;
  };
}

/** The account's journal reads over its trips and its portfolio. */
function journalOf({ store, book, keeper }: JournalModels): Pick<TableReads, "journalTrips" | "journal"> {
  return accountJournal({
    trips: async (method, from) => {
      await keeper.ready();
      return keeper.journal.tripsFrom(method ?? keeper.figures.method, from);
    },
    performance: (query) => performanceOf(keeper.queries, query),
    equity: (query) => store.equity(query),
    comparisons: (range, benchmark) => comparisonsOf(keeper.queries, range, benchmark),
    quote: book.quote,
    quotePriced: (asset) => asset === book.quote || book.symbolFor(asset, book.quote) !== undefined,
  });
}

export const journalTripsRead = figureRead("journalTrips", {
  answer: (models: JournalModels, query) => journalOf(models).journalTrips(query),
});

export const journalRead = figureRead("journal", {
  answer: (models: JournalModels, query) => journalOf(models).journal(query),
  noHistory: (query): JournalSummary => {
    const none = { count: 0, wins: 0, losses: 0, breakeven: 0, longestWinStreak: 0, longestLossStreak: 0 };
    const nulls = { winRate: null, profitFactor: null, averageWin: null, averageLoss: null, expectancy: null };
    return {
      from: typeof query.from === "number" ? query.from : null,
      to: typeof query.to === "number" ? query.to : null,
      method: query.method ?? "avg",
      stats: { ...none, ...nulls, best: null, worst: null, realized: "0", unpriced: 0 },
      byStrategy: [],
      drawdown: null,
      // Nothing held at the start and nothing traded: nothing to compare, not unknown.
      againstHolding: { pnl: null, holdingPnl: null, difference: null, unpriced: [] },
      againstBenchmark: null,
    };
  },
});

/** The summary of trips (tallied in the order they closed) over a range, with its comparisons. */
export async function summaryOf(
  tally: SummaryTally,
  range: Range,
  reads: Pick<AccountJournalDeps, "performance" | "equity">,
  comparisons: { readonly [K in "holding" | "benchmark"]: Comparisons[K] | null },
): Promise<JournalSummary> {
  const performance = await reads.performance(performanceRange(range));
  const curve = await pnlCurve(reads, performance.from, performance.to, performance.netDeposits);
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    method: range.method ?? performance.method ?? "avg",
    stats: tally.all.stats(),
    byStrategy: tally.byStrategy(),
    drawdown: curve.length === 0 ? null : drawdownOf(curve),
    againstHolding: comparisons.holding,
    againstBenchmark: comparisons.benchmark,
  };
}

function performanceRange(range: Range): PerformanceRange & ReadQuery<"performance"> {
  return {
    ...(range.from === undefined ? {} : { from: range.from }),
    ...(range.to === undefined ? {} : { to: range.to }),
    ...(range.method === undefined ? {} : { method: range.method }),
  };
}

/** Equity minus the net flows since the history's start, at the equity series' points over the range. */
async function pnlCurve(
  reads: Pick<AccountJournalDeps, "equity">,
  from: number,
  to: number,
  netDeposits: readonly { time: number; value: string }[],
): Promise<PnlPoint[]> {
  const step = Math.max(1_000, Math.min(366 * DAY_MS, Math.ceil((to - from) / MAX_DRAWDOWN_POINTS)));
  const equity = await reads.equity({ from, to, step });
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

/** Newest first; the cursor says the close time reached and how many of that time were given. */
function pageOf(
  trips: TripList,
  limit: number,
  cursor: string | undefined,
  prefixes: readonly string[],
): Page<JournalTrip> {
  let end = trips.length;
  if (cursor !== undefined) {
    const key = /^(\d{1,15})\.(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
    if (key === null) throw new HttpError("BAD_REQUEST", "cursor: must be the nextCursor of a previous page");
    // The first trip after those of that time, then back past the ones of that time already given.
    end = Math.max(0, upperBound(trips, Number(key[1])) - Number(key[2]));
  }
  const start = Math.max(0, end - limit);
  const page = [...trips.slice(start, end)].reverse();
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (start > 0 && last !== undefined) {
    const given = upperBound(trips, last.closeTime) - start;
    nextCursor = Buffer.from(`${last.closeTime}.${given}`, "latin1").toString("base64url");
  }
  return { items: page.map((trip) => tripItem(rowOf(trip), prefixes)), nextCursor, total: trips.length };
}

/** The index of the first trip closed after `time` (trips in order of close). */
function upperBound(trips: TripList, time: number): number {
  let lo = 0;
  let hi = trips.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trips.closeTime(mid) <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
