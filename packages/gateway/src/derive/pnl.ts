/**
 * Realized and unrealized PnL per symbol, average-cost method, in the pair's quote asset.
 *
 * Per symbol we hold a position (base) and its cost basis (quote); the average cost is
 * cost / position. Fees, by the currency they are paid in:
 *   - BUY, fee in the quote asset: added to the cost (you paid it to get the position).
 *   - BUY, fee in the base asset: reduces the quantity received; the cost stays the amount paid.
 *   - SELL, fee in the quote asset: subtracted from the proceeds.
 *   - SELL, fee in the base asset: that base leaves the position too, at average cost, with no
 *     proceeds (so it lowers the realized PnL by its cost).
 *   - Fee in a third asset (e.g. MX), either side: valued in the pair's quote asset at fill time
 *     (`feePairValue`, see fees.ts), added to the cost of a buy or subtracted from the proceeds of
 *     a sell. When no price was known then, the fee is left out.
 * A sell realizes (proceeds - average cost x quantity sold). A sell larger than the recorded
 * position (base bought before the history starts, or deposited) realizes only the covered part,
 * pro rata; the rest has no known cost and is not counted.
 * Unrealized = position x last price - cost; null without a price ("0" with no position).
 * An opening position (held before the known history, openingPositions.ts) starts the position
 * at its given or first-known cost, and the item says so (`opening`).
 */

import type { PnlItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, type Side, ZERO } from "@mexc-live/protocol";
import type { PriceSource } from "./priceBook.js";

/** A fill as PnL reads it (a stored fill has all of these). */
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

interface Position {
  quantity: Decimal;
  cost: Decimal;
  realized: Decimal;
}

type FeeKind = "quote" | "base" | "other";

/** Apply each fill once, in time order: only fills the store reported new, or a store replay. */
export class PnlBook {
  private readonly positions = new Map<string, Position>();
  private readonly openings = new Map<string, NonNullable<PnlItem["opening"]>>();

  constructor(private readonly markets: Pick<PriceSource, "marketOf">) {}

  /** Starts `symbol`'s position with what was held before the history (before any fill is applied). */
  open(symbol: string, opening: NonNullable<PnlItem["opening"]>): void {
    if (opening.costPrice === null) return;
    const position = this.positionOf(symbol);
    const quantity = dec(opening.quantity, "quantity");
    position.quantity = position.quantity.plus(quantity);
    position.cost = position.cost.plus(quantity.times(dec(opening.costPrice, "costPrice")));
    this.openings.set(symbol, opening);
  }

  apply(fill: PnlFill): void {
    const position = this.positionOf(fill.symbol);
    const quantity = dec(fill.quantity, "quantity");
    const amount = amountOf(fill);
    const fee = dec(fill.fee, "fee");
    const kind = this.feeKind(fill);
    const otherFee = kind === "other" && fill.feePairValue ? dec(fill.feePairValue, "feePairValue") : ZERO;
    if (fill.side === "BUY") {
      position.quantity = position.quantity.plus(kind === "base" ? quantity.minus(fee) : quantity);
      position.cost = position.cost.plus(amount).plus(kind === "quote" ? fee : otherFee);
      return;
    }
    const leaving = kind === "base" ? quantity.plus(fee) : quantity;
    const proceeds = amount.minus(kind === "quote" ? fee : otherFee);
    const covered = leaving.gt(position.quantity) ? position.quantity : leaving;
    if (covered.lte(0)) return;
    const costOut = position.cost.times(covered).div(position.quantity);
    const proceedsIn = covered.eq(leaving) ? proceeds : proceeds.times(covered).div(leaving);
    position.realized = position.realized.plus(proceedsIn).minus(costOut);
    position.quantity = position.quantity.minus(covered);
    position.cost = position.quantity.eq(0) ? ZERO : position.cost.minus(costOut);
  }

  /** Every symbol traded, sorted by symbol. */
  items(prices: Pick<PriceSource, "price">): PnlItem[] {
    return [...this.positions.keys()].sort().map((symbol) => this.item(symbol, prices) as PnlItem);
  }

  item(symbol: string, prices: Pick<PriceSource, "price">): PnlItem | undefined {
    const p = this.positions.get(symbol);
    if (!p) return undefined;
    const last = prices.price(symbol);
    const unrealized = p.quantity.eq(0)
      ? "0"
      : last === undefined
        ? null
        : fmt(p.quantity.times(dec(last)).minus(p.cost));
    return {
      symbol,
      realized: fmt(p.realized),
      unrealized,
      position: fmt(p.quantity),
      averageCost: p.quantity.eq(0) ? "0" : fmt(p.cost.div(p.quantity)),
      ...(this.openings.has(symbol) ? { opening: this.openings.get(symbol) } : {}),
    };
  }

  private positionOf(symbol: string): Position {
    let p = this.positions.get(symbol);
    if (!p) {
      p = { quantity: ZERO, cost: ZERO, realized: ZERO };
      this.positions.set(symbol, p);
    }
    return p;
  }

  /** Base or quote by the symbol list; without it, by the symbol's spelling (BTCUSDT ends in USDT). */
  private feeKind(fill: PnlFill): FeeKind {
    const market = this.markets.marketOf(fill.symbol);
    if (market) {
      if (fill.feeCurrency === market.quoteAsset) return "quote";
      if (fill.feeCurrency === market.baseAsset) return "base";
      return "other";
    }
    if (fill.feeCurrency !== "" && fill.symbol.endsWith(fill.feeCurrency)) return "quote";
    if (fill.feeCurrency !== "" && fill.symbol.startsWith(fill.feeCurrency)) return "base";
    return "other";
  }
}

/** The fill's quote amount; price x quantity when the source left it at zero. */
function amountOf(fill: PnlFill): Decimal {
  const amount = dec(fill.amount, "amount");
  return amount.eq(0) ? dec(fill.price, "price").times(dec(fill.quantity, "quantity")) : amount;
}
