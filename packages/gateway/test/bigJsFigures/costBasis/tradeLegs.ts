/**
 * What a fill does to a position, whatever the cost-basis method, in the pair's quote asset.
 * Fees, by the currency they are paid in:
 *   - BUY, fee in the quote asset: added to the cost (you paid it to get the position).
 *   - BUY, fee in the base asset: reduces the quantity received; the cost stays the amount paid.
 *   - SELL, fee in the quote asset: subtracted from the proceeds.
 *   - SELL, fee in the base asset: that base leaves the position too, with no proceeds (so it
 *     lowers the realized PnL by its cost).
 *   - Fee in a third asset (e.g. MX), either side: valued in the pair's quote asset at fill time
 *     (`feePairValue`, see fees.ts), added to the cost of a buy or subtracted from the proceeds of
 *     a sell. When no price was known then, the fee is left out.
 */
import { type Decimal, dec, roundFigure, type Side, ZERO } from "@mexc-live/protocol";
import type { PriceSource } from "../../../src/figures/priceBook.js";

/** A fill as the cost-basis books read it (a stored fill has all of these). */
export interface PnlFill {
  readonly symbol: string;
  readonly side: Side;
  readonly price: string;
  readonly quantity: string;
  readonly amount: string;
  readonly fee: string;
  readonly feeCurrency: string;
  /** The fee in the pair's quote asset at fill time; needed only for a third-asset fee. */
  readonly feePairValue?: string | null;
}

export type FeeKind = "quote" | "base" | "other";

/** A buy: what joins the position. */
export interface Acquired {
  readonly side: "BUY";
  readonly quantity: Decimal;
  readonly cost: Decimal;
}

/** A sell: what leaves the position, and what it brought. */
export interface Sold {
  readonly side: "SELL";
  /** Base leaving the position (the fee too, when paid in base). */
  readonly quantity: Decimal;
  readonly proceeds: Decimal;
}

export function legsOf(fill: PnlFill, markets: Pick<PriceSource, "marketOf">): Acquired | Sold {
  const quantity = dec(fill.quantity, "quantity");
  const amount = amountOf(fill);
  const fee = dec(fill.fee, "fee");
  const kind = feeKind(fill, markets);
  const otherFee = kind === "other" && fill.feePairValue ? dec(fill.feePairValue, "feePairValue") : ZERO;
  if (fill.side === "BUY") {
    return {
      side: "BUY",
      quantity: kind === "base" ? quantity.minus(fee) : quantity,
      cost: amount.plus(kind === "quote" ? fee : otherFee),
    };
  }
  return {
    side: "SELL",
    quantity: kind === "base" ? quantity.plus(fee) : quantity,
    proceeds: amount.minus(kind === "quote" ? fee : otherFee),
  };
}

/** Base or quote by the symbol list; without it, by the symbol's spelling (BTCUSDT ends in USDT). */
export function feeKind(fill: PnlFill, markets: Pick<PriceSource, "marketOf">): FeeKind {
  const market = markets.marketOf(fill.symbol);
  if (market) {
    if (fill.feeCurrency === market.quoteAsset) return "quote";
    if (fill.feeCurrency === market.baseAsset) return "base";
    return "other";
  }
  if (fill.feeCurrency !== "" && fill.symbol.endsWith(fill.feeCurrency)) return "quote";
  if (fill.feeCurrency !== "" && fill.symbol.startsWith(fill.feeCurrency)) return "base";
  return "other";
}

/** The fill's quote amount; price x quantity when the source left it at zero. */
function amountOf(fill: PnlFill): Decimal {
  const amount = dec(fill.amount, "amount");
  return amount.eq(0) ? roundFigure(dec(fill.price, "price").times(dec(fill.quantity, "quantity"))) : amount;
}
