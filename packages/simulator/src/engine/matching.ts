/**
 * Matching: `planFills` walks the opposite side of the book (price-time priority) without
 * changing it, so FOK, MARKET costs and balance checks are decided before anything moves;
 * `createSettlement(...).fill` then carries out one match: book, public trade, both orders,
 * both accounts, fees — emitting in the order the design note fixes.
 */
import type { Side } from "@mexc-live/protocol";
import type { Behaviours } from "../behaviours.js";
import type { SimClock } from "../clock.js";
import type { ExchangeEvent, SimTrade } from "../types.js";
import type { Accounts } from "./accounts.js";
import { Big, floorTo, fmt, minOf, negate, ROUND_UP, ZERO } from "./decimals.js";
import { chargeFee, type FeeDeps } from "./fees.js";
import type { IdSource } from "./ids.js";
import type { LiveOrder } from "./liveOrder.js";
import type { OrderBook } from "./orderBook.js";
import type { StpAction } from "./selfTradePrevention.js";

/** Where trading fees go, so each asset's total across accounts only moves by credits. */
export const FEE_ACCOUNT = "__fees__";

interface PlannedFill {
  readonly maker: LiveOrder;
  readonly price: Big;
  readonly quantity: Big;
}

/** A resting order self-trade prevention cancels on the way (selfTradePrevention.ts), after `afterFills` of the plan's fills. */
interface PlannedStpCancel {
  readonly maker: LiveOrder;
  readonly afterFills: number;
}

export interface FillPlan {
  readonly fills: PlannedFill[];
  /** Base quantity and quote amount of all fills. */
  readonly quantity: Big;
  readonly quote: Big;
  /** The order would get all it asks for (false: the book or the limit ran out first, or STP stopped it). */
  readonly complete: boolean;
  /** Resting orders STP cancels (CANCEL_MAKER, CANCEL_BOTH); absent when none. */
  readonly stpCancels?: readonly PlannedStpCancel[];
  /** STP ends the taker here (CANCEL_TAKER, CANCEL_BOTH): what is left of it is canceled. */
  readonly stpEndsTaker?: boolean;
}

export interface TakerIntent {
  readonly side: Side;
  readonly limitPrice: Big | undefined;
  readonly quantity: Big | undefined;
  /** MARKET by quoteOrderQty: quote to spend (BUY) or to receive (SELL). */
  readonly quoteAmount: Big | undefined;
  readonly quantityPrecision: number;
  /** Self-trade prevention against each resting order met (selfTradePrevention.ts); none when absent. */
  readonly stp?: (maker: LiveOrder) => StpAction;
}

/** True when a taker at `limit` on `side` would trade against `price`. */
export const crosses = (side: Side, limit: Big, price: Big) => (side === "BUY" ? price.lte(limit) : price.gte(limit));

export function planFills(book: OrderBook, taker: TakerIntent): FillPlan {
  const fills: PlannedFill[] = [];
  const stpCancels: PlannedStpCancel[] = [];
  let quantity = ZERO;
  let quote = ZERO;
  const withStp = () => (stpCancels.length > 0 ? { stpCancels } : {});
  const done = () => ({ fills, quantity, quote, complete: true, ...withStp() });
  const levels = taker.side === "BUY" ? book.asks.levels : book.bids.levels;
  for (const level of levels) {
    if (taker.limitPrice && !crosses(taker.side, taker.limitPrice, level.price)) break;
    for (const maker of level.orders) {
      const action = taker.stp?.(maker) ?? "none";
      if (action === "cancel_maker" || action === "cancel_both") stpCancels.push({ maker, afterFills: fills.length });
      if (action === "cancel_maker") continue;
      if (action !== "none") return { fills, quantity, quote, complete: false, ...withStp(), stpEndsTaker: true };
      const available = maker.remainingQty ?? ZERO;
      const take = minOf(available, wanted(taker, level.price, quantity, quote));
      if (take.eq(0)) return done();
      fills.push({ maker, price: level.price, quantity: take });
      quantity = quantity.plus(take);
      quote = quote.plus(level.price.times(take));
      if (taker.quantity?.eq(quantity)) return done();
      if (taker.quoteAmount && (quote.gte(taker.quoteAmount) || (taker.side === "BUY" && take.lt(available)))) {
        return done(); // a BUY's budget no longer buys a step here, nor at any worse price
      }
    }
  }
  return { fills, quantity, quote, complete: false, ...withStp() };
}

