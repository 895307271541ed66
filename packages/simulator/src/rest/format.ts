/**
 * REST shapes of orders and trades (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read, docs/mexc/rest.md#get-apiv3allorders-signed-weight-10, docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read, docs/mexc/rest.md#apiv3order), built from the engine's
 * records. Keys in MEXC's order; decimals stay the engine's strings.
 *
 * Times: real MEXC answers `time` / `updateTime` of myTrades, allOrders and GET order in whole
 * seconds (…000) while its streams carry milliseconds (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3: freedomdollar/market-making-node's
 * captured myTrades `"time":1750681724000` and order `time` 1757172734000 / `updateTime`
 * 1757177392000; ccxt's static test answers `"time":"1707671871000"`; c9s/bbgo's captured GET
 * order `1653022763000`). openOrders answers the same order in milliseconds with `updateTime`
 * null (bbgo: `"time":1653022763377,"updateTime":null`; ccxt's comment `"time":"1647718255199",
 * "updateTime":null` beside allOrders' `"1647718255000"`), and POST order's `transactTime` is
 * milliseconds (ccxt comment `1745852205223`). With the behaviour `wholeSecondTimes` (default
 * on) these spellings are modelled, and the startTime/endTime filters of myTrades and allOrders
 * use the time cut to its second [INF: no report says how MEXC filters]; the streams keep ms.
 */
import { REST_TIME_RESOLUTION_MS } from "@mexc-live/protocol/limits";
import type { CancelOrderResponse, NewOrderResponse, RestOrder, RestTrade } from "@mexc-live/protocol/rest";
import type { Behaviours } from "../behaviours.js";
import type { SimOrder, SimTrade } from "../types.js";

/** The time REST shows for an engine time (ms). */
export type RestTime = (ms: number) => number;

export function restTimeFor(behaviours: Pick<Behaviours, "wholeSecondTimes">): RestTime {
  return behaviours.wholeSecondTimes
    ? (ms) => Math.floor(ms / REST_TIME_RESOLUTION_MS) * REST_TIME_RESOLUTION_MS
    : (ms) => ms;
}

/**
 * GET /api/v3/order, allOrders (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read); openOrders: openOrderJson. As the captured answers of the
 * conformance corpus (packages/protocol/conformance/rest/GET_api_v3_order.json: freedomdollar
 * 2025, bbgo 2022, ccxt) have it, not as the docs' Binance-style example: `timeInForce`,
 * `stopPrice` and `icebergQty` null, `isWorking` true whatever the status (FILLED and CANCELED
 * orders included), `clientOrderId` null when the order has none.
 */
export function orderJson(order: SimOrder, restTime: RestTime) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId === "" ? null : order.clientOrderId,
    price: order.price,
    origQty: order.origQty,
    executedQty: order.executedQty,
    cummulativeQuoteQty: order.cummulativeQuoteQty,
    status: order.status,
    timeInForce: null,
    type: order.type,
    side: order.side,
    // A stop-limit order's trigger price in Binance's field [UNCONFIRMED: every capture is of a plain order, null].
    stopPrice: order.trigger?.price ?? null,
    icebergQty: null,
    time: restTime(order.time),
    updateTime: restTime(order.updateTime),
    isWorking: true,
    stpMode: order.stpMode,
    // Only on an order self-trade prevention canceled (engine/selfTradePrevention.ts): the 2025
    // docs' example carries it; no capture shows an order without one carrying the key
    // [UNCONFIRMED whether MEXC sends "" or leaves it out then; we leave it out].
    ...(order.cancelReason !== undefined ? { cancelReason: order.cancelReason } : {}),
    origQuoteOrderQty: order.origQuoteOrderQty,
  } satisfies RestOrder;
}

/**
 * GET /api/v3/openOrders (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read): milliseconds and no updateTime on real MEXC (see above), and
 * `clientOrderId` "" when the order has none (bbgo's capture, where GET order of the same order says null).
 */
