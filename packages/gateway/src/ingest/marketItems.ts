/**
 * Market events (protocol) -> market topic items (contract). Pure; decimals pass through as the
 * exchange sent them. A trade with a side MEXC never sends is left out, not guessed.
 */

import type { DepthView, KlineItem, TickerItem, TradeTick } from "@mexc-live/contract";
import { type BookTicker, decimalProblem, type Kline, type Trade, timeProblem, tradeSide } from "@mexc-live/protocol";
import type { RestKlineRow, RestPublicTrade } from "@mexc-live/protocol/rest";
import { candleProblem } from "../store/candleRows.js";

/** The top of a local order book (the client's OrderBookSync.top(n)). */
export interface BookTop {
  readonly bids: readonly { readonly price: string; readonly quantity: string }[];
  readonly asks: readonly { readonly price: string; readonly quantity: string }[];
}

export function tickerItem(ticker: BookTicker, last: string | undefined): TickerItem {
  return {
    symbol: ticker.symbol,
    last: last ?? "",
    bidPrice: ticker.bidPrice,
    bidQuantity: ticker.bidQuantity,
    askPrice: ticker.askPrice,
    askQuantity: ticker.askQuantity,
  };
}

/** The ticks of one trades push, oldest first. */
export function tradeTicks(trade: Trade): TradeTick[] {
  const ticks: TradeTick[] = [];
  for (const item of trade.trades) {
    const side = tradeSide(item);
    if (side === undefined) continue;
    ticks.push({ symbol: trade.symbol, price: item.price, quantity: item.quantity, side, time: item.time });
  }
  return ticks;
}

/**
 * An entry of GET /api/v3/trades as a trade tick, or why it cannot be one: price and quantity
 * positive decimals, the time in MEXC's window, `isBuyerMaker` a boolean (true: the taker sold).
 * MEXC's answer is not checked by the client.
 */
export function tradeTickOfRow(
  symbol: string,
  row: RestPublicTrade,
  now: number,
): TradeTick | { readonly problem: string } {
  if (typeof row !== "object" || row === null) return { problem: "not a trade" };
  const { price, qty, time, isBuyerMaker } = row;
  const badTime = timeProblem(time, now);
  if (badTime !== undefined) return { problem: `time ${badTime}` };
  const problem = pricesProblem({ price, qty });
  if (problem !== undefined) return { problem };
  if (typeof isBuyerMaker !== "boolean") return { problem: "isBuyerMaker not a boolean" };
  return { symbol, price, quantity: qty, side: isBuyerMaker ? "SELL" : "BUY", time };
}

export function depthView(symbol: string, version: string, top: BookTop, resyncs: number): DepthView {
  return {
    symbol,
    version,
    bids: top.bids.map((level) => [level.price, level.quantity] as const),
    asks: top.asks.map((level) => [level.price, level.quantity] as const),
    resyncs,
  };
}

/**
 * A row of GET /api/v3/klines as the kline topic's item (`interval`: the WebSocket's name), or why
 * it cannot be one: the times and close as a stored candle's (store/candleRows.ts), open, high and
 * low positive decimals, the volume not negative. MEXC's answer is not checked by the client.
 */
export function klineItemOfRow(
  symbol: string,
  interval: string,
  row: RestKlineRow,
  now: number,
): KlineItem | { readonly problem: string } {
  if (!Array.isArray(row) || row.length < 7) return { problem: "not a kline row" };
  const [openTime, open, high, low, close, volume, closeTime] = row;
  const problem =
    candleProblem(openTime, closeTime, close, now) ??
    pricesProblem({ open, high, low }) ??
    (decimalProblem(volume, "nonNegative") === undefined ? undefined : "volume not a decimal of 0 or more");
  if (problem !== undefined) return { problem };
  return { symbol, interval, openTime, closeTime, open, high, low, close, volume };
}

function pricesProblem(prices: Readonly<Record<string, unknown>>): string | undefined {
  for (const [name, price] of Object.entries(prices)) {
    const problem = decimalProblem(price, "positive");
    if (problem !== undefined) return `${name} ${problem}`;
  }
  return undefined;
}

export function klineItem(kline: Kline): KlineItem {
  return {
    symbol: kline.symbol,
    interval: kline.interval,
    openTime: kline.openTime,
    closeTime: kline.closeTime,
    open: kline.open,
    high: kline.high,
    low: kline.low,
    close: kline.close,
    volume: kline.volume,
  };
}
