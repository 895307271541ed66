/**
 * Signed order endpoints (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read, docs/mexc/rest.md#get-apiv3allorders-signed-weight-10, docs/mexc/rest.md#apiv3order): place, test, query, cancel,
 * cancel all, open and all orders. Registered inside the signed scope (app.ts). Business
 * errors (balance, minimums, unknown order) come from the engine as SimError.
 */
import { SIDES, STP_MODES } from "@mexc-live/protocol";
import {
  ALL_ORDERS_DEFAULT_WINDOW_MS,
  ALL_ORDERS_LIMIT_DEFAULT,
  ALL_ORDERS_LIMIT_MAX,
  ALL_ORDERS_MAX_WINDOW_MS,
  MAX_CANCEL_ALL_SYMBOLS,
} from "@mexc-live/protocol/limits";
import { REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import { restErrors } from "../../errors.js";
import type { PlaceOrderInput, SimOrder, SimOrderType } from "../../types.js";
import { type RestDeps, signedAccount, weightOf } from "../context.js";
import {
  canceledOrderJson,
  minimalCanceledOrderJson,
  newOrderJson,
  openOrderJson,
  orderJson,
  restTimeFor,
} from "../format.js";
import type { RequestParams } from "../params.js";
import { knownSymbol, lookUpSymbol, timeWindow } from "../query.js";

const ORDER_TYPES: readonly SimOrderType[] = ["LIMIT", "MARKET", "LIMIT_MAKER", "IMMEDIATE_OR_CANCEL", "FILL_OR_KILL"];
/** The statuses the http5xx fault answers with, each with MEXC's code and message. */
const FAULT_5XX_CODES = [500, 503, 504] as const;

export function registerOrderRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, clock, faults, random } = deps;
  const restTime = restTimeFor(deps.behaviours);
  const toJson = (order: SimOrder) => orderJson(order, restTime);

  app.post(REST_PATHS.order, weightOf("POST /api/v3/order"), async (request) => {
    const order = exchange.placeOrder(orderInput(deps, request.mexc.params, signedAccount(request)));
    if (faults.roll("http5xx")) {
      // The order is placed: the client gets a 5xx and must find out for itself (docs/mexc/errors.md).
      faults.count("http5xx");
      const code = random.pick(FAULT_5XX_CODES);
      throw restErrors.fromTable(code);
    }
    return newOrderJson(order);
  });

  app.post(REST_PATHS.orderTest, weightOf("POST /api/v3/order/test"), async (request) => {
    exchange.testOrder(orderInput(deps, request.mexc.params, signedAccount(request)));
    return {};
  });

  /**
   * Read-after-write lag (docs/mexc/undocumented.md#orders item 11.13, ccxt/ccxt#21614): right after MEXC accepts an order, GET
   * /api/v3/order for it answers 400 `{"msg":"Order does not exist.","code":-2013,"_extend":null}`
   * "quite often and chaotically"; how long is not reported. With the `orderReadLag` behaviour an
   * order younger than `orderReadLagMs` (a few seconds by default) is not found, always [ours: the
   * harder case]. Whether openOrders and allOrders lag too is not reported: they do not here.
   */
  app.get(REST_PATHS.order, weightOf("GET /api/v3/order"), async (request) => {
    const { params } = request.mexc;
    const config = knownSymbol(exchange, params);
    const order = exchange.getOrder(signedAccount(request), config.symbol, orderReference(params));
    if (!order) throw restErrors.orderDoesNotExist();
    if (deps.behaviours.orderReadLag && clock.now() - order.time < deps.orderReadLagMs) {
      throw restErrors.orderDoesNotExist();
    }
    return toJson(order);
  });

  /** The answer carries only symbol, orderId, price, origQty, type and side with `minimalCancelAnswer` (docs/mexc/undocumented.md#orders item 11.20). */
  app.delete(REST_PATHS.order, weightOf("DELETE /api/v3/order"), async (request) => {
    const { params } = request.mexc;
    const config = knownSymbol(exchange, params);
    const order = exchange.cancelOrder(signedAccount(request), config.symbol, orderReference(params));
    if (deps.behaviours.minimalCancelAnswer) return minimalCanceledOrderJson(order);
    return canceledOrderJson(order, params.optional("newClientOrderId"));
  });

  /** `symbol` may list up to 5 symbols, comma-separated (docs/mexc/rest.md#apiv3order). */
  app.delete(REST_PATHS.openOrders, weightOf("DELETE /api/v3/openOrders"), async (request) => {
    const { params } = request.mexc;
    const names = params.required("symbol").split(",");
    if (names.length > MAX_CANCEL_ALL_SYMBOLS) {
      throw restErrors.badParameter("symbol", `may list at most ${MAX_CANCEL_ALL_SYMBOLS} symbols`);
    }
    const symbols = names.map((name) => lookUpSymbol(exchange, name.trim()).symbol);
    const account = signedAccount(request);
    return symbols
      .flatMap((symbol) => exchange.cancelAllOrders(account, symbol))
      .map((order) => ({ ...canceledOrderJson(order), orderListId: -1 }));
  });
  registerOrderListRoutes(app, deps);
}

