/**
 * An order's way through the exchange: checked in MEXC's order, announced with its funds locked,
 * matched against the book, then resting, filled or ended; stop-limit orders held until their
 * trigger, OCO pairs whose other leg is cancelled when one works, and cancels.
 */

import type { AccountChangeType, Side } from "@mexc-live/protocol";
import { MAX_OPEN_ORDERS_PER_ACCOUNT } from "@mexc-live/protocol/limits";
import type { Behaviours } from "../behaviours.js";
import type { SimClock } from "../clock.js";
import { MARKET_PROTECTION_RATE } from "../constants.js";
import { engineErrors, restErrors } from "../errors.js";
import type {
  ExchangeEvent,
  PlaceOcoOrderInput,
  PlaceOrderInput,
  PlaceStopOrderInput,
  SimOrder,
  SimOrderType,
  SymbolConfig,
} from "../types.js";
import type { Accounts } from "./accounts.js";
import { Big, fmt, negate, ROUND_DOWN, ROUND_UP, ZERO } from "./decimals.js";
import { buyFeeReserveRate } from "./fees.js";
import type { History, OrderRef } from "./history.js";
import type { IdSource } from "./ids.js";
import type { LiveOrder } from "./liveOrder.js";
import type { Markets } from "./markets.js";
import { averagePrice, type createSettlement, crosses, type FillPlan, planFills } from "./matching.js";
import type { OrderBook } from "./orderBook.js";
import { STP_CANCEL_REASON, type StpAction, stpAction, type TradeGroups } from "./selfTradePrevention.js";
import { StopOrderBook, triggerTypeFor } from "./stopOrders.js";
import { type OrderRequest, validateOrder } from "./validation.js";

export interface OrderFlowDeps {
  readonly symbols: ReadonlyMap<string, SymbolConfig>;
  readonly markets: Markets;
  readonly accounts: Accounts;
  readonly history: History;
  readonly ids: IdSource;
  readonly settlement: ReturnType<typeof createSettlement>;
  readonly clock: SimClock;
  readonly emit: (event: ExchangeEvent) => void;
  /** Pairs taken offline (delist), with when: no new order but the exchange's own. */
  readonly offline: ReadonlyMap<string, number>;
  /** The real-MEXC behaviours placement models (behaviours.ts). */
  readonly behaviours: Pick<Behaviours, "buyFeeInQuote" | "marketProtection" | "selfTradePrevention">;
  /** Main accounts' strategy groups, for self-trade prevention (selfTradePrevention.ts). */
  readonly tradeGroups: TradeGroups;
}

