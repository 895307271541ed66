/**
 * The exchange's markets: one order book per symbol, its last price and its recent public
 * trades, and the reference price an order or a conversion is valued at.
 */

import type { SimClock } from "../clock.js";
import { restErrors } from "../errors.js";
import type { Random } from "../random.js";
import type { Exchange, ExchangeEvent, PublicTradeEvent, SymbolConfig } from "../types.js";
import { Big, fmt } from "./decimals.js";
import { createOrderBook, type OrderBook } from "./orderBook.js";

/** Public trades kept per symbol for recentTrades (REST /trades allows up to 1000). */
const RECENT_TRADES_CAPACITY = 1000;
/** Depth versions start at a large seeded number, like MEXC's. */
const DEPTH_VERSION_BASE = 10_000_000_000;

interface SymbolMarket {
  readonly config: SymbolConfig;
  readonly book: OrderBook;
  lastPrice: Big | undefined;
  recentTrades: PublicTradeEvent[];
}

export interface Markets {
  /** The symbol's market; MEXC's invalid-symbol error when there is none. */
  market(symbol: string): SymbolMarket;
  /** The last price, else the middle of the touch, else the configured initial price. */
  referencePrice(symbol: string): Big | undefined;
  /** A public trade printed: the last price moves (the symbol joins `moved`), the trade is kept. */
  recordPublicTrade(trade: PublicTradeEvent): void;
  /** Symbols whose last price moved in this call: their stop orders are checked before it returns. */
  readonly moved: Set<string>;
  bestBidAsk: Exchange["bestBidAsk"];
  lastPrice: Exchange["lastPrice"];
  recentTrades: Exchange["recentTrades"];
}

export function createMarkets(
  configs: readonly SymbolConfig[],
  clock: SimClock,
  random: Random,
  emit: (event: ExchangeEvent) => void,
): Markets {
  const markets = new Map<string, SymbolMarket>();
  for (const config of configs) {
    const book = createOrderBook(config, DEPTH_VERSION_BASE + random.int(0, 999_999) * 1000, clock, emit);
    markets.set(config.symbol, { config, book, lastPrice: undefined, recentTrades: [] });
  }
  const market = (symbol: string): SymbolMarket => {
    const found = markets.get(symbol);
    if (!found) throw restErrors.invalidSymbol();
    return found;
  };
  const moved = new Set<string>();
  return {
    market,
    moved,
    referencePrice: (symbol) => {
      const found = markets.get(symbol);
      if (!found) return undefined;
      if (found.lastPrice) return found.lastPrice;
      const bid = found.book.bids.best();
      const ask = found.book.asks.best();
      if (bid && ask) return bid.price.plus(ask.price).div(2);
      return new Big(found.config.initialPrice);
    },
    recordPublicTrade: (trade) => {
      const found = market(trade.symbol);
      found.lastPrice = new Big(trade.price);
      moved.add(trade.symbol);
      found.recentTrades.push(trade);
      if (found.recentTrades.length >= 2 * RECENT_TRADES_CAPACITY) found.recentTrades.splice(0, RECENT_TRADES_CAPACITY);
    },
    bestBidAsk: (symbol) => {
      const found = markets.get(symbol);
      const bid = found?.book.bids.best();
      const ask = found?.book.asks.best();
      if (!bid && !ask) return undefined;
      return {
        bidPrice: bid ? fmt(bid.price) : "0",
        bidQty: bid ? fmt(bid.quantity) : "0",
        askPrice: ask ? fmt(ask.price) : "0",
        askQty: ask ? fmt(ask.quantity) : "0",
      };
    },
    lastPrice: (symbol) => {
      const price = markets.get(symbol)?.lastPrice;
      return price ? fmt(price) : undefined;
    },
    recentTrades: (symbol, limit) => {
      const trades = markets.get(symbol)?.recentTrades ?? [];
      return trades.slice(Math.max(0, trades.length - Math.min(limit, RECENT_TRADES_CAPACITY)));
    },
  };
}
