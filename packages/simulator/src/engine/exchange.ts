/**
 * The simulator's exchange: accounts, one book per symbol, order placement/cancel, the wallet
 * (wallet.ts) and the queries REST, WS and the market read. Synchronous: every call finishes and
 * emits its events before it returns (see eventQueue.ts for a listener that calls back in).
 * `recordPast` writes accounts' past (pastHistory.ts) without emitting anything.
 */

import { isDecimal, MAX_OPEN_ORDERS_PER_ACCOUNT } from "@mexc-live/protocol";
import type { SimClock } from "../clock.js";
import { engineErrors, restErrors } from "../errors.js";
import type { PastPlan } from "../pastPlan.js";
import type { Random } from "../random.js";
import type {
  BalanceEvent,
  Exchange,
  PlaceOcoOrderInput,
  PlaceOrderInput,
  PlaceStopOrderInput,
  PublicTradeEvent,
  SimOrder,
  SimOrderType,
  SymbolConfig,
} from "../types.js";
import { createAccounts } from "./accounts.js";
import { Big, fmt, negate, ZERO } from "./decimals.js";
import { createEventQueue } from "./eventQueue.js";
import { createHistory, type OrderRef } from "./history.js";
import { createIdSource } from "./ids.js";
import type { LiveOrder } from "./liveOrder.js";
import { averagePrice, createSettlement, crosses, type FillPlan, planFills } from "./matching.js";
import { createOrderBook, type OrderBook } from "./orderBook.js";
import { recordPastHistory } from "./pastHistory.js";
import { StopOrderBook, triggerTypeFor } from "./stopOrders.js";
import { type OrderRequest, validateOrder } from "./validation.js";
import { createWallet } from "./wallet.js";
import { createWalletExtras, DUST_TARGET } from "./walletExtras.js";

export { FEE_ACCOUNT } from "./matching.js";

/** Public trades kept per symbol for recentTrades (REST /trades allows up to 1000). */
const RECENT_TRADES_CAPACITY = 1000;
/** Depth versions start at a large seeded number, like MEXC's. */
const DEPTH_VERSION_BASE = 10_000_000_000;

/** The Exchange plus what the property tests and the admin ledger need to audit it. */
export interface EngineExchange extends Exchange {
  /** Every balance change of an account since start (oldest first): sums to its balances. */
  journal(account: string): readonly BalanceEvent[];
  /** Every account, the fee account included. */
  accountNames(): string[];
  /** Net credits (deposits - withdrawals, transfers in - out) per asset: what all accounts together hold. */
  credited(): Map<string, string>;
  /**
   * Accounts' past (pastHistory.ts): each plan's account must exist and hold nothing yet. Nothing
   * is emitted; ids and hashes come from `random`.
   */
  recordPast(plans: readonly PastPlan[], random: Random): void;
}

interface SymbolMarket {
  readonly config: SymbolConfig;
  readonly book: OrderBook;
  lastPrice: Big | undefined;
  recentTrades: PublicTradeEvent[];
}

