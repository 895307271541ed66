/**
 * Typed events, one level above the wire: `toEvent(wrapper)` turns one decoded frame into one
 * normalized, readonly event with a `type` discriminator, the exchange `timestamp` and the
 * `localTimestamp` of receipt. Amounts stay decimal strings; enums become names. Level and
 * trade arrays are the decoded objects themselves (no copy: this sits on the hot path).
 */
import { bodyName, decimalsCheckedOnRead } from "./codec.js";
import { isDecimal } from "./decimal.js";
import {
  type OrderStatus,
  type OrderType,
  orderStatusFromCode,
  orderTypeFromCode,
  type Side,
  sideFromCode,
  type TriggerState,
  type TriggerType,
  triggerStateFromCode,
  triggerTypeFromCode,
  UNKNOWN,
} from "./enums.js";
import { ProtocolError } from "./errors.js";
import { badDecimal, checkItemDecimals, type Items } from "./itemDecimals.js";
import type { PushBodies, PushBodyName, PushWrapper } from "./wire.js";

/** What every event carries. */
export interface EventBase {
  /** The wrapper's channel, e.g. `spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT`. */
  readonly channel: string;
  /** Exchange time, ms since epoch (the most specific time the frame carries). */
  readonly timestamp: number;
  /** When this process received the frame, ms since epoch. */
  readonly localTimestamp: number;
}

export interface PriceLevel {
  readonly price: string;
  /** Absolute size at this price; "0" removes the level. */
  readonly quantity: string;
}

export interface BalanceUpdate extends EventBase {
  readonly type: "balance";
  readonly asset: string;
  readonly coinId: string;
  /** Available balance after the change. */
  readonly free: string;
  readonly freeChange: string;
  /** Frozen balance after the change. */
  readonly locked: string;
  readonly lockedChange: string;
  /** ENTRUST_PLACE, ENTRUST, TRADE_FEE, ENTRUST_CANCEL, DEPOSIT, ... (open set). */
  readonly changeType: string;
}

export interface OrderUpdate extends EventBase {
  readonly type: "order";
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly status: OrderStatus;
  readonly price: string;
  readonly quantity: string;
  readonly amount: string;
  readonly avgPrice: string;
  readonly remainQuantity: string;
  readonly remainAmount: string;
  readonly cumulativeQuantity: string;
  readonly cumulativeAmount: string;
  readonly lastDealQuantity: string | undefined;
  readonly isMaker: boolean;
  readonly createTime: number;
  /** Stop-limit orders (orderType 100, docs/mexc/undocumented.md#orders item 11.8): their trigger. Absent on other orders. */
  readonly trigger?: OrderTrigger;
  /** Both legs of an OCO pair carry its id. */
  readonly ocoId?: string;
  /**
   * Why MEXC canceled it, as MEXC spells it ("stp_cancel": self-trade prevention, CANCEL_REASONS;
   * another word passes through). REST answers only: the orders push has no such field, so an
   * order the stream ended has none until a REST read of it tells.
   */
  readonly cancelReason?: string;
  /**
   * Present only when a value was not one of MEXC's known ones: the raw wire value of each such
   * field, whose name in the event is then UNKNOWN.
   */
  readonly rawValues?: RawValues;
}

export interface OrderTrigger {
  /** "0" when MEXC sent a trigger type or state but no price. */
  readonly price: string;
  /** GTE: triggers when the last price rises to the price or above; LTE: falls to it or below. */
  readonly type: TriggerType;
  readonly state: TriggerState;
}

/** Field -> the raw value MEXC sent where the event says UNKNOWN. */
export type RawValues = Readonly<
  Partial<Record<"status" | "orderType" | "triggerType" | "triggerState", number | string>>
>;

/**
 * What a fill says of its trade, the same in every home a fill has (this event, the contract's
 * FillItem, the gateway's store and figures): the pair and side, price x quantity = amount, and
 * the fee with the currency it was paid in.
 */
export interface FillTerms {
  readonly symbol: string;
  readonly side: Side;
  readonly price: string;
  readonly quantity: string;
  /** price x quantity, in the pair's quote asset. */
  readonly amount: string;
  readonly fee: string;
  readonly feeCurrency: string;
}

export interface Fill extends EventBase, FillTerms {
  readonly type: "fill";
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly isMaker: boolean;
  readonly isSelfTrade: boolean;
}

export interface TradeItem {
  readonly price: string;
  readonly quantity: string;
  /** 1 buy, 2 sell on the wire (taker side). */
  readonly tradeType: number;
  readonly time: number;
  /** Present on streams since the 2026-06 schema. */
  readonly tradeId?: string | null;
}

