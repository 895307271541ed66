/**
 * Typed helpers for the REST endpoints an account monitor needs (docs/mexc/rest.md#endpoints-a-monitor-needs), each
 * with its weight from the docs/mexc/rest.md#rate-limits table. Reads are idempotent (retried); writes are not, and the
 * two that matter resolve an unknown outcome by querying the order (orderOutcome.ts, with the
 * orders' types).
 */

import type { RestKlineInterval } from "@mexc-live/protocol";
import {
  ALL_ORDERS_LIMIT_MAX,
  DUST_LOG_LIMIT_MAX,
  INTERNAL_TRANSFER_LIMIT,
  MY_TRADES_LIMIT_MAX,
  SUB_ACCOUNT_LIST_LIMIT_MAX,
  TRANSFER_HISTORY_SIZE_MAX,
  WALLET_HISTORY_LIMIT_MAX,
} from "@mexc-live/protocol/limits";
import type {
  AccountInfo,
  CancelOrderResponse,
  DepthSnapshotResponse,
  ExchangeInfo,
  ListenKeyList,
  NewOrderResponse,
  RestDeposit,
  RestDustLogPage,
  RestInternalTransferPage,
  RestKlineRow,
  RestOfflineSymbol,
  RestOfflineSymbols,
  RestOrder,
  RestPublicTrade,
  RestSubAccountApiKeys,
  RestSubAccountList,
  RestTickerPrice,
  RestTrade,
  RestTransferPage,
  RestWithdrawal,
  ServerTime,
} from "@mexc-live/protocol/rest";
import { type Params, REST_PATHS, REST_WEIGHTS } from "@mexc-live/protocol/rest";
import type { TransferAccountType } from "@mexc-live/protocol/wallet";
import { DEPTH_SNAPSHOT_LIMIT, LIVE_TIMEOUT_MAX_MS, WRITE_DEADLINE_MS } from "../constants.js";
import { ClientError } from "../errors.js";
import {
  type AnnouncementPage,
  type AnnouncementQuery,
  announcementParams,
  readAnnouncementPage,
} from "./announcements.js";
import {
  type CanceledOrder,
  newClientOrderId,
  type OrderLookup,
  type OrderRef,
  type PlacedOrder,
  type PlaceOrderInput,
  resolveCancel,
  resolvePlacement,
} from "./orderOutcome.js";
import type { HttpMethod, RestClient } from "./restClient.js";
import type { EndpointWeight } from "./weightBudget.js";
import { type WriteUnderWay, withinWriteDeadline } from "./writeDeadline.js";

/** The weight of each endpoint this client calls (protocol's REST_WEIGHTS, docs/mexc/rest.md#rate-limits). */
export const ENDPOINT_WEIGHTS = {
  ping: REST_WEIGHTS["GET /api/v3/ping"],
  time: REST_WEIGHTS["GET /api/v3/time"],
  exchangeInfo: REST_WEIGHTS["GET /api/v3/exchangeInfo"],
  depth: REST_WEIGHTS["GET /api/v3/depth"],
  trades: REST_WEIGHTS["GET /api/v3/trades"],
  klines: REST_WEIGHTS["GET /api/v3/klines"],
  tickerPrice: REST_WEIGHTS["GET /api/v3/ticker/price"],
  account: REST_WEIGHTS["GET /api/v3/account"],
  openOrders: REST_WEIGHTS["GET /api/v3/openOrders"],
  allOrders: REST_WEIGHTS["GET /api/v3/allOrders"],
  myTrades: REST_WEIGHTS["GET /api/v3/myTrades"],
  getOrder: REST_WEIGHTS["GET /api/v3/order"],
  placeOrder: REST_WEIGHTS["POST /api/v3/order"],
  cancelOrder: REST_WEIGHTS["DELETE /api/v3/order"],
  listenKey: REST_WEIGHTS["POST /api/v3/userDataStream"],
  deposits: REST_WEIGHTS["GET /api/v3/capital/deposit/hisrec"],
  withdrawals: REST_WEIGHTS["GET /api/v3/capital/withdraw/history"],
  transfers: REST_WEIGHTS["GET /api/v3/capital/transfer"],
  internalTransfers: REST_WEIGHTS["GET /api/v3/capital/transfer/internal"],
  dustLog: REST_WEIGHTS["GET /api/v3/capital/convert"],
  offlineSymbols: REST_WEIGHTS["GET /api/v3/symbol/offline"],
  announcements: REST_WEIGHTS["GET /api/v3/announcements"],
  subAccounts: REST_WEIGHTS["GET /api/v3/sub-account/list"],
  subAccountApiKeys: REST_WEIGHTS["GET /api/v3/sub-account/apiKey"],
} as const satisfies Record<string, EndpointWeight>;