export function createExchange(options: { symbols: SymbolConfig[]; clock: SimClock; random: Random }): EngineExchange {
  const { clock, random } = options;
  const { emit, transact, subscribe } = createEventQueue();

  const symbols = new Map(options.symbols.map((config) => [config.symbol, config]));
  const markets = new Map<string, SymbolMarket>();
  for (const config of options.symbols) {
    const book = createOrderBook(config, DEPTH_VERSION_BASE + random.int(0, 999_999) * 1000, clock, emit);
    markets.set(config.symbol, { config, book, lastPrice: undefined, recentTrades: [] });
  }
  const market = (symbol: string): SymbolMarket => {
    const found = markets.get(symbol);
    if (!found) throw restErrors.invalidSymbol();
    return found;
  };
  const referencePrice = (symbol: string): Big | undefined => {
    const found = markets.get(symbol);
    if (!found) return undefined;
    if (found.lastPrice) return found.lastPrice;
    const bid = found.book.bids.best();
    const ask = found.book.asks.best();
    if (bid && ask) return bid.price.plus(ask.price).div(2);
    return new Big(found.config.initialPrice);
  };

  const stops = new StopOrderBook();
  /** Symbols whose last price moved in this call: their stop orders are checked before it returns. */
  const moved = new Set<string>();
  let nextOcoId = 1;

  const recordPublicTrade = (trade: PublicTradeEvent) => {
    const found = market(trade.symbol);
    found.lastPrice = new Big(trade.price);
    moved.add(trade.symbol);
    found.recentTrades.push(trade);
    if (found.recentTrades.length >= 2 * RECENT_TRADES_CAPACITY) found.recentTrades.splice(0, RECENT_TRADES_CAPACITY);
  };

  /** Set while the past is recorded: its balance changes are journaled, not emitted. */
  let recordingPast = false;
  const accounts = createAccounts(clock, (event) => {
    if (!recordingPast) emit(event);
  });
  const wallet = createWallet({ accounts, clock, random });
  /** Price of `asset` in MX through the USDT pairs (a dust conversion's rate). */
  const priceInMx = (asset: string): Big | undefined => {
    const usdt = (base: string) => {
      const config = [...symbols.values()].find((entry) => entry.baseAsset === base && entry.quoteAsset === "USDT");
      return config && referencePrice(config.symbol);
    };
    const assetPrice = usdt(asset);
    const mxPrice = usdt(DUST_TARGET);
    return assetPrice && mxPrice?.gt(0) ? assetPrice.div(mxPrice) : undefined;
  };
  const extras = createWalletExtras({
    accounts,
    clock,
    random,
    priceInMx,
    recordWithdrawal: wallet.recordWithdrawal,
  });
  /** Pairs taken offline (delist), with when. */
  const offline = new Map<string, number>();
  const history = createHistory(
    (account) => accounts.options(account).keepHistory !== false,
    () => clock.now(),
  );
  const ids = createIdSource(random);
  const settlement = createSettlement({
    accounts,
    clock,
    ids,
    emit,
    referencePrice,
    recordTrade: history.addTrade,
    closeOrder: history.close,
    recordPublicTrade,
  });

  const orderEvent = (order: LiveOrder) => {
    emit({
      kind: "order",
      account: order.view.account,
      order: { ...order.view },
      isMaker: false,
      avgPrice: averagePrice(order),
      time: order.view.updateTime,
    });
  };

  /** Ends an order that will not fill further: status, order event, remaining lock returned. */
  const cancelRemainder = (order: LiveOrder) => {
    order.view.status = order.executedQty.gt(0) ? "PARTIALLY_CANCELED" : "CANCELED";
    if (order.view.trigger && order.view.trigger.state === 1) order.view.trigger = { ...order.view.trigger, state: 2 };
    order.view.updateTime = clock.now();
    history.close(order);
    orderEvent(order);
    releaseLock(order, "ENTRUST_CANCEL");
  };
  const releaseLock = (order: LiveOrder, changeType: string) => {
    if (order.locked.eq(0)) return;
    const amount = order.locked;
    order.locked = ZERO;
    accounts.change(order.view.account, order.lockedAsset, amount, negate(amount), changeType);
  };

  /** Everything placeOrder checks, in MEXC's order; returns the plan and the amount to lock. */
  const check = (input: PlaceOrderInput) => {
    const request = validateOrder(input, symbols, accounts.has);
    const { config, side, type, price } = request;
    if (input.source !== "internal" && offline.has(config.symbol)) throw engineErrors.symbolSuspended();
    const { book } = market(config.symbol);
    if (input.source !== "internal" && history.openCount(request.account) >= MAX_OPEN_ORDERS_PER_ACCOUNT) {
      throw engineErrors.tooManyOpenOrders();
    }
    const opposite = side === "BUY" ? book.asks.best() : book.bids.best();
    if (type === "LIMIT_MAKER" && opposite && price && crosses(side, price, opposite.price)) {
      // MEXC's general "order type not allowed" code; a post-only order never takes liquidity.
      throw engineErrors.orderTypeNotAllowed();
    }
    if (type === "MARKET" && !opposite) throw engineErrors.noValidTradePrice();
    const plan: FillPlan =
      type === "LIMIT_MAKER"
        ? { fills: [], quantity: ZERO, quote: ZERO, complete: false }
        : planFills(book, {
            side,
            limitPrice: price,
            quantity: request.quantity,
            quoteAmount: request.quoteOrderQty,
            quantityPrecision: config.quantityPrecision,
          });
    const lock = lockAmount(request, plan);
    const lockedAsset = side === "BUY" ? config.quoteAsset : config.baseAsset;
    if (accounts.free(request.account, lockedAsset).lt(lock)) {
      throw side === "BUY" ? engineErrors.insufficientBalance() : engineErrors.insufficientPosition();
    }
    return { request, book, plan, lock, lockedAsset };
  };

  /** A new order's record, announced (order event) with its funds locked (ENTRUST_PLACE). */
  const announce = (
    request: ReturnType<typeof check>["request"],
    lock: Big,
    lockedAsset: string,
    extra: { type?: SimOrder["type"]; trigger?: SimOrder["trigger"]; ocoId?: string } = {},
  ): LiveOrder => {
    const { config, side } = request;
    const now = clock.now();
    const order: LiveOrder = {
      view: {
        account: request.account,
        symbol: config.symbol,
        orderId: ids.orderId(),
        clientOrderId: request.clientOrderId,
        side,
        type: extra.type ?? request.type,
        status: "NEW",
        price: request.price ? fmt(request.price) : "0",
        origQty: request.quantity ? fmt(request.quantity) : "0",
        executedQty: "0",
        cummulativeQuoteQty: "0",
        origQuoteOrderQty: request.quoteOrderQty ? fmt(request.quoteOrderQty) : "0",
        time: now,
        updateTime: now,
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
      executedQty: ZERO,
      cumulativeQuote: ZERO,
    };
    history.add(order);
    orderEvent(order);
    accounts.change(request.account, lockedAsset, negate(lock), lock, "ENTRUST_PLACE");
    return order;
  };

  /** Matches an announced order against the book, then it rests (LIMIT kinds), fills, or ends. */
  const work = (order: LiveOrder, type: SimOrderType, book: OrderBook, plan: FillPlan): void => {
    if (type === "FILL_OR_KILL" && !plan.complete) {
      cancelRemainder(order);
      return;
    }
    plan.fills.forEach((planned, index) => {
      const last = index === plan.fills.length - 1;
      settlement.fill(book, planned.maker, order, planned.price, planned.quantity, last && plan.complete);
    });
    const rests = type === "LIMIT" || type === "LIMIT_MAKER";
    if (order.view.status === "FILLED") {
      releaseLock(order, "ENTRUST_UNFROZEN"); // MARKET by quoteOrderQty: quote too small for one more step
    } else if (rests) {
      book.add(order);
    } else {
      cancelRemainder(order);
    }
  };

  const place = (input: PlaceOrderInput, ocoId?: string): LiveOrder => {
    const { request, book, plan, lock, lockedAsset } = check(input);
    const order = announce(request, lock, lockedAsset, ocoId ? { ocoId } : {});
    work(order, request.type, book, plan);
    return order;
  };

  /** A stop-limit order: checked and locked as a limit order, held until its trigger is reached. */
  const placeStop = (input: PlaceStopOrderInput, ocoId?: string): LiveOrder => {
    const limit: PlaceOrderInput = { ...input, type: "LIMIT", source: "internal" };
    const request = validateOrder(limit, symbols, accounts.has);
    const triggerPrice = new Big(input.triggerPrice);
    if (!triggerPrice.gt(0)) throw restErrors.badParameter("triggerPrice", "must be positive");
    const lock = lockAmount(request, { fills: [], quantity: ZERO, quote: ZERO, complete: false });
    const lockedAsset = request.side === "BUY" ? request.config.quoteAsset : request.config.baseAsset;
    if (accounts.free(request.account, lockedAsset).lt(lock)) {
      throw request.side === "BUY" ? engineErrors.insufficientBalance() : engineErrors.insufficientPosition();
    }
    const type = triggerTypeFor(triggerPrice, referencePrice(request.config.symbol)!);
    const order = announce(request, lock, lockedAsset, {
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
        orderEvent(order);
        const plan = planFills(found.book, {
          side: order.side,
          limitPrice: order.limitPrice,
          quantity: order.remainingQty,
          quoteAmount: undefined,
          quantityPrecision: order.config.quantityPrecision,
        });
        work(order, "LIMIT", found.book, plan);
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
    cancelRemainder(order);
    return { ...order.view };
  };

  const findOpen = (account: string, symbol: string, ref: OrderRef): LiveOrder => {
    market(symbol);
    const order = history.find(account, symbol, ref);
    if (!order || !history.isOpen(order)) throw engineErrors.unknownOrder();
    return order;
  };

  return {
    symbols,
    onEvent: subscribe,
    createAccount: (account, accountOptions) => accounts.create(account, accountOptions),
    hasAccount: accounts.has,
    credit: (account, asset, amount, changeType) =>
      transact(() => {
        if (!isDecimal(amount)) throw new Error(`credit amount "${amount}" is not a decimal number`);
        const value = new Big(amount);
        accounts.create(account);
        accounts.credit(account, asset, value, changeType ?? (value.lt(0) ? "WITHDRAW" : "DEPOSIT"));
      }),
    placeOrder: (input) =>
      transact(() => {
        const order = place(input);
        afterTrades();
        return { ...order.view };
      }),
    placeStopOrder: (input) =>
      transact(() => {
        const order = placeStop(input);
        afterTrades();
        return { ...order.view };
      }),
    placeOcoOrder: (input) =>
      transact(() => {
        const legs = placeOco(input);
        afterTrades();
        return legs.map((leg) => ({ ...leg.view }));
      }),
    testOrder: (input) => {
      check(input);
    },
    cancelOrder: (account, symbol, ref) =>
      transact(() => {
        const order = cancel(findOpen(account, symbol, ref));
        cancelLegs();
        return order;
      }),
    cancelAllOrders: (account, symbol) =>
      transact(() => {
        market(symbol);
        return history.open(account, symbol).map(cancel);
      }),
    getOrder: (account, symbol, ref) => {
      const order = history.find(account, symbol, ref);
      return order ? { ...order.view } : undefined;
    },
    openOrders: (account, symbol) => history.open(account, symbol).map((order) => ({ ...order.view })),
    allOrders: (account, symbol) => history.orders(account, symbol).map((order) => ({ ...order.view })),
    myTrades: (account, symbol) => [...history.trades(account, symbol)],
    balances: (account) => accounts.balances(account),
    deposit: (account, input) => transact(() => wallet.deposit(account, input)),
    withdraw: (account, input) => transact(() => wallet.withdraw(account, input)),
    transfer: (account, input) => transact(() => wallet.transfer(account, input)),
    internalTransfer: (account, input) => transact(() => extras.internalTransfer(account, input)),
    convertDust: (account, assets) => transact(() => extras.convertDust(account, assets)),
    deposits: wallet.deposits,
    withdrawals: wallet.withdrawals,
    transfers: wallet.transfers,
    internalTransfers: extras.internalTransfers,
    conversions: extras.conversions,
    delist: (symbol) =>
      transact(() => {
        market(symbol);
        const at = offline.get(symbol) ?? clock.now();
        offline.set(symbol, at);
        for (const account of accounts.names()) {
          if (accounts.options(account).keepHistory === false) continue;
          for (const order of history.open(account, symbol)) cancel(order);
        }
        cancelLegs();
        return at;
      }),
    offlineSymbols: () => offline,
    ledger: (account) => ({
      balances: accounts.balances(account),
      orders: history.orders(account).map((order) => ({ ...order.view })),
      trades: [...history.trades(account)],
      deposits: [...wallet.deposits(account)],
      withdrawals: [...wallet.withdrawals(account)],
      transfers: [...wallet.transfers(account)],
      internalTransfers: [...extras.internalTransfers(account)],
      conversions: [...extras.conversions(account)],
    }),
    depthSnapshot: (symbol, limit) => market(symbol).book.snapshot(limit),
    depthVersion: (symbol) => market(symbol).book.version(),
    bestBidAsk: (symbol) => {
      const found = markets.get(symbol);
      const bid = found?.book.bids.best();
      const ask = found?.book.asks.best();
      if (!bid && !ask) return undefined;
      return {
        bidPrice: bid ? fmt(bid.price) : "0",
        bidQty: bid ? fmt(bid.quantity) : "0",
        askPrice: ask ? fmt(ask.price) : "0",
        askQty: ask ? fmt(ask.quantity) : "0",
      };
    },
    lastPrice: (symbol) => {
      const price = markets.get(symbol)?.lastPrice;
      return price ? fmt(price) : undefined;
    },
    recentTrades: (symbol, limit) => {
      const trades = markets.get(symbol)?.recentTrades ?? [];
      return trades.slice(Math.max(0, trades.length - Math.min(limit, RECENT_TRADES_CAPACITY)));
    },
    printTrade: (symbol, takerSide, quantity) =>
      transact(() => {
        const { book } = market(symbol);
        const touch = takerSide === "BUY" ? book.asks.best() : book.bids.best();
        const price = touch?.price ?? referencePrice(symbol)!;
        const trade: PublicTradeEvent = {
          kind: "publicTrade",
          symbol,
          tradeId: ids.tradeId(),
          price: fmt(price),
          quantity: fmt(new Big(quantity)),
          takerSide,
          time: clock.now(),
        };
        recordPublicTrade(trade);
        emit(trade);
        afterTrades();
        return trade;
      }),
    journal: accounts.journal,
    accountNames: accounts.names,
    credited: () => new Map([...accounts.credited()].map(([asset, total]) => [asset, fmt(total)])),
    recordPast: (plans, pastRandom) => {
      recordingPast = true;
      try {
        const deps = { accounts, history, wallet, symbols, liveIds: ids, referencePrice, now: clock.now() };
        recordPastHistory(deps, plans, pastRandom);
      } finally {
        recordingPast = false;
      }
    },
  };
}

/** What an order locks on placement: quote for a BUY, base for a SELL. */
function lockAmount(request: OrderRequest, plan: FillPlan): Big {
  const { side, price, quantity, quoteOrderQty } = request;
  if (side === "BUY") {
    if (price && quantity) return price.times(quantity);
    return quoteOrderQty ?? plan.quote; // MARKET: the budget, or the cost of the walk
  }
  if (quantity) return quantity;
  return plan.quantity; // MARKET SELL by quoteOrderQty: the base the walk needs
}
