/** Every order and trade per account (and per symbol), the open orders, and lookups by id. */
import type { SimTrade } from "../types.js";
import type { LiveOrder } from "./liveOrder.js";

interface SymbolHistory {
  readonly orders: LiveOrder[];
  readonly trades: SimTrade[];
  /** Latest order per client order id. */
  readonly byClientOrderId: Map<string, LiveOrder>;
}

interface AccountHistoryState {
  readonly orders: LiveOrder[];
  readonly trades: SimTrade[];
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

/** `keeps(account)` false: only open orders are tracked (closed ones and trades are forgotten). */
export function createHistory(keeps: (account: string) => boolean = () => true): History {
  const accounts = new Map<string, AccountHistoryState>();
  const byOrderId = new Map<string, LiveOrder>();

  const accountState = (account: string) => {
    let state = accounts.get(account);
    if (!state) {
      state = { orders: [], trades: [], open: new Map(), symbols: new Map() };
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
    },
    close: (order) => {
      accounts.get(order.view.account)?.open.delete(order.view.orderId);
      if (!keeps(order.view.account)) byOrderId.delete(order.view.orderId);
    },
    addTrade: (trade) => {
      if (!keeps(trade.account)) return;
      accountState(trade.account).trades.push(trade);
      symbolState(trade.account, trade.symbol).trades.push(trade);
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
