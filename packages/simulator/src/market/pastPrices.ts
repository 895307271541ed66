/**
 * Prices of the past, for the fills of an account's history (pastTrading.ts): inside the kline
 * history the market synthesized at start (seedHistory.ts) a price within the minute's bar, so
 * past fills sit inside the candles; before it, a seeded random walk run backwards hour by hour
 * from the oldest bar's open (or the symbol's initial price when there are no bars), with a weak
 * pull towards that price, read between its hourly points with a little noise. Prices in ticks.
 */
import type { Random } from "../random.js";
import type { KlineBar, SymbolConfig } from "../types.js";
import { ticksOf } from "./orderSizing.js";
import { createRandomWalk, gaussian } from "./randomWalk.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const HOURS_PER_DAY = 24;
/** Pull back towards the walk's start per hour: a half-life of about three days (ours). */
const HOURLY_REVERSION = 0.01;
/** Noise between hourly points: this many minutes' worth of volatility. */
const NOISE_MINUTES = 4;

/** The price (ticks) of `config` at `time`, for a time in the past. */
export type PastPriceOf = (config: SymbolConfig, time: number) => number;

export function createPastPrices(deps: {
  readonly random: Random;
  /** Relative volatility over a day (the market's dailyVolatility). */
  readonly dailyVolatility: number;
  /** The oldest time asked for, and now. */
  readonly from: number;
  readonly now: number;
  /** The Min1 bars the market has of a symbol, oldest first. */
  readonly bars: (symbol: string) => readonly KlineBar[];
}): PastPriceOf {
  const { random } = deps;
  const paths = new Map<string, PricePath>();
  const pathOf = (config: SymbolConfig): PricePath => {
    let path = paths.get(config.symbol);
    if (!path) {
      path = buildPath(config, deps.bars(config.symbol), deps, random);
      paths.set(config.symbol, path);
    }
    return path;
  };
  return (config, time) => {
    const path = pathOf(config);
    const bar = path.bars.get(Math.floor(time / MINUTE_MS) * MINUTE_MS);
    if (bar) return random.int(bar.low, bar.high);
    const hours = Math.max(0, (path.anchorTime - time) / HOUR_MS);
    const index = Math.min(path.hourly.length - 2, Math.floor(hours));
    const fraction = hours - index;
    const base = path.hourly[index]! + (path.hourly[index + 1]! - path.hourly[index]!) * fraction;
    const noise = base * path.minuteVolatility * Math.sqrt(NOISE_MINUTES) * gaussian(random);
    return Math.max(1, Math.round(base + noise));
  };
}

interface PricePath {
  /** Bars by open time, prices in ticks. */
  readonly bars: ReadonlyMap<number, { readonly low: number; readonly high: number }>;
  /** Where the walk starts (the oldest bar's open time, else now), and its price each hour before, in ticks. */
  readonly anchorTime: number;
  readonly hourly: readonly number[];
  readonly minuteVolatility: number;
}

function buildPath(
  config: SymbolConfig,
  bars: readonly KlineBar[],
  { from, now, dailyVolatility }: { from: number; now: number; dailyVolatility: number },
  random: Random,
): PricePath {
  const byTime = new Map(
    bars.map((bar) => [bar.openTime, { low: ticksOf(config, bar.low), high: ticksOf(config, bar.high) }] as const),
  );
  const oldest = bars[0];
  const anchorTime = oldest?.openTime ?? now;
  const anchorTicks = oldest ? ticksOf(config, oldest.open) : ticksOf(config, config.initialPrice);
  const walk = createRandomWalk({
    random,
    startTicks: anchorTicks,
    volatility: dailyVolatility / Math.sqrt(HOURS_PER_DAY),
    reversion: HOURLY_REVERSION,
  });
  const hours = Math.max(1, Math.ceil((anchorTime - from) / HOUR_MS)) + 1;
  const hourly = [anchorTicks];
  for (let i = 1; i <= hours; i++) hourly.push(walk.step());
  return { bars: byTime, anchorTime, hourly, minuteVolatility: dailyVolatility / Math.sqrt(HOURS_PER_DAY * 60) };
}
