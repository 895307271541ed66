/**
 * How the answers of several accounts to one read of the API table become one (contract
 * api/reads.ts, each row's `fold`): one function per kind of fold, the compiler asking for each.
 * The combinators (pagesByTime, defaultAccount) serve any row, by its columns.
 */
import {
  type AccountReadName,
  type AccountsFold,
  type BalanceItem,
  type EquityPoint,
  type FeeSummary,
  type PnlPeriodItem,
  READS,
  type ReadAnswers,
  type ReadRow,
} from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { Decimal, exact } from "@mexc-live/protocol";
import { sumMoneyWeighted } from "../../figures/portfolio/moneyWeightedAnswer.js";
import {
  leftOutTogether,
  sumAssetPnl,
  sumFeeDays,
  sumPerformance,
  sumRealizedCauses,
} from "../../figures/sumAccounts.js";
import type { AccountEntry } from "../accountDirectory.js";
import { allAccountsJournal } from "./allAccountsJournal.js";
import { mergedPage } from "./allAccountsPages.js";
import { askRead, type GatewayQueries } from "./gatewayQueries.js";

type Answer<T> = T | Promise<T>;

/** One account's answer to the read, with the account's name. */
interface AccountAnswer<T> {
  readonly account: string;
  readonly answer: T;
}

/** The read's kind of fold, from its row. */
type FoldOf<K extends AccountReadName> = (typeof READS)[K]["fold"];

/** What a fold may read besides the answers: the default account's queries, every account's, all of them together. */
export interface FoldContext {
  readonly fallback: GatewayQueries;
  readonly entries: readonly AccountEntry[];
  /** All accounts' queries (allAccountsQueries.ts): the other reads, folded. */
  readonly all: GatewayQueries;
}

/** A fold: every account's answer (in the accounts' order) to the read `name` -> one. */
export type Fold<K extends AccountReadName> = (
  answers: readonly AccountAnswer<ReadAnswers[K]>[],
  query: ReadQuery<K>,
  context: FoldContext,
  name: K,
) => Answer<ReadAnswers[K]>;

/** The reads of each kind of fold. */
type ReadOfFold<F extends AccountsFold> = { [K in AccountReadName]: FoldOf<K> extends F ? K : never }[AccountReadName];

/** The folds, by kind. Those of FOLDS_ASKING_NONE are given no answer: they ask the accounts themselves. */
export const FOLDS: { readonly [F in AccountsFold]: Fold<ReadOfFold<F>> } = {
  sumByTime: (answers) => sumSeries(answers.map(({ answer }) => answer)),
  sumByCurrency: (answers) => sumFees(answers.map(({ answer }) => answer)),
  sumByDay: (answers) => sumFeeDays(answers.map(({ answer }) => answer)),
  // Rows of any such answer (PnL by pair, holding times, alert rules): each with its account.
  rowsWithAccount: (answers) =>
    answers.flatMap(({ account, answer }) =>
      (answer as readonly object[]).map((row) => ({ ...row, account })),
    ) as unknown as ReadAnswers["pnl" | "holdingTimes" | "alertRules"],
  sumByAsset: (answers) => sumAssetPnl(answers.flatMap(({ answer }) => answer)),
  sumByPeriod: (answers) => sumPnlPeriods(answers.map(({ answer }) => answer)),
  sumCauses: (answers) => sumRealizedCauses(answers.map(({ answer }) => answer)),
  // Every account's bridge over the range, part by part, summed; one account's as it is.
  sumBridges: (answers, query, { fallback }) =>
    answers.length <= 1
      ? (answers[0]?.answer ?? askRead(fallback, "performance", query))
      : sumPerformance(answers.map(({ answer }) => answer)),
  // The money-weighted return of every account's equity and flows together; one account's as it is.
  irrOfAllFlows: (answers, query, { fallback }) =>
    answers.length === 0
      ? askRead(fallback, "moneyWeighted", query)
      : sumMoneyWeighted(answers.map(({ answer }) => answer)),
  sumHeld: (answers) => sumBalances(answers.flatMap(({ answer }) => answer)),
  // Every account's latest rows (the delivery log): each with its account, newest first, at most `limit`.
  latestWithAccount: (answers, query, _context, name) =>
    answers
      .flatMap(({ account, answer }) => answer.map((row) => ({ ...row, account })))
      .sort(newestFirst((READS[name] as ReadRow).newestFirst ?? []))
      .slice(0, query.limit),
  defaultAccount: (_answers, query, { fallback }, name) => askRead(fallback, name, query as never),
  // Pages merged: each account asked from its own cursor (allAccountsPages.ts).
  pagesByTime: (_answers, query, { entries }, name) =>
    mergedPage(
      entries,
      query,
      (queries, q) => askRead(queries, name, q as never),
      newestFirst((READS[name] as ReadRow).newestFirst ?? []),
    ) as never,
  journalOfAllTrips: (answers, query, { entries, all }) =>
    allAccountsJournal(
      entries,
      all,
      answers.map(({ answer }) => answer),
      query,
    ),
};

/** The folds given no answer: the default account answers (volume), or each account is asked its own way (a page of trips). */
export const FOLDS_ASKING_NONE: ReadonlySet<AccountsFold> = new Set(["defaultAccount", "pagesByTime"]);

