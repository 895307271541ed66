/**
 * What the user stream has told downstream so far, so that nothing is told twice and nothing
 * goes backwards, whichever source (stream or REST) says it first:
 *
 * - fills: by trade id and order id (both sides of a self-trade share the trade id);
 * - orders: by progress. An order update is news only if it moves the order forward: more
 *   quantity filled, or the same quantity and a later status (NEW < PARTIALLY_FILLED < final);
 * - balances: by value and by time. A stream push is news when (free, locked) changed. A REST
 *   balance read at time R supersedes every push of the asset received before R (minus a margin
 *   in case MEXC's REST lags its pushes): a push lost inside one connection (never re-sent) is
 *   then put right by the next read. A push received after R - margin is kept (it may be newer);
 *   if REST disagrees with one received just before R, the caller is told to reconcile again;
 * - per symbol, a fill watermark: the time up to which every fill is known. It moves with stream
 *   fills only while the stream is in sync, and with each reconciliation; the next
 *   reconciliation asks myTrades from there.
 *
 * Bounded: trade ids and finished orders recorded longer ago than the retention (or beyond the
 * entry cap, oldest first) are forgotten; they are behind every watermark by then.
 */
import {
  type BalanceUpdate,
  Decimal as Big,
  type Fill,
  isFinalStatus,
  type OrderStatus,
  type OrderUpdate,
  orderMovesForward,
  type TriggerState,
} from "@mexc-live/protocol";
import { DEDUP_MAX_ENTRIES, DEDUP_RETENTION_MS, REST_BALANCE_LAG_MS } from "../constants.js";

export type Source = "stream" | "rest";
export type Sourced<E> = E & { readonly source: Source };
/**
 * A fill as delivered. `resumable`: every fill of its symbol up to this one has been delivered
 * (a stream fill while in sync, or REST's, which come oldest first from the watermark on), so a
 * caller may keep it as the place to resume from (its LastFill). False for a stream fill that
 * arrives during a reconciliation: it goes on at once, ahead of older fills REST may still bring,
 * and a caller that resumed from it after a crash would never ask for those.
 */
export type DeliveredFill = Sourced<Fill> & { readonly resumable: boolean };
export type UserEvent = DeliveredFill | Sourced<OrderUpdate> | Sourced<BalanceUpdate>;

/** The last fill a caller already holds for a symbol (e.g. from its database), to resume from. */
export interface LastFill {
  readonly tradeId: string;
  /** ms, exchange time of the fill */
  readonly time: number;
}

export interface KnownOrder {
  readonly symbol: string;
  readonly orderId: string;
  readonly status: OrderStatus;
  /** Stop-limit orders: the trigger's state as last heard. */
  readonly triggerState?: TriggerState;
  /** Why MEXC canceled it, once a REST read said (the push never does). */
  readonly cancelReason?: string;
  readonly cumulativeQuantity: string;
  readonly updatedAt: number;
}

export interface KnownBalance {
  readonly free: string;
  readonly locked: string;
}

/** What to do with a REST balance (ExecutionRecord.acceptRestBalance). */
export type RestBalanceVerdict =
  /** REST is newer than every push of the asset: pushes still held back are stale. `news`: it changed the balance. */
  | { readonly use: true; readonly news: boolean; readonly before: KnownBalance | undefined }
  /** A push may be newer; `doubt`: one received just before the read disagrees with it, read again later. */
  | { readonly use: false; readonly doubt: boolean };

interface LastPush {
  /** Local ms the push was received. */
  readonly at: number;
  readonly value: KnownBalance;
}

/** Finished orders are swept for age once per this many order updates. */
const ORDER_SWEEP_EVERY = 1_000;

export { isFinalStatus };

export interface ExecutionRecordOptions {
  readonly retentionMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
  /** How long MEXC's REST may lag its pushes: REST_BALANCE_LAG_MS unless given (an assumption). */
  readonly restLagMs?: number;
}

