/**
 * The bodies of the three aggregated public streams read into their events (frameEvents.ts):
 * toEvent's mappers (events.ts) on the bytes, with levels and trades made as the generated
 * decoders make them. Each returns undefined for anything it is not sure of.
 *
 * Each also holds its event to the value bounds as it reads (eventBounds.ts's checks, folded in:
 * a decimal's sign, digits and zero on the bytes it is already scanned for, a time with two
 * integer compares, the symbol once per frame) and says in `readInBounds` whether every value
 * was: then decodeEvent does not walk the event a second time (BENCHMARKS.md at 9fe1756, "Value bounds in
 * decode"). A value out of bounds, or one these cannot judge as cheaply ("-0", a time past the
 * receipt), only clears it: decodeEvent then holds the event to eventBounds.ts, which refuses it
 * with the error it names or lets it through, as it always did.
 */

import { GIVE_UP, int64, LEN, next, skipInt64, tag, VARINT, varint28 } from "./aggreWire.js";
import { isAsciiBytes } from "./asciiBytes.js";
import { isPairSymbol } from "./eventBounds.js";
import type { BookTicker, DepthDiff, PriceLevel, Trade, TradeItem } from "./events.js";
import { FIELD_NUMBERS } from "./generated/fieldNumbers.js";
import { PublicAggreDealsV3ApiItem, PublicAggreDepthV3ApiItem } from "./generated/mexc.js";
import { asciiAt, boundedDecimalAt, decimalAt } from "./stringReader.js";
import { latestTimeMs, timeInWindow } from "./valueBounds.js";

const DEPTHS = FIELD_NUMBERS.PublicAggreDepthsV3Api;
const DEPTH_ASKS = tag(DEPTHS.asks, LEN);
const DEPTH_BIDS = tag(DEPTHS.bids, LEN);
const DEPTH_EVENT_TYPE = tag(DEPTHS.eventType, LEN);
const DEPTH_FROM_VERSION = tag(DEPTHS.fromVersion, LEN);
const DEPTH_TO_VERSION = tag(DEPTHS.toVersion, LEN);
const DEPTH_LAST_ORDER_CREATE_TIME = tag(DEPTHS.lastOrderCreateTime, VARINT);
const LEVEL = FIELD_NUMBERS.PublicAggreDepthV3ApiItem;
const LEVEL_PRICE = tag(LEVEL.price, LEN);
const LEVEL_QUANTITY = tag(LEVEL.quantity, LEN);

const DEALS = FIELD_NUMBERS.PublicAggreDealsV3Api;
const DEALS_DEALS = tag(DEALS.deals, LEN);
const DEALS_EVENT_TYPE = tag(DEALS.eventType, LEN);
const DEAL = FIELD_NUMBERS.PublicAggreDealsV3ApiItem;
const DEAL_PRICE = tag(DEAL.price, LEN);
const DEAL_QUANTITY = tag(DEAL.quantity, LEN);
const DEAL_TRADE_TYPE = tag(DEAL.tradeType, VARINT);
const DEAL_TIME = tag(DEAL.time, VARINT);
const DEAL_TRADE_ID = tag(DEAL.tradeId, LEN);

const TICKER = FIELD_NUMBERS.PublicAggreBookTickerV3Api;
const TICKER_BID_PRICE = tag(TICKER.bidPrice, LEN);
const TICKER_BID_QUANTITY = tag(TICKER.bidQuantity, LEN);
const TICKER_ASK_PRICE = tag(TICKER.askPrice, LEN);
const TICKER_ASK_QUANTITY = tag(TICKER.askQuantity, LEN);
const TICKER_VERSION = tag(TICKER.version, LEN);
const TICKER_LAST_ORDER_CREATE_TIME = tag(TICKER.lastOrderCreateTime, VARINT);

/**
 * Whether every value of the event the last of these readers returned was found in bounds as it
 * was read; false sends the event to eventBounds.ts (decodeEvent). Set by each reader, cleared by
 * `clearReadInBounds` before a frame is read, so it is false for an event any other reader made.
 */
export let readInBounds = false;

/** Clears `readInBounds` (decodeEvent, before each frame): a flag, not the event's type, says who read it. */
export function clearReadInBounds(): void {
  readInBounds = false;
}

