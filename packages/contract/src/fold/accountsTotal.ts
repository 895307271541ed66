/**
 * All accounts' equity together: each account's latest equity point added up, in total and by
 * asset, exactly (docs/figures.md: the sum over accounts is the All-accounts figure). The
 * gateway's GET /api/accounts answers it, and the dashboard adds up the points it follows live
 * (`accounts.equity`) with the same rule, so the two never differ by a rounding.
 */
import { Decimal, exact } from "@mexc-live/protocol";
import type { AccountsTotal, EquityPoint } from "../items.js";

/**
 * The accounts' unrealized PnL added up, exactly, from the same points as their equity (an account
 * without a point yet, null, adds nothing, as to the equity): null when an account's cannot be
 * valued, undefined when an account's point was not measured with it (not known now), or when
 * there are accounts and none has a point yet (nothing measured is no zero: a fresh start's
 * All-accounts card said +0.00 beside rows of "–").
 */
export function sumUnrealized(points: Iterable<EquityPoint | null>): string | null | undefined {
  let sum = new Decimal(0);
  let unvalued = false;
  let accounts = 0;
  let measured = 0;
  for (const point of points) {
    accounts++;
    if (point === null) continue;
    measured++;
    if (point.unrealized === undefined) return undefined;
    if (point.unrealized === null) unvalued = true;
    else sum = sum.plus(point.unrealized);
  }
  if (accounts > 0 && measured === 0) return undefined;
  return unvalued ? null : exact(sum);
}

/**
 * The points added up (an account without a point yet, null, adds nothing); assets sorted. The
 * equity is null when there are accounts and none has a point yet: nothing measured is no zero
 * (GET /api/accounts said "0" on a fresh start while the dashboard said "–").
 */
export function sumEquityPoints(points: Iterable<EquityPoint | null>): AccountsTotal {
  let equity = new Decimal(0);
  const byAsset = new Map<string, Decimal>();
  let accounts = 0;
  let measured = 0;
  for (const point of points) {
    accounts++;
    if (point === null) continue;
    measured++;
    equity = equity.plus(point.equity);
    for (const [asset, value] of Object.entries(point.byAsset)) {
      byAsset.set(asset, (byAsset.get(asset) ?? new Decimal(0)).plus(value));
    }
  }
  const sorted = [...byAsset.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const known = accounts === 0 || measured > 0;
  return {
    equity: known ? exact(equity) : null,
    byAsset: Object.fromEntries(sorted.map(([asset, value]) => [asset, exact(value)])),
  };
}
