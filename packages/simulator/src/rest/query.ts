/**
 * Parameters shared by the signed history and order endpoints: a tradable symbol and MEXC's
 * time windows (docs/mexc/rest.md#get-apiv3allorders-signed-weight-10 allOrders: default 24 h, at most 7 days; docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read myTrades: the last month;
 * the wallet history: 7 days at a time, 90 days back; transfers: 7 days by default, six months back).
 */

import { DAY_MS } from "@mexc-live/protocol";
import { MAX_RECV_WINDOW_MS } from "@mexc-live/protocol/limits";
import { restErrors } from "../errors.js";
import type { Exchange, SymbolConfig } from "../types.js";
import type { RequestParams } from "./params.js";

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

/** An endpoint's window rules (its limits come from protocol's limits.ts). */
export interface WindowRules {
  /** Neither time sent: the last this many ms; one sent: this many ms from or to it. */
  readonly defaultSpanMs: number;
  /** Longest endTime - startTime; undefined: no limit. */
  readonly maxSpanMs?: number;
  /** How far back the endpoint serves. */
  readonly maxAgeMs: number;
  /** startTime sent alone runs to now (the wallet endpoints: endTime "default: current time"). */
  readonly startAloneRunsToNow?: boolean;
}

/**
 * A client's clock may be behind ours by up to the recvWindow the signature check allows, so a
 * startTime it computes as "its now minus the limit" is cut to the limit, not refused (ours).
 */
const START_TIME_GRACE_MS = MAX_RECV_WINDOW_MS;

/**
 * [startTime, endTime] from the parameters, by the endpoint's rules. Refused with 33333 naming
 * the parameter: startTime after endTime; a span longer than `maxSpanMs`; a startTime sent older
 * than `maxAgeMs` (past the grace above). MEXC documents these limits, not its answer beyond them
 * [UNCONFIRMED: we refuse, so a client that asks for more is caught]. A start the rules default
 * to (endTime alone) is cut to `maxAgeMs` instead.
 */
export function timeWindow(params: RequestParams, now: number, rules: WindowRules): TimeWindow {
  const start = params.optionalTime("startTime");
  const end = params.optionalTime("endTime");
  const endTime = end ?? (start === undefined || rules.startAloneRunsToNow ? now : start + rules.defaultSpanMs);
  const requestedStart = start ?? endTime - rules.defaultSpanMs;
  if (requestedStart > endTime) throw restErrors.badParameter("startTime", "must not be after endTime");
  if (rules.maxSpanMs !== undefined && endTime - requestedStart > rules.maxSpanMs) {
    throw restErrors.badParameter("startTime and endTime", `diff cannot exceed ${days(rules.maxSpanMs)} days`);
  }
  const oldest = now - rules.maxAgeMs;
  if (start !== undefined && start < oldest - START_TIME_GRACE_MS) {
    throw restErrors.badParameter("startTime", `cannot be more than ${days(rules.maxAgeMs)} days ago`);
  }
  const startTime = Math.max(requestedStart, oldest);
  return { startTime, endTime, includes: (time) => time >= startTime && time <= endTime };
}

const days = (ms: number) => Math.round(ms / DAY_MS);
