/**
 * Equity and valued balances: every balance (free + locked) valued in the quote currency at the
 * last prices of the book. Assets without a price are left out of the equity and of `byAsset`
 * (their BalanceItem says value null), never counted as zero.
 */
import type { BalanceItem, EquityPoint } from "@mexc-live/contract";
import { dec, fmt, ZERO } from "@mexc-live/protocol";
import type { PriceBook } from "./priceBook.js";

export interface BalanceAmounts {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/** The equity point of these balances at `time` (ms). */
export function equityPoint(balances: readonly BalanceAmounts[], book: PriceBook, time: number): EquityPoint {
  let equity = ZERO;
  // Null-prototype: an asset named "__proto__" (refused at the edge anyway) stays a plain key.
  const byAsset: Record<string, string> = Object.create(null);
  for (const b of [...balances].sort((x, y) => (x.asset < y.asset ? -1 : x.asset > y.asset ? 1 : 0))) {
    const total = dec(b.free, `${b.asset} free`).plus(dec(b.locked, `${b.asset} locked`));
    if (total.eq(0)) continue;
    const price = book.priceOf(b.asset);
    if (!price) continue;
    // Each asset rounded first, so the equity is exactly the sum of what byAsset shows.
    const value = fmt(total.times(price));
    equity = equity.plus(dec(value));
    byAsset[b.asset] = value;
  }
  return { time, equity: fmt(equity), byAsset };
}

/** Balances as the API shows them: with price, value and the API-trading flag, by asset. */
export function balanceItems(balances: readonly BalanceAmounts[], book: PriceBook): BalanceItem[] {
  return [...balances]
    .sort((x, y) => (x.asset < y.asset ? -1 : x.asset > y.asset ? 1 : 0))
    .map((b) => {
      const total = dec(b.free, `${b.asset} free`).plus(dec(b.locked, `${b.asset} locked`));
      const price = book.priceOf(b.asset);
      return {
        asset: b.asset,
        free: b.free,
        locked: b.locked,
        value: price ? fmt(total.times(price)) : null,
        price: price ? fmt(price) : null,
        apiTradingDisabled: book.assetApiTradingDisabled(b.asset),
      };
    });
}
