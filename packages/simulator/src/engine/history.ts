/**
 * The orders and trades per account (and per symbol), the open orders, and lookups by id. What
 * MEXC's REST no longer serves is forgotten (issue 17: the demo left running for days grew without
 * bound): trades older than a month (myTrades, docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read), closed orders placed more than 7 days ago
 * (allOrders, docs/mexc/rest.md#get-apiv3allorders-signed-weight-10) unless a kept trade belongs to them, and beyond TRADES_CAP trades and
 * CLOSED_ORDERS_CAP closed orders per account the oldest first (MEXC keeps more; a simulated
 * account busier than that serves less of its month: the one departure). Open orders are never
 * forgotten. An order forgotten is no longer found by id either [UNCONFIRMED: what MEXC's
 * GET /api/v3/order answers for an order that old is not known]. Pruned every PRUNE_EVERY
 * additions, so the cost is spread thin.
 */
import { ALL_ORDERS_MAX_WINDOW_MS, MY_TRADES_MAX_AGE_MS } from "@mexc-live/protocol/limits";
import type { SimTrade } from "../types.js";
import type { LiveOrder } from "./liveOrder.js";

export interface Retention {
  /** Trades older than this (engine ms) are forgotten. */
  readonly tradesMs: number;
  /** Closed orders placed longer ago than this are forgotten. */
  readonly closedOrdersMs: number;
  /** At most this many trades per account. */
  readonly tradesCap: number;
  /** At most this many closed orders per account (besides those a kept trade belongs to). */
  readonly closedOrdersCap: number;
}

/**
 * Per account at most (measured: the demo trader makes about 3,000 trades and 470 orders a
 * simulated hour, so these fill in about 7 and 10 hours; the engine's heap then stays near 50 MB).
 */
const TRADES_CAP = 20_000;
const CLOSED_ORDERS_CAP = 5_000;
export const MEXC_RETENTION: Retention = {
  tradesMs: MY_TRADES_MAX_AGE_MS,
  closedOrdersMs: ALL_ORDERS_MAX_WINDOW_MS,
  tradesCap: TRADES_CAP,
  closedOrdersCap: CLOSED_ORDERS_CAP,
};
/** An account's history is pruned after this many orders and trades were added to it. */
export const PRUNE_EVERY = 1_000;

interface SymbolHistory {
  orders: LiveOrder[];
  trades: SimTrade[];
  /** Latest order per client order id. */
  readonly byClientOrderId: Map<string, LiveOrder>;
}

interface AccountHistoryState {
  orders: LiveOrder[];
  trades: SimTrade[];
  /** Orders and trades added since the last prune. */
  added: number;
  /** Open orders by order id, in placement order. */
  readonly open: Map<string, LiveOrder>;
  readonly symbols: Map<string, SymbolHistory>;
}

