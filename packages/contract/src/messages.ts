/**
 * The messages between the gateway and browsers (WebSocket /stream and SSE /events), typed per
 * topic: a snapshot or an update of `fills` carries fills, of `market.X.kline` klines. One
 * WebSocket frame (or SSE `data:` line) holds one ServerMessage. Every topic message carries
 * the exchange time (`exchangeTime`, from MEXC, 0 when unknown) and the gateway's receive time
 * (`receiveTime`).
 */
import type { AlertNotice } from "./alerts.js";
import type {
  BalanceItem,
  DepthView,
  EquityPoint,
  FiguresVersion,
  FillItem,
  Health,
  KlineItem,
  OrderItem,
  TickerItem,
  TradeTick,
} from "./items.js";
import { type AccountTopic, type AllAccountsKind, parseTopic, type Topic, type TopicKind } from "./topics.js";

/** What a snapshot of each kind of topic holds, and what an update of it carries. */
export interface TopicData {
  balances: { snapshot: readonly BalanceItem[]; delta: BalanceItem };
  orders: { snapshot: readonly OrderItem[]; delta: OrderItem };
  fills: { snapshot: readonly FillItem[]; delta: FillItem };
  equity: { snapshot: readonly EquityPoint[]; delta: EquityPoint };
  health: { snapshot: Health | null; delta: Health };
  /** Alerts for open dashboards (rules sending to `browser`): the latest few, newest last. */
  alerts: { snapshot: readonly AlertNotice[]; delta: AlertNotice };
  /** The account's figures version and the answers that moved with it: the latest only (a newer one replaces it; its `changedAt` says what a dashboard missed). */
  figures: { snapshot: FiguresVersion | null; delta: FiguresVersion };
  ticker: { snapshot: TickerItem | null; delta: TickerItem };
  trades: { snapshot: readonly TradeTick[]; delta: TradeTick };
  depth: { snapshot: DepthView | null; delta: DepthView };
  kline: { snapshot: readonly KlineItem[]; delta: KlineItem };
}

/**
 * The topic names whose data is of kind K: the account topic (the first account's, a named one's,
 * or all accounts' together), or any market's K stream.
 */
export type TopicOfKind<K extends TopicKind> = K extends AccountTopic
  ? K | `account.${string}.${K}` | (K extends Exclude<AllAccountsKind, "health"> ? `accounts.${K}` : never)
  : `market.${string}.${K}`;

/** A message's exchange time (from MEXC, 0 when unknown) and the gateway's receive time, in ms since the epoch. */
export interface Times {
  readonly exchangeTime: number;
  readonly receiveTime: number;
}

/**
 * Every account's health together (`accounts.health`): an update is one account's health, the
 * snapshot each account's latest (one health per account, where an account's own health topic
 * holds one).
 */
export type AccountsHealthTopic = "accounts.health";
const ACCOUNTS_HEALTH: AccountsHealthTopic = "accounts.health";

/** One update of one topic, its data typed by the topic. */
export type TopicUpdate =
  | {
      [K in TopicKind]: Times & { readonly topic: TopicOfKind<K>; readonly data: TopicData[K]["delta"] };
    }[TopicKind]
  | (Times & { readonly topic: AccountsHealthTopic; readonly data: Health });

/** A topic's whole state, as sent on subscribe. */
export type TopicSnapshot =
  | {
      [K in TopicKind]: Times & { readonly topic: TopicOfKind<K>; readonly data: TopicData[K]["snapshot"] };
    }[TopicKind]
  | (Times & { readonly topic: AccountsHealthTopic; readonly data: readonly Health[] });

/** A topic's snapshot as sent: `data` null when the gateway holds no state for it yet. */
export type SnapshotMessage =
  | {
      [K in TopicKind]: Times & {
        readonly type: "snapshot";
        readonly topic: TopicOfKind<K>;
        readonly data: TopicData[K]["snapshot"] | null;
      };
    }[TopicKind]
  | (Times & {
      readonly type: "snapshot";
      readonly topic: AccountsHealthTopic;
      readonly data: readonly Health[] | null;
    });

/** The snapshot of a topic the gateway holds no state for yet. */
export function noDataSnapshot(topic: Topic, receiveTime: number): SnapshotMessage {
  // `data: null` fits every topic's snapshot; TypeScript cannot pick the member for a `Topic`.
  return { type: "snapshot", topic, data: null, exchangeTime: 0, receiveTime } as SnapshotMessage;
}

/** Server -> browser. */
export type ServerMessage =
  | { readonly type: "hello"; readonly mode: "demo" | "live"; readonly quote: string; readonly serverTime: number }
  | SnapshotMessage
  | {
      readonly type: "batch";
      /** Updates in order, grouped per topic; conflated topics hold only the latest per key. */
      readonly updates: readonly TopicUpdate[];
    }
  | { readonly type: "subscribed"; readonly topics: readonly Topic[] }
  | { readonly type: "unsubscribed"; readonly topics: readonly Topic[] }
  | { readonly type: "pong"; readonly time: number }
  | { readonly type: "error"; readonly code: ClientErrorCode; readonly message: string };

/** Browser -> server. Anything else closes that socket (close code 1008). */
export type ClientMessage =
  | { readonly type: "subscribe"; readonly topics: readonly string[] }
  | { readonly type: "unsubscribe"; readonly topics: readonly string[] }
  | { readonly type: "ping" };

export type ClientErrorCode = "BAD_MESSAGE" | "UNKNOWN_TOPIC" | "TOO_MANY_TOPICS" | "UNAUTHORIZED";

/** An update or snapshot with its kind spelled out, so a `switch (kind)` narrows its data. */
export type KindedData<Part extends "snapshot" | "delta"> = {
  [K in TopicKind]: {
    readonly kind: K;
    /** The market's symbol; undefined for an account topic. */
    readonly symbol: string | undefined;
    readonly data: TopicData[K][Part];
  };
}[TopicKind];

/** The kind (and market symbol) of an update; undefined when its topic is not one. */
export function kindOfUpdate(update: TopicUpdate): KindedData<"delta"> | undefined {
  return kinded<"delta">(update.topic, update.data);
}

/**
 * The kind (and market symbol) of a snapshot; undefined when its topic is not one, or is
 * `accounts.health` (every account's health: no one topic's state).
 */
export function kindOfSnapshot(snapshot: TopicSnapshot): KindedData<"snapshot"> | undefined {
  return snapshot.topic === ACCOUNTS_HEALTH ? undefined : kinded<"snapshot">(snapshot.topic, snapshot.data);
}

/** The kind (and market symbol) of a snapshot message; undefined as kindOfSnapshot, or when it holds no data. */
export function kindOfSnapshotMessage(message: SnapshotMessage): KindedData<"snapshot"> | undefined {
  return message.data === null || message.topic === ACCOUNTS_HEALTH
    ? undefined
    : kinded<"snapshot">(message.topic, message.data);
}

function kinded<Part extends "snapshot" | "delta">(topic: string, data: unknown): KindedData<Part> | undefined {
  const parsed = parseTopic(topic);
  if (parsed === undefined) return undefined;
  const kind = parsed.kind === "market" ? parsed.stream : parsed.topic;
  const symbol = parsed.kind === "market" ? parsed.symbol : undefined;
  // TopicUpdate and TopicSnapshot pair each topic with its data type; TypeScript cannot follow a
  // `market.${string}.kline` topic back to its kind, so the pairing is restated here, once.
  return { kind, symbol, data } as KindedData<Part>;
}
