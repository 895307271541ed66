/**
 * What PnL by period leaves out, in words (GET /api/pnl/periods: each period's `unpriced`, and
 * `pricesPending` while their past prices are still being fetched): a period's figures without an
 * asset are not the whole account's, and say so where they are shown (the chart, the journal's
 * calendar), as the performance headline does for its range.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { PRICES_COMING_SHORT } from "../format/leftOut.js";

/** The assets one period leaves out, for its title; null when none. */
export function periodLeftOut(item: PnlPeriodItem): string | null {
  const assets = item.unpriced ?? [];
  if (assets.length === 0) return null;
  return item.pricesPending === true
    ? `without ${assets.join(", ")} (${PRICES_COMING_SHORT})`
    : `without ${assets.join(", ")} (no market price)`;
}

/** The assets some of `items` leave out: until their past prices are in (pending), or for want of one. */
function leftOutOf(items: readonly PnlPeriodItem[]): { readonly pending: string[]; readonly forGood: string[] } {
  const pending = new Set<string>();
  const unpriced = new Set<string>();
  for (const item of items) {
    for (const asset of item.unpriced ?? []) (item.pricesPending === true ? pending : unpriced).add(asset);
  }
  return { pending: [...pending].sort(), forGood: [...unpriced].filter((asset) => !pending.has(asset)).sort() };
}

/**
 * The words under a set of periods some of which leave assets out, `which` naming those periods
 * ("Days marked *"); null when none does.
 */
export function periodsLeftOut(items: readonly PnlPeriodItem[], which: string): string | null {
  const { pending, forGood } = leftOutOf(items);
  const words: string[] = [];
  if (pending.length > 0) {
    words.push(
      `${which} leave out ${pending.join(", ")} until their past prices or history are in: they are still being fetched from MEXC.`,
    );
  }
  if (forGood.length > 0) words.push(`${which} leave out ${forGood.join(", ")} for want of a market price.`);
  return words.length === 0 ? null : words.join(" ");
}

/** The same in one short line (under a chart, its tooltips saying which period): null when none is left out. */
export function periodsLeftOutShort(items: readonly PnlPeriodItem[]): string | null {
  const { pending, forGood } = leftOutOf(items);
  const parts = [
    ...(pending.length > 0 ? [`${pending.join(", ")} (past prices loading)`] : []),
    ...(forGood.length > 0 ? [`${forGood.join(", ")} (no price)`] : []),
  ];
  return parts.length === 0 ? null : `Some periods without ${parts.join("; ")}`;
}
