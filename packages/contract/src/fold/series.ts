/**
 * How the keyed series fold into state, on both sides of the stream: balances by asset, equity
 * points by time, klines by open time, public trades newest first, alerts by id. Pure.
 */
import type { AlertNotice } from "../alerts.js";
import type { BalanceItem, EquityPoint, KlineItem, TradeTick } from "../items.js";

/** Balances by asset; a snapshot (`replace`) is the whole truth. */
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
export function mergeEquity(
  points: readonly EquityPoint[],
  incoming: readonly EquityPoint[],
  max: number,
): readonly EquityPoint[] {
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
    for (const p of sortedIncoming) byTime.set(p.time, keepVersion(byTime.get(p.time), p));
    merged = [...byTime.values()].sort((a, b) => a.time - b.time);
  }
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/**
 * A stored copy of a streamed point (GET /api/equity has no figures version) keeps the version the
 * stream gave it: the dashboard compares it with the figures answers' (issue 40, one moment).
 */
function keepVersion(held: EquityPoint | undefined, next: EquityPoint): EquityPoint {
  return held?.version !== undefined && next.version === undefined ? { ...next, version: held.version } : next;
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
export function mergeKlines(
  klines: readonly KlineItem[],
  incoming: readonly KlineItem[],
  max: number,
): readonly KlineItem[] {
  if (incoming.length === 0) return klines;
  const byOpen = new Map<number, KlineItem>();
  for (const k of klines) byOpen.set(k.openTime, k);
  for (const k of incoming) byOpen.set(k.openTime, k);
  const merged = [...byOpen.values()].sort((a, b) => a.openTime - b.openTime);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** Public trades: newest first, at most `max`. */
export function mergeTrades(
  trades: readonly TradeTick[],
  incoming: readonly TradeTick[],
  max: number,
): readonly TradeTick[] {
  if (incoming.length === 0) return trades;
  return [...incoming, ...trades].sort((a, b) => b.time - a.time).slice(0, max);
}

/** Alerts for open dashboards: one per id (a later copy wins), oldest first, at most `max`. */
export function mergeAlerts(
  alerts: readonly AlertNotice[],
  incoming: readonly AlertNotice[],
  max: number,
): readonly AlertNotice[] {
  if (incoming.length === 0) return alerts;
  const byId = new Map<string, AlertNotice>();
  for (const alert of alerts) byId.set(alert.id, alert);
  for (const alert of incoming) {
    byId.delete(alert.id);
    byId.set(alert.id, alert);
  }
  const merged = [...byId.values()];
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
