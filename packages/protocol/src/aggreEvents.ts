/**
 * A hand-written reader for the frames of the three aggregated public streams, most of what a
 * client reads (depth diffs, trades, book tickers: 95 % of the bench corpus), straight from the
 * bytes to the event `toEvent(decodePush(bytes))` makes of them, without the wrapper and body
 * objects in between (BENCHMARKS.md, Decode). Field numbers come from the .proto
 * (generated/fieldNumbers.ts); depth levels and trades are the generated message classes, filled
 * field by field as the generated decoders fill them, so the event is the same object graph.
 *
 * It reads only what it is sure of: anything else (another body, an unknown field or wire type,
 * a field twice where the generated decoder would merge, a varint longer than these fields need,
 * a string that is not ASCII, a value that is not a plain decimal, a truncated frame) makes it
 * return undefined, and the caller decodes the frame the old way (frameEvent.ts), which gives the
 * event or the ProtocolError it always gave. So it never throws and never judges a bad frame.
 */

import type { BookTicker, DepthDiff, MexcEvent, PriceLevel, Trade, TradeItem } from "./events.js";
import { FIELD_NUMBERS } from "./generated/fieldNumbers.js";
import { PublicAggreDealsV3ApiItem, PublicAggreDepthV3ApiItem } from "./generated/mexc.js";
import { asciiAt, decimalAt, internedShortAsciiAt, isAsciiBytes } from "./stringReader.js";

/** Protobuf wire types (protobuf.dev/programming-guides/encoding): varint and length-delimited. */
const VARINT = 0;
const LEN = 2;
const tag = (field: number, wireType: number) => (field << 3) | wireType;

const WRAPPER = FIELD_NUMBERS.PushDataV3ApiWrapper;
const CHANNEL = tag(WRAPPER.channel, LEN);
const SYMBOL = tag(WRAPPER.symbol, LEN);
const SYMBOL_ID = tag(WRAPPER.symbolId, LEN);
const CREATE_TIME = tag(WRAPPER.createTime, VARINT);
const SEND_TIME = tag(WRAPPER.sendTime, VARINT);
const AGGRE_DEPTHS = tag(WRAPPER.publicAggreDepths, LEN);
const AGGRE_DEALS = tag(WRAPPER.publicAggreDeals, LEN);
const AGGRE_BOOK_TICKER = tag(WRAPPER.publicAggreBookTicker, LEN);

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

/** Returned by the varint readers when they leave the frame to the generated decoder. */
const GIVE_UP = -1;
/** Where the last multi-byte varint read ended (the readers return the value). */
let next = 0;

/** The event of a frame on an aggregated public stream, or undefined: decode it the old way. */
export function readAggreEvent(buf: Uint8Array, localTimestamp: number): MexcEvent | undefined {
  const end = buf.length;
  let pos = 0;
  let channel = "";
  let symbol = "";
  let createTime = 0;
  let sendTime = 0;
  let body = 0;
  let bodyStart = 0;
  let bodyEnd = 0;
  while (pos < end) {
    let key = buf[pos]!;
    if (key < 0x80) pos++;
    else {
      key = varint28(buf, pos, end);
      if (key === GIVE_UP) return undefined;
      pos = next;
    }
    if ((key & 7) === LEN) {
      let length = buf[pos]!;
      if (length < 0x80 && pos < end) pos++;
      else {
        length = varint28(buf, pos, end);
        if (length === GIVE_UP) return undefined;
        pos = next;
      }
      const stop = pos + length;
      if (stop > end) return undefined;
      if (key === CHANNEL) {
        const value = asciiAt(buf, pos, stop);
        if (value === undefined) return undefined;
        channel = value;
      } else if (key === SYMBOL) {
        const value = internedShortAsciiAt(buf, pos, stop);
        if (value === undefined) return undefined;
        symbol = value;
      } else if (key === SYMBOL_ID) {
        if (!isAsciiBytes(buf, pos, stop)) return undefined;
      } else if (key === AGGRE_DEPTHS || key === AGGRE_DEALS || key === AGGRE_BOOK_TICKER) {
        // A second body, even the same one (the generated decoder merges the two), is not ours.
        if (body !== 0) return undefined;
        body = key;
        bodyStart = pos;
        bodyEnd = stop;
      } else {
        return undefined;
      }
      pos = stop;
    } else if (key === SEND_TIME || key === CREATE_TIME) {
      const value = int64(buf, pos, end);
      if (value === GIVE_UP) return undefined;
      pos = next;
      if (key === SEND_TIME) sendTime = value;
      else createTime = value;
    } else {
      return undefined;
    }
  }
  // No channel or no body: decodePush's MISSING_CHANNEL / MISSING_BODY.
  if (channel === "" || body === 0) return undefined;
  const timestamp = sendTime || createTime;
  if (body === AGGRE_DEPTHS) return depthDiff(buf, bodyStart, bodyEnd, channel, symbol, timestamp, localTimestamp);
  if (body === AGGRE_DEALS) return trade(buf, bodyStart, bodyEnd, channel, symbol, timestamp, localTimestamp);
  return bookTicker(buf, bodyStart, bodyEnd, channel, symbol, timestamp, localTimestamp);
}

