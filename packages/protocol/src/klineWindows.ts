/**
 * Kline windows: every candle's window starts on a UTC boundary, minutes and hours from the
 * epoch, Day1 at 00:00 UTC, Week1 on Monday 00:00 UTC, Month1 on the 1st of the calendar month
 * (UTC); a window ends where the next one starts (MEXC's kline `closeTime`, the WebSocket's
 * `windowEnd`, are the next window's start: captured answers in conformance/ and the official
 * proto's comments, docs/mexc/enums.md). [OFF] for the fixed windows; Week1 on Monday is what
 * MEXC's candles show (the simulator follows it). Used by the client's readers of past prices
 * and by the simulator's kline book alike.
 */
import type { KlineInterval } from "./channels.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from "./timeUnits.js";

/** 1970-01-01 was a Thursday; the first Monday 00:00 UTC is 4 days later. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Fixed window lengths; Week1 and Month1 are calendar windows. */
const FIXED_MS: Readonly<Record<Exclude<KlineInterval, "Month1" | "Week1">, number>> = {
  Min1: MINUTE_MS,
  Min5: 5 * MINUTE_MS,
  Min15: 15 * MINUTE_MS,
  Min30: 30 * MINUTE_MS,
  Min60: HOUR_MS,
  Hour4: 4 * HOUR_MS,
  Hour8: 8 * HOUR_MS,
  Day1: DAY_MS,
};

/** Start (ms) of the window of `interval` that contains `time`. */
export function klineWindowStart(interval: KlineInterval, time: number): number {
  if (interval === "Month1") {
    const date = new Date(time);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  if (interval === "Week1") return Math.floor((time - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
  const size = FIXED_MS[interval];
  return Math.floor(time / size) * size;
}

/** End (ms, exclusive) of the window that starts at `start`: the next window's start. */
export function klineWindowEnd(interval: KlineInterval, start: number): number {
  if (interval === "Month1") {
    const date = new Date(start);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  if (interval === "Week1") return start + WEEK_MS;
  return start + FIXED_MS[interval];
}
