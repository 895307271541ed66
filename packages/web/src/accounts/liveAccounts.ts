/**
 * The listed accounts with what the stream says of them since (allAccountsFeed: each one's latest
 * equity point and health), and their total: the sum of the equity shown per account, by the
 * contract's rule (sumEquityPoints), so the total always equals the rows above it
 * (docs/figures.md).
 */
import {
  type AccountItem,
  type AccountsTotal,
  type EquityPoint,
  type Health,
  sumEquityPoints,
} from "@mexc-live/contract";

/** Each item with its live equity and health where the stream has them (null: not followed yet). */
export function liveAccounts(
  items: readonly AccountItem[],
  equity: ReadonlyMap<string, EquityPoint> | null,
  health: ReadonlyMap<string, Health> | null,
): readonly AccountItem[] {
  if (equity === null && health === null) return items;
  return items.map((item) => {
    const point = equity?.get(item.name);
    const now = health?.get(item.name);
    if (point === undefined && now === undefined) return item;
    return { ...item, ...(point ? { equity: point } : {}), ...(now ? { health: now } : {}) };
  });
}

/** The accounts' equity added up; the list's own total until the stream's equity came. */
export function liveTotal(
  items: readonly AccountItem[],
  equity: ReadonlyMap<string, EquityPoint> | null,
  listed: AccountsTotal | null,
): AccountsTotal | null {
  if (equity === null || listed === null) return listed;
  return sumEquityPoints(items.map((item) => item.equity));
}