export interface TimeRange {
  /** ms, inclusive */
  readonly startTime?: number;
  /** ms, inclusive */
  readonly endTime?: number;
}

/** A page of deposits or withdrawals: a range, at most `limit` rows, optionally of one coin. */
export type WalletHistoryRange = TimeRange & { limit?: number; coin?: string };

/** How a public read is sent: `signed` to see the pairs MEXC shows signed requests only. */
export interface PublicReadAccess {
  readonly signed?: boolean;
}

export interface RestEndpointsOptions {
  /**
   * How long an order that MEXC says does not exist (-2013) is looked for before that is believed,
   * after a write whose reply was lost (orderOutcome.ts). Tests shorten it.
   */
  readonly orderLookup?: Partial<OrderLookup>;
  /**
   * The most a write (placeOrder, cancelOrder) takes, ms, its order lookups included: then it
   * rejects with TIMEOUT when it was never sent, else OUTCOME_UNKNOWN naming how to look the order
   * up (writeDeadline.ts). Default WRITE_DEADLINE_MS (40 s); longer than the lookup window, or a
   * lost reply can never be settled as "not placed".
   */
  readonly writeDeadlineMs?: number;
}

export class RestEndpoints {
  private readonly writeDeadlineMs: number;

  constructor(
    readonly rest: RestClient,
    readonly options: RestEndpointsOptions = {},
  ) {
    this.writeDeadlineMs = checkedWriteDeadline(options.writeDeadlineMs ?? WRITE_DEADLINE_MS);
  }

  ping(): Promise<Record<string, never>> {
    return this.read(REST_PATHS.ping, ENDPOINT_WEIGHTS.ping, false);
  }

  time(): Promise<ServerTime> {
    return this.read(REST_PATHS.time, ENDPOINT_WEIGHTS.time, false);
  }

  /**
   * `signed`: with this client's key, which MEXC's "Assessment Zone" pairs need: an unsigned read
   * leaves them out (docs/mexc/undocumented.md#fills-and-keys item 11.29). The same holds for `klines` and `tickerPrices`.
   */
  exchangeInfo(symbols?: readonly string[], access: PublicReadAccess = {}): Promise<ExchangeInfo> {
    const params =
      symbols === undefined ? {} : symbols.length === 1 ? { symbol: symbols[0] } : { symbols: symbols.join(",") };
    return this.read(REST_PATHS.exchangeInfo, ENDPOINT_WEIGHTS.exchangeInfo, access.signed === true, params);
  }

  /** The last price of `symbol`, or of every pair the read may see when none is named. */
  async tickerPrices(symbol?: string, access: PublicReadAccess = {}): Promise<RestTickerPrice[]> {
    const answer = await this.read<RestTickerPrice | RestTickerPrice[]>(
      REST_PATHS.tickerPrice,
      ENDPOINT_WEIGHTS.tickerPrice,
      access.signed === true,
      { symbol },
    );
    return Array.isArray(answer) ? answer : [answer];
  }

  depth(symbol: string, limit: number = DEPTH_SNAPSHOT_LIMIT): Promise<DepthSnapshotResponse> {
    return this.read(REST_PATHS.depth, ENDPOINT_WEIGHTS.depth, false, { symbol, limit });
  }

  /**
   * The symbol's latest public trades, at most `limit` (MEXC's default 500, at most 1000), in
   * whatever order MEXC sends them (its docs do not say): `id` is null on MEXC, `isBuyerMaker`
   * true when the taker sold (docs/mexc/rest.md#get-apiv3trades-public).
   */
  recentTrades(symbol: string, limit?: number): Promise<RestPublicTrade[]> {
    return this.read(REST_PATHS.trades, ENDPOINT_WEIGHTS.trades, false, { symbol, limit });
  }