export class ExecutionRecord {
  private readonly retentionMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** fill key (trade id + order id) -> when it was recorded (local ms); insertion order is time order. */
  private readonly trades = new Map<string, number>();
  /** Trade ids a caller already holds (seeded without their order id). */
  private readonly seededTradeIds = new Set<string>();
  private readonly orders = new Map<string, KnownOrder>();
  private readonly balanceMap = new Map<string, KnownBalance>();
  /** asset -> the last push of it received (held back or not). */
  private readonly lastPushOf = new Map<string, LastPush>();
  private readonly restLagMs: number;
  private readonly watermarks = new Map<string, number>();
  private readonly symbolSet = new Set<string>();
  private ordersSinceSweep = 0;

  constructor(options: ExecutionRecordOptions = {}) {
    this.retentionMs = options.retentionMs ?? DEDUP_RETENTION_MS;
    this.maxEntries = options.maxEntries ?? DEDUP_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
    this.restLagMs = options.restLagMs ?? REST_BALANCE_LAG_MS;
  }

  /** Resume point from a caller's storage: the fill is treated as seen and its time as the watermark. */
  seedLastFill(symbol: string, last: LastFill): void {
    this.seededTradeIds.add(last.tradeId);
    this.watermarks.set(symbol, Math.max(this.watermarks.get(symbol) ?? 0, last.time));
    this.symbolSet.add(symbol);
  }

  /** A fill a caller already holds: never delivered again. */
  seedTradeId(tradeId: string): void {
    this.seededTradeIds.add(tradeId);
  }

  /** Orders a caller believes open (from its storage): reconciliation checks each one. */
  seedOpenOrder(symbol: string, orderId: string): void {
    if (this.orders.has(orderId)) return;
    this.orders.set(orderId, { symbol, orderId, status: "NEW", cumulativeQuantity: "0", updatedAt: 0 });
    this.symbolSet.add(symbol);
  }

  /** True when the fill is new (and records it). */
  acceptFill(fill: Fill): boolean {
    const key = fillKey(fill);
    if (this.trades.has(key) || this.seededTradeIds.has(fill.tradeId)) return false;
    this.trades.set(key, this.now());
    this.symbolSet.add(fill.symbol);
    this.prune();
    return true;
  }

  /** True when the update moves the order forward (and records it). */
  acceptOrder(update: OrderUpdate): boolean {
    const known = this.orders.get(update.orderId);
    if (known !== undefined && !isProgress(known, update)) return false;
    this.orders.set(update.orderId, {
      symbol: update.symbol,
      orderId: update.orderId,
      status: update.status,
      // REST does not know the trigger: keep what the stream said; the stream does not know why an
      // order was canceled: keep what REST said.
      triggerState: update.trigger?.state ?? known?.triggerState,
      cancelReason: update.cancelReason ?? known?.cancelReason,
      cumulativeQuantity: update.cumulativeQuantity,
      updatedAt: this.now(),
    });
    this.symbolSet.add(update.symbol);
    this.sweepOrders();
    return true;
  }

  /** Called when a stream balance push arrives (before any holding back): when it came, and what it said. */
  noteStreamBalance(update: BalanceUpdate): void {
    const known = this.lastPushOf.get(update.asset);
    if (known !== undefined && known.at > update.localTimestamp) return;
    this.lastPushOf.set(update.asset, {
      at: update.localTimestamp,
      value: { free: update.free, locked: update.locked },
    });
  }

  /** A stream push: true when (free, locked) changed. */
  acceptStreamBalance(update: BalanceUpdate): boolean {
    return this.setBalance(update.asset, { free: update.free, locked: update.locked });
  }