/**
 * The plain decimal `boundedDecimalAt` did not take (undefined when it is none, as `decimalAt`):
 * out of bounds, or not judged on the bytes, so the event goes to eventBounds.ts. The rare path.
 */
function unboundedDecimalAt(buf: Uint8Array, start: number, end: number): string | undefined {
  readInBounds = false;
  return decimalAt(buf, start, end);
}

/**
 * Whether a frame's wrapper values are in bounds: its time (0 when it has none: eventBounds'
 * checkPublicTime) and its symbol ("" when it has none).
 */
function wrapperInBounds(symbol: string, timestamp: number, latest: number): boolean {
  return (timestamp === 0 || timeInWindow(timestamp, latest)) && (symbol === "" || isPairSymbol(symbol));
}

/** toEvent's publicAggreDepths mapper (events.ts), on the bytes of the body. */
export function depthDiff(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  timestamp: number,
  localTimestamp: number,
): DepthDiff | undefined {
  readInBounds = wrapperInBounds(symbol, timestamp, latestTimeMs(localTimestamp));
  let asks: PriceLevel[] | undefined;
  let bids: PriceLevel[] | undefined;
  let fromVersion = "";
  let toVersion = "";
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (key === DEPTH_LAST_ORDER_CREATE_TIME) {
      pos = skipInt64(buf, pos, end);
      if (pos === GIVE_UP) return undefined;
      continue;
    }
    if ((key & 7) !== LEN || pos >= end) return undefined;
    let length = buf[pos]!;
    if (length < 0x80) pos++;
    else {
      length = varint28(buf, pos, end);
      if (length === GIVE_UP) return undefined;
      pos = next;
    }
    const stop = pos + length;
    if (stop > end) return undefined;
    if (key === DEPTH_ASKS || key === DEPTH_BIDS) {
      const level = depthLevel(buf, pos, stop);
      if (level === undefined) return undefined;
      if (key === DEPTH_ASKS) {
        if (asks === undefined) asks = [];
        asks.push(level);
      } else {
        if (bids === undefined) bids = [];
        bids.push(level);
      }
    } else if (key === DEPTH_FROM_VERSION || key === DEPTH_TO_VERSION) {
      const value = asciiAt(buf, pos, stop);
      if (value === undefined) return undefined;
      if (key === DEPTH_FROM_VERSION) fromVersion = value;
      else toVersion = value;
    } else if (key !== DEPTH_EVENT_TYPE || !isAsciiBytes(buf, pos, stop)) {
      return undefined;
    }
    pos = stop;
  }
  return {
    type: "depthDiff",
    channel,
    timestamp,
    localTimestamp,
    symbol,
    fromVersion,
    toVersion,
    // A side with no level is a new empty array, as the generated constructor makes it.
    asks: asks ?? [],
    bids: bids ?? [],
  };
}

/**
 * One level, as PublicAggreDepthV3ApiItem.decode fills it, with both values plain decimals; a
 * price not positive or a quantity negative (0 removes the level) clears `readInBounds`.
 */
function depthLevel(buf: Uint8Array, start: number, end: number): PriceLevel | undefined {
  const level = new PublicAggreDepthV3ApiItem();
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    if (key === LEVEL_PRICE) {
      const value = boundedDecimalAt(buf, pos, stop, true) ?? unboundedDecimalAt(buf, pos, stop);
      if (value === undefined) return undefined;
      level.price = value;
    } else if (key === LEVEL_QUANTITY) {
      const value = boundedDecimalAt(buf, pos, stop, false) ?? unboundedDecimalAt(buf, pos, stop);
      if (value === undefined) return undefined;
      level.quantity = value;
    } else {
      return undefined;
    }
    pos = stop;
  }
  // A missing value reads as the prototype's "": toEvent's BAD_DECIMAL.
  return level.price === "" || level.quantity === "" ? undefined : (level as PriceLevel);
}

