/**
 * The simulator's exchange: accounts, one book per symbol, order placement/cancel, the wallet
 * (wallet.ts) and the queries REST, WS and the market read. Synchronous: every call finishes and
 * emits its events before it returns (see eventQueue.ts for a listener that calls back in).
 * `recordPast` writes accounts' past (pastHistory.ts) without emitting anything.
 */

import { isDecimal } from "@mexc-live/protocol";
import { type Behaviours, REAL_MEXC } from "../behaviours.js";
import type { SimClock } from "../clock.js";
import type { PastPlan } from "../pastPlan.js";
import type { Random } from "../random.js";
import type { Exchange, JournalEntry, PublicTradeEvent, SimOrder, SymbolConfig } from "../types.js";
import { type Accounts, createAccounts } from "./accounts.js";
import { Big, fmt } from "./decimals.js";
import { createEventQueue, type EventQueue } from "./eventQueue.js";
import { createHistory, type History } from "./history.js";
import { createIdSource, type IdSource } from "./ids.js";
import { createMarkets, type Markets } from "./markets.js";
import { createSettlement } from "./matching.js";
import { createOrderFlow } from "./orderFlow.js";
import { recordPastHistory } from "./pastHistory.js";
import { createTradeGroups, type TradeGroups } from "./selfTradePrevention.js";
import { createWallet, type Wallet } from "./wallet.js";
import { createWalletExtras, DUST_TARGET, type WalletExtras } from "./walletExtras.js";

export { FEE_ACCOUNT } from "./matching.js";

