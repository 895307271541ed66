/**
 * The one place where decimal strings become floats: only for drawing. Anything that is not a
 * finite number (null, "", "NaN", garbage) is left out of the chart rather than drawn as 0 —
 * corrupt data is worse than no data.
 */

import { MINUTE_MS } from "@mexc-live/protocol";
import type { UTCTimestamp } from "lightweight-charts";
import { type DisplayZone, displayZone } from "../format/timeZone.js";

/** "123.45" -> 123.45; undefined for null, blank or non-finite input. */
export function chartNumber(value: string | null | undefined): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** How far the zone's wall clock is ahead of UTC at `ms` (ms; summer time included). */
export function zoneOffsetMs(ms: number, zone: DisplayZone = displayZone()): number {
  return zone.utc ? 0 : -new Date(ms).getTimezoneOffset() * MINUTE_MS;
}

/**
 * ms since epoch -> whole seconds, the time unit of lightweight-charts (UTCTimestamp), shifted by
 * the zone's offset: the library reads and labels every time as UTC, so a time moved by the
 * offset is drawn, ticked and labelled at its wall-clock time in the zone (the library's own
 * advice: https://tradingview.github.io/lightweight-charts/docs/time-zones). Labels then read
 * the chart's times with UTC getters (lightweightTheme.ts).
 */
export function toChartSeconds(ms: number, zone: DisplayZone = displayZone()): UTCTimestamp {
  return Math.floor((ms + zoneOffsetMs(ms, zone)) / 1000) as UTCTimestamp;
}

/** Digits after the decimal point of a decimal string ("0.00012300" -> 8). */
export function decimalsOf(value: string): number {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * The formats, made once: `toLocaleString` with options builds a new Intl.NumberFormat at every
 * call, and a chart formats every axis label at every redraw (issue 17: it was the page's
 * costliest function at demo pace).
 */
const UP_TO_DIGITS = Array.from(
  { length: 9 },
  (_, digits) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }),
);
const TWO_PLACES = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A short label for an approximate value on an axis or tooltip: "12,345.68", "0.000123". */
export function approxLabel(value: number): string {
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 1 ? 2 : Math.min(8, 1 - Math.floor(Math.log10(abs)) + 2);
  return (UP_TO_DIGITS[Math.max(0, digits)] as Intl.NumberFormat).format(value);
}

/** A money label on a price axis: always 2 places ("87,588.00"), like approxLabel below 1. */
export function moneyLabel(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && abs < 1) return approxLabel(value);
  return TWO_PLACES.format(value);
}

/** The formats of fixedLabel, one per number of places, made once each. */
const AT_PLACES = new Map<number, Intl.NumberFormat>();

/** A price on an axis at exactly `places` places, thousands separated ("96,974.41"), as every price on the screen. */
export function fixedLabel(value: number, places: number): string {
  let format = AT_PLACES.get(places);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: places, maximumFractionDigits: places });
    AT_PLACES.set(places, format);
  }
  return format.format(value);
}
