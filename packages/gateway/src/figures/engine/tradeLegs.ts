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
 * Amounts are protocol's Fixed, as every figure's, in FixedCells (the engine's: position.ts).
 */
import { type FillTerms, FixedCell, type FixedRead } from "@mexc-live/protocol";
import type { PriceSource } from "../priceBook.js";
import type { PositionBook } from "./positionBook.js";

/** A fill as the cost-basis books read it (a stored fill has all of these). */
export interface PnlFill extends FillTerms {
  /** The fee in the pair's quote asset at fill time; needed only for a third-asset fee. */
  readonly feePairValue?: string | null;
}

type FeeKind = "quote" | "base" | "other";

/** A buy: what joins the position. */
export interface Acquired {
  readonly side: "BUY";
  readonly quantity: FixedRead;
  readonly cost: FixedRead;
}

/** A sell: what leaves the position, and what it brought. */
export interface Sold {
  readonly side: "SELL";
  /** Base leaving the position (the fee too, when paid in base). */
  readonly quantity: FixedRead;
  readonly proceeds: FixedRead;
}

/** The fill's numbers as written, read once (figures.ts hands them on to the fees and the volume). */
export interface FillNumbers {
  readonly quantity: FixedRead;
  readonly amount: FixedRead;
  readonly fee: FixedRead;
}

export function numbersOf(fill: PnlFill): FillNumbers {
  return {
    quantity: FixedCell.parse(fill.quantity, "quantity"),
    amount: FixedCell.parse(fill.amount, "amount"),
    fee: FixedCell.parse(fill.fee, "fee"),
  };
}

const ZERO: FixedRead = new FixedCell();

export function legsOf(
  fill: PnlFill,
  markets: Pick<PriceSource, "marketOf">,
  numbers: FillNumbers = numbersOf(fill),
): Acquired | Sold {
  const { quantity, fee } = numbers;
  // The fill's quote amount; price x quantity when the source left it at zero.
  const amount = numbers.amount.isZero()
    ? new FixedCell().setProduct(FixedCell.parse(fill.price, "price"), quantity)
    : numbers.amount;
  const kind = feeKind(fill, markets);
  const otherFee = kind === "other" && fill.feePairValue ? FixedCell.parse(fill.feePairValue, "feePairValue") : ZERO;
  const money = new FixedCell().set(amount);
  if (fill.side === "BUY") {
    return {
      side: "BUY",
      quantity: kind === "base" ? new FixedCell().set(quantity).sub(fee) : quantity,
      cost: money.add(kind === "quote" ? fee : otherFee),
    };
  }
  return {
    side: "SELL",
    quantity: kind === "base" ? new FixedCell().set(quantity).add(fee) : quantity,
    proceeds: money.sub(kind === "quote" ? fee : otherFee),
  };
}

/** Base or quote by the symbol list; without it, by the symbol's spelling (BTCUSDT ends in USDT). */
function feeKind(fill: PnlFill, markets: Pick<PriceSource, "marketOf">): FeeKind {
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

/** A sale's quantity, negated for the move. */
const sold = new FixedCell();

/**
 * A fill's legs moved on its pair's position (the figures by pair, the journal); the PnL it
 * realized (read it before the pair's next move). A buy that brings no base (its base fee as
 * large as what it bought) moves nothing.
 */
export function moveLegs(book: PositionBook, symbol: string, legs: Acquired | Sold): FixedRead {
  if (legs.side === "SELL") return book.move(symbol, sold.set(legs.quantity).negate(), legs.proceeds);
  if (legs.quantity.sign() > 0) return book.move(symbol, legs.quantity, legs.cost);
  book.positionOf(symbol);
  return ZERO;
}
