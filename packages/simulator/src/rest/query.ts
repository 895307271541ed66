/**
 * Parameters shared by the signed history and order endpoints: a tradable symbol and MEXC's
 * time windows (§3.7 allOrders: default 24 h, at most 7 days; §3.8 myTrades: the last month).
 */

import { restErrors } from "../errors.js";
import type { Exchange, SymbolConfig } from "../types.js";
import type { RequestParams } from "./params.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** `symbol` (or another parameter) naming a listed symbol; 30014 "invalid symbol" otherwise. */
export function knownSymbol(exchange: Exchange, params: RequestParams, name = "symbol"): SymbolConfig {
  return lookUpSymbol(exchange, params.required(name));
}

export function lookUpSymbol(exchange: Exchange, symbol: string): SymbolConfig {
  const config = exchange.symbols.get(symbol);
  if (!config) throw restErrors.invalidSymbol();
  return config;
}

export interface TimeWindow {
  readonly startTime: number;
  readonly endTime: number;
  includes(time: number): boolean;
}

/**
 * [startTime, endTime] from the parameters: neither given -> the last `defaultSpanMs`; one
 * given -> `defaultSpanMs` from/to it; longer than `maxSpanMs` -> 33333 (MEXC's wording);
 * anything older than `maxAgeMs` is out of reach and silently cut.
 */
export function timeWindow(
  params: RequestParams,
  now: number,
  limits: { defaultSpanMs: number; maxSpanMs: number; maxAgeMs: number },
): TimeWindow {
  const start = params.optionalTime("startTime");
  const end = params.optionalTime("endTime");
  const endTime = end ?? (start === undefined ? now : start + limits.defaultSpanMs);
  const requestedStart = start ?? endTime - limits.defaultSpanMs;
  if (requestedStart > endTime) throw restErrors.badParameter("startTime", "must not be after endTime");
  if (endTime - requestedStart > limits.maxSpanMs) {
    const days = Math.round(limits.maxSpanMs / DAY_MS);
    throw restErrors.badParameter("start time and end time", `diff cannot exceed ${days} days`);
  }
  const startTime = Math.max(requestedStart, now - limits.maxAgeMs);
  return { startTime, endTime, includes: (time) => time >= startTime && time <= endTime };
}
