/**
 * GatewayQueries over lists held in memory: a web instance's answer from its mirrored snapshots
 * when its collector does not answer (redisQueries.ts); the HTTP and stream layers' tests use it
 * as their data. Paging and filters behave like the store's: newest first, an opaque cursor,
 * InvalidCursorError for a cursor it did not issue.
 */
import {
  type AssetPnlItem,
  type BalanceItem,
  type EquityPoint,
  type FeeDaysAnswer,
  type FeeSummary,
  type FillItem,
  isOpenOrder,
  type JournalSummary,
  type JournalTrip,
  type LedgerItem,
  type OpeningPosition,
  type OrderItem,
  type Page,
  type PerformanceSummary,
  type PnlItem,
  type PnlPeriodItem,
  type TransferItem,
  type VolumeItem,
} from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { dec } from "@mexc-live/protocol";
import { InvalidCursorError } from "../../errors.js";
import { performance, type TaxRow } from "../../figures/index.js";
import type {
  EquityQuery,
  FillsQuery,
  GatewayQueries,
  LedgerQuery,
  OrdersQuery,
  PerformanceQuery,
  RangeQuery,
  TransfersQuery,
} from "./gatewayQueries.js";

export interface MemoryData {
  balances?: BalanceItem[];
  orders?: OrderItem[];
  fills?: FillItem[];
  equity?: EquityPoint[];
  fees?: FeeSummary;
  pnl?: PnlItem[];
  volume?: VolumeItem[];
  transfers?: TransferItem[];
  ledger?: LedgerItem[];
  openings?: OpeningPosition[];
}

export class MemoryQueries implements GatewayQueries {
  readonly balanceItems: BalanceItem[];
  readonly orderItems: OrderItem[];
  readonly fillItems: FillItem[];
  readonly equityPoints: EquityPoint[];
  feeSummary: FeeSummary;
  readonly pnlItems: PnlItem[];
  readonly volumeItems: VolumeItem[];
  readonly transferItems: TransferItem[];
  readonly ledgerItems: LedgerItem[];
  readonly openingItems: OpeningPosition[];

  constructor(data: MemoryData = {}) {
    this.balanceItems = data.balances ?? [];
    this.orderItems = data.orders ?? [];
    this.fillItems = data.fills ?? [];
    this.equityPoints = data.equity ?? [];
    this.feeSummary = data.fees ?? { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "0" };
    this.pnlItems = data.pnl ?? [];
    this.volumeItems = data.volume ?? [];
    this.transferItems = data.transfers ?? [];
    this.ledgerItems = data.ledger ?? [];
    this.openingItems = data.openings ?? [];
  }

  balances(): readonly BalanceItem[] {
    return this.balanceItems;
  }

  orders(query: OrdersQuery): Page<OrderItem> {
    const matching = this.orderItems
      .filter((order) => query.status === "all" || isOpenOrder(order))
      .filter((order) => query.symbol === undefined || order.symbol === query.symbol)
      .sort((a, b) => b.updateTime - a.updateTime || b.orderId.localeCompare(a.orderId));
    return page(matching, query.cursor, query.limit);
  }

  fills(query: FillsQuery): Page<FillItem> {
    return page([...this.inRange(query)].reverse(), query.cursor, query.limit);
  }

  equity(query: EquityQuery): readonly EquityPoint[] {
    const points = this.equityPoints.filter(
      (point) =>
        (query.from === undefined || point.time >= query.from) && (query.to === undefined || point.time <= query.to),
    );
    if (query.step === undefined) return points;
    const step = query.step;
    const lastPerStep = new Map<number, EquityPoint>();
    for (const point of points) lastPerStep.set(Math.floor(point.time / step), point);
    return [...lastPerStep.values()];
  }

  fees(): FeeSummary {
    return this.feeSummary;
  }

  transfers(query: TransfersQuery): Page<TransferItem> {
    const matching = this.transferItems
      .filter((item) => (query.type === undefined || item.type === query.type) && inRange(item, query))
      .filter((item) => query.asset === undefined || item.asset === query.asset)
      .sort((a, b) => b.time - a.time);
    return page(matching, query.cursor, query.limit);
  }

