/**
 * The market's past before the simulator started: one price path per symbol that the accounts'
 * past fills (pastTrading.ts) and the klines of past windows (GET /api/v3/klines) both follow, so
 * a past fill always sits inside its minute's candle and a client valuing a past moment from the
 * candles sees the prices the account traded at.
 *
 * - Inside the day of minutes the market synthesized at start (seedHistory.ts), the path is those
 *   bars as they were made.
 * - Before it, a seeded random walk run backwards hour by hour from the oldest seeded bar's open
 *   (weakly pulled towards it), read between its hourly points with a little noise per minute.
 *   Every minute's bar is a pure function of (seed, symbol, minute): asking twice gives the same
 *   bar, in any order.
 * - Coarser windows aggregate minutes (through cached hours), like MEXC's candles do.
 *
 * Prices are whole ticks (10^-pricePrecision), volumes whole lots; floats only draw the noise.
 */
import { Decimal as Big, HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import { createRandom } from "../random.js";
import type { KlineBar, PastPath, SymbolConfig, TickBar } from "../types.js";
import { fromSteps, toSteps } from "./decimalSteps.js";
import { type KlineInterval, windowEnd, windowStart } from "./klineIntervals.js";
import { minLots } from "./orderSizing.js";
import { createRandomWalk } from "./randomWalk.js";

const HOURS_PER_DAY = 24;
const MINUTES_PER_DAY = 24 * 60;
/** Pull back towards the walk's start per hour: a half-life of about three days (ours). */
const HOURLY_REVERSION = 0.01;
/** Noise of a minute's close around the hourly path: this many minutes' worth of volatility. */
const NOISE_MINUTES = 4;
/** Wicks: |normal| x this share of one minute's volatility. */
const WICK_SHARE = 0.5;
/** A past minute's volume, as a multiple of the minimum order: [min, max) (seedHistory.ts's). */
const VOLUME_MULTIPLE = [800, 4000] as const;

export interface PastPathOptions {
  readonly seed: number;
  /** Relative volatility over a day (the market's dailyVolatility). */
  readonly dailyVolatility: number;
  /** The earliest time the path reaches (ms). */
  readonly from: number;
  /** Now (ms): the path ends at the oldest seeded bar, or here when there is none. */
  readonly now: number;
  /** The Min1 bars the market synthesized at start, oldest first. */
  readonly seeded: (symbol: string) => readonly KlineBar[];
}

export function createPastPath(options: PastPathOptions): PastPath {
  const symbols = new Map<string, SymbolPath>();
  const pathOf = (config: SymbolConfig): SymbolPath => {
    let path = symbols.get(config.symbol);
    if (!path) {
      path = buildSymbolPath(config, options);
      symbols.set(config.symbol, path);
    }
    return path;
  };
  const from = Math.floor(options.from / HOUR_MS) * HOUR_MS;

  const minute = (config: SymbolConfig, time: number): TickBar | undefined => {
    if (time < from || time % MINUTE_MS !== 0) return undefined;
    return pathOf(config).minute(time);
  };
  const hour = (config: SymbolConfig, start: number): TickBar | undefined => {
    const path = pathOf(config);
    let bar = path.hours.get(start);
    if (bar === undefined) {
      bar = aggregate(minutesOf(start, start + HOUR_MS, (time) => minute(config, time)));
      if (bar !== undefined) path.hours.set(start, bar);
    }
    return bar;
  };

  return {
    from,
    minute,
    until: (symbol) => symbols.get(symbol)?.handOver ?? options.now,
    bars(config, interval, { start, end, limit, fromEnd = false }) {
      const path = pathOf(config);
      const last = Math.min(end, path.handOver);
      const windows: number[] = [];
      // Windows that start in range and close by the hand-over; walked from the wanted end.
      if (fromEnd) {
        for (let open = windowStart(interval, last - 1); open >= start && windows.length < limit; ) {
          if (open >= from && windowEnd(interval, open) <= path.handOver) windows.push(open);
          open = windowStart(interval, open - 1);
        }
        windows.reverse();
      } else {
        let open = windowStart(interval, Math.max(start, from));
        if (open < start) open = windowEnd(interval, open);
        for (; open < last && windows.length < limit; open = windowEnd(interval, open)) {
          if (windowEnd(interval, open) <= path.handOver) windows.push(open);
        }
      }
      const out: KlineBar[] = [];
      for (const open of windows) {
        const close = windowEnd(interval, open);
        const step = close - open >= HOUR_MS ? HOUR_MS : MINUTE_MS;
        const read = step === HOUR_MS ? (t: number) => hour(config, t) : (t: number) => minute(config, t);
        const bar = aggregate(minutesOf(open, close, read, step));
        if (bar !== undefined) out.push(toKlineBar(config, interval, open, close, bar));
      }
      return out;
    },
  };
}

interface SymbolPath {
  readonly anchorTime: number;
  /**
   * Where the market's own minutes take over: the end of the seeded minutes (the path holds them
   * as they were made), else the anchor. Not the anchor itself: the market keeps DEFAULT_KLINE_HISTORY
   * minutes (1,500) of a day seeded with 1,440, so after an hour live its oldest seeded minutes
   * left it, and with the past ending at the anchor the simulator's GET /api/v3/klines had a hole
   * of 1-minute candles there.
   */
  readonly handOver: number;
  readonly hours: Map<number, TickBar>;
  minute(time: number): TickBar | undefined;
}

function buildSymbolPath(config: SymbolConfig, options: PastPathOptions): SymbolPath {
  const seeded = options.seeded(config.symbol);
  const seededBars = new Map<number, TickBar>();
  for (const bar of seeded) {
    seededBars.set(bar.openTime, {
      open: toSteps(bar.open, config.pricePrecision),
      high: toSteps(bar.high, config.pricePrecision),
      low: toSteps(bar.low, config.pricePrecision),
      close: toSteps(bar.close, config.pricePrecision),
      volume: toSteps(bar.volume, config.quantityPrecision),
      amount: BigInt(
        new Big(bar.amount).times(new Big(10).pow(config.pricePrecision + config.quantityPrecision)).toFixed(0),
      ),
    });
  }
  const oldest = seeded[0];
  const anchorTime = oldest?.openTime ?? Math.floor(options.now / MINUTE_MS) * MINUTE_MS;
  const anchorTicks = oldest
    ? toSteps(oldest.open, config.pricePrecision)
    : toSteps(config.initialPrice, config.pricePrecision);
  const symbolSeed = hash32(options.seed, config.symbol);
  const walk = createRandomWalk({
    random: createRandom(symbolSeed),
    startTicks: anchorTicks,
    volatility: options.dailyVolatility / Math.sqrt(HOURS_PER_DAY),
    reversion: HOURLY_REVERSION,
  });
  /** hourly[i]: the price i hours before the anchor, in ticks; extended as far back as asked. */
  const hourly = [anchorTicks];
  const hourlyAt = (index: number): number => {
    while (hourly.length <= index + 1) hourly.push(walk.step());
    return hourly[index] as number;
  };
  const minuteVolatility = options.dailyVolatility / Math.sqrt(MINUTES_PER_DAY);
  /** The close of the minute ending at `end` (ms, on a minute, at or before the anchor). */
  const closeAt = (end: number): number => {
    if (end >= anchorTime) return anchorTicks;
    const hours = (anchorTime - end) / HOUR_MS;
    const index = Math.floor(hours);
    const fraction = hours - index;
    const base = hourlyAt(index) + (hourlyAt(index + 1) - hourlyAt(index)) * fraction;
    const noise = base * minuteVolatility * Math.sqrt(NOISE_MINUTES) * normal(symbolSeed, end, 1);
    return Math.max(1, Math.round(base + noise));
  };
  const [volumeMin, volumeMax] = VOLUME_MULTIPLE;
  const newest = seeded.at(-1);
  return {
    anchorTime,
    handOver: newest === undefined ? anchorTime : newest.openTime + MINUTE_MS,
    hours: new Map(),
    minute(time) {
      const kept = seededBars.get(time);
      if (kept) return kept;
      if (time + MINUTE_MS > anchorTime) return undefined;
      const open = closeAt(time);
      const close = closeAt(time + MINUTE_MS);
      const wick = (salt: number) =>
        Math.round(Math.abs(normal(symbolSeed, time, salt)) * close * minuteVolatility * WICK_SHARE);
      const high = Math.max(open, close) + wick(2);
      const low = Math.max(1, Math.min(open, close) - wick(3));
      const inside = low + Math.floor(uniform(symbolSeed, time, 4) * (high - low + 1));
      const share = volumeMin + (volumeMax - volumeMin) * uniform(symbolSeed, time, 5);
      const volume = Math.ceil(minLots(config, inside) * share);
      return { open, high, low, close, volume, amount: BigInt(volume) * BigInt(inside) };
    },
  };
}

/** The bars read every `step` from `open` to `close`, those that exist. */
function minutesOf(
  open: number,
  close: number,
  read: (time: number) => TickBar | undefined,
  step = MINUTE_MS,
): TickBar[] {
  const bars: TickBar[] = [];
  for (let time = open; time < close; time += step) {
    const bar = read(time);
    if (bar) bars.push(bar);
  }
  return bars;
}

function aggregate(bars: readonly TickBar[]): TickBar | undefined {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (first === undefined || last === undefined) return undefined;
  let high = first.high;
  let low = first.low;
  let volume = 0;
  let amount = 0n;
  for (const bar of bars) {
    if (bar.high > high) high = bar.high;
    if (bar.low < low) low = bar.low;
    volume += bar.volume;
    amount += bar.amount;
  }
  return { open: first.open, high, low, close: last.close, volume, amount };
}

function toKlineBar(
  config: SymbolConfig,
  interval: KlineInterval,
  open: number,
  close: number,
  bar: TickBar,
): KlineBar {
  return {
    interval,
    openTime: open,
    closeTime: close,
    open: fromSteps(bar.open, config.pricePrecision),
    high: fromSteps(bar.high, config.pricePrecision),
    low: fromSteps(bar.low, config.pricePrecision),
    close: fromSteps(bar.close, config.pricePrecision),
    volume: fromSteps(BigInt(bar.volume), config.quantityPrecision),
    amount: fromSteps(bar.amount, config.pricePrecision + config.quantityPrecision),
  };
}

/** A 32-bit hash of a seed and a name (FNV-1a over the name's code units, mixed with the seed). */
function hash32(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A uniform draw in [0, 1) that depends only on (seed, time, salt). */
function uniform(seed: number, time: number, salt: number): number {
  let x = (seed ^ Math.imul(Math.floor(time / MINUTE_MS) | 0, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x / 4294967296;
}

/** A standard normal draw (Box-Muller) that depends only on (seed, time, salt). */
function normal(seed: number, time: number, salt: number): number {
  const u = 1 - uniform(seed, time, salt * 2 + 11);
  const v = uniform(seed, time, salt * 2 + 12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
