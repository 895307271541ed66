/**
 * One definition of "am I up or down" over a range, and the bridge that explains it, from two
 * readings of the portfolio (its totals at the start and at the end, portfolio.ts) and the market
 * prices of those two moments:
 *
 *   pnl = endEquity - startEquity - netFlows = realized + unrealized + fees
 *
 * Per asset, with V = quantity x price and U = V - cost:
 *   realized   = realized(end) - realized(start)
 *   unrealized = U(end) - U(start)
 *   fees       = -(fees(end) - fees(start))
 *   deposits, withdrawals (negative), transfers: the flows of the range, valued when each happened
 * and V(start) + flows + realized + unrealized + fees = V(end) - (money moved into the asset by
 * trades), which sums to zero over the assets (both legs of a trade carry one value). Every value
 * is rounded once, where it is made (position.ts), and every total is an exact sum, so the parts
 * add up to the last digit.
 *
 * An asset that cannot be valued over the range (no price at one end while it is held, or an
 * event of the range without a price) is left out of every figure and listed in `unpriced`; money
 * that moved between it and the valued assets by trades counts as a transfer, so the bridge still
 * closes. Pure: no I/O.
 */
import type { AssetPnlPart, PerformanceBridge } from "@mexc-live/contract";
import { type Decimal, fmt, roundFigure, ZERO } from "@mexc-live/protocol";
import type { CostMethod } from "../engine/lots.js";
import { type AssetTotals, EMPTY_TOTALS } from "./portfolio.js";

/** The portfolio at one moment, and the price of each asset then (null: unpriced). */
export interface Reading {
  readonly time: number;
  readonly totals: ReadonlyMap<string, AssetTotals>;
  readonly price: (asset: string) => Decimal | null;
}

export interface BridgeResult {
  readonly bridge: PerformanceBridge;
  readonly pnl: string;
  readonly netFlows: string;
  readonly byAsset: readonly AssetPnlPart[];
  readonly unpriced: readonly string[];
}

/** The value of `quantity` at `price`, rounded once; zero for nothing held. */
export function valueAt(quantity: Decimal, price: Decimal | null): Decimal | null {
  if (quantity.eq(0)) return ZERO;
  return price === null ? null : roundFigure(quantity.times(price));
}

export function bridgeOf(start: Reading, end: Reading, method: CostMethod): BridgeResult {
  const assets = [...new Set([...start.totals.keys(), ...end.totals.keys()])].sort();
  const sum = {
    start: ZERO,
    deposits: ZERO,
    withdrawals: ZERO,
    transfers: ZERO,
    realized: ZERO,
    unrealized: ZERO,
    fees: ZERO,
    end: ZERO,
  };
  const byAsset: AssetPnlPart[] = [];
  const unpriced: string[] = [];
  for (const asset of assets) {
    const s = start.totals.get(asset) ?? EMPTY_TOTALS;
    const e = end.totals.get(asset) ?? EMPTY_TOTALS;
    const startValue = valueAt(s.quantity, s.quantity.eq(0) ? null : start.price(asset));
    const endValue = valueAt(e.quantity, e.quantity.eq(0) ? null : end.price(asset));
    const unknownCost = (t: AssetTotals) => !t.quantity.eq(0) && t.costUnknown[method];
    if (startValue === null || endValue === null || e.unpriced > s.unpriced || unknownCost(s) || unknownCost(e)) {
      unpriced.push(asset);
      continue;
    }
    const realized = e.realized[method].minus(s.realized[method]);
    const unrealized = endValue.minus(e.cost[method]).minus(startValue.minus(s.cost[method]));
    const fees = e.fees.minus(s.fees).times(-1);
    sum.start = sum.start.plus(startValue);
    sum.deposits = sum.deposits.plus(e.deposits.minus(s.deposits));
    sum.withdrawals = sum.withdrawals.minus(e.withdrawals.minus(s.withdrawals));
    // Trades with assets left out: money that left (or came back to) what is valued.
    sum.transfers = sum.transfers.plus(e.transfers.minus(s.transfers)).plus(e.traded.minus(s.traded));
    sum.realized = sum.realized.plus(realized);
    sum.unrealized = sum.unrealized.plus(unrealized);
    sum.fees = sum.fees.plus(fees);
    sum.end = sum.end.plus(endValue);
    const pnl = realized.plus(unrealized).plus(fees);
    if (!(realized.eq(0) && unrealized.eq(0) && fees.eq(0))) {
      byAsset.push({ asset, realized: fmt(realized), unrealized: fmt(unrealized), fees: fmt(fees), pnl: fmt(pnl) });
    }
  }
  const netFlows = sum.deposits.plus(sum.withdrawals).plus(sum.transfers);
  const pnl = sum.realized.plus(sum.unrealized).plus(sum.fees);
  return {
    bridge: {
      startEquity: fmt(sum.start),
      deposits: fmt(sum.deposits),
      withdrawals: fmt(sum.withdrawals),
      transfers: fmt(sum.transfers),
      realized: fmt(sum.realized),
      unrealized: fmt(sum.unrealized),
      fees: fmt(sum.fees),
      endEquity: fmt(sum.end),
    },
    pnl: fmt(pnl),
    netFlows: fmt(netFlows),
    byAsset,
    unpriced,
  };
}

/** The quote-currency value of everything held in a reading (the priced assets), and the unpriced ones. */
export function equityOf(reading: Reading): {
  readonly equity: Decimal;
  readonly byAsset: Map<string, Decimal>;
  readonly unpriced: string[];
} {
  let equity = ZERO;
  const byAsset = new Map<string, Decimal>();
  const unpriced: string[] = [];
  for (const [asset, totals] of reading.totals) {
    if (totals.quantity.eq(0)) continue;
    const value = valueAt(totals.quantity, reading.price(asset));
    if (value === null) {
      unpriced.push(asset);
      continue;
    }
    byAsset.set(asset, value);
    equity = equity.plus(value);
  }
  return { equity, byAsset, unpriced };
}
