/**
 * A hand-written reader for the frames of the three aggregated public streams, most of what a
 * client reads (depth diffs, trades, book tickers: 95 % of the bench corpus), and of the three
 * private pushes (balances, fills, orders: privateBodies.ts), straight from the bytes to the
 * event `toEvent(decodePush(bytes))` makes of them, without the wrapper and body objects in
 * between (BENCHMARKS.md, Decode). Field numbers come from the .proto
 * (generated/fieldNumbers.ts); depth levels and trades are the generated message classes, filled
 * field by field as the generated decoders fill them, so the event is the same object graph.
 *
 * It reads only what it is sure of: anything else (another body, an unknown field or wire type,
 * a field twice where the generated decoder would merge, a varint longer than these fields need,
 * a string that is not ASCII, a value that is not a plain decimal, a truncated frame) makes it
 * return undefined, and the caller decodes the frame the old way (decodeEvent.ts), which gives the
 * event or the ProtocolError it always gave. So it never throws and never judges a bad frame.
 */

import { bookTicker, depthDiff, trade } from "./aggreBodies.js";
import { GIVE_UP, int64, LEN, next, tag, VARINT, varint28 } from "./aggreWire.js";
import { isAsciiBytes } from "./asciiBytes.js";
import type { MexcEvent } from "./events.js";
import { FIELD_NUMBERS } from "./generated/fieldNumbers.js";
import { balance, fill, order } from "./privateBodies.js";
import { channelAt, internedShortAsciiAt } from "./stringReader.js";

const WRAPPER = FIELD_NUMBERS.PushDataV3ApiWrapper;
const CHANNEL = tag(WRAPPER.channel, LEN);
const SYMBOL = tag(WRAPPER.symbol, LEN);
const SYMBOL_ID = tag(WRAPPER.symbolId, LEN);
const CREATE_TIME = tag(WRAPPER.createTime, VARINT);
const SEND_TIME = tag(WRAPPER.sendTime, VARINT);
const AGGRE_DEPTHS = tag(WRAPPER.publicAggreDepths, LEN);
const AGGRE_DEALS = tag(WRAPPER.publicAggreDeals, LEN);
const AGGRE_BOOK_TICKER = tag(WRAPPER.publicAggreBookTicker, LEN);
const PRIVATE_ACCOUNT = tag(WRAPPER.privateAccount, LEN);
const PRIVATE_DEALS = tag(WRAPPER.privateDeals, LEN);
const PRIVATE_ORDERS = tag(WRAPPER.privateOrders, LEN);

/** The event of a frame of those six streams, or undefined: decode it the old way. */
export function readFrameEvent(buf: Uint8Array, localTimestamp: number): MexcEvent | undefined {
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
    let key = buf[pos++]!;
    if (key >= 0x80) {
      // The bodies' tags (fields 301-315) take two bytes: read here, not by a call.
      const high = pos < end ? buf[pos++]! : 0x80;
      if (high >= 0x80) return undefined;
      key = (key & 0x7f) | (high << 7);
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
        const value = channelAt(buf, pos, stop);
        if (value === undefined) return undefined;
        channel = value;
      } else if (key === SYMBOL) {
        const value = internedShortAsciiAt(buf, pos, stop);
        if (value === undefined) return undefined;
        symbol = value;
      } else if (key === SYMBOL_ID) {
        if (!isAsciiBytes(buf, pos, stop)) return undefined;
      } else if (
        key === AGGRE_DEPTHS ||
        key === AGGRE_DEALS ||
        key === AGGRE_BOOK_TICKER ||
        key === PRIVATE_ACCOUNT ||
        key === PRIVATE_DEALS ||
        key === PRIVATE_ORDERS
      ) {
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
  if (body === AGGRE_BOOK_TICKER)
    return bookTicker(buf, bodyStart, bodyEnd, channel, symbol, timestamp, localTimestamp);
  if (body === PRIVATE_ACCOUNT) return balance(buf, bodyStart, bodyEnd, channel, timestamp, localTimestamp);
  if (body === PRIVATE_DEALS) return fill(buf, bodyStart, bodyEnd, channel, symbol, timestamp, localTimestamp);
  return order(buf, bodyStart, bodyEnd, channel, symbol, timestamp, localTimestamp);
}
