/**
 * What each range of the equity chart asks the gateway for: GET /api/equity over its span with a
 * step that keeps it to about 1,000-2,000 points, and the start of the same span for the range's
 * performance and PnL over time ("all": from the oldest equity point held, to the UTC day).
 */
import type { QueryValue } from "../api/http.js";
import { type MsAgo, msAgo } from "../api/useLiveJson.js";
import { type EquityRange, RANGE_MS } from "../charts/index.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const EQUITY_QUERY: Readonly<Record<EquityRange, (now: number) => Record<string, QueryValue>>> = {
  "1h": (now) => ({ from: now - HOUR }),
  "1d": (now) => ({ from: now - DAY, step: "1m" }),
  "1w": (now) => ({ from: now - 7 * DAY, step: "10m" }),
  all: () => ({ step: "6h" }),
};

/**
 * The start of the range for /api/performance and /api/pnl/periods: a span before each fetch,
 * or for "all" the UTC day of the oldest equity point (undefined: none yet, the gateway's default).
 */
export function rangeFrom(range: EquityRange, oldestPoint: number | undefined): MsAgo | number | undefined {
  if (range !== "all") return msAgo(RANGE_MS[range]);
  return oldestPoint === undefined ? undefined : Math.floor(oldestPoint / DAY) * DAY;
}
