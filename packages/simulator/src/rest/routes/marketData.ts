/**
 * Public market data (docs/mexc/rest.md#get-apiv3depth-public, docs/mexc/rest.md#rate-limits weights): depth, recent trades, klines and
 * the three tickers. Unknown symbols answer -1121 "Invalid symbol.".
 */

import { Decimal as Big, REST_KLINE_INTERVALS, type RestKlineInterval } from "@mexc-live/protocol";
import { DEPTH_LIMIT_DEFAULT, DEPTH_LIMIT_MAX } from "@mexc-live/protocol/limits";
import { type DepthSnapshotResponse, REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { restErrors } from "../../errors.js";
import type { PublicTradeEvent, SymbolConfig } from "../../types.js";
import { type RestDeps, weightOf } from "../context.js";
import { type PairVisible, publicVisibility } from "../publicVisibility.js";

/** GET /api/v3/trades and /klines page sizes (MEXC docs: default 500, max 1000). */
const TRADES_LIMIT_DEFAULT = 500;
const TRADES_LIMIT_MAX = 1000;
const KLINES_LIMIT_DEFAULT = 500;
const KLINES_LIMIT_MAX = 1000;
/** MEXC refuses `8h` on REST (docs/mexc/undocumented.md#market-data item 11.10): the protocol package's table, not our own. */
const REST_INTERVAL_NAMES = Object.keys(REST_KLINE_INTERVALS) as RestKlineInterval[];

export function registerMarketDataRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, market } = deps;

  const symbolParam = (request: FastifyRequest) => visibleSymbol(deps, request);

  app.get(REST_PATHS.depth, weightOf("GET /api/v3/depth"), async (request) => {
    const { params } = request.mexc;
    const config = symbolParam(request);
    const limit = params.limit("limit", DEPTH_LIMIT_DEFAULT, DEPTH_LIMIT_MAX);
    const snapshot = exchange.depthSnapshot(config.symbol, limit);
    // REST snapshots are padded to the symbol's precision (docs/mexc/rest.md#get-apiv3depth-public), pushes are trimmed.
    const padLevel = ([price, quantity]: [string, string]): [string, string] => [
      new Big(price).toFixed(config.pricePrecision),
      new Big(quantity).toFixed(config.quantityPrecision),
    ];
    return {
      lastUpdateId: snapshot.lastUpdateId,
      bids: snapshot.bids.map(padLevel),
      asks: snapshot.asks.map(padLevel),
      timestamp: snapshot.timestamp,
    } satisfies DepthSnapshotResponse;
  });

  /** Recent trades, and aggregate trades (docs/mexc/rest.md#rate-limits weight 1): each simulated public trade is its own aggregate. */
  const tradeLists = [
    [REST_PATHS.trades, weightOf("GET /api/v3/trades"), publicTradeJson],
    [REST_PATHS.aggTrades, weightOf("GET /api/v3/aggTrades"), aggTradeJson],
  ] as const;
  for (const [path, weight, toJson] of tradeLists) {
    app.get(path, weight, async (request) => {
      const config = symbolParam(request);
      const limit = request.mexc.params.limit("limit", TRADES_LIMIT_DEFAULT, TRADES_LIMIT_MAX);
      return exchange.recentTrades(config.symbol, limit).map((trade) => toJson(trade));
    });
  }

  app.get(REST_PATHS.klines, weightOf("GET /api/v3/klines"), async (request) => {
    const { params } = request.mexc;
    const config = symbolParam(request);
    const interval = params.requiredOneOf("interval", REST_INTERVAL_NAMES);
    const startTime = params.optionalTime("startTime");
    const endTime = params.optionalTime("endTime");
    const limit = params.limit("limit", KLINES_LIMIT_DEFAULT, KLINES_LIMIT_MAX);
    const bars = market.klines(config.symbol, REST_KLINE_INTERVALS[interval], { startTime, endTime, limit });
    // [openTime, open, high, low, close, volume, closeTime, quoteAssetVolume]
    return bars.map((bar) => [
      bar.openTime,
      bar.open,
      bar.high,
      bar.low,
      bar.close,
      bar.volume,
      bar.closeTime,
      bar.amount,
    ]);
  });

  registerTickerRoutes(app, deps);
}

/** The three tickers, of the named symbol or of every symbol the request may see. */
function registerTickerRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, market } = deps;
  /** The named symbol, or every symbol the request may see when none is named. */
  const symbolsParam = (request: FastifyRequest): SymbolConfig[] | SymbolConfig => {
    if (request.mexc.params.optional("symbol") !== undefined) return visibleSymbol(deps, request);
    const visible: PairVisible = publicVisibility(deps, request);
    return [...exchange.symbols.values()].filter(visible);
  };
  const eachOrOne = <T>(target: SymbolConfig[] | SymbolConfig, build: (config: SymbolConfig) => T): T | T[] =>
    Array.isArray(target) ? target.map(build) : build(target);

  app.get(REST_PATHS.tickerPrice, weightOf("GET /api/v3/ticker/price"), async (request) =>
    eachOrOne(symbolsParam(request), (config) => ({
      symbol: config.symbol,
      price: exchange.lastPrice(config.symbol) ?? market.ticker24h(config.symbol).lastPrice,
    })),
  );

  app.get(REST_PATHS.tickerBookTicker, weightOf("GET /api/v3/ticker/bookTicker"), async (request) =>
    eachOrOne(symbolsParam(request), (config) => {
      const best = exchange.bestBidAsk(config.symbol);
      return {
        symbol: config.symbol,
        bidPrice: best?.bidPrice ?? "",
        bidQty: best?.bidQty ?? "",
        askPrice: best?.askPrice ?? "",
        askQty: best?.askQty ?? "",
      };
    }),
  );

  app.get(REST_PATHS.ticker24hr, weightOf("GET /api/v3/ticker/24hr"), async (request) =>
    eachOrOne(symbolsParam(request), (config) => market.ticker24h(config.symbol)),
  );
}

/** The named symbol; one this request may not see (an unsigned read of an Assessment Zone pair) is unknown. */
function visibleSymbol(deps: RestDeps, request: FastifyRequest): SymbolConfig {
  const config = deps.exchange.symbols.get(request.mexc.params.required("symbol"));
  if (!config || !publicVisibility(deps, request)(config)) throw restErrors.invalidMarketSymbol();
  return config;
}

/** One entry of GET /api/v3/trades: MEXC sends `id: null` and the taker side as tradeType. */
function publicTradeJson(trade: PublicTradeEvent) {
  return {
    id: null,
    price: trade.price,
    qty: trade.quantity,
    quoteQty: new Big(trade.price).times(trade.quantity).toFixed(),
    time: trade.time,
    isBuyerMaker: trade.takerSide === "SELL",
    isBestMatch: true,
    tradeType: trade.takerSide === "BUY" ? "BID" : "ASK",
  };
}

/** One entry of GET /api/v3/aggTrades, in MEXC's Binance-like short keys (ids are null on MEXC). */
function aggTradeJson(trade: PublicTradeEvent) {
  return {
    a: null,
    f: null,
    l: null,
    p: trade.price,
    q: trade.quantity,
    T: trade.time,
    m: trade.takerSide === "SELL",
    M: true,
  };
}
