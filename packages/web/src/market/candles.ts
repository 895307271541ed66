/**
 * Klines -> candlesticks for lightweight-charts: the chosen symbol and interval only, ascending by
 * open time in seconds (a repeated open time keeps the latest kline), OHLC as floats; a kline with
 * any non-finite price is left out rather than drawn wrong.
 */
import type { KlineItem } from "@mexc-live/contract";
import type { UTCTimestamp } from "lightweight-charts";
import { chartNumber, decimalsOf, toChartSeconds } from "../charts/numbers.js";
import { type DisplayZone, displayZone } from "../format/timeZone.js";

export interface Candle {
  readonly time: UTCTimestamp;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** Most decimals a price scale shows. */
const MAX_PRECISION = 12;

export function toCandles(
  klines: readonly KlineItem[],
  symbol: string,
  interval?: string,
  zone: DisplayZone = displayZone(),
): Candle[] {
  const own = klines.filter((k) => k.symbol === symbol && (interval === undefined || k.interval === interval));
  let ascending = true;
  for (let i = 1; i < own.length && ascending; i++) {
    if ((own[i] as KlineItem).openTime < (own[i - 1] as KlineItem).openTime) ascending = false;
  }
  const ordered = ascending ? own : own.sort((a, b) => a.openTime - b.openTime);
  const out: Candle[] = [];
  for (const k of ordered) {
    const open = chartNumber(k.open);
    const high = chartNumber(k.high);
    const low = chartNumber(k.low);
    const close = chartNumber(k.close);
    if (open === undefined || high === undefined || low === undefined || close === undefined) continue;
    const candle = { time: toChartSeconds(k.openTime, zone), open, high, low, close };
    const last = out[out.length - 1];
    // The same wall-clock time twice (clocks put back): the newer candle stands for both.
    if (last !== undefined && last.time >= candle.time) out[out.length - 1] = { ...candle, time: last.time };
    else out.push(candle);
  }
  return out;
}

/**
 * Decimals to show on the price scale: as many significant ones as the prices carry (at least 2),
 * so tiny prices stay readable.
 */
export function pricePrecision(klines: readonly KlineItem[]): number {
  let precision = 2;
  for (const k of klines) {
    for (const price of [k.open, k.high, k.low, k.close]) {
      const significant = price.includes(".") ? price.replace(/0+$/, "") : price;
      precision = Math.max(precision, decimalsOf(significant));
    }
  }
  return Math.min(precision, MAX_PRECISION);
}

/** The interval of the newest kline of `symbol` (klines of several intervals are not mixed). */
export function latestInterval(klines: readonly KlineItem[], symbol: string): string | undefined {
  let newest: KlineItem | undefined;
  for (const k of klines) if (k.symbol === symbol && (!newest || k.openTime >= newest.openTime)) newest = k;
  return newest?.interval;
}
