/**
 * The one message contract between the gateway and browsers (HTTP JSON, WebSocket /stream and
 * SSE /events). Used by both sides: the gateway builds these, packages/web reads them.
 * Pure types and constants, no imports beyond the protocol package's enums: browser-safe.
 *
 * Money and quantities are decimal strings; times are ms since epoch. Every topic message
 * carries the exchange time (`exchangeTime`, from MEXC, 0 when unknown) and the gateway's
 * receive time (`receiveTime`).
 */
import type { OrderStatus, OrderTrigger, OrderType, RawValues, Side } from "@mexc-live/protocol";

// ------------------------------------------------------------------------------ topics

export type MarketTopicKind = "ticker" | "trades" | "depth" | "kline";
export type AccountTopic = "balances" | "orders" | "fills" | "equity" | "health";
export type MarketTopic = `market.${string}.${MarketTopicKind}`;
export type Topic = AccountTopic | MarketTopic;

/**
 * Response header of the history routes (/api/orders, /api/fills, /api/equity, the CSV export)
 * set to PARTIAL_HISTORY when the answer is not the full history: a `--role web` instance whose
 * collector did not answer serves its recent snapshots instead.
 */
export const HISTORY_HEADER = "X-MexcLive-History";
export const PARTIAL_HISTORY = "partial";

export const ACCOUNT_TOPICS: readonly AccountTopic[] = ["balances", "orders", "fills", "equity", "health"];
const MARKET_TOPIC = /^market\.([A-Z0-9]{2,20})\.(ticker|trades|depth|kline)$/;

/** Parses a topic name; undefined when it is not one. */
export function parseTopic(
  topic: string,
): { kind: "account"; topic: AccountTopic } | { kind: "market"; symbol: string; stream: MarketTopicKind } | undefined {
  if ((ACCOUNT_TOPICS as readonly string[]).includes(topic)) return { kind: "account", topic: topic as AccountTopic };
  const m = MARKET_TOPIC.exec(topic);
  return m ? { kind: "market", symbol: m[1] as string, stream: m[2] as MarketTopicKind } : undefined;
}

export function marketTopic(symbol: string, stream: MarketTopicKind): MarketTopic {
  return `market.${symbol}.${stream}`;
}

// ------------------------------------------------------------------------------ items

export type Source = "stream" | "rest";

export interface BalanceItem {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
  /** free + locked, in the quote currency; null when no price is known. */
  readonly value: string | null;
  /** Price of one unit in the quote currency; null when unknown. */
  readonly price: string | null;
  /** The asset's only market(s) against the quote have API trading disabled by MEXC. */
  readonly apiTradingDisabled: boolean;
}

export interface OrderItem {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: OrderStatus;
  readonly price: string;
  readonly quantity: string;
  readonly executedQuantity: string;
  readonly cumulativeQuoteQuantity: string;
  readonly avgPrice: string;
  readonly time: number;
  readonly updateTime: number;
  /** MEXC has disabled API trading on this pair. */
  readonly apiTradingDisabled: boolean;
  /** Stop-limit orders (§11.8): trigger price, direction (GTE: price rises to it, LTE: falls to it) and state. */
  readonly trigger?: OrderTrigger;
  /** Both legs of an OCO pair carry its id. */
  readonly ocoId?: string;
  /** Where status or type says UNKNOWN: the value MEXC sent. */
  readonly rawValues?: RawValues;
}

export interface FillItem {
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly price: string;
  readonly quantity: string;
  /** price x quantity, in the pair's quote asset. */
  readonly amount: string;
  readonly fee: string;
  readonly feeCurrency: string;
  /** The fee valued in the gateway's quote currency at fill time; null when no price was known. */
  readonly feeValue: string | null;
  readonly isMaker: boolean;
  readonly time: number;
  readonly source: Source;
}

export interface EquityPoint {
  readonly time: number;
  /** Total value of all balances in the quote currency. */
  readonly equity: string;
  /** Value per asset in the quote currency (assets without a price are left out). */
  readonly byAsset: Readonly<Record<string, string>>;
}

export interface PnlItem {
  readonly symbol: string;
  /** Realized PnL in the pair's quote asset, average-cost method. */
  readonly realized: string;
  /** Unrealized PnL of the open position at the last price; null without a price. */
  readonly unrealized: string | null;
  /** Position size (base) and its average cost (quote per base). */
  readonly position: string;
  readonly averageCost: string;
}

