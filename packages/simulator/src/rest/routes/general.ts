/**
 * General public endpoints (docs/mexc/rest.md#get-apiv3ping, docs/mexc/rest.md#get-apiv3time, docs/mexc/rest.md#get-apiv3exchangeinfo, docs/mexc/rest.md#other-small-endpoints) and the futures contract list
 * some MEXC clients load next to the spot markets (issue 3: answered with no contracts).
 */
import type { ExchangeInfo, ExchangeSymbol, ServerTime } from "@mexc-live/protocol/rest";
import { REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import { restErrors } from "../../errors.js";
import type { SymbolConfig } from "../../types.js";
import { type RestDeps, weightOf } from "../context.js";
import { publicVisibility } from "../publicVisibility.js";

/** The order types MEXC lists in exchangeInfo (IOC and FOK are accepted but not listed). */
const LISTED_ORDER_TYPES = ["LIMIT", "MARKET", "LIMIT_MAKER"];
/** exchangeInfo `filters` since 2025-09-17 (docs/mexc/rest.md#get-apiv3exchangeinfo). Listed, not enforced by the simulator. */
const PERCENT_PRICE_BY_SIDE = { filterType: "PERCENT_PRICE_BY_SIDE", bidMultiplierUp: "5", askMultiplierDown: "0.2" };
/** Per-order quote caps as MEXC shows them on its USDT pairs (docs/mexc/rest.md#get-apiv3exchangeinfo example). */
const MAX_QUOTE_AMOUNT = "2000000";
const MAX_QUOTE_AMOUNT_MARKET = "100000";
/** status "1" online (docs/mexc/rest.md#get-apiv3exchangeinfo); tradeSideType 1 = both sides (a number, as in the live capture). */
const STATUS_ONLINE = "1";
/** status "3" offline (Mexc.Net's SymbolStatus). */
const STATUS_OFFLINE = "3";
const TRADE_SIDE_ALL = 1;
const FULL_NAMES: Readonly<Record<string, string>> = {
  BTC: "Bitcoin",
  ETH: "Ethereum",
  SOL: "Solana",
  MX: "MX Token",
  XRP: "XRP",
  DOGE: "Dogecoin",
  PEPE: "Pepe",
  FROP: "Frop",
};

export function registerGeneralRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { clock, exchange } = deps;

  app.get(REST_PATHS.ping, weightOf("GET /api/v3/ping"), async () => ({}));

  app.get(
    REST_PATHS.time,
    weightOf("GET /api/v3/time"),
    async () => ({ serverTime: clock.now() }) satisfies ServerTime,
  );

  app.get(REST_PATHS.exchangeInfo, weightOf("GET /api/v3/exchangeInfo"), async (request) => {
    const { params } = request.mexc;
    const one = params.optional("symbol");
    const many = params.optional("symbols");
    const names = one !== undefined ? [one] : many !== undefined ? many.split(",") : undefined;
    // A pair taken offline leaves exchangeInfo (docs/mexc/undocumented.md#market-data item 11.18).
    const offline = exchange.offlineSymbols();
    // An Assessment Zone pair shows to a signed request only (docs/mexc/undocumented.md#fills-and-keys item 11.29).
    const visible = publicVisibility(deps, request);
    const symbols = (
      names === undefined
        ? [...exchange.symbols.values()].filter(visible)
        : names.map((name) => known(name.trim())).filter((config) => visible(config) || rejectHidden())
    ).filter((config) => !offline.has(config.symbol));
    return {
      timezone: "CST",
      serverTime: clock.now(),
      rateLimits: [],
      exchangeFilters: [],
      symbols: symbols.map(symbolInfo),
    } satisfies ExchangeInfo;
  });

  /**
   * Paused and delisted pairs (docs/mexc/undocumented.md#market-data item 11.18: JKorf/Mexc.Net PR #52, 2026-04; MexcOfflineSymbol): the
   * envelope {code, data} Mexc.Net reads (MexcResult<T>), each `{symbol, status, offlineTime}`
   * with status 3 "offline" (Mexc.Net's SymbolStatus; number or string not known: we send the
   * string, as exchangeInfo's `status`) [UNCONFIRMED]. Served with the `symbolOffline` behaviour.
   */
  if (deps.behaviours.symbolOffline) {
    app.get(REST_PATHS.offlineSymbols, weightOf("GET /api/v3/symbol/offline"), async () => ({
      code: 0,
      data: [...exchange.offlineSymbols()].map(([symbol, offlineTime]) => ({
        symbol,
        status: STATUS_OFFLINE,
        offlineTime,
      })),
    }));
  }

  /** The API-tradable symbols (docs/mexc/rest.md#other-small-endpoints): everything but the API-disabled pairs. */
  app.get(REST_PATHS.defaultSymbols, weightOf("GET /api/v3/defaultSymbols"), async (request) => {
    const visible = publicVisibility(deps, request);
    return {
      code: 200,
      data: [...exchange.symbols.values()]
        .filter((config) => !config.apiTradingDisabled && visible(config))
        .map((config) => config.symbol),
      msg: null,
    };
  });

  /** The futures contract list, in MEXC's contract API envelope: the simulator has none. */
  app.get("/api/v1/contract/detail", async () => ({ success: true, code: 0, data: [] }));

  function rejectHidden(): never {
    throw restErrors.invalidMarketSymbol();
  }

  function known(name: string): SymbolConfig {
    const config = exchange.symbols.get(name);
    if (!config) throw restErrors.invalidMarketSymbol();
    return config;
  }
}

/** One entry of exchangeInfo `symbols` (docs/mexc/rest.md#get-apiv3exchangeinfo), in the field order of MEXC's live capture. */
function symbolInfo(config: SymbolConfig) {
  return {
    symbol: config.symbol,
    status: STATUS_ONLINE,
    baseAsset: config.baseAsset,
    baseAssetPrecision: config.quantityPrecision,
    quoteAsset: config.quoteAsset,
    quotePrecision: config.pricePrecision,
    quoteAssetPrecision: config.pricePrecision,
    baseCommissionPrecision: config.quantityPrecision,
    quoteCommissionPrecision: config.pricePrecision,
    orderTypes: LISTED_ORDER_TYPES,
    // The pair trades on the exchange but not through the API: MEXC's announcement (seed 000)
    // does not say which flag shows that; false here is our choice.
    isSpotTradingAllowed: !config.apiTradingDisabled,
    isMarginTradingAllowed: false,
    quoteAmountPrecision: config.minNotional,
    baseSizePrecision: config.minQuantity,
    permissions: ["SPOT"],
    filters: [PERCENT_PRICE_BY_SIDE],
    maxQuoteAmount: MAX_QUOTE_AMOUNT,
    makerCommission: config.makerFee,
    takerCommission: config.takerFee,
    quoteAmountPrecisionMarket: config.minNotional,
    maxQuoteAmountMarket: MAX_QUOTE_AMOUNT_MARKET,
    fullName: FULL_NAMES[config.baseAsset] ?? config.baseAsset,
    tradeSideType: TRADE_SIDE_ALL,
    contractAddress: "",
    st: false,
  } satisfies ExchangeSymbol;
}