  /**
   * A REST balance, from a request that left at `readAt` (local ms). Used (and recorded) when no
   * push of the asset was received since `readAt` minus the lag margin.
   */
  acceptRestBalance(asset: string, value: KnownBalance, readAt: number): RestBalanceVerdict {
    const push = this.lastPushOf.get(asset);
    if (push !== undefined && push.at >= readAt - this.restLagMs) {
      return { use: false, doubt: push.at < readAt && !sameBalance(push.value, value) };
    }
    const before = this.balanceMap.get(asset);
    return { use: true, news: this.setBalance(asset, value), before };
  }

  balances(): ReadonlyMap<string, KnownBalance> {
    return this.balanceMap;
  }

  order(orderId: string): KnownOrder | undefined {
    return this.orders.get(orderId);
  }

  /** An order MEXC says does not exist (e.g. a stale seed): stop asking about it. */
  forgetOrder(orderId: string): void {
    this.orders.delete(orderId);
  }

  /** Orders last known open (NEW or PARTIALLY_FILLED). */
  openOrders(): KnownOrder[] {
    return [...this.orders.values()].filter((order) => !isFinalStatus(order.status));
  }

  /** Every order still remembered, final ones included. */
  allOrders(): KnownOrder[] {
    return [...this.orders.values()];
  }

  /** Symbols the account has touched (fills, orders, seeds). */
  symbols(): ReadonlySet<string> {
    return this.symbolSet;
  }

  hasFill(fill: Pick<Fill, "tradeId" | "orderId">): boolean {
    return this.trades.has(fillKey(fill)) || this.seededTradeIds.has(fill.tradeId);
  }

  watermark(symbol: string): number | undefined {
    return this.watermarks.get(symbol);
  }

  advanceWatermark(symbol: string, time: number): void {
    if (time > (this.watermarks.get(symbol) ?? Number.NEGATIVE_INFINITY)) this.watermarks.set(symbol, time);
  }

  /** Sizes, for stats and tests of the bounds. */
  size(): { trades: number; orders: number } {
    return { trades: this.trades.size, orders: this.orders.size };
  }

  private setBalance(asset: string, value: KnownBalance): boolean {
    const known = this.balanceMap.get(asset);
    if (known !== undefined && sameBalance(known, value)) return false;
    this.balanceMap.set(asset, { free: value.free, locked: value.locked });
    return true;
  }

  private prune(): void {
    const oldest = this.now() - this.retentionMs;
    for (const [tradeId, time] of this.trades) {
      if (this.trades.size <= this.maxEntries && time >= oldest) break;
      this.trades.delete(tradeId);
    }
  }

  /** Forgets final orders past the retention, then the oldest final ones over the cap; open orders stay (MEXC caps them at 500). */
  private sweepOrders(): void {
    if (++this.ordersSinceSweep < ORDER_SWEEP_EVERY && this.orders.size <= this.maxEntries) return;
    this.ordersSinceSweep = 0;
    const oldest = this.now() - this.retentionMs;
    for (const [orderId, order] of this.orders) {
      if (isFinalStatus(order.status) && (order.updatedAt < oldest || this.orders.size > this.maxEntries)) {
        this.orders.delete(orderId);
      }
    }
  }
}

/** Both sides of a self-trade carry the same trade id; the order id tells them apart. */
export function fillKey(fill: Pick<Fill, "tradeId" | "orderId">): string {
  return `${fill.tradeId}|${fill.orderId}`;
}

function isProgress(known: KnownOrder, update: OrderUpdate): boolean {
  const filled = new Big(update.cumulativeQuantity || "0").cmp(known.cumulativeQuantity || "0");
  return orderMovesForward(
    known,
    { status: update.status, triggerState: update.trigger?.state, cancelReason: update.cancelReason },
    filled,
  );
}

function sameBalance(a: KnownBalance, b: KnownBalance): boolean {
  return sameDecimal(a.free, b.free) && sameDecimal(a.locked, b.locked);
}

function sameDecimal(a: string, b: string): boolean {
  return new Big(a || "0").eq(b || "0");
}
