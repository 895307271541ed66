/**
 * A past order worked out as the engine would have settled it (matching.ts, exchange.ts): the
 * balance changes of placing it (ENTRUST_PLACE), of each fill (ENTRUST, and TRADE_FEE for a fee
 * paid in MX), of its end (ENTRUST_CANCEL for a canceled rest), its record and its trades, and
 * what the past market and the fee account get. pastHistory.ts decides the rest.
 */
import type { AccountChangeType } from "@mexc-live/protocol";
import type { PastOrder } from "../pastPlan.js";
import type { SimTrade, SymbolConfig } from "../types.js";
import type { Accounts } from "./accounts.js";
import { Big, fmt, negate, ZERO } from "./decimals.js";
import { chargeFee, type FeeDeps } from "./fees.js";
import type { History } from "./history.js";
import type { LiveOrder } from "./liveOrder.js";

/** MX an account that pays fees in MX is taken to have had at hand (the journal then proves it did). */
const UNLIMITED = new Big("1e40");

/** One balance change of the account. */
export interface PastChange {
  readonly asset: string;
  readonly free: Big;
  readonly locked: Big;
  readonly type: AccountChangeType;
  readonly time: number;
}

/** One action worked out: its balance changes (what `write` will apply), from `start` to `end`. */
export interface PastStep {
  readonly start: number;
  readonly end: number;
  readonly changes: readonly PastChange[];
  write(): void;
}

export type PastOrderIds = Map<PastOrder, { orderId: string; tradeIds: string[] }>;

export interface PastNets {
  /** What the past market gave (-) or got (+), per asset. */
  readonly market: Map<string, Big>;
  readonly fees: Map<string, Big>;
}

/** What a past order's step reads and writes (pastHistory.ts' PastDeps has more). */
export interface PastOrderDeps {
  readonly accounts: Accounts;
  readonly history: History;
  readonly symbols: ReadonlyMap<string, SymbolConfig>;
  readonly referencePrice: (symbol: string) => Big | undefined;
}

/** An order being worked out: what its fills read and what they add up. */
interface OrderWork {
  readonly account: string;
  readonly order: PastOrder;
  readonly orderId: string;
  readonly config: SymbolConfig;
  readonly limitPrice: Big | undefined;
  readonly changes: PastChange[];
  readonly nets: PastNets;
  readonly feeDeps: FeeDeps;
  locked: Big;
  executed: Big;
  cumulative: Big;
  /** The time of the last fill (the order's, before the first). */
  last: number;
}

/** A past order and its fills with every balance change the engine makes for them (matching.ts). */
export function pastOrderStep(
  deps: PastOrderDeps,
  account: string,
  order: PastOrder,
  ids: PastOrderIds,
  nets: PastNets,
  paysInMx: boolean,
): PastStep {
  const config = deps.symbols.get(order.symbol);
  if (!config) throw new Error(`past order on an unknown symbol ${order.symbol}`);
  const { orderId, tradeIds } = ids.get(order)!;
  const buy = order.side === "BUY";
  const limitPrice = order.type === "LIMIT" ? new Big(order.price ?? 0) : undefined;
  const quantity = new Big(order.quantity);
  const lockedAsset = buy ? config.quoteAsset : config.baseAsset;
  const lock = !buy
    ? quantity
    : (limitPrice?.times(quantity) ??
      order.fills.reduce((sum, fill) => sum.plus(new Big(fill.price).times(fill.quantity)), ZERO));
  const feeDeps: FeeDeps = {
    accounts: { options: () => ({ mxFeeDeduction: paysInMx }), free: () => (paysInMx ? UNLIMITED : ZERO) },
    referencePrice: deps.referencePrice,
    // The recorded past keeps the older rule, a BUY's fee in the base received, so a history
    // holds both kinds (docs/mexc/undocumented.md#fills-and-keys item 11.25).
    buyFeeInQuote: false,
  };
  const work: OrderWork = {
    account,
    order,
    orderId,
    config,
    limitPrice,
    nets,
    feeDeps,
    changes: [{ asset: lockedAsset, free: negate(lock), locked: lock, type: "ENTRUST_PLACE", time: order.time }],
    locked: lock,
    executed: ZERO,
    cumulative: ZERO,
    last: order.time,
  };
  const trades = order.fills.map((fill, index) => pastFill(work, fill, tradeIds[index]!, index));

  const { executed, last, changes } = work;
  const complete = executed.eq(quantity);
  if (executed.gt(quantity) || (!complete && (order.canceledAt === undefined || order.canceledAt < last))) {
    throw new Error(`past order ${orderId}: fills exceed the quantity, or an unfilled rest is not canceled after them`);
  }
  const end = complete ? last : order.canceledAt!;
  if (work.locked.gt(0)) {
    const type = complete ? "ENTRUST_UNFROZEN" : "ENTRUST_CANCEL";
    changes.push({ asset: lockedAsset, free: work.locked, locked: negate(work.locked), type, time: end });
  }
  const live = pastLiveOrder(work, lockedAsset, quantity, complete, end);
  return {
    start: order.time,
    end,
    changes,
    write: () => {
      for (const change of changes) {
        deps.accounts.change(account, change.asset, change.free, change.locked, change.type, change.time);
      }
      deps.history.add(live);
      deps.history.close(live);
      for (const trade of trades) deps.history.addTrade(trade);
    },
  };
}