export interface Trade extends EventBase {
  readonly type: "trade";
  readonly symbol: string;
  /** The public trades of this push, oldest first; use `tradeSide()` for BUY/SELL. */
  readonly trades: readonly TradeItem[];
}

export interface DepthDiff extends EventBase {
  readonly type: "depthDiff";
  readonly symbol: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly asks: readonly PriceLevel[];
  readonly bids: readonly PriceLevel[];
}

export interface DepthSnapshot extends EventBase {
  readonly type: "depthSnapshot";
  readonly symbol: string;
  readonly version: string;
  readonly asks: readonly PriceLevel[];
  readonly bids: readonly PriceLevel[];
}

export interface BookTicker extends EventBase {
  readonly type: "bookTicker";
  readonly symbol: string;
  readonly bidPrice: string;
  readonly bidQuantity: string;
  readonly askPrice: string;
  readonly askQuantity: string;
  readonly version: string | undefined;
}

/** A kline's window and values, as the simulator keeps them and the dashboard draws them. */
export interface KlineValues {
  /** WebSocket interval name: Min1, Min5, ..., Month1. */
  readonly interval: string;
  /** Window start and end in ms (the wire has seconds). */
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base quantity traded. */
  readonly volume: string;
  /** Quote amount traded. */
  readonly amount: string;
}

export interface Kline extends EventBase, KlineValues {
  readonly type: "kline";
  readonly symbol: string;
}

export interface MiniTickerItem {
  readonly symbol: string;
  readonly price: string;
  readonly rate: string;
  readonly zonedRate: string;
  readonly high: string;
  readonly low: string;
  /** Quote turnover. */
  readonly volume: string;
  /** Base quantity. */
  readonly quantity: string;
}

export interface MiniTicker extends EventBase, MiniTickerItem {
  readonly type: "miniTicker";
}

export interface MiniTickers extends EventBase {
  readonly type: "miniTickers";
  readonly tickers: readonly MiniTickerItem[];
}

export type MexcEvent =
  | BalanceUpdate
  | OrderUpdate
  | Fill
  | Trade
  | DepthDiff
  | DepthSnapshot
  | BookTicker
  | Kline
  | MiniTicker
  | MiniTickers;

export type MexcEventType = MexcEvent["type"];

/** BUY or SELL for a public trade item; undefined for a code MEXC never sends. */
export function tradeSide(item: TradeItem): Side | undefined {
  return sideFromCode(item.tradeType);
}

/**
 * One decoded frame -> one event. Throws ProtocolError for enum values MEXC never sends
 * (UNKNOWN_VALUE) and for a decimal field that is not a plain decimal (BAD_DECIMAL, naming
 * `body.field`). Its values' bounds (digits, signs, times, names) are decodeEvent's to check
 * (eventBounds.ts), once, after this or its own reader made the event. The prices and quantities of depth levels and trades, most of a frame's
 * decimals, are checked here unless decodePush's reader checked them as it read this wrapper
 * (`decimalsCheckedOnRead`); the other decimal fields are checked here always.
 */
export function toEvent(wrapper: PushWrapper, localTimestamp: number = Date.now()): MexcEvent {
  const name = bodyName(wrapper);
  if (name === undefined) throw new ProtocolError("MISSING_BODY", `wrapper on "${wrapper.channel}" has no body`);
  const map = MAPPERS[name] as Mapper<typeof name>;
  try {
    if (!decimalsCheckedOnRead(wrapper)) checkItemDecimals(name, wrapper[name]);
    return map(wrapper[name] as PushBodies[typeof name], wrapper, localTimestamp);
  } catch (error) {
    if (error instanceof ProtocolError && error.code === "BAD_DECIMAL" && error.value !== undefined) {
      throw badDecimal(`${name}.${error.field}`, error.value);
    }
    throw error;
  }
}

type Mapper<K extends PushBodyName> = (body: PushBodies[K], w: PushWrapper, local: number) => MexcEvent;

