/**
 * The client as a library: `createMexcClient({ apiKey, apiSecret })` against real MEXC, or
 * `createMexcClient({ ..., restUrl: sim.rest, wsUrl: sim.ws })` against the simulator (or a
 * proxy). One REST client (signing, time offset, weight budget) is shared by the REST helpers,
 * the user stream's listen keys and reconciliation, and the order books' snapshots.
 */
import { MEXC_REST_URL, MEXC_WS_URL } from "@mexc-live/protocol/limits";
import { MarketStream, type MarketStreamOptions } from "./market/marketStream.js";
import { type LocalOrderBook, type LocalOrderBookOptions, openOrderBook } from "./market/orderBookSync.js";
import { type Logger, SILENT_LOGGER } from "./redact.js";
import { RestEndpoints, type RestEndpointsOptions } from "./rest/endpoints.js";
import { RestClient, type RestClientOptions } from "./rest/restClient.js";
import { restBaseUrl, streamUrl } from "./serverUrls.js";
import { UserStream, type UserStreamOptions } from "./user/userStream.js";
import type { StreamConnectionOptions } from "./ws/streamConnection.js";

/**
 * Its own options take `undefined` as "the default" (`restUrl: process.env.MEXC_REST_URL`), so a
 * project compiled with exactOptionalPropertyTypes passes an unset variable as it is.
 */
export interface MexcClientOptions extends Omit<RestClientOptions, "baseUrl" | "logger"> {
  /**
   * Default https://api.mexc.com. An http(s) URL with a host, checked here (BAD_OPTION naming
   * restUrl); one ending in `/api/v3` (as `npx mexc-sim` and MEXC's docs print it) is taken as
   * its base.
   */
  readonly restUrl?: string | undefined;
  /** Default wss://wbs-api.mexc.com/ws. A ws(s) URL with a host, checked here (BAD_OPTION naming wsUrl). */
  readonly wsUrl?: string | undefined;
  /** pino-compatible; keys, secrets and listen keys are never in what it receives. */
  readonly logger?: Logger | undefined;
  /** Connection timers for every stream this client opens (ping, dead-after, back-off, rotation). */
  readonly connection?: Omit<StreamConnectionOptions, "url" | "urlSource" | "channels" | "logger"> | undefined;
  /** How long an order MEXC says does not exist is looked for after a lost reply (RestEndpointsOptions). */
  readonly orderLookup?: RestEndpointsOptions["orderLookup"] | undefined;
  /** The most a write (placeOrder, cancelOrder) takes, ms, its order lookups included (RestEndpointsOptions; default 40 s). */
  readonly writeDeadlineMs?: number | undefined;
}

export type ClientUserStreamOptions = Omit<UserStreamOptions, "endpoints" | "wsUrl" | "logger">;
export type ClientOrderBookOptions = Omit<LocalOrderBookOptions, "symbol" | "fetchSnapshot" | "url" | "logger">;

export interface MexcClient extends Omit<RestEndpoints, "rest" | "options"> {
  readonly rest: RestClient;
  /** The account's fills, orders and balances, reconciled; started. */
  userStream(options?: ClientUserStreamOptions): UserStream;
  /** Public market events for any number of channels (sharded per 30); started. */
  marketStream(channels: readonly string[], options?: Omit<MarketStreamOptions, "url" | "logger">): MarketStream;
  /** A local order book per MEXC's procedure (docs/mexc/protocol.md#keeping-a-local-order-book), snapshots through this client's REST budget; started. */
  orderBook(symbol: string, options?: ClientOrderBookOptions): LocalOrderBook;
  /** Closes every stream and book opened through this client, deletes listen keys, ends REST calls. */
  close(): Promise<void>;
}

export function createMexcClient(options: MexcClientOptions = {}): MexcClient {
  const logger = options.logger ?? SILENT_LOGGER;
  const wsUrl = streamUrl(options.wsUrl ?? MEXC_WS_URL, "wsUrl");
  const baseUrl = restBaseUrl(options.restUrl ?? MEXC_REST_URL, "restUrl");
  const rest = new RestClient({ ...options, baseUrl, logger });
  const endpoints = new RestEndpoints(rest, {
    ...(options.orderLookup === undefined ? {} : { orderLookup: options.orderLookup }),
    ...(options.writeDeadlineMs === undefined ? {} : { writeDeadlineMs: options.writeDeadlineMs }),
  });
  const open = new Set<{ close(): Promise<void> }>();
  const track = <T extends { close(): Promise<void> }>(resource: T): T => {
    open.add(resource);
    return resource;
  };

  return {
    rest,
    ping: () => endpoints.ping(),
    time: () => endpoints.time(),
    exchangeInfo: (symbols, access) => endpoints.exchangeInfo(symbols, access),
    tickerPrices: (symbol, access) => endpoints.tickerPrices(symbol, access),
    depth: (symbol, limit) => endpoints.depth(symbol, limit),
    recentTrades: (symbol, limit) => endpoints.recentTrades(symbol, limit),
    klines: (symbol, interval, range, access) => endpoints.klines(symbol, interval, range, access),
    account: () => endpoints.account(),
    openOrders: (symbol) => endpoints.openOrders(symbol),
    allOrders: (symbol, range) => endpoints.allOrders(symbol, range),
    myTrades: (symbol, range) => endpoints.myTrades(symbol, range),
    deposits: (range) => endpoints.deposits(range),
    withdrawals: (range) => endpoints.withdrawals(range),
    transfers: (query) => endpoints.transfers(query),
    internalTransfers: (query) => endpoints.internalTransfers(query),
    dustLog: (query) => endpoints.dustLog(query),
    offlineSymbols: () => endpoints.offlineSymbols(),
    announcements: (query) => endpoints.announcements(query),
    subAccounts: (page) => endpoints.subAccounts(page),
    subAccountApiKeys: (subAccount) => endpoints.subAccountApiKeys(subAccount),
    getOrder: (ref) => endpoints.getOrder(ref),
    placeOrder: (input) => endpoints.placeOrder(input),
    cancelOrder: (ref) => endpoints.cancelOrder(ref),
    createListenKey: () => endpoints.createListenKey(),
    keepAliveListenKey: (key) => endpoints.keepAliveListenKey(key),
    deleteListenKey: (key) => endpoints.deleteListenKey(key),
    listListenKeys: () => endpoints.listListenKeys(),

    userStream(streamOptions = {}) {
      const stream = track(
        new UserStream({
          ...streamOptions,
          connection: { ...options.connection, ...streamOptions.connection },
          endpoints,
          wsUrl,
          logger,
        }),
      );
      stream.start();
      return stream;
    },

    marketStream(channels, streamOptions = {}) {
      const stream = track(new MarketStream(channels, { ...options.connection, ...streamOptions, url: wsUrl, logger }));
      stream.start();
      return stream;
    },

    orderBook(symbol, bookOptions = {}) {
      return track(
        openOrderBook({
          ...bookOptions,
          streamOptions: { ...options.connection, ...bookOptions.streamOptions },
          symbol,
          url: wsUrl,
          logger,
          fetchSnapshot: (name, limit) => endpoints.depth(name, limit),
        }),
      );
    },

    async close() {
      await Promise.allSettled([...open].map((resource) => resource.close()));
      open.clear();
      rest.close();
    },
  };
}
