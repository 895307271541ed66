/**
 * Balances (or any assets' values) -> pie slices of asset value in the quote currency. Assets
 * without a value (no price) or with a non-positive one are left out; slices under
 * MIN_SLICE_SHARE, and any beyond MAX_SLICES, are grouped into one "Other" slice so the pie
 * stays readable.
 */
import type { BalanceItem } from "@mexc-live/contract";
import { compareDecimal } from "@mexc-live/protocol";
import { chartNumber } from "./numbers.js";
import { OTHER_LABEL } from "./palette.js";

/** Slices smaller than this share of the total go to "Other". */
const MIN_SLICE_SHARE = 0.02;
/** At most this many slices, "Other" included. */
const MAX_SLICES = 8;

export interface AllocationSlice {
  readonly name: string;
  readonly value: number;
  /** 0..1 of the total. */
  readonly share: number;
  /** The value as the gateway sent it (single assets); for "Other", the grouped assets. */
  readonly detail: string;
}

/** An asset's value in the quote currency: a balance, or an asset's part of equity across accounts. */
export type AssetValue = Pick<BalanceItem, "asset" | "value">;

/** A balance the account holds: free or locked not zero (the balances table lists these). */
export function isHeld(balance: Pick<BalanceItem, "free" | "locked">): boolean {
  return compareDecimal(balance.free, "0") !== 0 || compareDecimal(balance.locked, "0") !== 0;
}

/** The assets held that have no price (value null): left out of the slices, named by the chart instead. */
export function unpricedHeld(balances: readonly BalanceItem[]): string[] {
  return balances.filter((balance) => balance.value === null && isHeld(balance)).map((balance) => balance.asset);
}

export interface AllocationLimits {
  readonly minShare?: number;
  readonly maxSlices?: number;
}

export function groupAllocation(balances: readonly AssetValue[], limits: AllocationLimits = {}): AllocationSlice[] {
  const minShare = limits.minShare ?? MIN_SLICE_SHARE;
  const maxSlices = Math.max(1, limits.maxSlices ?? MAX_SLICES);
  const valued: { asset: string; value: number; text: string }[] = [];
  for (const b of balances) {
    const value = chartNumber(b.value);
    if (value !== undefined && value > 0) valued.push({ asset: b.asset, value, text: b.value as string });
  }
  valued.sort((a, b) => b.value - a.value || a.asset.localeCompare(b.asset));
  const total = valued.reduce((sum, v) => sum + v.value, 0);
  if (total <= 0) return [];

  let own = 0;
  while (own < valued.length && own < maxSlices && (valued[own] as { value: number }).value / total >= minShare) own++;
  const leftover = valued.length - own;
  // A single leftover asset is shown as itself when there is room; grouping needs a slot for "Other".
  if (leftover === 1 && own < maxSlices) own = valued.length;
  else if (leftover > 0 && own === maxSlices) own = maxSlices - 1;
  const kept = valued.slice(0, own);
  const rest = valued.slice(own);
  const slices: AllocationSlice[] = kept.map((v) => ({
    name: v.asset,
    value: v.value,
    share: v.value / total,
    detail: v.text,
  }));
  if (rest.length > 0) {
    const value = rest.reduce((sum, v) => sum + v.value, 0);
    slices.push({ name: OTHER_LABEL, value, share: value / total, detail: rest.map((v) => v.asset).join(", ") });
  }
  return slices;
}