export interface OrderRef {
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

export interface History {
  /** A new order (open until `close`). */
  add(order: LiveOrder): void;
  close(order: LiveOrder): void;
  addTrade(trade: SimTrade): void;
  /** By orderId when given, else the latest order with that clientOrderId. */
  find(account: string, symbol: string, ref: OrderRef): LiveOrder | undefined;
  isOpen(order: LiveOrder): boolean;
  open(account: string, symbol?: string): LiveOrder[];
  openCount(account: string): number;
  orders(account: string, symbol?: string): readonly LiveOrder[];
  trades(account: string, symbol?: string): readonly SimTrade[];
}

/**
 * `keeps(account)` false: only open orders are tracked (closed ones and trades are forgotten).
 * `now`: the engine's clock, for the retention.
 */
export function createHistory(
  keeps: (account: string) => boolean = () => true,
  now: () => number = Date.now,
  retention: Retention = MEXC_RETENTION,
): History {
  const accounts = new Map<string, AccountHistoryState>();
  const byOrderId = new Map<string, LiveOrder>();

  const accountState = (account: string) => {
    let state = accounts.get(account);
    if (!state) {
      state = { orders: [], trades: [], added: 0, open: new Map(), symbols: new Map() };
      accounts.set(account, state);
    }
    return state;
  };
  const symbolState = (account: string, symbol: string) => {
    const symbols = accountState(account).symbols;
    let state = symbols.get(symbol);
    if (!state) {
      state = { orders: [], trades: [], byClientOrderId: new Map() };
      symbols.set(symbol, state);
    }
    return state;
  };

  /** Forgets the account's trades and closed orders that are too old, or too many. */
  const prune = (state: AccountHistoryState) => {
    state.added = 0;
    const time = now();
    const trades = state.trades.filter((trade) => trade.time >= time - retention.tradesMs);
    const keptTrades = new Set(trades.slice(-retention.tradesCap));
    const closed = state.orders.filter((order) => !state.open.has(order.view.orderId));
    const recentClosed = closed.filter((order) => order.view.time >= time - retention.closedOrdersMs);
    const keptClosed = new Set(recentClosed.slice(-retention.closedOrdersCap));
    // An order a kept trade belongs to stays too (the ledger never holds a trade without its order).
    const traded = new Set([...keptTrades].map((trade) => trade.orderId));
    const keepOrder = (order: LiveOrder) =>
      state.open.has(order.view.orderId) || keptClosed.has(order) || traded.has(order.view.orderId);
    if (keptTrades.size === state.trades.length && closed.every(keepOrder)) return;
    for (const order of state.orders) {
      if (keepOrder(order)) continue;
      if (byOrderId.get(order.view.orderId) === order) byOrderId.delete(order.view.orderId);
      const bySymbol = state.symbols.get(order.view.symbol)?.byClientOrderId;
      if (bySymbol?.get(order.view.clientOrderId) === order) bySymbol.delete(order.view.clientOrderId);
    }
    state.orders = state.orders.filter(keepOrder);
    state.trades = state.trades.filter((trade) => keptTrades.has(trade));
    for (const perSymbol of state.symbols.values()) {
      perSymbol.orders = perSymbol.orders.filter(keepOrder);
      perSymbol.trades = perSymbol.trades.filter((trade) => keptTrades.has(trade));
    }
  };
  const added = (state: AccountHistoryState) => {
    if (++state.added >= PRUNE_EVERY) prune(state);
  };

  return {
    add: (order) => {
      const { account, symbol, orderId, clientOrderId } = order.view;
      const state = accountState(account);
      state.open.set(orderId, order);
      byOrderId.set(orderId, order);
      if (!keeps(account)) return;
      state.orders.push(order);
      const perSymbol = symbolState(account, symbol);
      perSymbol.orders.push(order);
      if (clientOrderId !== "") perSymbol.byClientOrderId.set(clientOrderId, order);
      added(state);
    },
    close: (order) => {
      accounts.get(order.view.account)?.open.delete(order.view.orderId);
      if (!keeps(order.view.account)) byOrderId.delete(order.view.orderId);
    },
    addTrade: (trade) => {
      if (!keeps(trade.account)) return;
      const state = accountState(trade.account);
      state.trades.push(trade);
      symbolState(trade.account, trade.symbol).trades.push(trade);
      added(state);
    },
    find: (account, symbol, ref) => {
      const order = ref.orderId
        ? byOrderId.get(ref.orderId)
        : ref.clientOrderId
          ? accounts.get(account)?.symbols.get(symbol)?.byClientOrderId.get(ref.clientOrderId)
          : undefined;
      return order && order.view.account === account && order.view.symbol === symbol ? order : undefined;
    },
    isOpen: (order) => accounts.get(order.view.account)?.open.has(order.view.orderId) ?? false,
    open: (account, symbol) => {
      const open = [...(accounts.get(account)?.open.values() ?? [])];
      return symbol === undefined ? open : open.filter((order) => order.view.symbol === symbol);
    },
    openCount: (account) => accounts.get(account)?.open.size ?? 0,
    orders: (account, symbol) =>
      symbol === undefined
        ? (accounts.get(account)?.orders ?? [])
        : (accounts.get(account)?.symbols.get(symbol)?.orders ?? []),
    trades: (account, symbol) =>
      symbol === undefined
        ? (accounts.get(account)?.trades ?? [])
        : (accounts.get(account)?.symbols.get(symbol)?.trades ?? []),
  };
}