/** toEvent's publicAggreDepths mapper (events.ts), on the bytes of the body. */
function depthDiff(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  timestamp: number,
  localTimestamp: number,
): DepthDiff | undefined {
  let asks: PriceLevel[] | undefined;
  let bids: PriceLevel[] | undefined;
  let fromVersion = "";
  let toVersion = "";
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (key === DEPTH_LAST_ORDER_CREATE_TIME) {
      if (int64(buf, pos, end) === GIVE_UP) return undefined;
      pos = next;
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

/** One level, as PublicAggreDepthV3ApiItem.decode fills it, with both values plain decimals. */
function depthLevel(buf: Uint8Array, start: number, end: number): PriceLevel | undefined {
  const level = new PublicAggreDepthV3ApiItem();
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    const value = decimalAt(buf, pos, stop);
    if (value === undefined) return undefined;
    if (key === LEVEL_PRICE) level.price = value;
    else if (key === LEVEL_QUANTITY) level.quantity = value;
    else return undefined;
    pos = stop;
  }
  // A missing value reads as the prototype's "": toEvent's BAD_DECIMAL.
  return level.price === "" || level.quantity === "" ? undefined : (level as PriceLevel);
}

/** toEvent's publicAggreDeals mapper (events.ts), on the bytes of the body. */
function trade(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  timestamp: number,
  localTimestamp: number,
): Trade | undefined {
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
      const item = tradeItem(buf, pos, stop);
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
 * field, leaving the prototype's default), with price and quantity plain decimals.
 */
function tradeItem(buf: Uint8Array, start: number, end: number): TradeItem | undefined {
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
      const value = decimalAt(buf, pos, stop);
      if (value === undefined) return undefined;
      if (key === DEAL_PRICE) item.price = value;
      else if (key === DEAL_QUANTITY) item.quantity = value;
      else return undefined;
    }
    pos = stop;
  }
  return item.price === "" || item.quantity === "" ? undefined : (item as TradeItem);
}

/** toEvent's publicAggreBookTicker mapper (events.ts), on the bytes of the body. */
function bookTicker(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  timestamp: number,
  localTimestamp: number,
): BookTicker | undefined {
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
      if (int64(buf, pos, end) === GIVE_UP) return undefined;
      pos = next;
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
      const value = stop === pos ? "0" : decimalAt(buf, pos, stop);
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

/**
 * The varint at `pos` when it takes 1-4 bytes (below 2^28: tags, lengths, trade types), with
 * `next` after it; GIVE_UP for a longer one or one running past `end`.
 */
function varint28(buf: Uint8Array, pos: number, end: number): number {
  let value = 0;
  for (let shift = 0; shift < 28 && pos < end; shift += 7) {
    const byte = buf[pos++]!;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      next = pos;
      return value;
    }
  }
  return GIVE_UP;
}

/**
 * An int64 varint of 1-7 bytes (below 2^49, exact in a double: ms timestamps take 6), as
 * protobufjs with our reader reads it (longAsNumber.ts), with `next` after it; GIVE_UP for a
 * longer one (a negative takes 10) or one running past `end`.
 */
function int64(buf: Uint8Array, pos: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let count = 0; count < 7 && pos < end; count++) {
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      next = pos;
      return value;
    }
    scale *= 128;
  }
  return GIVE_UP;
}