  /**
   * Candles of one symbol, oldest first (at most `limit`, MEXC's max 1000). Send both startTime
   * and endTime for a past window: MEXC once answered the latest candles to a startTime alone
   * (ccxt/ccxt#17483, 2023).
   */
  klines(
    symbol: string,
    interval: RestKlineInterval,
    range: TimeRange & { limit?: number } = {},
    access: PublicReadAccess = {},
  ): Promise<RestKlineRow[]> {
    const { startTime, endTime, limit } = range;
    return this.read(REST_PATHS.klines, ENDPOINT_WEIGHTS.klines, access.signed === true, {
      symbol,
      interval,
      startTime,
      endTime,
      limit,
    });
  }

  /** `onSend`: the local time the request left (each attempt); the balances are as of then or later. */
  account(onSend?: (localMs: number) => void): Promise<AccountInfo> {
    return this.rest.request<AccountInfo>({
      method: "GET",
      path: REST_PATHS.account,
      signed: true,
      weight: ENDPOINT_WEIGHTS.account,
      idempotent: true,
      onSend,
    });
  }

  /** Without a symbol: every open order of the account (newer docs, docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read). */
  openOrders(symbol?: string): Promise<RestOrder[]> {
    return this.read(REST_PATHS.openOrders, ENDPOINT_WEIGHTS.openOrders, true, { symbol });
  }

  /** One page: at most `limit` (max 1000) orders created in the range, which may span 7 days at most (docs/mexc/rest.md#get-apiv3allorders-signed-weight-10). */
  allOrders(symbol: string, range: TimeRange & { limit?: number } = {}): Promise<RestOrder[]> {
    const { startTime, endTime, limit = ALL_ORDERS_LIMIT_MAX } = range;
    return this.read(REST_PATHS.allOrders, ENDPOINT_WEIGHTS.allOrders, true, { symbol, startTime, endTime, limit });
  }

  /** One page: at most `limit` (max 100) trades in the range, only the last month (docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read). Paging: reconcile.ts. */
  myTrades(symbol: string, range: TimeRange & { orderId?: string; limit?: number } = {}): Promise<RestTrade[]> {
    const { startTime, endTime, orderId, limit = MY_TRADES_LIMIT_MAX } = range;
    return this.read(REST_PATHS.myTrades, ENDPOINT_WEIGHTS.myTrades, true, {
      symbol,
      orderId,
      startTime,
      endTime,
      limit,
    });
  }

  /**
   * One page of deposits: at most `limit` (max 1000) in the range, which may span 7 days and
   * reach 90 days back (protocol's WALLET_HISTORY_*). Paging: user/walletHistory.ts.
   */
  deposits(range: WalletHistoryRange = {}): Promise<RestDeposit[]> {
    return this.walletHistory(REST_PATHS.deposits, ENDPOINT_WEIGHTS.deposits, range);
  }

  /** One page of withdrawals, within the same limits as deposits. */
  withdrawals(range: WalletHistoryRange = {}): Promise<RestWithdrawal[]> {
    return this.walletHistory(REST_PATHS.withdrawals, ENDPOINT_WEIGHTS.withdrawals, range);
  }

  /** A page of deposits or withdrawals: the two take the same parameters. */
  private walletHistory<T>(path: string, weight: EndpointWeight, range: WalletHistoryRange): Promise<T[]> {
    const { startTime, endTime, coin, limit = WALLET_HISTORY_LIMIT_MAX } = range;
    return this.read(path, weight, true, { coin, startTime, endTime, limit });
  }

  /**
   * One page of transfers from one of the account's wallets to another (both types required;
   * `size` max 100, `page` from 1; the last six months).
   */
  transfers(
    query: TimeRange & { from: TransferAccountType; to: TransferAccountType; page?: number; size?: number },
  ): Promise<RestTransferPage> {
    const { startTime, endTime, from, to, page = 1, size = TRANSFER_HISTORY_SIZE_MAX } = query;
    return this.read(REST_PATHS.transfers, ENDPOINT_WEIGHTS.transfers, true, {
      fromAccountType: from,
      toAccountType: to,
      startTime,
      endTime,
      page,
      size,
    });
  }