/**
 * Base the taker still wants at `price`: what is left of its quantity; for a MARKET BUY by
 * quoteOrderQty the whole steps the rest of the budget pays for; for a MARKET SELL by
 * quoteOrderQty the whole steps (rounded up) that bring in the rest of the amount.
 */
function wanted(taker: TakerIntent, price: Big, quantity: Big, quote: Big): Big {
  if (taker.quantity) return taker.quantity.minus(quantity);
  const rest = taker.quoteAmount!.minus(quote);
  if (taker.side === "BUY") return affordable(rest, price, taker.quantityPrecision);
  return rest.div(price).round(taker.quantityPrecision, ROUND_UP);
}

/** The most base (in whole quantity steps) whose cost at `price` stays within `budget`. */
function affordable(budget: Big, price: Big, quantityPrecision: number): Big {
  let quantity = floorTo(budget.div(price), quantityPrecision);
  const step = new Big(10).pow(-quantityPrecision);
  while (quantity.gt(0) && price.times(quantity).gt(budget)) quantity = quantity.minus(step);
  return quantity;
}

export interface SettlementDeps extends FeeDeps {
  readonly accounts: Accounts;
  readonly clock: SimClock;
  readonly ids: IdSource;
  readonly emit: (event: ExchangeEvent) => void;
  /** Keeps the trade in the account's history. */
  readonly recordTrade: (trade: SimTrade) => void;
  /** An order filled completely: no longer open. */
  readonly closeOrder: (order: LiveOrder) => void;
  /** Keeps the public trade (recent trades, last price). */
  readonly recordPublicTrade: (event: ExchangeEvent & { kind: "publicTrade" }) => void;
  /** The real-MEXC behaviours settlement models (behaviours.ts). */
  readonly behaviours: Pick<Behaviours, "ordersBeforeDeals">;
}

