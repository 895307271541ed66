/**
 * One account's answers to the API table's reads (contract api/reads.ts), by name: the one place
 * a read meets its read model. The store's queries (the gateway's http/queries/storeQueries.ts)
 * serve these as they are; the routes, the Redis request and reply and the fold of several
 * accounts are generic over the table. A new figure is its read model, its row in the contract's
 * table and its line here: what it answers. What it answers for an account with no history
 * (noHistory: what a web instance's mirror gives for a figure it does not hold) is an empty list or
 * page, unless its answer is neither: then the compiler asks for its row in OWN_NO_HISTORY.
 */
import {
  ACCOUNT_READ_NAMES,
  type AccountReadName,
  type FigureReadName,
  type JournalSummary,
  type Page,
  READS,
  type ReadAnswers,
} from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import type { GatewayStore } from "../store/index.js";
import { holdingTimes } from "./journal/holdingTimes.js";
import { accountJournal, rangeOf } from "./journal/journalReads.js";
import type { FiguresKeeper } from "./keeper.js";
import { noMoneyWeighted } from "./portfolio/moneyWeightedAnswer.js";
import type { PriceBook } from "./priceBook.js";
import type { Answer, TableReads } from "./tableReads.js";

/** One account's read models, as its one keeper holds them (keeper.ts). */
export interface AccountModels {
  readonly store: GatewayStore;
  readonly book: PriceBook;
  readonly keeper: FiguresKeeper;
}

type AccountRead<K extends FigureReadName> = (models: AccountModels, query: ReadQuery<K>) => Answer<ReadAnswers[K]>;

/** The table's reads of the read models (its rows `of: "figures"`; the history's lists are the store's). */
const FIGURE_READS = ACCOUNT_READ_NAMES.filter((name): name is FigureReadName => READS[name].of === "figures");

/** Every figure read, by name: the compiler asks for a row for each figure row of the contract's table. */
const ACCOUNT_READS: { readonly [K in FigureReadName]: AccountRead<K> } = {
  equity: ({ store }, query) => store.equity(query),
  fees: async ({ keeper }) => (await current(keeper)).fees(),
  feeDays: ({ keeper }, query) => keeper.queries.feeDays(query),
  pnl: async ({ keeper }, query) => (await current(keeper)).pnl(query.method),
  assetPnl: ({ keeper }, query) => keeper.queries.assetPnl(query.method),
  pnlPeriods: ({ keeper }, query) => keeper.queries.pnlPeriods(query),
  realized: async ({ keeper }, query) => {
    await keeper.ready();
    return query.from === undefined
      ? keeper.realizedCauses(query.method)
      : keeper.realizedCausesOver(
          { from: query.from, ...(query.to === undefined ? {} : { to: query.to }) },
          query.method,
        );
  },
  performance: ({ keeper }, query) => keeper.queries.performance(query),
  moneyWeighted: ({ keeper }, query) => keeper.queries.moneyWeighted(query),
  volume: async ({ keeper }, query) => (await current(keeper)).volume(query),
  journalTrips: (models, query) => journalOf(models).journalTrips(query),
  journal: (models, query) => journalOf(models).journal(query),
  holdingTimes: async ({ keeper }, query) => {
    await keeper.ready();
    await keeper.journal.load();
    // The trips' units and times are the same by either method: the default's list.
    return holdingTimes(keeper.journal.trips(keeper.figures.method), rangeOf(query), query.symbol);
  },
};

/** The figures by pair once they hold everything stored (the one keeper's pass under way ended). */
async function current(keeper: FiguresKeeper) {
  await keeper.ready();
  await keeper.figures.load();
  return keeper.figures;
}

/** The account's journal reads over its trips and its portfolio (journal/journalReads.ts). */
function journalOf({ store, book, keeper }: AccountModels): Pick<TableReads, "journalTrips" | "journal"> {
  return accountJournal({
    trips: async (method, from) => {
      await keeper.ready();
      return keeper.journal.tripsFrom(method ?? keeper.figures.method, from);
    },
    performance: (query) => keeper.queries.performance(query),
    equity: (query) => store.equity(query),
    comparisons: (range, benchmark) => keeper.queries.comparisons(range, benchmark),
    quote: book.quote,
    quotePriced: (asset) => asset === book.quote || book.symbolFor(asset, book.quote) !== undefined,
  });
}

/** The table's reads of one account's read models, each wrapped by `wrap` (the store's errors as the API's). */
export function accountReads(
  models: AccountModels,
  wrap: <T>(read: () => T) => T = (read) => read(),
): Pick<TableReads, FigureReadName> {
  return Object.fromEntries(
    FIGURE_READS.map((name) => [
      name,
      (query: ReadQuery<typeof name>) => wrap(() => (ACCOUNT_READS[name] as AccountRead<typeof name>)(models, query)),
    ]),
  ) as unknown as Pick<TableReads, FigureReadName>;
}

type NoHistory<K extends AccountReadName> = (query: ReadQuery<K>, quote: string) => ReadAnswers[K];

/** An empty page (a new one each time: an answer may be marked partial): what every list answers with nothing in it. */
const noPage = <T>(): Page<T> => ({ items: [], nextCursor: null, total: 0 });

/** The reads whose answer is a list or a page: with no history, an empty one. */
type ListReadName = {
  [K in AccountReadName]: ReadAnswers[K] extends readonly unknown[] | Page<unknown> ? K : never;
}[AccountReadName];

/** What the other reads answer for an account with no history: no fill, no trip, no fee, valued in `quote`. */
const OWN_NO_HISTORY: { readonly [K in Exclude<AccountReadName, ListReadName>]: NoHistory<K> } = {
  fees: (_query, quote) => ({ quote, byCurrency: {}, valueByCurrency: {}, totalValue: "0" }),
  feeDays: (_query, quote) => ({ quote, items: [], total: "0" }),
  realized: (query, quote) => ({ quote, method: query.method ?? "avg", byAsset: "0", byPair: "0", causes: [] }),
  performance: (query, quote) => ({
    from: query.from ?? 0,
    to: query.to ?? Date.now(),
    startEquity: null,
    endEquity: null,
    netFlows: "0",
    twr: null,
    netDeposits: [],
    method: query.method ?? "avg",
    quote,
    pnl: null,
    bridge: null,
    byAsset: [],
    unpriced: [],
    coverage: { historyStartsAt: null, status: "noHistory" },
  }),
  moneyWeighted: noMoneyWeighted,
  journal: (query): JournalSummary => {
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
  precisions: () => ({ assets: {}, symbols: {} }),
};

/** What the read `name` answers for an account with no history (an empty list or page, unless OWN_NO_HISTORY says). */
export function noHistory<K extends AccountReadName>(name: K, query: ReadQuery<K>, quote: string): ReadAnswers[K] {
  const own = (OWN_NO_HISTORY as Partial<Record<AccountReadName, NoHistory<K>>>)[name];
  if (own !== undefined) return own(query, quote);
  return (READS[name].fold === "pagesByTime" ? noPage() : []) as ReadAnswers[K];
}