export function createOrderFlow(deps: OrderFlowDeps) {
  const { symbols, accounts, history, clock } = deps;
  const { market, referencePrice, moved } = deps.markets;
  const stops = new StopOrderBook();
  let nextOcoId = 1;

  const check = (input: PlaceOrderInput) => checkOrder(deps, input);

  const place = (input: PlaceOrderInput, ocoId?: string): LiveOrder => {
    const { request, book, plan, lock, lockedAsset, protective } = check(input);
    const order = announce(deps, request, lock, lockedAsset, {
      ...(ocoId ? { ocoId } : {}),
      ...(protective ? { protective } : {}),
    });
    work(deps, order, request.type, book, plan);
    return order;
  };

  /** A stop-limit order: checked and locked as a limit order, held until its trigger is reached. */
  const placeStop = (input: PlaceStopOrderInput, ocoId?: string): LiveOrder => {
    const limit: PlaceOrderInput = { ...input, type: "LIMIT", source: "internal" };
    const request = validateOrder(limit, symbols, accounts.has);
    const triggerPrice = new Big(input.triggerPrice);
    if (!triggerPrice.gt(0)) throw restErrors.badParameter("triggerPrice", "must be positive");
    const lock = lockAmount(deps, request, { fills: [], quantity: ZERO, quote: ZERO, complete: false });
    const lockedAsset = request.side === "BUY" ? request.config.quoteAsset : request.config.baseAsset;
    if (accounts.free(request.account, lockedAsset).lt(lock)) {
      throw request.side === "BUY" ? engineErrors.insufficientBalance() : engineErrors.insufficientPosition();
    }
    const type = triggerTypeFor(triggerPrice, referencePrice(request.config.symbol)!);
    const order = announce(deps, request, lock, lockedAsset, {
      type: "STOP_LIMIT",
      trigger: { price: fmt(triggerPrice), type, state: 1 },
      ...(ocoId ? { ocoId } : {}),
    });
    stops.hold(order);
    return order;
  };

  /** Triggers the stop orders whose price has come, and cancels the other leg of working OCO pairs. */
  const afterTrades = (): void => {
    for (let rounds = 0; moved.size > 0 && rounds < 10_000; rounds++) {
      const symbol = moved.values().next().value as string;
      moved.delete(symbol);
      const found = market(symbol);
      if (!found.lastPrice) continue;
      for (const order of stops.reached(symbol, found.lastPrice)) {
        order.view.trigger = { ...order.view.trigger!, state: 3 };
        order.view.updateTime = clock.now();
        orderEvent(deps, order);
        const plan = planFills(found.book, {
          side: order.side,
          limitPrice: order.limitPrice,
          quantity: order.remainingQty,
          quoteAmount: undefined,
          quantityPrecision: order.config.quantityPrecision,
        });
        work(deps, order, "LIMIT", found.book, plan);
        cancelLegs();
      }
    }
    cancelLegs();
  };
  const cancelLegs = (): void => {
    for (const leg of stops.legsToCancel((order) => history.isOpen(order))) cancel(leg);
  };

  const placeOco = (input: PlaceOcoOrderInput): LiveOrder[] => {
    const ocoId = `OCO${String(nextOcoId++).padStart(12, "0")}`;
    const { account, symbol, side, quantity } = input;
    // Both legs are checked before either is placed, so a refused pair places nothing.
    check({ account, symbol, side, quantity, price: input.price, type: "LIMIT", source: "internal" });
    const limitLeg = place(
      { account, symbol, side, quantity, price: input.price, type: "LIMIT", source: "internal" },
      ocoId,
    );
    const stopLeg = placeStop(
      { account, symbol, side, quantity, price: input.stopLimitPrice, triggerPrice: input.triggerPrice },
      ocoId,
    );
    stops.pair(ocoId, [limitLeg, stopLeg]);
    return [limitLeg, stopLeg];
  };

  const cancel = (order: LiveOrder): SimOrder => {
    if (!stops.release(order)) market(order.view.symbol).book.remove(order);
    cancelRemainder(deps, order);
    return { ...order.view };
  };

  const findOpen = (account: string, symbol: string, ref: OrderRef): LiveOrder => {
    market(symbol);
    const order = history.find(account, symbol, ref);
    if (!order || !history.isOpen(order)) throw engineErrors.unknownOrder();
    return order;
  };

  /**
   * An edit as MEXC's web does it (docs/mexc/undocumented.md#orders item 11.19): the order canceled,
   * then a new LIMIT order with a new id for what was left of it (origQty - executedQty) unless a
   * quantity is given. The new order is checked first, counting the funds and the open-order slot
   * the cancel frees, so a refused edit (bad price, balance short) leaves the old order as it was.
   */
  const edit = (old: LiveOrder, change: OrderEdit): [SimOrder, LiveOrder] => {
    const input: PlaceOrderInput = {
      account: old.view.account,
      symbol: old.view.symbol,
      side: old.side,
      type: "LIMIT",
      price: change.price ?? old.view.price,
      quantity: change.quantity ?? fmt(old.remainingQty ?? ZERO),
      source: "api",
    };
    checkOrder(deps, input, old);
    const canceled = cancel(old);
    return [canceled, place(input)];
  };

  return { check, place, placeStop, placeOco, cancel, cancelLegs, afterTrades, findOpen, edit };
}

function orderEvent({ emit }: OrderFlowDeps, order: LiveOrder): void {
  emit({
    kind: "order",
    account: order.view.account,
    order: { ...order.view },
    isMaker: false,
    avgPrice: averagePrice(order),
    time: order.view.updateTime,
  });
}

/**
 * Ends an order that will not fill further: status, order event, remaining lock returned.
 * `stp`: self-trade prevention ended it (its REST answers then say cancelReason "stp_cancel").
 */
function cancelRemainder(deps: OrderFlowDeps, order: LiveOrder, stp = false): void {
  order.view.status = order.executedQty.gt(0) ? "PARTIALLY_CANCELED" : "CANCELED";
  if (stp) order.view.cancelReason = STP_CANCEL_REASON;
  if (order.view.trigger && order.view.trigger.state === 1) order.view.trigger = { ...order.view.trigger, state: 2 };
  order.view.updateTime = deps.clock.now();
  deps.history.close(order);
  orderEvent(deps, order);
  releaseLock(deps, order, "ENTRUST_CANCEL");
}

