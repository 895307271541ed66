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
import { type Decimal, type Fixed, fixedText, fixedTimes, roundFigure, ZERO } from "@mexc-live/protocol";
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

/** The value of a quantity worked out beside the figures (big.js) at `price`, rounded once; zero for nothing held. */
export function decimalValueAt(quantity: Decimal, price: Decimal | null): Decimal | null {
  if (quantity.eq(0)) return ZERO;
  return price === null ? null : roundFigure(quantity.times(price));
}

/** The value of `quantity` at `price`, rounded once (fixedTimes); zero for nothing held. */
export function valueAt(quantity: Fixed, price: Decimal | null): Fixed | null {
  if (quantity === 0n) return 0n;
  return price === null ? null : fixedTimes(quantity, price);
}

/** Held with a cost that is not known by `method`. */
function unknownCost(t: AssetTotals, method: CostMethod): boolean {
  return t.quantity !== 0n && t.costUnknown[method];
}

/**
 * The bridge from `start` to `end`; `withParts`: each asset's part too (a period of PnL by period
 * reads the totals only: a year by day is 8,000 parts it would write out and drop).
 */
export function bridgeOf(start: Reading, end: Reading, method: CostMethod, withParts = true): BridgeResult {
  const assets = [...new Set([...start.totals.keys(), ...end.totals.keys()])].sort();
  const sum = {
    start: 0n,
    deposits: 0n,
    withdrawals: 0n,
    transfers: 0n,
    realized: 0n,
    unrealized: 0n,
    fees: 0n,
    end: 0n,
  };
  const byAsset: AssetPnlPart[] = [];
  const unpriced: string[] = [];
  for (const asset of assets) {
    const s = start.totals.get(asset) ?? EMPTY_TOTALS;
    const e = end.totals.get(asset) ?? EMPTY_TOTALS;
    const startValue = valueAt(s.quantity, s.quantity === 0n ? null : start.price(asset));
    const endValue = valueAt(e.quantity, e.quantity === 0n ? null : end.price(asset));
    if (
      startValue === null ||
      endValue === null ||
      e.unpriced > s.unpriced ||
      unknownCost(s, method) ||
      unknownCost(e, method)
    ) {
      unpriced.push(asset);
      continue;
    }
    const realized = e.realized[method] - s.realized[method];
    const unrealized = endValue - e.cost[method] - (startValue - s.cost[method]);
    const fees = -(e.fees - s.fees);
    sum.start += startValue;
    sum.deposits += e.deposits - s.deposits;
    sum.withdrawals -= e.withdrawals - s.withdrawals;
    // Trades with assets left out: money that left (or came back to) what is valued.
    sum.transfers += e.transfers - s.transfers + (e.traded - s.traded);
    sum.realized += realized;
    sum.unrealized += unrealized;
    sum.fees += fees;
    sum.end += endValue;
    const pnl = realized + unrealized + fees;
    if (withParts && !(realized === 0n && unrealized === 0n && fees === 0n)) {
      byAsset.push({
        asset,
        realized: fixedText(realized),
        unrealized: fixedText(unrealized),
        fees: fixedText(fees),
        pnl: fixedText(pnl),
      });
    }
  }
  const netFlows = sum.deposits + sum.withdrawals + sum.transfers;
  const pnl = sum.realized + sum.unrealized + sum.fees;
  return {
    bridge: {
      startEquity: fixedText(sum.start),
      deposits: fixedText(sum.deposits),
      withdrawals: fixedText(sum.withdrawals),
      transfers: fixedText(sum.transfers),
      realized: fixedText(sum.realized),
      unrealized: fixedText(sum.unrealized),
      fees: fixedText(sum.fees),
      endEquity: fixedText(sum.end),
    },
    pnl: fixedText(pnl),
    netFlows: fixedText(netFlows),
    byAsset,
    unpriced,
  };
}

/** The quote-currency value of everything held in a reading (the priced assets), and the unpriced ones. */
export function equityOf(reading: Reading): {
  readonly equity: Fixed;
  readonly byAsset: Map<string, Fixed>;
  readonly unpriced: string[];
} {
  let equity = 0n;
  const byAsset = new Map<string, Fixed>();
  const unpriced: string[] = [];
  for (const [asset, totals] of reading.totals) {
    if (totals.quantity === 0n) continue;
    const value = valueAt(totals.quantity, reading.price(asset));
    if (value === null) {
      unpriced.push(asset);
      continue;
    }
    byAsset.set(asset, value);
    equity += value;
  }
  return { equity, byAsset, unpriced };
}