export function openOrderJson(order: SimOrder, behaviours: Pick<Behaviours, "wholeSecondTimes">): RestOrder {
  const json = { ...orderJson(order, (ms) => ms), clientOrderId: order.clientOrderId };
  return behaviours.wholeSecondTimes ? { ...json, updateTime: null } : json;
}

/** POST /api/v3/order (docs/mexc/rest.md#apiv3order). */
export function newOrderJson(order: SimOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    price: order.price,
    origQty: order.origQty,
    type: order.type,
    side: order.side,
    stpMode: order.stpMode,
    transactTime: order.time,
  } satisfies NewOrderResponse;
}

/**
 * DELETE /api/v3/order (docs/mexc/rest.md#apiv3order, the docs' example: with status and quantities, which an answer
 * quoted in ccxt's mexc.js lacks [UNCONFIRMED which is current]); each element of DELETE
 * /api/v3/openOrders adds `orderListId` -1 (docs/mexc/rest.md#apiv3order [OFF]).
 */
export function canceledOrderJson(order: SimOrder, newClientOrderId?: string) {
  return {
    symbol: order.symbol,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    clientOrderId: newClientOrderId ?? order.clientOrderId,
    price: order.price,
    origQty: order.origQty,
    executedQty: order.executedQty,
    cummulativeQuoteQty: order.cummulativeQuoteQty,
    status: order.status,
    timeInForce: TIME_IN_FORCE[order.type],
    type: order.type,
    side: order.side,
  } satisfies CancelOrderResponse;
}

/**
 * The live DELETE /api/v3/order answer (docs/mexc/undocumented.md#orders item 11.20): ccxt's mexc.js parseOrder quotes a spot cancel
 * answer with only these keys, no status or executedQty (conformance corpus DELETE_api_v3_order).
 */
export function minimalCanceledOrderJson(order: SimOrder) {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    price: order.price,
    origQty: order.origQty,
    type: order.type,
    side: order.side,
  } satisfies CancelOrderResponse;
}

/** `timeInForce` of the docs' cancel example (the order objects of GET order and the lists send null). */
const TIME_IN_FORCE: Record<SimOrder["type"], string> = {
  LIMIT: "GTC",
  LIMIT_MAKER: "GTC",
  MARKET: "GTC",
  IMMEDIATE_OR_CANCEL: "IOC",
  FILL_OR_KILL: "FOK",
  STOP_LIMIT: "GTC",
};

/** GET /api/v3/myTrades (docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read). */
export function myTradeJson(trade: SimTrade, restTime: RestTime) {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: trade.price,
    qty: trade.qty,
    quoteQty: trade.quoteQty,
    commission: trade.commission,
    commissionAsset: trade.commissionAsset,
    time: restTime(trade.time),
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
    isSelfTrade: trade.isSelfTrade,
    // null when the order has none (freedomdollar's and ccxt's captures)
    clientOrderId: trade.clientOrderId === "" ? null : trade.clientOrderId,
  } satisfies RestTrade;
}

/** GET /_sim/ledger order entry (issue 3 item 9); stop-limit and OCO orders add their trigger and pair id. */
export function ledgerOrderJson(order: SimOrder) {
  return {
    ...(order.trigger ? { trigger: { ...order.trigger } } : {}),
    ...(order.ocoId ? { ocoId: order.ocoId } : {}),
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    status: order.status,
    price: order.price,
    origQty: order.origQty,
    executedQty: order.executedQty,
    cummulativeQuoteQty: order.cummulativeQuoteQty,
    time: order.time,
    updateTime: order.updateTime,
  };
}

/** GET /_sim/ledger trade entry (issue 3 item 9). */
export function ledgerTradeJson(trade: SimTrade) {
  return {
    id: trade.id,
    orderId: trade.orderId,
    symbol: trade.symbol,
    price: trade.price,
    qty: trade.qty,
    quoteQty: trade.quoteQty,
    commission: trade.commission,
    commissionAsset: trade.commissionAsset,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    time: trade.time,
  };
}