function releaseLock({ accounts }: OrderFlowDeps, order: LiveOrder, changeType: AccountChangeType): void {
  if (order.locked.eq(0)) return;
  const amount = order.locked;
  order.locked = ZERO;
  accounts.change(order.view.account, order.lockedAsset, amount, negate(amount), changeType);
}

/** What an edit changes (either may be left as it was). */
export interface OrderEdit {
  readonly price?: string;
  readonly quantity?: string;
}

/**
 * Everything placeOrder checks, in MEXC's order; returns the plan and the amount to lock.
 * `replacing`: an open order of the same account, side and symbol that is canceled just before this
 * one is placed (an edit): its locked funds and its open-order slot count as free.
 */
function checkOrder(deps: OrderFlowDeps, input: PlaceOrderInput, replacing?: LiveOrder) {
  const { symbols, accounts, history, offline } = deps;
  const request = validateOrder(input, symbols, accounts.has);
  const { config, side, type, price } = request;
  if (input.source !== "internal" && offline.has(config.symbol)) throw engineErrors.symbolSuspended();
  const { book } = deps.markets.market(config.symbol);
  const freedSlots = replacing ? 1 : 0;
  if (input.source !== "internal" && history.openCount(request.account) - freedSlots >= MAX_OPEN_ORDERS_PER_ACCOUNT) {
    throw engineErrors.tooManyOpenOrders();
  }
  const opposite = side === "BUY" ? book.asks.best() : book.bids.best();
  if (type === "LIMIT_MAKER" && opposite && price && crosses(side, price, opposite.price)) {
    // MEXC's general "order type not allowed" code; a post-only order never takes liquidity.
    throw engineErrors.orderTypeNotAllowed();
  }
  if (type === "MARKET" && !opposite) throw engineErrors.noValidTradePrice();
  const protective =
    type === "MARKET" && opposite && deps.behaviours.marketProtection
      ? protectivePrice(side, opposite.price, config.pricePrecision)
      : undefined;
  const plan: FillPlan =
    type === "LIMIT_MAKER"
      ? { fills: [], quantity: ZERO, quote: ZERO, complete: false }
      : planFills(book, {
          side,
          limitPrice: price ?? protective,
          quantity: request.quantity,
          quoteAmount: request.quoteOrderQty,
          quantityPrecision: config.quantityPrecision,
          ...stpCheck(deps, input, request),
        });
  const lock = lockAmount(deps, request, plan);
  const lockedAsset = side === "BUY" ? config.quoteAsset : config.baseAsset;
  const freed = replacing?.lockedAsset === lockedAsset ? replacing.locked : ZERO;
  if (accounts.free(request.account, lockedAsset).plus(freed).lt(lock)) {
    throw side === "BUY" ? engineErrors.insufficientBalance() : engineErrors.insufficientPosition();
  }
  return { request, book, plan, lock, lockedAsset, protective };
}

/**
 * Self-trade prevention for an order being placed (selfTradePrevention.ts): API orders sent with an
 * `stpMode`, while the behaviour is on; nothing otherwise (the trade happens, flagged isSelfTrade).
 */
function stpCheck(
  deps: OrderFlowDeps,
  input: PlaceOrderInput,
  request: OrderRequest,
): { stp?: (maker: LiveOrder) => StpAction } {
  if (!deps.behaviours.selfTradePrevention || input.source === "internal" || request.stpMode === "") return {};
  return { stp: (maker) => stpAction(deps.tradeGroups, request.stpMode, request.account, maker.view.account) };
}

/**
 * A MARKET order's protective price (docs/mexc/undocumented.md#fills-and-keys item 11.28): MARKET_PROTECTION_RATE
 * beyond the best opposite price, inside it at the symbol's precision (a BUY's rounded down, a
 * SELL's up). The order fills no further; the rest is canceled.
 */
function protectivePrice(side: Side, touch: Big, pricePrecision: number): Big {
  const rate = new Big(MARKET_PROTECTION_RATE);
  return side === "BUY"
    ? touch.times(rate.plus(1)).round(pricePrecision, ROUND_DOWN)
    : touch.times(new Big(1).minus(rate)).round(pricePrecision, ROUND_UP);
}

