/**
 * A market topic's data folded into what is held of its symbol: a snapshot replaces the part it
 * carries (trades and klines capped), an update folds in (the newest ticker and depth, trades
 * and klines merged by time).
 */
import { type KindedData, mergeKlines, mergeTrades } from "@mexc-live/contract";
import { MAX_KLINES, MAX_TRADES } from "./limits.js";
import type { MarketState } from "./liveState.js";

export function marketSnapshot(held: MarketState, part: KindedData<"snapshot">): MarketState {
  switch (part.kind) {
    case "trades":
      return { ...held, trades: mergeTrades([], part.data, MAX_TRADES) };
    case "kline":
      return { ...held, klines: mergeKlines([], part.data, MAX_KLINES), klinesIn: true };
    default:
      return withLatest(held, part);
  }
}

export function marketUpdate(held: MarketState, part: KindedData<"delta">): MarketState {
  switch (part.kind) {
    case "trades":
      return { ...held, trades: mergeTrades(held.trades, [part.data], MAX_TRADES) };
    case "kline":
      return { ...held, klines: mergeKlines(held.klines, [part.data], MAX_KLINES), klinesIn: true };
    default:
      return withLatest(held, part);
  }
}

/** The ticker and the depth: a snapshot and an update alike carry the whole of it. */
function withLatest(held: MarketState, part: KindedData<"snapshot"> | KindedData<"delta">): MarketState {
  if (part.kind === "ticker") return { ...held, ticker: part.data };
  if (part.kind === "depth") return { ...held, depth: part.data };
  return held;
}