export interface FeeSummary {
  readonly quote: string;
  /** Cumulative fees per fee currency, in that currency. */
  readonly byCurrency: Readonly<Record<string, string>>;
  /** Cumulative fees per fee currency, valued in the quote currency at fill time. */
  readonly valueByCurrency: Readonly<Record<string, string>>;
  /** All fees valued in the quote currency at fill time. */
  readonly totalValue: string;
}

export interface VolumeItem {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly symbol: string;
  /** Quote volume in the pair's quote asset. */
  readonly quoteVolume: string;
  /** Quote volume valued in the gateway's quote currency. */
  readonly value: string | null;
  readonly fills: number;
}

export interface TickerItem {
  readonly symbol: string;
  readonly last: string;
  readonly bidPrice: string;
  readonly bidQuantity: string;
  readonly askPrice: string;
  readonly askQuantity: string;
}

export interface TradeTick {
  readonly symbol: string;
  readonly price: string;
  readonly quantity: string;
  readonly side: Side;
  readonly time: number;
}

export interface DepthView {
  readonly symbol: string;
  readonly version: string;
  /** Top levels, best first: [price, quantity]. */
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
  readonly resyncs: number;
}

export interface KlineItem {
  readonly symbol: string;
  readonly interval: string;
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

export type UpstreamState = "connecting" | "live" | "reconnecting" | "stale" | "down";

export interface Health {
  readonly mode: "demo" | "live";
  readonly quote: string;
  readonly upstream: {
    readonly state: UpstreamState;
    /** ms since the last event from MEXC; null before the first. */
    readonly lastEventAgeMs: number | null;
    /** ms since the current listen key was created; null without one. */
    readonly listenKeyAgeMs: number | null;
    readonly reconnects: number;
    readonly gaps: number;
    readonly reconciliations: number;
    /** Server time minus local time, ms. */
    readonly clockSkewMs: number | null;
  };
}

// ------------------------------------------------------------------------------ topic payloads

/** What a snapshot of each topic holds, and what a delta of it carries. */
export interface TopicData {
  balances: { snapshot: readonly BalanceItem[]; delta: BalanceItem };
  orders: { snapshot: readonly OrderItem[]; delta: OrderItem };
  fills: { snapshot: readonly FillItem[]; delta: FillItem };
  equity: { snapshot: readonly EquityPoint[]; delta: EquityPoint };
  health: { snapshot: Health; delta: Health };
  ticker: { snapshot: TickerItem | null; delta: TickerItem };
  trades: { snapshot: readonly TradeTick[]; delta: TradeTick };
  depth: { snapshot: DepthView | null; delta: DepthView };
  kline: { snapshot: readonly KlineItem[]; delta: KlineItem };
}

// ------------------------------------------------------------------------------ WebSocket / SSE

/** Server -> browser. One WebSocket frame (or SSE `data:` line) holds one ServerMessage. */
export type ServerMessage =
  | { readonly type: "hello"; readonly mode: "demo" | "live"; readonly quote: string; readonly serverTime: number }
  | {
      readonly type: "snapshot";
      readonly topic: Topic;
      readonly data: unknown;
      readonly exchangeTime: number;
      readonly receiveTime: number;
    }
  | {
      readonly type: "batch";
      /** Deltas in order, grouped per topic; conflated topics hold only the latest per key. */
      readonly updates: readonly TopicUpdate[];
    }
  | { readonly type: "subscribed"; readonly topics: readonly Topic[] }
  | { readonly type: "unsubscribed"; readonly topics: readonly Topic[] }
  | { readonly type: "pong"; readonly time: number }
  | { readonly type: "error"; readonly code: ClientErrorCode; readonly message: string };

export interface TopicUpdate {
  readonly topic: Topic;
  readonly data: unknown;
  readonly exchangeTime: number;
  readonly receiveTime: number;
}

/** Browser -> server. Anything else closes that socket (close code 1008). */
export type ClientMessage =
  | { readonly type: "subscribe"; readonly topics: readonly string[] }
  | { readonly type: "unsubscribe"; readonly topics: readonly string[] }
  | { readonly type: "ping" };

export type ClientErrorCode = "BAD_MESSAGE" | "UNKNOWN_TOPIC" | "TOO_MANY_TOPICS" | "UNAUTHORIZED";

// ------------------------------------------------------------------------------ HTTP

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}