  /**
   * One page of transfers to and from other MEXC users (`limit` default 10, page from 1; the last
   * 7 days when no times are sent). The rows carry no direction: user/walletHistory.ts works it out.
   */
  internalTransfers(
    query: TimeRange & { page?: number; limit?: number; tranId?: string } = {},
  ): Promise<RestInternalTransferPage> {
    const { startTime, endTime, page = 1, limit = INTERNAL_TRANSFER_LIMIT, tranId } = query;
    return this.read(REST_PATHS.internalTransfers, ENDPOINT_WEIGHTS.internalTransfers, true, {
      startTime,
      endTime,
      page,
      limit,
      tranId,
    });
  }

  /** One page of the dust log: small balances converted to MX (`limit` max 1000, page from 1). */
  dustLog(query: TimeRange & { page?: number; limit?: number } = {}): Promise<RestDustLogPage> {
    const { startTime, endTime, page = 1, limit = DUST_LOG_LIMIT_MAX } = query;
    return this.read(REST_PATHS.dustLog, ENDPOINT_WEIGHTS.dustLog, true, { startTime, endTime, page, limit });
  }

  /** Paused and delisted pairs, which have left exchangeInfo (docs/mexc/undocumented.md#market-data item 11.18). */
  async offlineSymbols(): Promise<RestOfflineSymbol[]> {
    const answer = await this.read<RestOfflineSymbols>(
      REST_PATHS.offlineSymbols,
      ENDPOINT_WEIGHTS.offlineSymbols,
      false,
    );
    return Array.isArray(answer.data) ? [...answer.data] : [];
  }

  /**
   * One page of MEXC's platform announcements, newest first (announcements.ts: the query checked,
   * entries without a title, url or time left out and counted). Public; at most 5 calls per 2 s
   * (the budget keeps to it).
   */
  async announcements(query: AnnouncementQuery = {}): Promise<AnnouncementPage> {
    const params = announcementParams(query);
    const answer = await this.read<unknown>(REST_PATHS.announcements, ENDPOINT_WEIGHTS.announcements, false, params);
    return readAnnouncementPage(answer, `GET ${REST_PATHS.announcements}`);
  }

  /**
   * A main account's sub-accounts (its key only: a sub-account's is refused), one page of at most
   * SUB_ACCOUNT_LIST_LIMIT_MAX (docs/mexc/undocumented.md#fills-and-keys item 11.32).
   */
  subAccounts(page = 1): Promise<RestSubAccountList> {
    const limit = SUB_ACCOUNT_LIST_LIMIT_MAX;
    return this.read(REST_PATHS.subAccounts, ENDPOINT_WEIGHTS.subAccounts, true, { page, limit });
  }

  /** A sub-account's API keys and their permissions, read with its main account's key (a read, never a write). */
  subAccountApiKeys(subAccount: string): Promise<RestSubAccountApiKeys> {
    return this.read(REST_PATHS.subAccountApiKeys, ENDPOINT_WEIGHTS.subAccountApiKeys, true, { subAccount });
  }

  /** `signal`: stop asking when it aborts (a write's deadline, writeDeadline.ts). */
  getOrder(ref: OrderRef, signal?: AbortSignal): Promise<RestOrder> {
    return this.rest.request<RestOrder>({
      method: "GET",
      path: REST_PATHS.order,
      params: orderRefParams(ref),
      signed: true,
      weight: ENDPOINT_WEIGHTS.getOrder,
      idempotent: true,
      signal,
    });
  }

