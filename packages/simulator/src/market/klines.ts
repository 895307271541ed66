/**
 * Kline aggregation: every public trade (or a synthesized past minute) is merged into the open
 * bar of every interval. Bars hold whole numbers — prices in ticks, volume in lots, turnover in
 * ticks x lots — so aggregation is exact and cheap; strings are made only when a bar is read.
 * History is bounded per symbol and interval. A trade stamped earlier than the newest bar (a
 * wall-clock step back) lands in the newest bar.
 */
import type { KlineBar, SymbolConfig } from "../types.js";
import { fromSteps, toSteps } from "./decimalSteps.js";
import { isKlineInterval, KLINE_INTERVALS, type KlineInterval, windowEnd, windowStart } from "./klineIntervals.js";

/** Bars kept per symbol and interval: more than a day of Min1 bars, for the 24 h statistics. */
export const DEFAULT_KLINE_HISTORY = 1500;

/** A bar as the book keeps it. */
export interface Bar {
  readonly openTime: number;
  readonly closeTime: number;
  /** Prices in ticks (10^-pricePrecision). */
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base quantity in lots (10^-quantityPrecision). */
  volume: bigint;
  /** Quote turnover in units of 10^-(pricePrecision + quantityPrecision). */
  amount: bigint;
}

/** Trades (or a synthesized minute) to merge, all inside one Min1 window. */
interface BarPiece {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: bigint;
  readonly amount: bigint;
}

export interface KlineBook {
  /** A public trade; price and quantity are on the symbol's grid (the engine validates them). */
  addTrade(symbol: string, price: string, quantity: string, time: number): void;
  addPiece(symbol: string, piece: BarPiece): void;
  /** Bars in [startTime, endTime] by open time, oldest first: the first `limit` from startTime, else the last `limit`. */
  klines(
    symbol: string,
    interval: string,
    options: { startTime?: number; endTime?: number; limit: number },
  ): KlineBar[];
  /** The bar of the window containing `now`; a flat zero-volume bar at the last close when nothing traded in it yet. */
  current(symbol: string, interval: string, now: number): KlineBar | undefined;
  /** The kept bars of one series, oldest first (read-only view for the tickers). */
  series(symbol: string, interval: KlineInterval): readonly Bar[];
}

interface SymbolSeries {
  readonly config: SymbolConfig;
  readonly bars: ReadonlyMap<KlineInterval, Bar[]>;
}

export function createKlineBook(symbols: readonly SymbolConfig[], historyLimit = DEFAULT_KLINE_HISTORY): KlineBook {
  const bySymbol = new Map<string, SymbolSeries>(
    symbols.map((config) => [config.symbol, { config, bars: new Map(KLINE_INTERVALS.map((name) => [name, []])) }]),
  );
  const barsOf = (symbol: string, interval: KlineInterval): Bar[] => bySymbol.get(symbol)?.bars.get(interval) ?? [];

  const addPiece = (symbol: string, piece: BarPiece) => {
    const series = bySymbol.get(symbol);
    if (!series) return;
    for (const interval of KLINE_INTERVALS) {
      const bars = series.bars.get(interval)!;
      const last = bars.at(-1);
      if (last && piece.time < last.closeTime) {
        if (piece.high > last.high) last.high = piece.high;
        if (piece.low < last.low) last.low = piece.low;
        last.close = piece.close;
        last.volume += piece.volume;
        last.amount += piece.amount;
        continue;
      }
      const start = windowStart(interval, piece.time);
      const { open, high, low, close, volume, amount } = piece;
      bars.push({ openTime: start, closeTime: windowEnd(interval, start), open, high, low, close, volume, amount });
      if (bars.length > historyLimit) bars.splice(0, bars.length - historyLimit);
    }
  };

  const toKlineBar = (symbol: string, interval: KlineInterval, bar: Bar): KlineBar => {
    const { pricePrecision, quantityPrecision } = bySymbol.get(symbol)!.config;
    return {
      interval,
      openTime: bar.openTime,
      closeTime: bar.closeTime,
      open: fromSteps(bar.open, pricePrecision),
      high: fromSteps(bar.high, pricePrecision),
      low: fromSteps(bar.low, pricePrecision),
      close: fromSteps(bar.close, pricePrecision),
      volume: fromSteps(bar.volume, quantityPrecision),
      amount: fromSteps(bar.amount, pricePrecision + quantityPrecision),
    };
  };

  return {
    addPiece,
    addTrade: (symbol, price, quantity, time) => {
      const config = bySymbol.get(symbol)?.config;
      if (!config) return;
      const ticks = toSteps(price, config.pricePrecision);
      const volume = BigInt(toSteps(quantity, config.quantityPrecision));
      addPiece(symbol, {
        time,
        open: ticks,
        high: ticks,
        low: ticks,
        close: ticks,
        volume,
        amount: volume * BigInt(ticks),
      });
    },
    klines: (symbol, interval, { startTime, endTime, limit }) => {
      if (!isKlineInterval(interval) || limit <= 0) return [];
      const inRange = barsOf(symbol, interval).filter(
        (bar) =>
          (startTime === undefined || bar.openTime >= startTime) && (endTime === undefined || bar.openTime <= endTime),
      );
      const chosen = startTime !== undefined ? inRange.slice(0, limit) : inRange.slice(-limit);
      return chosen.map((bar) => toKlineBar(symbol, interval, bar));
    },
    current: (symbol, interval, now) => {
      if (!isKlineInterval(interval)) return undefined;
      const last = barsOf(symbol, interval).at(-1);
      if (!last) return undefined;
      const start = windowStart(interval, now);
      if (last.openTime >= start) return toKlineBar(symbol, interval, last);
      const flat = last.close;
      const closeTime = windowEnd(interval, start);
      const empty = {
        openTime: start,
        closeTime,
        open: flat,
        high: flat,
        low: flat,
        close: flat,
        volume: 0n,
        amount: 0n,
      };
      return toKlineBar(symbol, interval, empty);
    },
    series: (symbol, interval) => barsOf(symbol, interval),
  };
}
