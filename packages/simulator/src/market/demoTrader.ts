/**
 * The demo trader: one human-ish action per call for the demo account — a LIMIT order near the
 * touch (improving it, resting behind it, or crossing it), an occasional MARKET order, an amend
 * (cancel + replace at a new price), a cancel, or now and then a stop-limit sell a little under
 * the market, as a trader places one in MEXC's web (docs/mexc/undocumented.md#orders item 11.8).
 * Orders go through the engine as API orders (`source: "api"`), in whole ticks and lots, above
 * the minimums. It trades at its history's pace (tradingPace.ts): the pairs whose two assets the
 * account holds, each order a share of the pair's budget (at most what the free balance pays
 * for, so the engine never has to refuse for funds), and a new order only while its allowance of
 * fills covers it; its first order is a MARKET one, so a new demo shows a fill at once. It never
 * trades a pair whose API trading is disabled, and never crosses its own resting orders. Its
 * wallet moves (deposits, withdrawals, futures transfers) are in demoWallet.ts.
 */
import { Decimal as Big, ROUND_DOWN } from "@mexc-live/protocol";
import { SimError } from "../errors.js";
import type { Random } from "../random.js";
import type { Exchange, PlaceOrderInput, SimOrder, SymbolConfig } from "../types.js";
import { toSteps } from "./decimalSteps.js";
import { lotsOf, minLots, priceOf, quantityOf, ticksOf } from "./orderSizing.js";
import { type FillAllowance, ORDER_SHARE, orderLots, type PairBudget, pairBudgets } from "./tradingPace.js";

/** Open orders the trader keeps at most; above this it only cancels or amends. */
const MAX_OPEN_ORDERS = 6;
const CANCEL_CHANCE = 0.15;
const AMEND_CHANCE = 0.15;
const MARKET_CHANCE = 0.15;
/** A stop-limit sell now and then: trigger this far under the best bid, limit a little lower. */
const STOP_CHANCE = 0.05;
const STOP_TRIGGER_BELOW = 0.003;
const STOP_LIMIT_BELOW = 0.001;
/** LIMIT price modes: improve the touch, rest behind it, or cross the spread. */
const IMPROVE_CHANCE = 0.35;
const CROSS_CHANCE = 0.2;
/** Resting orders go up to this many "gaps" (1 bp of mid) behind the touch. */
const PASSIVE_REACH_GAPS = 3;
const GAP = 0.0001;
const CLIENT_ORDER_ID_CHANCE = 0.5;

type Side = "BUY" | "SELL";

export interface DemoTrader {
  /** One action (or nothing, when no action fits the balances and books). */
  act(): void;
}

interface DemoTraderDeps {
  readonly exchange: Exchange;
  readonly account: string;
  readonly random: Random;
  /** Symbols it may trade (API trading enabled). */
  readonly symbols: readonly SymbolConfig[];
  /** Also place stop-limit orders now and then (default true). */
  readonly stopOrders?: boolean;
  /** The fills it may make (tradingPace.ts createFillAllowance); the market counts the account's fills into it. */
  readonly allowance: FillAllowance;
  /** Simulated now (ms), for the allowance. */
  readonly now: () => number;
}