  /**
   * Places an order, always with a clientOrderId. A 5XX, timeout or lost connection leaves the
   * outcome unknown: the order is then looked up by its clientOrderId, and the true state is
   * reported: the order (resolvedBy "query") or ClientError ORDER_NOT_PLACED; when the write's
   * deadline (writeDeadlineMs) passes first, TIMEOUT (never sent) or OUTCOME_UNKNOWN.
   */
  async placeOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
    const clientOrderId = input.clientOrderId ?? newClientOrderId();
    const params = {
      symbol: input.symbol,
      side: input.side,
      type: input.type,
      quantity: input.quantity,
      quoteOrderQty: input.quoteOrderQty,
      price: input.price,
      newClientOrderId: clientOrderId,
      stpMode: input.stpMode,
    };
    const order = { symbol: input.symbol, clientOrderId };
    return withinWriteDeadline({ method: "POST", order }, this.writeDeadlineMs, async (write) => {
      try {
        const reply = await this.write<NewOrderResponse>(write, "POST", ENDPOINT_WEIGHTS.placeOrder, params);
        return { ...reply, clientOrderId, resolvedBy: "reply" };
      } catch (error) {
        return await resolvePlacement(
          (ref, signal) => this.getOrder(ref, signal),
          order,
          error,
          write,
          this.options.orderLookup,
        );
      }
    });
  }

  /**
   * Cancels an order; an unknown outcome is resolved by querying it (canceled, or CANCEL_NOT_DONE);
   * past the write's deadline, TIMEOUT (never sent) or OUTCOME_UNKNOWN.
   */
  async cancelOrder(ref: OrderRef): Promise<CanceledOrder> {
    const params = orderRefParams(ref);
    return withinWriteDeadline({ method: "DELETE", order: ref }, this.writeDeadlineMs, async (write) => {
      try {
        const reply = await this.write<CancelOrderResponse>(write, "DELETE", ENDPOINT_WEIGHTS.cancelOrder, params);
        return { ...reply, resolvedBy: "reply" };
      } catch (error) {
        return await resolveCancel(
          (found, signal) => this.getOrder(found, signal),
          ref,
          error,
          write,
          this.options.orderLookup,
        );
      }
    });
  }

  // The listen-key calls are urgent (RequestSpec.urgent): the account's stream waits on them.
  createListenKey(): Promise<{ listenKey: string }> {
    return this.listenKeyCall("POST", false);
  }

  /** Extends the key to 60 min from now; idempotent, so retried like a read. */
  keepAliveListenKey(listenKey: string): Promise<{ listenKey: string }> {
    return this.listenKeyCall("PUT", true, { listenKey });
  }

  deleteListenKey(listenKey: string): Promise<{ listenKey: string }> {
    return this.listenKeyCall("DELETE", true, { listenKey }, false);
  }

  listListenKeys(): Promise<ListenKeyList> {
    return this.listenKeyCall("GET", true);
  }

  /** A signed call to the listen-key path (one weight for all four), urgent unless said otherwise. */
  private listenKeyCall<T>(method: HttpMethod, idempotent: boolean, params?: Params, urgent = true): Promise<T> {
    return this.rest.request({
      method,
      path: REST_PATHS.userDataStream,
      params,
      signed: true,
      weight: ENDPOINT_WEIGHTS.listenKey,
      idempotent,
      urgent,
    });
  }

  private read<T>(path: string, weight: EndpointWeight, signed: boolean, params: Params = {}): Promise<T> {
    return this.rest.request<T>({ method: "GET", path, params, signed, weight, idempotent: true });
  }

  /** An order write: under its deadline, telling it when the request leaves. */
  private write<T>(write: WriteUnderWay, method: HttpMethod, weight: EndpointWeight, params: Params): Promise<T> {
    const onSend = () => {
      write.sent = true;
    };
    return this.rest.request<T>({
      method,
      path: REST_PATHS.order,
      params,
      signed: true,
      weight,
      idempotent: false,
      signal: write.signal,
      onSend,
    });
  }
}

/** A timer's delay: a whole number of ms up to Node's longest (a longer one would fire at once). */
function checkedWriteDeadline(ms: number): number {
  if (Number.isInteger(ms) && ms >= 1 && ms <= LIVE_TIMEOUT_MAX_MS) return ms;
  throw new ClientError(
    "BAD_OPTION",
    `writeDeadlineMs must be a whole number of ms from 1 to ${LIVE_TIMEOUT_MAX_MS}, got ${ms}`,
  );
}

function orderRefParams(ref: OrderRef): Params {
  if (ref.orderId === undefined && ref.clientOrderId === undefined) {
    throw new ClientError("BAD_OPTION", `order reference for ${ref.symbol} needs orderId or clientOrderId`);
  }
  return ref.orderId !== undefined
    ? { symbol: ref.symbol, orderId: ref.orderId }
    : { symbol: ref.symbol, origClientOrderId: ref.clientOrderId };
}