/** A new order's record, announced (order event) with its funds locked (ENTRUST_PLACE). */
function announce(
  deps: OrderFlowDeps,
  request: OrderRequest,
  lock: Big,
  lockedAsset: string,
  extra: { type?: SimOrder["type"]; trigger?: SimOrder["trigger"]; ocoId?: string; protective?: Big } = {},
): LiveOrder {
  const { config, side } = request;
  const now = deps.clock.now();
  const order: LiveOrder = {
    view: {
      account: request.account,
      symbol: config.symbol,
      orderId: deps.ids.orderId(),
      clientOrderId: request.clientOrderId,
      side,
      type: extra.type ?? request.type,
      status: "NEW",
      // A MARKET order shows its protective price (item 11.28), never a fill price.
      price: request.price ? fmt(request.price) : extra.protective ? fmt(extra.protective) : "0",
      origQty: request.quantity ? fmt(request.quantity) : "0",
      executedQty: "0",
      cummulativeQuoteQty: "0",
      origQuoteOrderQty: request.quoteOrderQty
        ? fmt(request.quoteOrderQty)
        : extra.protective && request.quantity
          ? fmt(request.quantity.times(extra.protective)) // as MEXC's answers: quantity x protective price
          : "0",
      time: now,
      updateTime: now,
      stpMode: request.stpMode,
      ...(extra.trigger ? { trigger: extra.trigger } : {}),
      ...(extra.ocoId ? { ocoId: extra.ocoId } : {}),
    },
    config,
    side,
    limitPrice: request.price,
    remainingQty: request.quantity,
    remainingQuote: request.quoteOrderQty,
    lockedAsset,
    locked: lock,
    feeReserveRate: side === "BUY" ? buyFeeReserveRate(deps.behaviours, config) : ZERO,
    executedQty: ZERO,
    cumulativeQuote: ZERO,
  };
  deps.history.add(order);
  orderEvent(deps, order);
  deps.accounts.change(request.account, lockedAsset, negate(lock), lock, "ENTRUST_PLACE");
  return order;
}

/** Matches an announced order against the book, then it rests (LIMIT kinds), fills, or ends. */
function work(deps: OrderFlowDeps, order: LiveOrder, type: SimOrderType, book: OrderBook, plan: FillPlan): void {
  const stpEnds = plan.stpEndsTaker === true;
  if (type === "FILL_OR_KILL" && !plan.complete) {
    cancelRemainder(deps, order, stpEnds); // killed whole: the resting orders STP met stay [UNCONFIRMED]
    return;
  }
  /** Resting orders STP cancels before fill `index` (the walk's order). */
  const stpCancelsBefore = (index: number) => {
    for (const { maker, afterFills } of plan.stpCancels ?? []) {
      if (afterFills !== index) continue;
      book.remove(maker);
      cancelRemainder(deps, maker, true);
    }
  };
  const matchedAt = deps.clock.now(); // one match, one time for all its fills (matching.ts)
  plan.fills.forEach((planned, index) => {
    stpCancelsBefore(index);
    const last = index === plan.fills.length - 1;
    deps.settlement.fill(book, planned.maker, order, planned.price, planned.quantity, last && plan.complete, matchedAt);
  });
  stpCancelsBefore(plan.fills.length);
  const rests = type === "LIMIT" || type === "LIMIT_MAKER";
  if (order.view.status === "FILLED") {
    releaseLock(deps, order, "ENTRUST_UNFROZEN"); // MARKET by quoteOrderQty: quote too small for one more step
  } else if (rests && !stpEnds) {
    book.add(order);
  } else {
    cancelRemainder(deps, order, stpEnds);
  }
}

/**
 * What an order locks on placement: quote for a BUY (its cost and a reserve for its fee in quote,
 * fees.ts), base for a SELL.
 */
function lockAmount(deps: Pick<OrderFlowDeps, "behaviours">, request: OrderRequest, plan: FillPlan): Big {
  const { side, price, quantity, quoteOrderQty } = request;
  if (side === "BUY") {
    const reserve = buyFeeReserveRate(deps.behaviours, request.config).plus(1);
    if (price && quantity) return price.times(quantity).times(reserve);
    return (quoteOrderQty ?? plan.quote).times(reserve); // MARKET: the budget, or the cost of the walk
  }
  if (quantity) return quantity;
  return plan.quantity; // MARKET SELL by quoteOrderQty: the base the walk needs
}