const MAPPERS: { [K in PushBodyName]: Mapper<K> } = {
  privateAccount: (b, w, local) => ({
    type: "balance",
    channel: w.channel,
    timestamp: num(b.time) || frameTime(w),
    localTimestamp: local,
    asset: str(b.vcoinName),
    coinId: str(b.coinId),
    free: dec(b.balanceAmount, "balanceAmount"),
    freeChange: dec(b.balanceAmountChange, "balanceAmountChange"),
    locked: dec(b.frozenAmount, "frozenAmount"),
    lockedChange: dec(b.frozenAmountChange, "frozenAmountChange"),
    changeType: str(b.type),
  }),
  privateOrders: (b, w, local) => ({
    type: "order",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    orderId: str(b.id),
    clientOrderId: str(b.clientId),
    side: required(sideFromCode(b.tradeType), "privateOrders.tradeType", b.tradeType),
    orderType: orderTypeFromCode(b.orderType) ?? UNKNOWN,
    status: orderStatusFromCode(b.status) ?? UNKNOWN,
    price: dec(b.price, "price"),
    quantity: dec(b.quantity, "quantity"),
    amount: dec(b.amount, "amount"),
    avgPrice: dec(b.avgPrice, "avgPrice"),
    remainQuantity: dec(b.remainQuantity, "remainQuantity"),
    remainAmount: dec(b.remainAmount, "remainAmount"),
    cumulativeQuantity: dec(b.cumulativeQuantity, "cumulativeQuantity"),
    cumulativeAmount: dec(b.cumulativeAmount, "cumulativeAmount"),
    lastDealQuantity: b.lastDealQuantity || undefined,
    isMaker: b.isMaker === true,
    createTime: num(b.createTime),
    ...triggerOf(b),
    ...(b.ocoId ? { ocoId: b.ocoId } : {}),
    ...rawValuesOf(b),
  }),
  privateDeals: (b, w, local) => ({
    type: "fill",
    channel: w.channel,
    timestamp: num(b.time) || frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    tradeId: str(b.tradeId),
    orderId: str(b.orderId),
    clientOrderId: str(b.clientOrderId),
    side: required(sideFromCode(b.tradeType), "privateDeals.tradeType", b.tradeType),
    price: dec(b.price, "price"),
    quantity: dec(b.quantity, "quantity"),
    amount: dec(b.amount, "amount"),
    fee: dec(b.feeAmount, "feeAmount"),
    feeCurrency: str(b.feeCurrency),
    isMaker: b.isMaker === true,
    isSelfTrade: b.isSelfTrade === true,
  }),
  publicAggreDeals: (b, w, local) => trade(w, local, (b.deals ?? []) as TradeItem[]),
  publicDeals: (b, w, local) => trade(w, local, (b.deals ?? []) as TradeItem[]),
  publicAggreDepths: (b, w, local) => ({
    type: "depthDiff",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    fromVersion: str(b.fromVersion),
    toVersion: str(b.toVersion),
    asks: levels(b.asks),
    bids: levels(b.bids),
  }),
  publicIncreaseDepths: (b, w, local) => ({
    type: "depthDiff",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    fromVersion: str(b.version),
    toVersion: str(b.version),
    asks: levels(b.asks),
    bids: levels(b.bids),
  }),
  // Batch of legacy diffs: one diff spanning the first to the last version; applying the
  // concatenated levels in order gives the same book as applying each item in turn.
  publicIncreaseDepthsBatch: (b, w, local) => {
    const items = b.items ?? [];
    return {
      type: "depthDiff",
      channel: w.channel,
      timestamp: frameTime(w),
      localTimestamp: local,
      symbol: str(w.symbol),
      fromVersion: str(items[0]?.version),
      toVersion: str(items[items.length - 1]?.version),
      asks: items.flatMap((i) => levels(i.asks)),
      bids: items.flatMap((i) => levels(i.bids)),
    };
  },
  publicLimitDepths: (b, w, local) => ({
    type: "depthSnapshot",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    version: str(b.version),
    asks: levels(b.asks),
    bids: levels(b.bids),
  }),
  publicAggreBookTicker: (b, w, local) => bookTicker(w, local, b, b.version ?? undefined),
  publicBookTicker: (b, w, local) => bookTicker(w, local, b, undefined),
  // The batch carries the symbol's book-ticker updates of one interval; the newest is the state.
  publicBookTickerBatch: (b, w, local) => {
    const items = b.items ?? [];
    const last = items[items.length - 1] ?? {};
    return bookTicker(w, local, last, b.version ?? undefined);
  },
  publicSpotKline: (b, w, local) => ({
    type: "kline",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    interval: str(b.interval),
    openTime: num(b.windowStart) * 1000,
    closeTime: num(b.windowEnd) * 1000,
    open: dec(b.openingPrice, "openingPrice"),
    high: dec(b.highestPrice, "highestPrice"),
    low: dec(b.lowestPrice, "lowestPrice"),
    close: dec(b.closingPrice, "closingPrice"),
    volume: dec(b.volume, "volume"),
    amount: dec(b.amount, "amount"),
  }),
  publicMiniTicker: (b, w, local) => ({
    type: "miniTicker",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    ...miniTickerItem(b, str(w.symbol)),
  }),
  publicMiniTickers: (b, w, local) => ({
    type: "miniTickers",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    tickers: (b.items ?? []).map((item) => miniTickerItem(item, "")),
  }),
};