/** The account's open orders, and all its orders of a window. */
function registerOrderListRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { exchange, clock } = deps;
  const restTime = restTimeFor(deps.behaviours);
  /** Newer docs: `symbol` is optional; without it, every open order of the account. */
  app.get(REST_PATHS.openOrders, weightOf("GET /api/v3/openOrders"), async (request) => {
    const { params } = request.mexc;
    const symbol = params.optional("symbol") === undefined ? undefined : knownSymbol(exchange, params).symbol;
    return exchange.openOrders(signedAccount(request), symbol).map((order) => openOrderJson(order, deps.behaviours));
  });

  /**
   * The newest `limit` orders (max 1000) in the window, oldest first (docs/mexc/rest.md#get-apiv3allorders-signed-weight-10): the last 24 h by
   * default, at most 7 days long and 7 days back (a longer span, or a startTime sent older, is
   * refused with 33333, query.ts).
   */
  app.get(REST_PATHS.allOrders, weightOf("GET /api/v3/allOrders"), async (request) => {
    const { params } = request.mexc;
    const config = knownSymbol(exchange, params);
    const window = timeWindow(params, clock.now(), {
      defaultSpanMs: ALL_ORDERS_DEFAULT_WINDOW_MS,
      maxSpanMs: ALL_ORDERS_MAX_WINDOW_MS,
      maxAgeMs: ALL_ORDERS_MAX_WINDOW_MS,
    });
    const limit = params.limit("limit", ALL_ORDERS_LIMIT_DEFAULT, ALL_ORDERS_LIMIT_MAX);
    const orders = exchange
      .allOrders(signedAccount(request), config.symbol)
      .filter((order) => window.includes(restTime(order.time)));
    return orders.slice(-limit).map((order) => orderJson(order, restTime));
  });
}

/** The engine input of POST /api/v3/order and /order/test, after MEXC's parameter checks. */
function orderInput(deps: RestDeps, params: RequestParams, account: string): PlaceOrderInput {
  const { exchange } = deps;
  const config = knownSymbol(exchange, params);
  if (config.apiTradingDisabled) throw restErrors.noSymbolPermission();
  // docs/mexc/undocumented.md#fills-and-keys item 11.27: a key trades only its own pairs.
  if (deps.keySymbols(account)?.has(config.symbol) === false) throw restErrors.symbolNotSupportApi();
  const side = params.requiredOneOf("side", SIDES);
  const type = params.requiredOneOf("type", ORDER_TYPES);
  const stpMode = params.optionalOneOf("stpMode", STP_MODES) ?? "";
  const clientOrderId = params.optional("newClientOrderId");
  if (type === "MARKET") {
    const quantity = params.optionalDecimal("quantity");
    const quoteOrderQty = params.optionalDecimal("quoteOrderQty");
    if (quantity === undefined && quoteOrderQty === undefined)
      throw restErrors.missingParameter("quantity or quoteOrderQty");
    if (quantity !== undefined && quoteOrderQty !== undefined) {
      throw restErrors.badParameter("quoteOrderQty", "cannot be sent together with quantity");
    }
    return {
      account,
      symbol: config.symbol,
      side,
      type,
      quantity,
      quoteOrderQty,
      clientOrderId,
      stpMode,
      source: "api",
    };
  }
  const quantity = params.optionalDecimal("quantity") ?? missing("quantity");
  const price = params.optionalDecimal("price") ?? missing("price");
  return { account, symbol: config.symbol, side, type, price, quantity, clientOrderId, stpMode, source: "api" };
}

/** `orderId` or `origClientOrderId`; 700004 when neither is sent (docs/mexc/rest.md#apiv3order). */
function orderReference(params: RequestParams) {
  const orderId = params.optional("orderId");
  const clientOrderId = params.optional("origClientOrderId");
  if (orderId === undefined && clientOrderId === undefined) throw restErrors.orderReferenceMissing();
  return orderId !== undefined ? { orderId } : { clientOrderId };
}

function missing(name: string): never {
  throw restErrors.missingParameter(name);
}
