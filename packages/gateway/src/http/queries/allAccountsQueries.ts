/**
 * All accounts together: what the account-scoped routes answer without `?account=` when an
 * instance serves several accounts (issue 16). Where adding up means something:
 *
 *   balances   per asset, free, locked and value summed across accounts
 *   equity     at each time, every account's latest point at or before it, summed
 *   orders, fills, transfers, ledger   one list, newest first, each item with its `account`; the
 *              cursor holds each account's own cursor, so paging never skips nor repeats one;
 *              the page's `total` is every account's total summed
 *   pnl        each account's rows, with their `account`
 *   pnl/periods   per period, realized, unrealized and fees summed (all valued in the quote
 *              currency; an account with nothing in a period adds nothing); unrealized null
 *              when an account's cannot be valued
 *   fees       per currency and in total, summed; the fee series by day, summed
 *   pnl by asset  per asset, quantity, cost basis, realized, fees, value summed (a position held
 *              in two accounts is one row)
 *   performance   every account's bridge over the range, part by part, summed (each account's
 *              figures use the same prices); the time-weighted return of the sum
 *
 * The rest (the tax report, the fills export, opening positions, volume) answer for the default
 * account; the README says so.
 */
import type {
  AssetPnlItem,
  BalanceItem,
  EquityPoint,
  FeeDaysAnswer,
  FeeSummary,
  PerformanceSummary,
  PnlItem,
  PnlPeriodItem,
} from "@mexc-live/contract";
import { Decimal, exact } from "@mexc-live/protocol";
import type { AccountEntry } from "../accountDirectory.js";
import { mergedPage } from "./allAccountsPages.js";
import type { GatewayQueries } from "./gatewayQueries.js";
import { sumAssetPnl, sumFeeDays, sumPerformance } from "./sumFigures.js";

type Entries = () => readonly AccountEntry[];

/** The queries of all accounts together: each route's read of every account, summed or merged (above). */
export function allAccountsQueries(entries: Entries, fallback: GatewayQueries): GatewayQueries {
  // The default account's version is not all accounts': theirs is versionSum's (below).
  const { figuresVersion, ...fallbackReads } = fallback;
  return {
    ...fallbackReads,
    balances: () => allBalances(entries()),
    equity: async (query) => sumSeries(await eachAccount(entries(), (queries) => queries.equity(query))),
    orders: (query) => mergedPage(entries(), query, (queries, q) => queries.orders(q), newestOrderFirst),
    fills: (query) => mergedPage(entries(), query, (queries, q) => queries.fills(q), newestFillFirst),
    transfers: (query) => mergedPage(entries(), query, (queries, q) => queries.transfers(q), newestByIdFirst),
    ledger: (query) => mergedPage(entries(), query, (queries, q) => queries.ledger(q), newestByIdFirst),
    fees: async () => sumFees(await eachAccount(entries(), (queries) => queries.fees())),
    pnlPeriods: async (query) => sumPnlPeriods(await eachAccount(entries(), (queries) => queries.pnlPeriods(query))),
    assetPnl: async (method) => allAssetPnl(await eachAccount(entries(), (queries) => queries.assetPnl(method))),
    feeDays: async (query) => allFeeDays(await eachAccount(entries(), (queries) => queries.feeDays(query))),
    performance: (query) => allPerformance(entries(), query, fallback),
    pnl: (method) => allPnl(entries(), method),
    ...versionSum(entries),
  };
}

/**
 * The figures version of all accounts: the sum of each one's (each only increases, so the sum
 * moves whenever any account's does); none when an account keeps none.
 */
function versionSum(entries: Entries): Pick<GatewayQueries, "figuresVersion"> {
  const versions = entries().map((entry) => entry.queries.figuresVersion);
  if (versions.some((version) => version === undefined)) return {};
  return {
    figuresVersion: () => entries().reduce((sum, entry) => sum + (entry.queries.figuresVersion?.() ?? 0), 0),
  };
}

/** Every account's answer to the same read, in the accounts' order. */
function eachAccount<T>(
  accounts: readonly AccountEntry[],
  read: (queries: GatewayQueries) => T | Promise<T>,
): Promise<T[]> {
  return Promise.all(accounts.map(async (entry) => read(entry.queries)));
}

