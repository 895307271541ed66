/**
 * How orders fold into state, on both sides of the stream: the latest state per orderId (an
 * update older than the held one is ignored); open orders always kept, closed ones only the
 * `maxClosed` updated last. An orders snapshot is the truth about open orders. Pure.
 */
import { isOpenStatus } from "@mexc-live/protocol";
import type { OrderItem } from "../items.js";
import { compareIds } from "./fills.js";

/** NEW, PARTIALLY_FILLED or a status MEXC added that we do not know yet (protocol's isOpenStatus). */
export function isOpenOrder(order: OrderItem): boolean {
  return isOpenStatus(order.status);
}

/** Newest placed first; same millisecond by id, highest first. */
export function newestOrderFirst(a: OrderItem, b: OrderItem): number {
  return b.time - a.time || compareIds(b.orderId, a.orderId);
}

export function applyOrderUpdates(
  orders: ReadonlyMap<string, OrderItem>,
  updates: readonly OrderItem[],
  maxClosed: number,
): ReadonlyMap<string, OrderItem> {
  if (updates.length === 0) return orders;
  const next = new Map(orders);
  for (const order of updates) put(next, order);
  return boundClosed(next, maxClosed);
}

/**
 * Held open orders the snapshot does not list have closed meanwhile and are dropped (their final
 * state is in GET /api/orders?status=all); closed orders held from earlier stay as history.
 */
export function applyOrdersSnapshot(
  orders: ReadonlyMap<string, OrderItem>,
  snapshot: readonly OrderItem[],
  maxClosed: number,
): ReadonlyMap<string, OrderItem> {
  const next = new Map<string, OrderItem>();
  for (const order of orders.values()) if (!isOpenOrder(order)) next.set(order.orderId, order);
  for (const order of snapshot) put(next, order);
  return boundClosed(next, maxClosed);
}

function put(orders: Map<string, OrderItem>, order: OrderItem): void {
  const held = orders.get(order.orderId);
  if (held && held.updateTime > order.updateTime) return;
  orders.set(order.orderId, order);
}

/** Drops the closed orders updated longest ago until at most `maxClosed` remain. */
function boundClosed(orders: Map<string, OrderItem>, maxClosed: number): Map<string, OrderItem> {
  let closedCount = 0;
  for (const order of orders.values()) if (!isOpenOrder(order)) closedCount++;
  if (closedCount <= maxClosed) return orders;
  const closed = [...orders.values()].filter((o) => !isOpenOrder(o)).sort((a, b) => a.updateTime - b.updateTime);
  for (const order of closed.slice(0, closedCount - maxClosed)) orders.delete(order.orderId);
  return orders;
}
