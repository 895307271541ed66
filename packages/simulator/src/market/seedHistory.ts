/**
 * Synthesized past minutes, so klines, tickers and charts are not empty at start: a random walk
 * run backwards from the live walk's starting price gives each past minute's close; open is the
 * previous close, high/low reach a little beyond, and volume/turnover are random but consistent
 * (turnover = volume x a price inside the bar). Every value is an exact decimal on the symbol's grid.
 */

import { MINUTE_MS } from "@mexc-live/protocol";
import type { Random } from "../random.js";
import type { SymbolConfig } from "../types.js";
import { windowStart } from "./klineIntervals.js";
import type { KlineBook } from "./klines.js";
import { minLots } from "./orderSizing.js";
import { createRandomWalk, gaussian } from "./randomWalk.js";

/** A past minute's volume, as a multiple of the minimum order: [min, max). */
const VOLUME_MULTIPLE = [800, 4000] as const;
/** Wicks: |normal| x this share of one minute's volatility, in ticks. */
const WICK_SHARE = 0.5;

export function seedKlineHistory(deps: {
  readonly klines: KlineBook;
  readonly config: SymbolConfig;
  readonly random: Random;
  /** Number of past Min1 bars, ending just before the minute containing `now`. */
  readonly minutes: number;
  readonly now: number;
  /** Close of the newest synthesized minute (the live walk's start), in ticks. */
  readonly endTicks: number;
  /** Relative volatility of one minute. */
  readonly minuteVolatility: number;
  /** Pull towards endTicks per minute. */
  readonly minuteReversion: number;
}): void {
  const { klines, config, random, minutes } = deps;
  if (minutes <= 0) return;
  const walk = createRandomWalk({
    random,
    startTicks: deps.endTicks,
    volatility: deps.minuteVolatility,
    reversion: deps.minuteReversion,
  });
  // closes[i] is the close of minute i (oldest first); the walk runs backwards from the newest.
  const closes = [deps.endTicks];
  for (let i = 1; i <= minutes; i++) closes.push(walk.step());
  closes.reverse();

  const firstOpenTime = windowStart("Min1", deps.now) - minutes * MINUTE_MS;
  const [min, max] = VOLUME_MULTIPLE;
  for (let i = 1; i <= minutes; i++) {
    const open = closes[i - 1]!;
    const close = closes[i]!;
    const wick = () => Math.round(Math.abs(gaussian(random)) * close * deps.minuteVolatility * WICK_SHARE);
    const high = Math.max(open, close) + wick();
    const low = Math.max(1, Math.min(open, close) - wick());
    const inside = random.int(low, high);
    const volume = BigInt(Math.ceil(minLots(config, inside) * (min + (max - min) * random.next())));
    const time = firstOpenTime + (i - 1) * MINUTE_MS;
    klines.addPiece(config.symbol, { time, open, high, low, close, volume, amount: volume * BigInt(inside) });
  }
}
