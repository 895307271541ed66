/**
 * GatewayQueries over lists held in memory: a web instance's answer from its mirrored snapshots
 * when its collector does not answer (redisQueries.ts); the HTTP and stream layers' tests use it
 * as their data. Paging and filters behave like the store's: newest first, an opaque cursor,
 * InvalidCursorError for a cursor it did not issue.
 */
import {
  ACCOUNT_READ_NAMES,
  type AccountReadName,
  type BalanceItem,
  type EquityPoint,
  type FeeDaysAnswer,
  type FeeSummary,
  type FillItem,
  isOpenOrder,
  type LedgerItem,
  type OpeningPosition,
  type OrderItem,
  type Page,
  type PerformanceSummary,
  type PnlItem,
  type TransferItem,
  type VolumeItem,
} from "@mexc-live/contract";
import type { ExportQuery, ReadQuery } from "@mexc-live/contract/api";
import { dec } from "@mexc-live/protocol";
import { InvalidCursorError } from "../../errors.js";
import { noHistory } from "../../figures/accountReads.js";
import { performance, type TaxRow } from "../../figures/index.js";
import type { TableReads } from "../../figures/tableReads.js";
import type { GatewayQueries } from "./gatewayQueries.js";

interface MemoryData {
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

/** The API table's reads held in memory; every other read answers as for an account with no history. */
const HELD = [
  ...["equity", "fees", "feeDays", "pnl", "performance", "volume"],
  ...["orders", "fills", "transfers", "ledger", "openingPositions", "balances"],
] as const satisfies readonly AccountReadName[];
type HeldReads = (typeof HELD)[number];
const HELD_READS: ReadonlySet<AccountReadName> = new Set(HELD);

/**
 * The reads not held: declared here, each set in the constructor from noHistory (a new read of
 * the API table is one, with no change here).
 */
type NotHeld = { -readonly [K in Exclude<AccountReadName, HeldReads>]: TableReads[K] };
export interface MemoryQueries extends NotHeld {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor sets every member of NotHeld (figures/accountReads.test.ts asks each).
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
    this.feeSummary = data.fees ?? noHistory("fees", {}, "USDT");
    this.pnlItems = data.pnl ?? [];
    this.volumeItems = data.volume ?? [];
    this.transferItems = data.transfers ?? [];
    this.ledgerItems = data.ledger ?? [];
    this.openingItems = data.openings ?? [];
    for (const name of ACCOUNT_READ_NAMES) {
      if (HELD_READS.has(name)) continue;
      (this as unknown as Record<string, unknown>)[name] = (query?: ReadQuery<typeof name>) =>
        noHistory(name, query ?? ({} as ReadQuery<typeof name>), this.feeSummary.quote);
    }
  }

  balances(): readonly BalanceItem[] {
    return this.balanceItems;
  }

  orders(query: ReadQuery<"orders">): Page<OrderItem> {
    const matching = this.orderItems
      .filter((order) => query.status === "all" || isOpenOrder(order))
      .filter((order) => query.symbol === undefined || order.symbol === query.symbol)
      .sort((a, b) => b.updateTime - a.updateTime || b.orderId.localeCompare(a.orderId));
    return page(matching, query.cursor, query.limit);
  }

  fills(query: ReadQuery<"fills">): Page<FillItem> {
    return page([...this.inRange(query)].reverse(), query.cursor, query.limit);
  }

  equity(query: ReadQuery<"equity">): readonly EquityPoint[] {
    const points = this.equityPoints.filter((point) => inRange(point, query));
    if (query.step === undefined) return points;
    const step = query.step;
    const lastPerStep = new Map<number, EquityPoint>();
    for (const point of points) lastPerStep.set(Math.floor(point.time / step), point);
    return [...lastPerStep.values()];
  }

  fees(): FeeSummary {
    return this.feeSummary;
  }

  transfers(query: ReadQuery<"transfers">): Page<TransferItem> {
    return movements(this.transferItems, query);
  }

  ledger(query: ReadQuery<"ledger">): Page<LedgerItem> {
    return movements(this.ledgerItems, query);
  }

  openingPositions(): readonly OpeningPosition[] {
    return this.openingItems;
  }

  pnl(): readonly PnlItem[] {
    return this.pnlItems;
  }

  /** No series held; its total is the fee summary's (as /api/fees' totalValue is the series' last cumulative). */
  feeDays(): FeeDaysAnswer {
    return { quote: this.feeSummary.quote, items: [], total: this.feeSummary.totalValue };
  }

  /** From the equity points and transfers held; only the quote asset can be valued here (no bridge). */
  performance(query: ReadQuery<"performance">): PerformanceSummary {
    const quote = this.feeSummary.quote;
    // Nothing held: what an account with no history answers, not a bridge of nothing.
    if (this.equityPoints.length === 0 && this.transferItems.length === 0)
      return noHistory("performance", query, quote);
    return performance({
      from: query.from ?? 0,
      to: query.to ?? Date.now(),
      equity: this.equityPoints,
      transfers: this.transferItems,
      priceAt: (asset) => (asset === quote ? dec("1") : undefined),
    });
  }

  /** Not kept in memory: no disposals. */
  taxRows(): readonly TaxRow[] {
    return [];
  }

  /** Not kept in memory: the files for other tools are read from an account's store, which is not here. */
  toolExport(): never {
    throw new Error("exports to other tools read an account's store; memory holds none");
  }

  volume(query: ReadQuery<"volume">): readonly VolumeItem[] {
    return this.volumeItems.filter((item) => query.symbol === undefined || item.symbol === query.symbol);
  }

  *allFills(query: ExportQuery<"fills">): Iterable<FillItem> {
    yield* this.inRange(query);
  }

  /** Fills in the range, oldest first. */
  private inRange(query: ExportQuery<"fills">): FillItem[] {
    return this.fillItems
      .filter((fill) => (query.symbol === undefined || fill.symbol === query.symbol) && inRange(fill, query))
      .sort((a, b) => a.time - b.time || a.tradeId.localeCompare(b.tradeId));
  }
}

function inRange(item: { time: number }, query: { from?: number; to?: number }): boolean {
  return (query.from === undefined || item.time >= query.from) && (query.to === undefined || item.time <= query.to);
}

/** A page of transfers or ledger entries of a type and asset in the range, newest first. */
function movements<T extends { readonly time: number; readonly type: string; readonly asset: string }>(
  items: readonly T[],
  query: ReadQuery<"transfers" | "ledger">,
): Page<T> {
  const matching = items
    .filter((item) => (query.type === undefined || item.type === query.type) && inRange(item, query))
    .filter((item) => query.asset === undefined || item.asset === query.asset)
    .sort((a, b) => b.time - a.time);
  return page(matching, query.cursor, query.limit);
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