function newestOrderFirst(a: { updateTime: number; orderId: string }, b: { updateTime: number; orderId: string }) {
  return b.updateTime - a.updateTime || cmp(b.orderId, a.orderId);
}

function newestFillFirst(a: { time: number; tradeId: string }, b: { time: number; tradeId: string }) {
  return b.time - a.time || cmp(b.tradeId, a.tradeId);
}

function newestByIdFirst(a: { time: number; id: string }, b: { time: number; id: string }) {
  return b.time - a.time || cmp(b.id, a.id);
}

/** Per asset, free, locked and value summed across accounts (value null once one account's is); by asset. */
async function allBalances(accounts: readonly AccountEntry[]): Promise<BalanceItem[]> {
  const sums = new Map<string, { item: BalanceItem; free: Decimal; locked: Decimal; value: Decimal | null }>();
  for (const entry of accounts) {
    for (const item of await entry.queries.balances()) {
      const held = sums.get(item.asset);
      if (held === undefined) {
        sums.set(item.asset, {
          item,
          free: new Decimal(item.free),
          locked: new Decimal(item.locked),
          value: item.value === null ? null : new Decimal(item.value),
        });
        continue;
      }
      held.free = held.free.plus(item.free);
      held.locked = held.locked.plus(item.locked);
      held.value = held.value === null || item.value === null ? null : held.value.plus(item.value);
    }
  }
  return [...sums.values()]
    .map(({ item, free, locked, value }) => ({
      ...item,
      free: exact(free),
      locked: exact(locked),
      value: value === null ? null : exact(value),
    }))
    .sort((a, b) => cmp(a.asset, b.asset));
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

/** Per period, realized, unrealized and fees summed (unrealized null once one account's is); by period start. */
function sumPnlPeriods(lists: readonly (readonly PnlPeriodItem[])[]): PnlPeriodItem[] {
  const byPeriod = new Map<
    string,
    { item: PnlPeriodItem; realized: Decimal; unrealized: Decimal | null; fees: Decimal }
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
        });
        continue;
      }
      held.realized = held.realized.plus(item.realized);
      held.unrealized = held.unrealized === null || unrealized === null ? null : held.unrealized.plus(unrealized);
      held.fees = held.fees.plus(item.fees);
    }
  }
  return [...byPeriod.values()]
    .sort((a, b) => a.item.from - b.item.from)
    .map(({ item, realized, unrealized, fees }) => ({
      ...item,
      realized: exact(realized),
      unrealized: unrealized === null ? null : exact(unrealized),
      fees: exact(fees),
    }));
}

/** Per asset, every account's position figures summed (a position held in two accounts is one row). */
function allAssetPnl(lists: readonly (readonly AssetPnlItem[])[]): AssetPnlItem[] {
  return sumAssetPnl(lists.flat());
}

/** The fee series by day, summed. */
function allFeeDays(answers: readonly FeeDaysAnswer[]): FeeDaysAnswer {
  return sumFeeDays(answers);
}

/** Every account's bridge over the range, part by part, summed; one account's as it is. */
async function allPerformance(
  accounts: readonly AccountEntry[],
  query: Parameters<GatewayQueries["performance"]>[0],
  fallback: GatewayQueries,
): Promise<PerformanceSummary> {
  const answers = await eachAccount(accounts, (queries) => queries.performance(query));
  if (answers.length <= 1) return answers[0] ?? fallback.performance(query);
  return sumPerformance(answers);
}

/** Each account's rows, with their `account`. */
async function allPnl(
  accounts: readonly AccountEntry[],
  method: Parameters<GatewayQueries["pnl"]>[0],
): Promise<PnlItem[]> {
  const rows = await Promise.all(
    accounts.map(async (entry) => (await entry.queries.pnl(method)).map((row) => ({ ...row, account: entry.name }))),
  );
  return rows.flat();
}

/** At each time of any series, every series' latest point at or before it, summed (by asset too). */
export function sumSeries(series: readonly (readonly EquityPoint[])[]): EquityPoint[] {
  const times = [...new Set(series.flatMap((points) => points.map((point) => point.time)))].sort((a, b) => a - b);
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