function trade(w: PushWrapper, local: number, trades: TradeItem[]): Trade {
  const last = trades[trades.length - 1];
  return {
    type: "trade",
    channel: w.channel,
    timestamp: num(w.sendTime) || num(w.createTime) || (last ? num(last.time) : 0),
    localTimestamp: local,
    symbol: str(w.symbol),
    trades,
  };
}

function bookTicker(
  w: PushWrapper,
  local: number,
  b: { bidPrice?: string | null; bidQuantity?: string | null; askPrice?: string | null; askQuantity?: string | null },
  version: string | undefined,
): BookTicker {
  return {
    type: "bookTicker",
    channel: w.channel,
    timestamp: frameTime(w),
    localTimestamp: local,
    symbol: str(w.symbol),
    bidPrice: dec(b.bidPrice, "bidPrice"),
    bidQuantity: dec(b.bidQuantity, "bidQuantity"),
    askPrice: dec(b.askPrice, "askPrice"),
    askQuantity: dec(b.askQuantity, "askQuantity"),
    version,
  };
}

function miniTickerItem(b: PushBodies["publicMiniTicker"], fallbackSymbol: string): MiniTickerItem {
  return {
    symbol: b.symbol || fallbackSymbol,
    price: dec(b.price, "price"),
    rate: dec(b.rate, "rate"),
    zonedRate: dec(b.zonedRate, "zonedRate"),
    high: dec(b.high, "high"),
    low: dec(b.low, "low"),
    volume: dec(b.volume, "volume"),
    quantity: dec(b.quantity, "quantity"),
  };
}

function frameTime(w: PushWrapper): number {
  return num(w.sendTime) || num(w.createTime);
}

function num(value: number | null | undefined): number {
  return value ?? 0;
}

function str(value: string | null | undefined): string {
  return value ?? "";
}

/**
 * A decimal field: proto3 leaves "" off the wire, so a missing decimal is zero (never NaN
 * downstream); anything else that is not a plain decimal is rejected (BAD_DECIMAL naming the
 * field): corrupt data is worse than no data.
 */
function dec(value: string | null | undefined, field: string): string {
  if (!value) return "0";
  if (!isDecimal(value)) throw badDecimal(field, value);
  return value;
}

/** Depth levels as sent, no copy (their prices and quantities are checked by checkItemDecimals). */
function levels(list: Items): PriceLevel[] {
  return (list ?? []) as PriceLevel[];
}

/** A field the event cannot do without: an unknown value is UNKNOWN_VALUE, naming the field and the value. */
function required<T>(value: T | undefined, field: string, code: unknown): T {
  if (value === undefined) {
    throw new ProtocolError("UNKNOWN_VALUE", `${field} has unknown value ${String(code)}`, {
      field,
      value: String(code),
    });
  }
  return value;
}

/** `{ trigger }` when the push carries any trigger field (18-20); {} otherwise. */
function triggerOf(b: PushBodies["privateOrders"]): { trigger?: OrderTrigger } {
  if (b.triggerPrice == null && b.triggerType == null && b.state == null) return {};
  return {
    trigger: {
      price: dec(b.triggerPrice, "triggerPrice"),
      type: triggerTypeFromCode(b.triggerType) ?? UNKNOWN,
      state: triggerStateFromCode(b.state) ?? UNKNOWN,
    },
  };
}

/** `{ rawValues }` naming each enum of an orders push the tables do not know; {} when all are known. */
function rawValuesOf(b: PushBodies["privateOrders"]): { rawValues?: RawValues } {
  const raw: Record<string, number> = {};
  if (orderStatusFromCode(b.status) === undefined) raw.status = b.status ?? 0;
  if (orderTypeFromCode(b.orderType) === undefined) raw.orderType = b.orderType ?? 0;
  if (b.triggerType != null && triggerTypeFromCode(b.triggerType) === undefined) raw.triggerType = b.triggerType;
  if (b.state != null && triggerStateFromCode(b.state) === undefined) raw.triggerState = b.state;
  return Object.keys(raw).length === 0 ? {} : { rawValues: raw as RawValues };
}
