/** Public trades for the trades list: the chosen symbol's, newest first, at most TRADES_SHOWN. */
import type { TradeTick } from "@mexc-live/contract";
import { formatClock } from "../format/time.js";

export const TRADES_SHOWN = 50;

export function recentTrades(trades: readonly TradeTick[], symbol: string, limit = TRADES_SHOWN): TradeTick[] {
  const own = trades.filter((t) => t.symbol === symbol);
  let newestFirst = true;
  for (let i = 1; i < own.length && newestFirst; i++) {
    if ((own[i] as TradeTick).time > (own[i - 1] as TradeTick).time) newestFirst = false;
  }
  // A stable sort keeps the received order of trades within the same millisecond.
  const ordered = newestFirst ? own : own.sort((a, b) => b.time - a.time);
  return ordered.slice(0, limit);
}

/**
 * React keys for trades (which carry no id): time, price, size and side, plus how many equal
 * trades are older, so a trade keeps its key as newer ones arrive on top.
 */
export function tradeKeys(newestFirst: readonly TradeTick[]): string[] {
  const seen = new Map<string, number>();
  const keys = new Array<string>(newestFirst.length);
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const t = newestFirst[i] as TradeTick;
    const base = `${t.time}:${t.price}:${t.quantity}:${t.side}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys[i] = n === 0 ? base : `${base}#${n}`;
  }
  return keys;
}

/** ms since epoch -> "14:05:09" in the zone shown (the header's setting). */
export function clockTime(ms: number): string {
  return formatClock(ms);
}
