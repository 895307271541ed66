/**
 * What PnL by period leaves out, in words (GET /api/pnl/periods: each period's `unpriced`, and
 * `pricesPending` while their past prices are still being fetched): a period's figures without an
 * asset are not the whole account's, and say so where they are shown (the chart, the journal's
 * calendar), as the performance headline does for its range.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";

/** The assets one period leaves out, for its title; null when none. */
export function periodLeftOut(item: PnlPeriodItem): string | null {
  const assets = item.unpriced ?? [];
  if (assets.length === 0) return null;
  return item.pricesPending === true
    ? `without ${assets.join(", ")} (past prices still being fetched from MEXC)`
    : `without ${assets.join(", ")} (no market price)`;
}

/**
 * The words under a set of periods some of which leave assets out, `which` naming those periods
 * ("Days marked *"); null when none does.
 */
export function periodsLeftOut(items: readonly PnlPeriodItem[], which: string): string | null {
  const pending = new Set<string>();
  const unpriced = new Set<string>();
  for (const item of items) {
    for (const asset of item.unpriced ?? []) (item.pricesPending === true ? pending : unpriced).add(asset);
  }
  const words: string[] = [];
  if (pending.size > 0) {
    words.push(
      `${which} leave out ${[...pending].sort().join(", ")} until their past prices are in: they are still being fetched from MEXC.`,
    );
  }
  const forGood = [...unpriced].filter((asset) => !pending.has(asset)).sort();
  if (forGood.length > 0) words.push(`${which} leave out ${forGood.join(", ")} for want of a market price.`);
  return words.length === 0 ? null : words.join(" ");
}
