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
import type { BalanceItem, EquityPoint, Page, PnlPeriodItem } from "@mexc-live/contract";
import { Decimal, exact } from "@mexc-live/protocol";
import { InvalidCursorError } from "../../errors.js";
import type { AccountEntry } from "../accountDirectory.js";
import type { GatewayQueries } from "./gatewayQueries.js";
import { sumAssetPnl, sumFeeDays, sumPerformance } from "./sumFigures.js";

const CURSOR_PREFIX = "all.";

/** Items of one list across accounts: each with its account's name. */
type WithAccount<T> = T & { readonly account: string };

export function allAccountsQueries(entries: () => readonly AccountEntry[], fallback: GatewayQueries): GatewayQueries {
  /** One merged page: every account's page from its own cursor, newest first, then each account's next cursor. */
  const merged = async <T, Q extends { cursor?: string; limit: number }>(
    query: Q,
    read: (queries: GatewayQueries, query: Q) => Page<T> | Promise<Page<T>>,
    order: (a: T, b: T) => number,
  ): Promise<Page<WithAccount<T>>> => {
    const accounts = entries();
    const cursors = decode(query.cursor, accounts);
    // Each account gets its own cursor (none: from its start), never the composite one.
    const { cursor: _composite, ...own } = query;
    const pages = await Promise.all(
      accounts.map(async (entry) => {
        const cursor = cursors.get(entry.name);
        if (cursor === null) {
          // Nothing more of this account, but its items still count in the total.
          const { total } = await read(entry.queries, { ...own, limit: 1 } as Q);
          return { entry, items: [] as T[], next: null as string | null, total };
        }
        const page = await read(entry.queries, { ...own, ...(cursor === undefined ? {} : { cursor }) } as Q);
        return { entry, items: [...page.items], next: page.nextCursor, total: page.total };
      }),
    );
    const all = pages.flatMap(({ entry, items }) => items.map((item) => ({ entry, item })));
    all.sort((a, b) => order(a.item, b.item));
    const taken = all.slice(0, query.limit);
    const next = new Map<string, string | null | undefined>();
    let more = false;
    for (const { entry, items, next: pageNext } of pages) {
      const count = taken.filter((pick) => pick.entry === entry).length;
      const start = cursors.get(entry.name);
      if (start === null || items.length === 0) next.set(entry.name, null);
      else if (count === 0) next.set(entry.name, start);
      else if (count === items.length) next.set(entry.name, pageNext);
      else {
        // Part of this account's page was taken: its own cursor after exactly that many.
        const part = await read(entry.queries, {
          ...own,
          limit: count,
          ...(start === undefined ? {} : { cursor: start }),
        } as Q);
        next.set(entry.name, part.nextCursor);
      }
      if (next.get(entry.name) !== null) more = true;
    }
    return {
      items: taken.map(({ entry, item }) => ({ ...item, account: entry.name })),
      nextCursor: more ? encode(next) : null,
      total: pages.reduce((sum, page) => sum + page.total, 0),
    };
  };
  const newestFirst = (a: { time: number }, b: { time: number }) => b.time - a.time;

  return {
    ...fallback,
    async balances() {
      const sums = new Map<string, { item: BalanceItem; free: Decimal; locked: Decimal; value: Decimal | null }>();
      for (const entry of entries()) {
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
        .sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
    },
    async equity(query) {
      const series = await Promise.all(entries().map(async (entry) => [...(await entry.queries.equity(query))]));
      return sumSeries(series);
    },
    orders: (query) =>
      merged(
        query,
        (queries, q) => queries.orders(q),
        (a, b) => b.updateTime - a.updateTime || cmp(b.orderId, a.orderId),
      ),
    fills: (query) =>
      merged(
        query,
        (queries, q) => queries.fills(q),
        (a, b) => newestFirst(a, b) || cmp(b.tradeId, a.tradeId),
      ),
    transfers: (query) =>
      merged(
        query,
        (queries, q) => queries.transfers(q),
        (a, b) => newestFirst(a, b) || cmp(b.id, a.id),
      ),
    ledger: (query) =>
      merged(
        query,
        (queries, q) => queries.ledger(q),
        (a, b) => newestFirst(a, b) || cmp(b.id, a.id),
      ),
    async fees() {
      const summaries = await Promise.all(entries().map(async (entry) => entry.queries.fees()));
      const sum = (pick: (summary: (typeof summaries)[number]) => Readonly<Record<string, string>>) => {
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
    },
    async pnlPeriods(query) {
      const lists = await Promise.all(entries().map(async (entry) => entry.queries.pnlPeriods(query)));
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
    },
    async assetPnl(method) {
      const lists = await Promise.all(entries().map(async (entry) => entry.queries.assetPnl(method)));
      return sumAssetPnl(lists.flat());
    },
    async feeDays(query) {
      const answers = await Promise.all(entries().map(async (entry) => entry.queries.feeDays(query)));
      return sumFeeDays(answers);
    },
    async performance(query) {
      const answers = await Promise.all(entries().map(async (entry) => entry.queries.performance(query)));
      if (answers.length <= 1) return answers[0] ?? fallback.performance(query);
      return sumPerformance(answers);
    },
    async pnl(method) {
      const rows = await Promise.all(
        entries().map(async (entry) =>
          (await entry.queries.pnl(method)).map((row) => ({ ...row, account: entry.name })),
        ),
      );
      return rows.flat();
    },
  };
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

/** name -> its cursor (undefined: from the start; null: nothing more). */
function decode(cursor: string | undefined, accounts: readonly AccountEntry[]): Map<string, string | null | undefined> {
  const cursors = new Map<string, string | null | undefined>();
  if (cursor === undefined) return cursors;
  if (!cursor.startsWith(CURSOR_PREFIX)) throw new InvalidCursorError("cursor: not from a page of all accounts");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(CURSOR_PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError("cursor: malformed");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidCursorError("cursor: malformed");
  }
  const known = new Set(accounts.map((entry) => entry.name));
  for (const [name, value] of Object.entries(parsed)) {
    if (!known.has(name) || (value !== null && typeof value !== "string"))
      throw new InvalidCursorError("cursor: malformed");
    cursors.set(name, value);
  }
  // An account the cursor does not name (added since): from its start.
  return cursors;
}

function encode(cursors: ReadonlyMap<string, string | null | undefined>): string {
  const body: Record<string, string | null> = {};
  for (const [name, cursor] of cursors) if (cursor !== undefined) body[name] = cursor;
  return CURSOR_PREFIX + Buffer.from(JSON.stringify(body)).toString("base64url");
}