export function createSettlement(deps: SettlementDeps) {
  const { accounts, emit } = deps;

  /**
   * One match of `taker` against the resting `maker`. `takerDone` marks the last fill of a
   * MARKET-by-quote order. `time` is the taker's match: every fill of one taker order's walk
   * through the book carries the same time, as MEXC's aggTrades describes its trades ("Trades
   * that fill at the time, from the same order, with the same price will have the quantity
   * aggregated": www.mexc.com/api-docs/spot-v3/market-data-endpoints/compressedaggregate-trades-list).
   */
  const fill = (
    book: OrderBook,
    maker: LiveOrder,
    taker: LiveOrder,
    price: Big,
    quantity: Big,
    takerDone: boolean,
    time: number,
  ) => {
    const tradeId = deps.ids.tradeId();
    maker.remainingQty = (maker.remainingQty ?? ZERO).minus(quantity);
    book.reduce(maker, quantity);
    if (taker.remainingQty) taker.remainingQty = taker.remainingQty.minus(quantity);
    if (taker.remainingQuote) taker.remainingQuote = taker.remainingQuote.minus(price.times(quantity));
    const publicTrade = {
      kind: "publicTrade" as const,
      symbol: taker.config.symbol,
      tradeId,
      price: fmt(price),
      quantity: fmt(quantity),
      takerSide: taker.side,
      time,
    };
    deps.recordPublicTrade(publicTrade);
    emit(publicTrade);
    const isSelfTrade = maker.view.account === taker.view.account;
    settleParty(maker, true, price, quantity, tradeId, isSelfTrade, time, false);
    settleParty(taker, false, price, quantity, tradeId, isSelfTrade, time, takerDone);
  };

  const settleParty = (
    order: LiveOrder,
    isMaker: boolean,
    price: Big,
    quantity: Big,
    tradeId: string,
    isSelfTrade: boolean,
    time: number,
    done: boolean,
  ) => {
    const { view, config, side } = order;
    const account = view.account;
    const quoteQty = price.times(quantity);
    const fee = chargeFee(deps, account, config, side, price, quantity, isMaker ? config.makerFee : config.takerFee);

    order.executedQty = order.executedQty.plus(quantity);
    order.cumulativeQuote = order.cumulativeQuote.plus(quoteQty);
    const filled = order.remainingQty ? order.remainingQty.eq(0) : done;
    view.status = filled ? "FILLED" : "PARTIALLY_FILLED";
    view.executedQty = fmt(order.executedQty);
    view.cummulativeQuoteQty = fmt(order.cumulativeQuote);
    view.updateTime = time;
    if (filled) deps.closeOrder(order);

    const trade: SimTrade = {
      account,
      symbol: config.symbol,
      id: tradeId,
      orderId: view.orderId,
      clientOrderId: view.clientOrderId,
      price: fmt(price),
      qty: fmt(quantity),
      quoteQty: fmt(quoteQty),
      commission: fmt(fee.amount),
      commissionAsset: fee.asset,
      isBuyer: side === "BUY",
      isMaker,
      isSelfTrade,
      time,
    };
    deps.recordTrade(trade);
    const fillEvent: ExchangeEvent = { kind: "fill", account, trade, side };
    const orderEvent: ExchangeEvent = {
      kind: "order",
      account,
      order: { ...view },
      lastDealQuantity: fmt(quantity),
      isMaker,
      avgPrice: averagePrice(order),
      time,
    };
    // docs/mexc/undocumented.md#fills-and-keys item 11.26: MEXC pushes the order before its deal.
    if (deps.behaviours.ordersBeforeDeals) emit(orderEvent);
    emit(fillEvent);
    if (!deps.behaviours.ordersBeforeDeals) emit(orderEvent);

    const feeIn = (asset: string) => (!fee.separate && fee.asset === asset ? fee.amount : ZERO);
    if (side === "BUY") {
      // A limit buy locked limit*qty (plus its fee reserve); it pays price*qty and its fee in quote
      // (fees.ts) and gets the rest back.
      const cost = order.limitPrice ? order.limitPrice.times(quantity) : quoteQty;
      const release = cost.times(order.feeReserveRate.plus(1));
      order.locked = order.locked.minus(release);
      const paid = quoteQty.plus(feeIn(config.quoteAsset));
      accounts.change(account, config.quoteAsset, release.minus(paid), negate(release), "ENTRUST");
      accounts.change(account, config.baseAsset, quantity.minus(feeIn(config.baseAsset)), ZERO, "ENTRUST");
    } else {
      order.locked = order.locked.minus(quantity);
      accounts.change(account, config.baseAsset, ZERO, negate(quantity), "ENTRUST");
      accounts.change(account, config.quoteAsset, quoteQty.minus(feeIn(config.quoteAsset)), ZERO, "ENTRUST");
    }
    if (fee.separate) accounts.change(account, fee.asset, negate(fee.amount), ZERO, "TRADE_FEE");
    if (fee.amount.gt(0)) {
      accounts.create(FEE_ACCOUNT, { keepHistory: false });
      accounts.change(FEE_ACCOUNT, fee.asset, fee.amount, ZERO, "TRADE_FEE");
    }
  };

  return { fill };
}

/** Average fill price so far, at the symbol's price precision ("0" before the first fill). */
export function averagePrice(order: LiveOrder): string {
  if (order.executedQty.eq(0)) return "0";
  return fmt(order.cumulativeQuote.div(order.executedQty).round(order.config.pricePrecision));
}
