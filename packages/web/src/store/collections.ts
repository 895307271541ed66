/**
 * The keyed collections behind each topic, as pure functions: old value + items -> new value.
 * Nothing here mutates its input, so the store can hand the result straight to React.
 */
import type { BalanceItem, EquityPoint, FillItem, KlineItem, OrderItem } from "@mexc-live/gateway/contract";
import { type FillsState, isOpenOrder } from "./liveState.js";

/** Numeric ids as strings: longer is larger, then lexical. */
function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first; trades in the same millisecond by id, highest first. */
export function newestFirst(a: FillItem, b: FillItem): number {
  return b.time - a.time || compareIds(b.tradeId, a.tradeId);
}

/**
 * Adds fills to the held ones: one row per tradeId (a fill seen again replaces the held copy),
 * newest first, at most `cap` rows (the oldest drop out).
 */
export function mergeFills(fills: FillsState, incoming: readonly FillItem[]): FillsState {
  if (incoming.length === 0) return fills;
  const replaced = new Map<string, FillItem>();
  const fresh = new Map<string, FillItem>();
  for (const fill of incoming) {
    if (fills.ids.has(fill.tradeId)) replaced.set(fill.tradeId, fill);
    else fresh.set(fill.tradeId, fill);
  }
  const base = replaced.size > 0 ? fills.items.map((f) => replaced.get(f.tradeId) ?? f) : fills.items;
  const added = [...fresh.values()].sort(newestFirst);
  const items = mergeSorted(added, base, fills.cap);
  const ids = new Set<string>();
  for (const f of items) ids.add(f.tradeId);
  return { items, ids, cap: fills.cap };
}

function mergeSorted(a: readonly FillItem[], b: readonly FillItem[], cap: number): FillItem[] {
  const first = a[a.length - 1];
  const second = b[0];
  // The usual case: every new fill is newer than every held one.
  if (first === undefined || second === undefined || newestFirst(first, second) <= 0) {
    return a.concat(b).slice(0, cap);
  }
  const out: FillItem[] = [];
  let i = 0;
  let j = 0;
  while (out.length < cap && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && newestFirst(x, y) <= 0)) {
      out.push(x as FillItem);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * A fills snapshot (the newest N, sent on subscribe and on every reconnect). When it overlaps what
 * is held the two are merged; when its oldest fill is newer than the newest held one, fills may
 * be missing in between, so the held ones are dropped rather than shown with a silent hole
 * (scrolling back loads them again from GET /api/fills).
 */
export function applyFillsSnapshot(fills: FillsState, snapshot: readonly FillItem[], liveCap: number): FillsState {
  const newestHeld = fills.items[0];
  const oldestSnapshot = [...snapshot].sort(newestFirst)[snapshot.length - 1];
  const gap = newestHeld !== undefined && oldestSnapshot !== undefined && oldestSnapshot.time > newestHeld.time;
  const base: FillsState = gap ? { items: [], ids: new Set(), cap: liveCap } : fills;
  return mergeFills(base, snapshot);
}

/** Older fills from GET /api/fills (scrolling back): raises the cap so they stay, up to `maxTotal`. */
export function appendOlderFills(fills: FillsState, page: readonly FillItem[], maxTotal: number): FillsState {
  const cap = Math.min(maxTotal, Math.max(fills.cap, fills.items.length + page.length));
  return mergeFills({ ...fills, cap }, page);
}

/** Order deltas: the latest state per orderId; a delta older than the held state is ignored. */
export function applyOrderDeltas(
  orders: ReadonlyMap<string, OrderItem>,
  deltas: readonly OrderItem[],
  maxOrders: number,
): ReadonlyMap<string, OrderItem> {
  if (deltas.length === 0) return orders;
  const next = new Map(orders);
  for (const order of deltas) {
    const held = next.get(order.orderId);
    if (held && held.updateTime > order.updateTime) continue;
    next.set(order.orderId, order);
  }
  return boundOrders(next, maxOrders);
}

/**
 * An orders snapshot is the truth about open orders: held open orders it does not list have
 * closed meanwhile and are dropped (their final state is in GET /api/orders?status=all).
 * Closed orders held from earlier stay as history.
 */
export function applyOrdersSnapshot(
  orders: ReadonlyMap<string, OrderItem>,
  snapshot: readonly OrderItem[],
  maxOrders: number,
): ReadonlyMap<string, OrderItem> {
  const next = new Map<string, OrderItem>();
  for (const order of orders.values()) if (!isOpenOrder(order)) next.set(order.orderId, order);
  for (const order of snapshot) {
    const held = next.get(order.orderId);
    if (held && held.updateTime > order.updateTime) continue;
    next.set(order.orderId, order);
  }
  return boundOrders(next, maxOrders);
}

/** Drops the closed orders updated longest ago until at most `max` remain (open ones always stay). */
function boundOrders(orders: Map<string, OrderItem>, max: number): Map<string, OrderItem> {
  if (orders.size <= max) return orders;
  const closed = [...orders.values()].filter((o) => !isOpenOrder(o)).sort((a, b) => a.updateTime - b.updateTime);
  for (const order of closed) {
    if (orders.size <= max) break;
    orders.delete(order.orderId);
  }
  return orders;
}

export function applyBalances(
  balances: ReadonlyMap<string, BalanceItem>,
  items: readonly BalanceItem[],
  replace: boolean,
): ReadonlyMap<string, BalanceItem> {
  const next = replace ? new Map<string, BalanceItem>() : new Map(balances);
  for (const item of items) next.set(item.asset, item);
  return next;
}

/** Equity points: one per time (a later copy wins), oldest first, at most `max` (the oldest drop out). */
export function mergeEquity(points: readonly EquityPoint[], incoming: readonly EquityPoint[], max: number) {
  if (incoming.length === 0) return points;
  const last = points[points.length - 1];
  const sortedIncoming = [...incoming].sort((a, b) => a.time - b.time);
  const firstIncoming = sortedIncoming[0] as EquityPoint;
  let merged: EquityPoint[];
  if (last === undefined || firstIncoming.time > last.time) {
    merged = dedupByTime(points.concat(sortedIncoming));
  } else {
    const byTime = new Map<number, EquityPoint>();
    for (const p of points) byTime.set(p.time, p);
    for (const p of sortedIncoming) byTime.set(p.time, p);
    merged = [...byTime.values()].sort((a, b) => a.time - b.time);
  }
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

function dedupByTime(points: readonly EquityPoint[]): EquityPoint[] {
  const out: EquityPoint[] = [];
  for (const p of points) {
    if (out.length > 0 && out[out.length - 1]?.time === p.time) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Klines: one per openTime (the candle being formed is replaced), oldest first, at most `max`. */
export function mergeKlines(klines: readonly KlineItem[], incoming: readonly KlineItem[], max: number) {
  if (incoming.length === 0) return klines;
  const byOpen = new Map<number, KlineItem>();
  for (const k of klines) byOpen.set(k.openTime, k);
  for (const k of incoming) byOpen.set(k.openTime, k);
  const merged = [...byOpen.values()].sort((a, b) => a.openTime - b.openTime);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
