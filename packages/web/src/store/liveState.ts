/**
 * What the dashboard knows, as one immutable value: a new object after every flush, so React
 * re-renders exactly the parts whose slice changed. Collections are keyed by their natural id
 * (orders by orderId, balances by asset, fills by tradeId) so a snapshot and a delta that
 * overlap never produce duplicates.
 */

import {
  type AlertNotice,
  type BalanceItem,
  type DepthView,
  type EquityPoint,
  emptyFills,
  type FiguresVersion,
  type FillsState,
  type Health,
  type KlineItem,
  type OrderItem,
  type TickerItem,
  type TradeTick,
} from "@mexc-live/contract";

/** The browser's own WebSocket to the gateway. */
export type ConnectionState = "connecting" | "open" | "reconnecting";

interface Hello {
  readonly mode: "demo" | "live";
  readonly quote: string;
  /** Gateway time minus browser time when the hello arrived, ms. */
  readonly skewMs: number;
}

export interface MarketState {
  readonly ticker: TickerItem | null;
  /** Newest first. */
  readonly trades: readonly TradeTick[];
  readonly depth: DepthView | null;
  /** Oldest first, one per openTime. */
  readonly klines: readonly KlineItem[];
  /**
   * The gateway has sent the symbol's candles (a kline snapshot, or a candle): until then the
   * chart is loading, whatever else of the market came first.
   */
  readonly klinesIn: boolean;
}

/** An alert that arrived live (a delta, not part of a snapshot), numbered in arrival order. */
export interface RaisedAlert {
  readonly seq: number;
  readonly notice: AlertNotice;
}

export interface LiveState {
  /**
   * What the names of the shown account's topics start with ("" for the gateway's default
   * account, `account.NAME.` for another); account topics of any other account are ignored.
   */
  readonly topicPrefix: string;
  readonly connection: ConnectionState;
  /** Browser time of the last message from the gateway; null before the first. */
  readonly lastMessageAt: number | null;
  /** Browser time the connection was lost; null while open. */
  readonly disconnectedAt: number | null;
  readonly hello: Hello | null;
  readonly health: { readonly value: Health; readonly receivedAt: number } | null;
  /** The account's figures version (the `figures` topic); null before it came, or from a gateway without it. */
  readonly figures: FiguresVersion | null;
  readonly balances: ReadonlyMap<string, BalanceItem>;
  readonly orders: ReadonlyMap<string, OrderItem>;
  /** Newest first; `cap` is MAX_LIVE_FILLS, more once older pages were loaded. */
  readonly fills: FillsState;
  /** The shown account's fills, orders, balances and equity snapshots came (until then an empty table or chart is not "none": it is loading). */
  readonly listsIn: {
    readonly fills: boolean;
    readonly orders: boolean;
    readonly balances: boolean;
    readonly equity: boolean;
  };
  /** Oldest first, one per time. */
  readonly equity: readonly EquityPoint[];
  readonly market: ReadonlyMap<string, MarketState>;
  /** Alerts for open dashboards (rules sending to `browser`): the latest MAX_ALERTS by id, newest last. */
  readonly alerts: readonly AlertNotice[];
  /**
   * The alerts that arrived live, newest last, at most MAX_ALERTS: what notifications and toasts
   * show (a snapshot's alerts were raised before this page was listening, or are repeats).
   */
  readonly raisedAlerts: readonly RaisedAlert[];
  /** "topic:id" -> browser time a live delta changed that row (pruned after FLASH_MS). */
  readonly changed: ReadonlyMap<string, number>;
}

const NOTHING_IN = { fills: false, orders: false, balances: false, equity: false } as const;

export const EMPTY_MARKET: MarketState = { ticker: null, trades: [], depth: null, klines: [], klinesIn: false };

export function initialLiveState(maxLiveFills: number, topicPrefix = ""): LiveState {
  return {
    topicPrefix,
    connection: "connecting",
    lastMessageAt: null,
    disconnectedAt: null,
    hello: null,
    health: null,
    figures: null,
    balances: new Map(),
    orders: new Map(),
    fills: emptyFills(maxLiveFills),
    listsIn: NOTHING_IN,
    equity: [],
    market: new Map(),
    alerts: [],
    raisedAlerts: [],
    changed: new Map(),
  };
}

/** Key of a row in `changed`. */
export function changeKey(topic: "balances" | "orders" | "fills", id: string): string {
  return `${topic}:${id}`;
}