export function createDemoTrader(deps: DemoTraderDeps): DemoTrader {
  const { exchange, account, random, allowance } = deps;
  const symbols = deps.symbols.filter((config) => !config.apiTradingDisabled);
  const desk = traderDesk(deps, symbols);
  const orders = orderPlacer(deps, desk);
  /** No order placed yet: the first is a MARKET order. */
  let first = true;

  const amend = (order: SimOrder) => {
    desk.cancel(order);
    if (order.type === "STOP_LIMIT") return;
    const pair = desk.budgets().find((entry) => entry.config.symbol === order.symbol);
    if (!pair) return;
    const remaining = lotsOf(pair.config, new Big(order.origQty).minus(order.executedQty).toFixed());
    orders.placeLimit(pair, order.side, false, remaining);
  };

  const newOrder = (pairs: readonly PairBudget[], market: boolean): boolean => {
    const pair = random.pick(pairs);
    const firstSide: Side = random.chance(0.5) ? "BUY" : "SELL";
    for (const side of [firstSide, firstSide === "BUY" ? "SELL" : "BUY"] as const) {
      if (market && orders.placeMarket(pair, side)) return true;
      if (orders.placeLimit(pair, side, true)) return true;
    }
    return false;
  };

  return {
    act: () => {
      const open = exchange.openOrders(account).filter((order) => symbols.some((s) => s.symbol === order.symbol));
      const roll = random.next();
      if (open.length > 0 && (open.length >= MAX_OPEN_ORDERS || roll < CANCEL_CHANCE + AMEND_CHANCE)) {
        const order = random.pick(open);
        if (random.chance(CANCEL_CHANCE / (CANCEL_CHANCE + AMEND_CHANCE))) desk.cancel(order);
        else amend(order);
        return;
      }
      // An order resting (not a stop waiting for its trigger) is a fill to come.
      const resting = open.filter((order) => order.type !== "STOP_LIMIT").length;
      if (!allowance.allows(deps.now(), resting)) return;
      const pairs = desk.budgets();
      if (pairs.length === 0) return;
      if (first) {
        first = !newOrder(pairs, true);
        return;
      }
      const stopRoll = roll >= CANCEL_CHANCE + AMEND_CHANCE && roll < CANCEL_CHANCE + AMEND_CHANCE + STOP_CHANCE;
      if (stopRoll && deps.stopOrders !== false && orders.placeStop(random.pick(pairs))) return;
      newOrder(pairs, roll > 1 - MARKET_CHANCE);
    },
  };
}

type TraderDesk = ReturnType<typeof traderDesk>;

/** What the trader reads of its account and books, and its two plain actions (submit, cancel). */
function traderDesk(deps: DemoTraderDeps, symbols: readonly SymbolConfig[]) {
  const { exchange, account, random } = deps;
  const free = (asset: string): Big => {
    const balance = exchange.balances(account).find((entry) => entry.asset === asset);
    return new Big(balance?.free ?? "0");
  };
  const share = () => ORDER_SHARE[0] + (ORDER_SHARE[1] - ORDER_SHARE[0]) * random.next();
  return {
    free,
    share,
    /** The pairs it trades now, each with its budget out of what the account holds (free and locked). */
    budgets: (): PairBudget[] => {
      const held = new Map(
        exchange
          .balances(account)
          .map((balance) => [balance.asset, new Big(balance.free).plus(balance.locked)] as const),
      );
      return pairBudgets(symbols, held, (config) => {
        const touch = exchange.bestBidAsk(config.symbol);
        if (!touch) return 0;
        return Math.round((ticksOf(config, touch.bidPrice) + ticksOf(config, touch.askPrice)) / 2);
      });
    },
    ownOpposite: (symbol: string, side: Side) =>
      exchange.openOrders(account, symbol).some((order) => order.side !== side),
    submit: (input: Omit<PlaceOrderInput, "account" | "source" | "clientOrderId">): boolean => {
      const clientOrderId = random.chance(CLIENT_ORDER_ID_CHANCE) ? `demo${random.hex(12)}` : undefined;
      return refusedAsFalse(() => exchange.placeOrder({ ...input, account, clientOrderId, source: "api" }));
    },
    cancel: (order: SimOrder) => {
      refusedAsFalse(() => exchange.cancelOrder(account, order.symbol, { orderId: order.orderId }));
    },
    /**
     * Lots for an order at `price`: `wanted`, else a share of the pair's budget; at most what the
     * free balance pays for, at least the minimum; 0 when the balance cannot pay for the minimum.
     */
    affordableLots: (pair: PairBudget, side: Side, price: string, wanted?: number): number => {
      const { config } = pair;
      const ticks = ticksOf(config, price);
      const least = minLots(config, ticks);
      const payable =
        side === "BUY"
          ? toSteps(free(config.quoteAsset).div(price), config.quantityPrecision)
          : lotsOf(config, free(config.baseAsset).toFixed());
      const lots = Math.min(payable, Math.max(least, wanted ?? orderLots(pair, share(), ticks)));
      return lots >= least ? lots : 0;
    },
  };
}

/** Runs an engine call; false when the engine refused it (a SimError), true when it ran. */
function refusedAsFalse(call: () => unknown): boolean {
  try {
    call();
    return true;
  } catch (error) {
    if (error instanceof SimError) return false;
    throw error;
  }
}