/** Newest first by `fields` of the items: a number by its size, text by code units (as SQLite compares the store's ids). */
function newestFirst(fields: readonly string[]): (a: object, b: object) => number {
  return (a, b) => {
    for (const field of fields) {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      const order = typeof x === "number" && typeof y === "number" ? y - x : cmp(String(y), String(x));
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** Fees per currency, their value per currency and in total, summed. */
function sumFees(summaries: readonly FeeSummary[]): FeeSummary {
  const sum = (pick: (summary: FeeSummary) => Readonly<Record<string, string>>) => {
    const totals = new Map<string, Decimal>();
    for (const summary of summaries) {
      for (const [currency, amount] of Object.entries(pick(summary))) {
        totals.set(currency, (totals.get(currency) ?? new Decimal(0)).plus(amount));
      }
    }
    return Object.fromEntries([...totals.entries()].sort(([a], [b]) => cmp(a, b)).map(([c, v]) => [c, exact(v)]));
  };
  const total = summaries.reduce((acc, summary) => acc.plus(summary.totalValue), new Decimal(0));
  return {
    quote: summaries[0]?.quote ?? "",
    byCurrency: sum((summary) => summary.byCurrency),
    valueByCurrency: sum((summary) => summary.valueByCurrency),
    totalValue: exact(total),
  };
}

/**
 * Per period, realized, unrealized and fees summed (unrealized null once one account's is), the
 * assets left out by any account named, pending when one account's are; by period start.
 */
function sumPnlPeriods(lists: readonly (readonly PnlPeriodItem[])[]): PnlPeriodItem[] {
  const byPeriod = new Map<
    string,
    { item: PnlPeriodItem; realized: Decimal; unrealized: Decimal | null; fees: Decimal; items: PnlPeriodItem[] }
  >();
  for (const list of lists) {
    for (const item of list) {
      const held = byPeriod.get(item.period);
      const unrealized = item.unrealized === null ? null : new Decimal(item.unrealized);
      if (held === undefined) {
        byPeriod.set(item.period, {
          item,
          realized: new Decimal(item.realized),
          unrealized,
          fees: new Decimal(item.fees),
          items: [item],
        });
        continue;
      }
      held.realized = held.realized.plus(item.realized);
      held.unrealized = held.unrealized === null || unrealized === null ? null : held.unrealized.plus(unrealized);
      held.fees = held.fees.plus(item.fees);
      held.items.push(item);
    }
  }
  return [...byPeriod.values()]
    .sort((a, b) => a.item.from - b.item.from)
    .map(({ item, realized, unrealized, fees, items }) => {
      const { unpriced: _unpriced, pricesPending: _pending, ...rest } = item;
      const { unpriced, pricesPending } = leftOutTogether(items);
      return {
        ...rest,
        realized: exact(realized),
        unrealized: unrealized === null ? null : exact(unrealized),
        fees: exact(fees),
        ...(unpriced.length > 0 ? { unpriced } : {}),
        ...(pricesPending ? { pricesPending: true } : {}),
      };
    });
}

/**
 * At each time of any series, every series' latest point at or before it, summed (by asset too).
 * A time before one of the accounts' first point is left out: the sum would be of some accounts
 * only, shown as all accounts' equity (a fresh demo's "all accounts" series began at the main
 * account's 87,513 beside the 175,026 of both, 2 ms later). An account with no point at all in
 * the range does not hold the others back.
 */
export function sumSeries(series: readonly (readonly EquityPoint[])[]): EquityPoint[] {
  const allStarted = Math.max(...series.map((points) => points[0]?.time ?? Number.NEGATIVE_INFINITY));
  const times = [...new Set(series.flatMap((points) => points.map((point) => point.time)))]
    .filter((time) => time >= allStarted)
    .sort((a, b) => a - b);
  const at = series.map(() => -1);
  const out: EquityPoint[] = [];
  for (const time of times) {
    let equity = new Decimal(0);
    const byAsset = new Map<string, Decimal>();
    let estimated = false;
    series.forEach((points, index) => {
      while ((at[index] ?? -1) + 1 < points.length && points[(at[index] ?? -1) + 1]!.time <= time) at[index]!++;
      const point = points[at[index] ?? -1];
      if (point === undefined) return;
      equity = equity.plus(point.equity);
      estimated ||= point.estimated === true;
      for (const [asset, value] of Object.entries(point.byAsset)) {
        byAsset.set(asset, (byAsset.get(asset) ?? new Decimal(0)).plus(value));
      }
    });
    const sorted = [...byAsset.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push({
      time,
      equity: exact(equity),
      byAsset: Object.fromEntries(sorted.map(([asset, value]) => [asset, exact(value)])),
      ...(estimated ? { estimated: true } : {}),
    });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Per asset, free, locked and value summed across accounts (value null once one account's is); by asset. */
function sumBalances(items: readonly BalanceItem[]): BalanceItem[] {
  const sums = new Map<string, { item: BalanceItem; free: Decimal; locked: Decimal; value: Decimal | null }>();
  for (const item of items) {
    const held = sums.get(item.asset);
    if (held === undefined) {
      const value = item.value === null ? null : new Decimal(item.value);
      sums.set(item.asset, { item, free: new Decimal(item.free), locked: new Decimal(item.locked), value });
      continue;
    }
    held.free = held.free.plus(item.free);
    held.locked = held.locked.plus(item.locked);
    held.value = held.value === null || item.value === null ? null : held.value.plus(item.value);
  }
  return [...sums.values()]
    .map(({ item, free, locked, value }) => ({
      ...item,
      free: exact(free),
      locked: exact(locked),
      value: value === null ? null : exact(value),
    }))
    .sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
}