/** One fill: its balance changes and nets added to the order's work, and its trade. */
function pastFill(work: OrderWork, fill: PastOrder["fills"][number], id: string, index: number): SimTrade {
  const { account, order, config, limitPrice, changes, nets } = work;
  if (fill.time < work.last)
    throw new Error(`past order ${work.orderId}: fill ${index} comes before the order or the fill before it`);
  work.last = fill.time;
  const buy = order.side === "BUY";
  const { baseAsset: base, quoteAsset: quote } = config;
  const price = new Big(fill.price);
  const qty = new Big(fill.quantity);
  const { time } = fill;
  const quoteQty = price.times(qty);
  const rate = fill.isMaker ? config.makerFee : config.takerFee;
  const fee = chargeFee(work.feeDeps, account, config, order.side, price, qty, rate);
  const netted = fee.separate ? ZERO : fee.amount;
  const entrust = (asset: string, free: Big, locked: Big): PastChange => ({
    asset,
    free,
    locked,
    type: "ENTRUST",
    time,
  });
  if (buy) {
    const release = limitPrice ? limitPrice.times(qty) : quoteQty;
    work.locked = work.locked.minus(release);
    changes.push(entrust(quote, release.minus(quoteQty), negate(release)), entrust(base, qty.minus(netted), ZERO));
  } else {
    work.locked = work.locked.minus(qty);
    changes.push(entrust(base, ZERO, negate(qty)), entrust(quote, quoteQty.minus(netted), ZERO));
  }
  if (fee.separate) changes.push({ asset: fee.asset, free: negate(fee.amount), locked: ZERO, type: "TRADE_FEE", time });
  add(nets.fees, fee.asset, fee.amount);
  add(nets.market, base, buy ? negate(qty) : qty);
  add(nets.market, quote, buy ? quoteQty : negate(quoteQty));
  work.executed = work.executed.plus(qty);
  work.cumulative = work.cumulative.plus(quoteQty);
  return {
    account,
    symbol: config.symbol,
    id,
    orderId: work.orderId,
    clientOrderId: order.clientOrderId ?? "",
    price: fmt(price),
    qty: fmt(qty),
    quoteQty: fmt(quoteQty),
    commission: fmt(fee.amount),
    commissionAsset: fee.asset,
    isBuyer: buy,
    isMaker: fill.isMaker,
    isSelfTrade: false,
    time,
  };
}

/** The order's record once its fills are in: filled, or canceled with what it executed. */
function pastLiveOrder(work: OrderWork, lockedAsset: string, quantity: Big, complete: boolean, end: number): LiveOrder {
  const { account, order, config, limitPrice, executed, cumulative } = work;
  return {
    view: {
      account,
      symbol: config.symbol,
      orderId: work.orderId,
      clientOrderId: order.clientOrderId ?? "",
      side: order.side,
      type: order.type,
      status: complete ? "FILLED" : executed.gt(0) ? "PARTIALLY_CANCELED" : "CANCELED",
      price: limitPrice ? fmt(limitPrice) : "0",
      origQty: fmt(quantity),
      executedQty: fmt(executed),
      cummulativeQuoteQty: fmt(cumulative),
      origQuoteOrderQty: "0",
      time: order.time,
      updateTime: end,
      stpMode: "",
    },
    config,
    side: order.side,
    limitPrice,
    remainingQty: quantity.minus(executed),
    remainingQuote: undefined,
    lockedAsset,
    locked: ZERO,
    feeReserveRate: ZERO,
    executedQty: executed,
    cumulativeQuote: cumulative,
  };
}

/** Adds `amount` to the running total of `asset`. */
function add(totals: Map<string, Big>, asset: string, amount: Big): void {
  totals.set(asset, (totals.get(asset) ?? ZERO).plus(amount));
}