/** The orders it places: LIMIT near the touch, MARKET, and the web's stop-limit sell. */
function orderPlacer(deps: DemoTraderDeps, desk: TraderDesk) {
  const { exchange, account, random } = deps;

  /** A LIMIT price near the touch; crossing only when we have nothing resting on the other side. */
  const limitTicks = (config: SymbolConfig, side: Side, allowCross: boolean): number | undefined => {
    const touch = exchange.bestBidAsk(config.symbol);
    if (!touch || new Big(touch.bidPrice).lte(0) || new Big(touch.askPrice).lte(0)) return undefined;
    const bid = ticksOf(config, touch.bidPrice);
    const ask = ticksOf(config, touch.askPrice);
    const gap = Math.max(1, Math.round(((bid + ask) / 2) * GAP));
    const roll = random.next();
    if (roll < CROSS_CHANCE && allowCross && !desk.ownOpposite(config.symbol, side)) return side === "BUY" ? ask : bid;
    if (roll < CROSS_CHANCE + IMPROVE_CHANCE && ask - bid > 1) {
      const step = random.int(1, Math.min(3, ask - bid - 1));
      return side === "BUY" ? bid + step : ask - step;
    }
    const behind = random.int(0, PASSIVE_REACH_GAPS * gap);
    const ticks = side === "BUY" ? bid - behind : ask + behind;
    return ticks >= 1 ? ticks : undefined;
  };

  return {
    placeLimit: (pair: PairBudget, side: Side, allowCross: boolean, wantedLots?: number): boolean => {
      const { config } = pair;
      const ticks = limitTicks(config, side, allowCross);
      if (ticks === undefined) return false;
      const price = priceOf(config, ticks);
      const lots = desk.affordableLots(pair, side, price, wantedLots);
      if (lots === 0) return false;
      return desk.submit({ symbol: config.symbol, side, type: "LIMIT", price, quantity: quantityOf(config, lots) });
    },

    /** A MARKET order of a share of the pair's budget: a SELL by quantity, a BUY by its value at the ask. */
    placeMarket: (pair: PairBudget, side: Side): boolean => {
      const { config } = pair;
      if (desk.ownOpposite(config.symbol, side)) return false;
      const touch = exchange.bestBidAsk(config.symbol);
      const reference = side === "BUY" ? touch?.askPrice : touch?.bidPrice;
      if (!reference || new Big(reference).lte(0)) return false;
      const market = { symbol: config.symbol, side, type: "MARKET" } as const;
      if (side === "SELL") {
        const lots = desk.affordableLots(pair, side, reference);
        return lots > 0 && desk.submit({ ...market, quantity: quantityOf(config, lots) });
      }
      const cash = desk.free(config.quoteAsset);
      const lots = orderLots(pair, desk.share(), ticksOf(config, reference));
      const wanted = new Big(reference).times(quantityOf(config, lots)).round(config.pricePrecision, ROUND_DOWN);
      const amount = wanted.lt(config.minNotional) ? new Big(config.minNotional) : wanted;
      if (amount.gt(cash)) return false;
      return desk.submit({ ...market, quoteOrderQty: amount.toFixed() });
    },

    /** A stop-limit sell under the market, as a trader places one in the web (no API for it). */
    placeStop: (pair: PairBudget): boolean => {
      const { config } = pair;
      const touch = exchange.bestBidAsk(config.symbol);
      if (!touch || new Big(touch.bidPrice).lte(0)) return false;
      const bid = ticksOf(config, touch.bidPrice);
      const trigger = Math.floor(bid * (1 - STOP_TRIGGER_BELOW));
      const limit = Math.floor(trigger * (1 - STOP_LIMIT_BELOW));
      if (limit < 1) return false;
      const lots = desk.affordableLots(pair, "SELL", priceOf(config, limit));
      if (lots === 0) return false;
      const quantity = quantityOf(config, lots);
      const stop = { price: priceOf(config, limit), triggerPrice: priceOf(config, trigger) };
      return refusedAsFalse(() =>
        exchange.placeStopOrder({ account, symbol: config.symbol, side: "SELL", quantity, ...stop }),
      );
    },
  };
}
