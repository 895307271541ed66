/**
 * Prices of the past, for the fills of an account's history (pastTrading.ts): a price inside the
 * past minute's bar of the market's past path (pastPath.ts), the same path the klines of past
 * windows follow, so every past fill sits inside its candle. Prices in ticks.
 */

import { MINUTE_MS } from "@mexc-live/protocol";
import type { Random } from "../random.js";
import type { PastPath, SymbolConfig } from "../types.js";
import { ticksOf } from "./orderSizing.js";

/** The price (ticks) of `config` at `time`, for a time in the past. */
export type PastPriceOf = (config: SymbolConfig, time: number) => number;

/** The range (ticks) the market traded in during the minute of `time`. */
export type PastRangeOf = (config: SymbolConfig, time: number) => { readonly low: number; readonly high: number };

/** Past fill prices drawn inside the path's minute bars; outside the path, the symbol's initial price. */
export function createPastPrices(deps: { readonly random: Random; readonly path: PastPath }): PastPriceOf {
  const { random } = deps;
  const rangeAt = pastRanges(deps.path);
  return (config, time) => {
    const { low, high } = rangeAt(config, time);
    return random.int(low, high);
  };
}

/** Each past minute's low and high; outside the path, the symbol's initial price. */
export function pastRanges(path: PastPath): PastRangeOf {
  return (config, time) => {
    const bar = path.minute(config, Math.floor(time / MINUTE_MS) * MINUTE_MS);
    if (bar) return bar;
    const initial = ticksOf(config, config.initialPrice);
    return { low: initial, high: initial };
  };
}