  ledger(query: LedgerQuery): Page<LedgerItem> {
    const matching = this.ledgerItems
      .filter((item) => (query.type === undefined || item.type === query.type) && inRange(item, query))
      .filter((item) => query.asset === undefined || item.asset === query.asset)
      .sort((a, b) => b.time - a.time);
    return page(matching, query.cursor, query.limit);
  }

  openingPositions(): readonly OpeningPosition[] {
    return this.openingItems;
  }

  pnl(): readonly PnlItem[] {
    return this.pnlItems;
  }

  /** Not kept in memory: no periods. */
  pnlPeriods(): readonly PnlPeriodItem[] {
    return [];
  }

  /** Not kept in memory: no holdings by asset. */
  assetPnl(): readonly AssetPnlItem[] {
    return [];
  }

  /** Not kept in memory: no series; the total is the summary's. */
  feeDays(): FeeDaysAnswer {
    return { quote: this.feeSummary.quote, items: [], total: this.feeSummary.totalValue };
  }

  /** From the equity points and transfers held; only the quote asset can be valued here (no bridge). */
  performance(query: PerformanceQuery): PerformanceSummary {
    const quote = this.feeSummary.quote;
    return performance({
      from: query.from ?? 0,
      to: query.to ?? Date.now(),
      equity: this.equityPoints,
      transfers: this.transferItems,
      priceAt: (asset) => (asset === quote ? dec("1") : undefined),
    });
  }

  /** Not kept in memory: no round trip. */
  journalTrips(): Page<JournalTrip> {
    return { items: [], nextCursor: null, total: 0 };
  }

  /** Not kept in memory: no trip, no drawdown, no comparison (holdings are the collector's). */
  journal(query: ReadQuery<"journal">): JournalSummary {
    const none = { count: 0, wins: 0, losses: 0, breakeven: 0, longestWinStreak: 0, longestLossStreak: 0 };
    const nulls = { winRate: null, profitFactor: null, averageWin: null, averageLoss: null, expectancy: null };
    return {
      from: typeof query.from === "number" ? query.from : null,
      to: typeof query.to === "number" ? query.to : null,
      method: query.method ?? "avg",
      stats: { ...none, ...nulls, best: null, worst: null, realized: "0", unpriced: 0 },
      byStrategy: [],
      drawdown: null,
      againstHolding: null,
      againstBenchmark: null,
    };
  }

  /** Not kept in memory: no disposals. */
  taxRows(): readonly TaxRow[] {
    return [];
  }

  volume(query: ReadQuery<"volume">): readonly VolumeItem[] {
    return this.volumeItems.filter((item) => query.symbol === undefined || item.symbol === query.symbol);
  }

  *allFills(query: RangeQuery): Iterable<FillItem> {
    yield* this.inRange(query);
  }

  /** Fills in the range, oldest first. */
  private inRange(query: RangeQuery): FillItem[] {
    return this.fillItems
      .filter((fill) => query.symbol === undefined || fill.symbol === query.symbol)
      .filter(
        (fill) =>
          (query.from === undefined || fill.time >= query.from) && (query.to === undefined || fill.time <= query.to),
      )
      .sort((a, b) => a.time - b.time || a.tradeId.localeCompare(b.tradeId));
  }
}

function inRange(item: { time: number }, query: { from?: number; to?: number }): boolean {
  return (query.from === undefined || item.time >= query.from) && (query.to === undefined || item.time <= query.to);
}

/** Offset paging with an opaque cursor ("p" + offset, base64url). */
function page<T>(items: readonly T[], cursor: string | undefined, limit: number): Page<T> {
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`p${offset + limit}`).toString("base64url") : null;
  return { items: slice, nextCursor: next, total: items.length };
}

function decodeCursor(cursor: string): number {
  const match = /^p(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new InvalidCursorError("cursor: not issued by this store");
  return Number(match[1]);
}
