/**
 * Kline intervals and their windows. Every window starts on a UTC boundary: minutes and hours
 * from the epoch, Day1 at 00:00 UTC, Week1 on Monday 00:00 UTC, Month1 on the 1st of the
 * calendar month (UTC). A window ends where the next one starts (MEXC's kline `closeTime` and
 * `windowEnd` are the next window's start).
 */
import { KLINE_INTERVALS, type KlineInterval, klineWindowEnd, klineWindowStart } from "@mexc-live/protocol";

/** WebSocket interval names (docs/mexc/enums.md#on-the-websocket), shortest first, and the REST names (docs/mexc/enums.md#in-rest): the protocol package's tables. */
export { KLINE_INTERVALS, type KlineInterval, REST_KLINE_INTERVALS } from "@mexc-live/protocol";

export function isKlineInterval(name: string): name is KlineInterval {
  return (KLINE_INTERVALS as readonly string[]).includes(name);
}

/** Start (ms) of the window of `interval` that contains `time` (protocol's klineWindows.ts). */
export const windowStart = klineWindowStart;
/** End (ms, exclusive) of the window that starts at `start`: the next window's start. */
export const windowEnd = klineWindowEnd;
