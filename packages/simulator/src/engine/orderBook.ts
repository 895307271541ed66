/**
 * One symbol's book: price levels kept best-first in a sorted array (binary search on insert
 * and removal), FIFO queues inside a level (price-time priority). Every level change bumps the
 * symbol's depth version by one and is emitted as a DepthEvent with the level's absolute size.
 */
import type { SimClock } from "../clock.js";
import type { DepthEvent, DepthSnapshot, SymbolConfig } from "../types.js";
import { type Big, fmt, pad, ZERO } from "./decimals.js";
import type { LiveOrder } from "./liveOrder.js";

interface Level {
  readonly price: Big;
  /** Resting orders, oldest first. */
  readonly orders: LiveOrder[];
  quantity: Big;
}

interface BookSide {
  readonly side: "bid" | "ask";
  /** Best first: bids descending, asks ascending. */
  readonly levels: readonly Level[];
  best(): Level | undefined;
}

export interface OrderBook {
  readonly bids: BookSide;
  readonly asks: BookSide;
  version(): number;
  /** Rest an order (its remainingQty) at the back of its price level. */
  add(order: LiveOrder): void;
  /** A resting order lost `quantity` (a fill, after `remainingQty` was reduced); drops it when done. */
  reduce(order: LiveOrder, quantity: Big): void;
  /** Take a resting order out (cancel). */
  remove(order: LiveOrder): void;
  snapshot(limit: number): DepthSnapshot;
}

interface MutableSide extends BookSide {
  readonly levels: Level[];
}

/** True when `a` ranks before `b` on this side. */
const better = (side: "bid" | "ask", a: Big, b: Big) => (side === "bid" ? a.gt(b) : a.lt(b));

/** Index of the level at `price`, or where it would be inserted. */
function search(side: MutableSide, price: Big): number {
  let lo = 0;
  let hi = side.levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (better(side.side, side.levels[mid]!.price, price)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function createSide(side: "bid" | "ask"): MutableSide {
  const levels: Level[] = [];
  return { side, levels, best: () => levels[0] };
}

export function createOrderBook(
  config: SymbolConfig,
  startVersion: number,
  clock: SimClock,
  emit: (event: DepthEvent) => void,
): OrderBook {
  const bids = createSide("bid");
  const asks = createSide("ask");
  let version = startVersion;

  const sideOf = (order: LiveOrder) => (order.side === "BUY" ? bids : asks);
  const priceOf = (order: LiveOrder) => {
    if (!order.limitPrice) throw new Error(`order ${order.view.orderId} has no price to rest at`);
    return order.limitPrice;
  };
  const changed = (side: MutableSide, level: Level) => {
    version += 1;
    emit({
      kind: "depth",
      symbol: config.symbol,
      version,
      side: side.side,
      price: fmt(level.price),
      quantity: fmt(level.quantity),
      time: clock.now(),
    });
  };
  const levelOf = (side: MutableSide, order: LiveOrder): [Level, number] => {
    const index = search(side, priceOf(order));
    const level = side.levels[index];
    if (!level?.price.eq(priceOf(order))) throw new Error(`order ${order.view.orderId} is not in the book`);
    return [level, index];
  };
  const takeOut = (side: MutableSide, order: LiveOrder, quantity: Big, drop: boolean) => {
    const [level, index] = levelOf(side, order);
    level.quantity = level.quantity.minus(quantity);
    if (drop) level.orders.splice(level.orders[0] === order ? 0 : level.orders.indexOf(order), 1);
    if (level.orders.length === 0) {
      level.quantity = ZERO;
      side.levels.splice(index, 1);
    }
    changed(side, level);
  };

  const snapshotSide = (side: MutableSide, limit: number): [string, string][] =>
    side.levels
      .slice(0, limit)
      .map((level) => [pad(level.price, config.pricePrecision), pad(level.quantity, config.quantityPrecision)]);

  return {
    bids,
    asks,
    version: () => version,
    add: (order) => {
      const side = sideOf(order);
      const price = priceOf(order);
      const remaining = order.remainingQty ?? ZERO;
      const index = search(side, price);
      let level = side.levels[index];
      if (!level?.price.eq(price)) {
        level = { price, orders: [], quantity: ZERO };
        side.levels.splice(index, 0, level);
      }
      level.orders.push(order);
      level.quantity = level.quantity.plus(remaining);
      changed(side, level);
    },
    reduce: (order, quantity) => takeOut(sideOf(order), order, quantity, order.remainingQty?.eq(0) ?? true),
    remove: (order) => takeOut(sideOf(order), order, order.remainingQty ?? ZERO, true),
    snapshot: (limit) => ({
      lastUpdateId: version,
      bids: snapshotSide(bids, limit),
      asks: snapshotSide(asks, limit),
      timestamp: clock.now(),
    }),
  };
}
