/**
 * The local order book -> the rows the depth table shows: the best DEPTH_LEVELS levels per side
 * (best first, prices and sizes exactly as received), each with the share of the largest level
 * shown for its size bar, and the spread between the best ask and the best bid.
 */
import type { DepthView } from "@mexc-live/contract";
import { subtractDecimal } from "@mexc-live/protocol";

/** Levels shown per side (MEXC's partial depth streams go to 20 too). */
export const DEPTH_LEVELS = 20;

export interface DepthRow {
  readonly price: string;
  readonly quantity: string;
  /** Size relative to the largest level shown on either side, 0..1 (bar width). */
  readonly share: number;
}

export interface DepthRows {
  readonly bids: readonly DepthRow[];
  readonly asks: readonly DepthRow[];
  /** Best ask - best bid, exact; null without both sides. */
  readonly spread: string | null;
  /** The spread as a percentage of the best bid (display only); null without both sides. */
  readonly spreadPct: number | null;
}

const EMPTY: DepthRows = { bids: [], asks: [], spread: null, spreadPct: null };

function size(quantity: string): number {
  const n = Number(quantity);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export function depthRows(depth: DepthView | null, levels = DEPTH_LEVELS): DepthRows {
  if (!depth) return EMPTY;
  const bids = depth.bids.slice(0, levels);
  const asks = depth.asks.slice(0, levels);
  let largest = 0;
  for (const [, quantity] of [...bids, ...asks]) largest = Math.max(largest, size(quantity));
  const row = ([price, quantity]: readonly [string, string]): DepthRow => ({
    price,
    quantity,
    share: largest > 0 ? size(quantity) / largest : 0,
  });
  const bestBid = bids[0]?.[0];
  const bestAsk = asks[0]?.[0];
  const spread = bestBid !== undefined && bestAsk !== undefined ? (subtractDecimal(bestAsk, bestBid) ?? null) : null;
  const bid = Number(bestBid);
  const spreadPct = spread !== null && bid > 0 ? (Number(spread) / bid) * 100 : null;
  return { bids: bids.map(row), asks: asks.map(row), spread, spreadPct: Number.isFinite(spreadPct) ? spreadPct : null };
}