/** The Exchange plus what the property tests and the admin ledger need to audit it. */
export interface EngineExchange extends Exchange {
  /** Every balance change of an account since start (oldest first): sums to its balances. */
  journal(account: string): readonly JournalEntry[];
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

/** Everything the exchange's calls are made of. */
interface Parts {
  readonly queue: EventQueue;
  readonly symbols: Map<string, SymbolConfig>;
  readonly markets: Markets;
  readonly accounts: Accounts;
  readonly wallet: Wallet;
  readonly extras: WalletExtras;
  readonly history: History;
  readonly ids: IdSource;
  readonly orders: ReturnType<typeof createOrderFlow>;
  readonly tradeGroups: TradeGroups;
  readonly clock: SimClock;
  /** Pairs taken offline (delist), with when. */
  readonly offline: Map<string, number>;
  /** Set while the past is recorded: its balance changes are journaled, not emitted. */
  recordingPast: boolean;
}

/** What the exchange is made of; `behaviours`: the real-MEXC behaviours the engine models (all on by default). */
export interface ExchangeOptions {
  readonly symbols: SymbolConfig[];
  readonly clock: SimClock;
  readonly random: Random;
  readonly behaviours?: Partial<EngineBehaviours>;
}

/** The behaviours (behaviours.ts) the engine itself models. */
export type EngineBehaviours = Pick<
  Behaviours,
  "buyFeeInQuote" | "ordersBeforeDeals" | "marketProtection" | "selfTradePrevention"
>;

export function createExchange(options: ExchangeOptions): EngineExchange {
  const parts = assemble(options);
  return {
    symbols: parts.symbols,
    onEvent: parts.queue.subscribe,
    ...orderCalls(parts),
    ...walletCalls(parts),
    ...marketCalls(parts),
    ...auditCalls(parts),
  };
}

/** The exchange's parts, wired: markets, accounts, wallet, history, settlement, order flow. */
function assemble(options: ExchangeOptions): Parts {
  const { clock, random } = options;
  const behaviours: EngineBehaviours = {
    buyFeeInQuote: options.behaviours?.buyFeeInQuote ?? REAL_MEXC.buyFeeInQuote,
    ordersBeforeDeals: options.behaviours?.ordersBeforeDeals ?? REAL_MEXC.ordersBeforeDeals,
    marketProtection: options.behaviours?.marketProtection ?? REAL_MEXC.marketProtection,
    selfTradePrevention: options.behaviours?.selfTradePrevention ?? REAL_MEXC.selfTradePrevention,
  };
  const queue = createEventQueue();
  const { emit } = queue;
  const symbols = new Map(options.symbols.map((config) => [config.symbol, config]));
  const markets = createMarkets(options.symbols, clock, random, emit);
  const accounts = createAccounts(clock, (event) => {
    if (!parts.recordingPast) emit(event);
  });
  const wallet = createWallet({ accounts, clock, random });
  /** Price of `asset` in MX through the USDT pairs (a dust conversion's rate). */
  const priceInMx = (asset: string): Big | undefined => {
    const usdt = (base: string) => {
      const config = [...symbols.values()].find((entry) => entry.baseAsset === base && entry.quoteAsset === "USDT");
      return config && markets.referencePrice(config.symbol);
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
  const offline = new Map<string, number>();
  const history = createHistory(
    (account) => accounts.options(account).keepHistory !== false,
    () => clock.now(),
  );
  const ids = createIdSource(random, () => clock.now());
  const tradeGroups = createTradeGroups();
  const settlement = createSettlement({
    accounts,
    clock,
    ids,
    emit,
    referencePrice: markets.referencePrice,
    recordTrade: history.addTrade,
    closeOrder: history.close,
    recordPublicTrade: markets.recordPublicTrade,
    buyFeeInQuote: behaviours.buyFeeInQuote,
    behaviours,
  });
  const orders = createOrderFlow({
    symbols,
    markets,
    accounts,
    history,
    ids,
    settlement,
    clock,
    emit,
    offline,
    behaviours,
    tradeGroups,
  });
  const parts: Parts = {
    queue,
    symbols,
    markets,
    accounts,
    wallet,
    extras,
    history,
    ids,
    orders,
    tradeGroups,
    clock,
    offline,
    recordingPast: false,
  };
  return parts;
}

/** Placing, testing, cancelling and reading orders; each call settles its stop and OCO orders before it returns. */
function orderCalls({ queue: { transact }, orders, history, markets }: Parts) {
  return {
    placeOrder: (input) =>
      transact(() => {
        const order = orders.place(input);
        orders.afterTrades();
        return { ...order.view };
      }),
    placeStopOrder: (input) =>
      transact(() => {
        const order = orders.placeStop(input);
        orders.afterTrades();
        return { ...order.view };
      }),
    placeOcoOrder: (input) =>
      transact(() => {
        const legs = orders.placeOco(input);
        orders.afterTrades();
        return legs.map((leg) => ({ ...leg.view }));
      }),
    testOrder: (input) => {
      orders.check(input);
    },
    cancelOrder: (account, symbol, ref) =>
      transact(() => {
        const order = orders.cancel(orders.findOpen(account, symbol, ref));
        orders.cancelLegs();
        return order;
      }),
    editOrder: (account, symbol, ref, change) =>
      transact(() => {
        const [canceled, placed] = orders.edit(orders.findOpen(account, symbol, ref), change);
        orders.cancelLegs();
        orders.afterTrades();
        return [canceled, { ...placed.view }] as [SimOrder, SimOrder];
      }),
    cancelAllOrders: (account, symbol) =>
      transact(() => {
        markets.market(symbol);
        return history.open(account, symbol).map(orders.cancel);
      }),
    getOrder: (account, symbol, ref) => {
      const order = history.find(account, symbol, ref);
      return order ? { ...order.view } : undefined;
    },
    openOrders: (account, symbol) => history.open(account, symbol).map((order) => ({ ...order.view })),
    allOrders: (account, symbol) => history.orders(account, symbol).map((order) => ({ ...order.view })),
    myTrades: (account, symbol) => [...history.trades(account, symbol)],
  } satisfies Partial<Exchange>;
}

/** Accounts, their strategy groups, balances, deposits, withdrawals, transfers and dust conversions. */
function walletCalls({ queue: { transact }, accounts, wallet, extras, tradeGroups }: Parts) {
  return {
    createAccount: (account, accountOptions) => accounts.create(account, accountOptions),
    hasAccount: accounts.has,
    createTradeGroup: (members) => {
      for (const account of members) if (!accounts.has(account)) throw new RangeError(`unknown account "${account}"`);
      return tradeGroups.create(members);
    },
    tradeGroupOf: tradeGroups.groupOf,
    credit: (account, asset, amount, changeType) =>
      transact(() => {
        if (!isDecimal(amount)) throw new Error(`credit amount "${amount}" is not a decimal number`);
        const value = new Big(amount);
        accounts.create(account);
        accounts.credit(account, asset, value, changeType ?? (value.lt(0) ? "WITHDRAW" : "DEPOSIT"));
      }),
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
  } satisfies Partial<Exchange>;
}

/** The books, prices and trades; delisting; printing a trade at the touch (the firehose). */
function marketCalls({ queue: { transact, emit }, markets, accounts, history, orders, ids, clock, offline }: Parts) {
  const { market } = markets;
  return {
    delist: (symbol) =>
      transact(() => {
        market(symbol);
        const at = offline.get(symbol) ?? clock.now();
        offline.set(symbol, at);
        for (const account of accounts.names()) {
          if (accounts.options(account).keepHistory === false) continue;
          for (const order of history.open(account, symbol)) orders.cancel(order);
        }
        orders.cancelLegs();
        return at;
      }),
    offlineSymbols: () => offline,
    depthSnapshot: (symbol, limit) => market(symbol).book.snapshot(limit),
    depthVersion: (symbol) => market(symbol).book.version(),
    bestBidAsk: markets.bestBidAsk,
    lastPrice: markets.lastPrice,
    recentTrades: markets.recentTrades,
    printTrade: (symbol, takerSide, quantity) =>
      transact(() => {
        const { book } = market(symbol);
        const touch = takerSide === "BUY" ? book.asks.best() : book.bids.best();
        const price = touch?.price ?? markets.referencePrice(symbol)!;
        const trade: PublicTradeEvent = {
          kind: "publicTrade",
          symbol,
          tradeId: ids.tradeId(),
          price: fmt(price),
          quantity: fmt(new Big(quantity)),
          takerSide,
          time: clock.now(),
        };
        markets.recordPublicTrade(trade);
        emit(trade);
        orders.afterTrades();
        return trade;
      }),
  } satisfies Partial<Exchange>;
}

/** What the property tests and the admin ledger audit, and the accounts' recorded past. */
function auditCalls(parts: Parts) {
  const { accounts, history, wallet, extras, symbols, ids, markets, clock } = parts;
  return {
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
    journal: accounts.journal,
    accountNames: accounts.names,
    credited: () => new Map([...accounts.credited()].map(([asset, total]) => [asset, fmt(total)])),
    recordPast: (plans: readonly PastPlan[], pastRandom: Random) => {
      parts.recordingPast = true;
      try {
        const deps = {
          accounts,
          history,
          wallet,
          symbols,
          liveIds: ids,
          referencePrice: markets.referencePrice,
          now: clock.now(),
        };
        recordPastHistory(deps, plans, pastRandom);
      } finally {
        parts.recordingPast = false;
      }
    },
  } satisfies Partial<EngineExchange>;
}
