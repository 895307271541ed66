/**
 * The realized PnL of the "All accounts" summary from daily periods (GET
 * /api/pnl/periods?period=day): realized today and over the whole span; and the unrealized PnL of
 * the period ending now, for an account whose equity point carries none (the live figure comes
 * with each account's equity point: liveUnrealized.ts). Sums go through
 * protocol's decimal module, exactly; a realized figure that is not a decimal throws (corrupt data
 * is worse than no data: the read counts as failed).
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { DAY_MS, dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";

/** Days the summary's realized PnL covers, up to the read. */
export const PNL_SPAN_DAYS = 30;
export const PNL_SPAN_MS = PNL_SPAN_DAYS * DAY_MS;

/** The query for daily periods over the span ending at `now`. */
export function pnlSpanQuery(now: number): { period: "day"; from: number; to: number } {
  return { period: "day", from: now - PNL_SPAN_MS, to: now };
}

export interface CombinedPnl {
  /** Realized in the period holding `now` ("0" when the gateway has none for it). */
  readonly today: string;
  /** Realized over every period read. */
  readonly span: string;
}

/** The sum of the periods' realized PnL, exact ("0" for none); throws on a value that is not a decimal. */
export function sumRealized(items: readonly PnlPeriodItem[]): string {
  return exact(items.reduce((sum, item) => sum.plus(dec(item.realized, `${item.period}.realized`)), ZERO));
}

export function combinedPnl(items: readonly PnlPeriodItem[], now: number): CombinedPnl {
  const today = items.filter((item) => item.from <= now && now <= item.to);
  return { today: sumRealized(today), span: sumRealized(items) };
}

/**
 * The unrealized PnL of the period holding `now` (the gateway values it at the read's moment):
 * null when it cannot be valued, or leaves assets out for want of a price (not the whole figure);
 * undefined when no period holds `now`, its prices are still being fetched (not known yet), or it
 * is not a decimal.
 */
export function unrealizedNow(items: readonly PnlPeriodItem[], now: number): string | null | undefined {
  const item = items.find((period) => period.from <= now && now <= period.to);
  if (item === undefined || item.pricesPending === true) return undefined;
  if (item.unrealized === null || (item.unpriced?.length ?? 0) > 0) return null;
  // Not a decimal: no figure (corrupt data is worse than none).
  return isDecimal(item.unrealized) ? item.unrealized : undefined;
}

/** The assets whose past prices the period holding `now` still waits on (its `unpriced` while `pricesPending`). */
export function pricesAwaited(items: readonly PnlPeriodItem[], now: number): readonly string[] {
  const item = items.find((period) => period.from <= now && now <= period.to);
  return item?.pricesPending === true ? (item.unpriced ?? []) : [];
}