/** toEvent's publicAggreDeals mapper (events.ts), on the bytes of the body. */
export function trade(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  timestamp: number,
  localTimestamp: number,
): Trade | undefined {
  const latest = latestTimeMs(localTimestamp);
  readInBounds = wrapperInBounds(symbol, timestamp, latest);
  let trades: TradeItem[] | undefined;
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if ((key & 7) !== LEN || pos >= end) return undefined;
    let length = buf[pos]!;
    if (length < 0x80) pos++;
    else {
      length = varint28(buf, pos, end);
      if (length === GIVE_UP) return undefined;
      pos = next;
    }
    const stop = pos + length;
    if (stop > end) return undefined;
    if (key === DEALS_DEALS) {
      const item = tradeItem(buf, pos, stop, latest);
      if (item === undefined) return undefined;
      if (trades === undefined) trades = [];
      trades.push(item);
    } else if (key !== DEALS_EVENT_TYPE || !isAsciiBytes(buf, pos, stop)) {
      return undefined;
    }
    pos = stop;
  }
  const last = trades?.[trades.length - 1];
  return {
    type: "trade",
    channel,
    timestamp: timestamp || (last ? last.time : 0),
    localTimestamp,
    symbol,
    trades: trades ?? [],
  };
}

/**
 * One trade, as PublicAggreDealsV3ApiItem.decode fills it (a zero or empty value deletes the
 * field, leaving the prototype's default), with price and quantity plain decimals; a price or
 * quantity not positive, or a time outside MEXC's window by `latest` (latestTimeMs; a missing
 * time is 0), clears `readInBounds`.
 */
function tradeItem(buf: Uint8Array, start: number, end: number, latest: number): TradeItem | undefined {
  const item = new PublicAggreDealsV3ApiItem();
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (key === DEAL_TRADE_TYPE) {
      // int32: 1-4 byte varints only (a negative one takes 10; the generated decoder reads it).
      const value = varint28(buf, pos, end);
      if (value === GIVE_UP) return undefined;
      pos = next;
      if (value) item.tradeType = value;
      else delete (item as { tradeType?: number }).tradeType;
      continue;
    }
    if (key === DEAL_TIME) {
      const value = int64(buf, pos, end);
      if (value === GIVE_UP) return undefined;
      pos = next;
      if (value !== 0) item.time = value;
      else delete (item as { time?: number }).time;
      continue;
    }
    if (pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    if (key === DEAL_TRADE_ID) {
      const value = asciiAt(buf, pos, stop);
      if (value === undefined) return undefined;
      if (value.length) item.tradeId = value;
      else delete (item as { tradeId?: string }).tradeId;
    } else {
      if (key !== DEAL_PRICE && key !== DEAL_QUANTITY) return undefined;
      const value = boundedDecimalAt(buf, pos, stop, true) ?? unboundedDecimalAt(buf, pos, stop);
      if (value === undefined) return undefined;
      if (key === DEAL_PRICE) item.price = value;
      else item.quantity = value;
    }
    pos = stop;
  }
  if (item.price === "" || item.quantity === "") return undefined;
  if (!timeInWindow(item.time, latest)) readInBounds = false;
  return item as TradeItem;
}

/** toEvent's publicAggreBookTicker mapper (events.ts), on the bytes of the body. */
export function bookTicker(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  timestamp: number,
  localTimestamp: number,
): BookTicker | undefined {
  readInBounds = wrapperInBounds(symbol, timestamp, latestTimeMs(localTimestamp));
  // toEvent's dec(): a missing or empty decimal is "0".
  let bidPrice = "0";
  let bidQuantity = "0";
  let askPrice = "0";
  let askQuantity = "0";
  let version = "";
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (key === TICKER_LAST_ORDER_CREATE_TIME) {
      pos = skipInt64(buf, pos, end);
      if (pos === GIVE_UP) return undefined;
      continue;
    }
    if ((key & 7) !== LEN || pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    if (key === TICKER_VERSION) {
      const value = asciiAt(buf, pos, stop);
      if (value === undefined) return undefined;
      version = value;
    } else {
      // Each side's price and quantity may be 0 (an empty side of the book), never negative.
      const value =
        stop === pos ? "0" : (boundedDecimalAt(buf, pos, stop, false) ?? unboundedDecimalAt(buf, pos, stop));
      if (value === undefined) return undefined;
      if (key === TICKER_BID_PRICE) bidPrice = value;
      else if (key === TICKER_BID_QUANTITY) bidQuantity = value;
      else if (key === TICKER_ASK_PRICE) askPrice = value;
      else if (key === TICKER_ASK_QUANTITY) askQuantity = value;
      else return undefined;
    }
    pos = stop;
  }
  return {
    type: "bookTicker",
    channel,
    timestamp,
    localTimestamp,
    symbol,
    bidPrice,
    bidQuantity,
    askPrice,
    askQuantity,
    version,
  };
}
