/**
 * The bodies of the three private pushes (balances, fills, orders) read into their events, as
 * aggreBodies.ts does for the aggregated streams: toEvent's mappers (events.ts) on the bytes.
 * Only 5 % of the bench corpus, but the old path (decodePush + toEvent) took ~1,700 ns a frame
 * for them against ~1,000 for a depth diff, about a tenth of decodeEvent's time (BENCHMARKS.md,
 * Decode). Each returns undefined for anything it is not sure of, and the caller decodes the
 * frame the old way: an unknown field or wire type, a tag or varint longer than these fields
 * need, a string that is not ASCII, a decimal that is not plain, an unknown side, order type or
 * status (toEvent's UNKNOWN_VALUE or `rawValues`), a stop-limit trigger or an OCO id.
 *
 * Field semantics are the generated decoders' (src/generated/mexc.js): the last value of a field
 * sent twice wins; an empty string or a zero number reads as the default ("", 0, false).
 */

import { GIVE_UP, int64, LEN, next, tag, VARINT, varint28 } from "./aggreWire.js";
import { isAsciiBytes } from "./asciiBytes.js";
import { orderStatusFromCode, orderTypeFromCode, sideFromCode } from "./enums.js";
import type { BalanceUpdate, Fill, OrderUpdate } from "./events.js";
import { FIELD_NUMBERS } from "./generated/fieldNumbers.js";
import { asciiAt, decimalAt } from "./stringReader.js";

const ACCOUNT = FIELD_NUMBERS.PrivateAccountV3Api;
const DEALS = FIELD_NUMBERS.PrivateDealsV3Api;
const ORDERS = FIELD_NUMBERS.PrivateOrdersV3Api;

/** The varint tags of each body; every other field of these bodies is a string (LEN). */
const ACCOUNT_TIME = tag(ACCOUNT.time, VARINT);
const DEALS_VARINTS: ReadonlySet<number> = new Set([DEALS.tradeType, DEALS.isMaker, DEALS.isSelfTrade, DEALS.time]);
const ORDERS_VARINTS: ReadonlySet<number> = new Set([
  ORDERS.orderType,
  ORDERS.tradeType,
  ORDERS.isMaker,
  ORDERS.status,
  ORDERS.createTime,
]);
/** Strings of an order push the event does not carry: checked as the decoder would, then dropped. */
const ORDERS_IGNORED: ReadonlySet<number> = new Set([
  ORDERS.market,
  ORDERS.routeFactor,
  ORDERS.symbolId,
  ORDERS.marketId,
  ORDERS.marketCurrencyId,
  ORDERS.currencyId,
]);

/** A decimal field as toEvent's dec() reads it: empty is "0"; undefined when not a plain decimal. */
function decimalOrZero(buf: Uint8Array, start: number, end: number): string | undefined {
  return start === end ? "0" : decimalAt(buf, start, end);
}

/** toEvent's privateAccount mapper (events.ts), on the bytes of the body. */
export function balance(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  frameTime: number,
  localTimestamp: number,
): BalanceUpdate | undefined {
  let asset = "";
  let coinId = "";
  let free = "0";
  let freeChange = "0";
  let locked = "0";
  let lockedChange = "0";
  let changeType = "";
  let time = 0;
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    if (key === ACCOUNT_TIME) {
      time = int64(buf, pos, end);
      if (time === GIVE_UP) return undefined;
      pos = next;
      continue;
    }
    if ((key & 7) !== LEN || pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    const field = key >> 3;
    const value =
      field === ACCOUNT.coinId || field === ACCOUNT.vcoinName || field === ACCOUNT.type
        ? asciiAt(buf, pos, stop)
        : decimalOrZero(buf, pos, stop);
    if (value === undefined) return undefined;
    if (field === ACCOUNT.vcoinName) asset = value;
    else if (field === ACCOUNT.coinId) coinId = value;
    else if (field === ACCOUNT.balanceAmount) free = value;
    else if (field === ACCOUNT.balanceAmountChange) freeChange = value;
    else if (field === ACCOUNT.frozenAmount) locked = value;
    else if (field === ACCOUNT.frozenAmountChange) lockedChange = value;
    else if (field === ACCOUNT.type) changeType = value;
    else return undefined;
    pos = stop;
  }
  return {
    type: "balance",
    channel,
    timestamp: time || frameTime,
    localTimestamp,
    asset,
    coinId,
    free,
    freeChange,
    locked,
    lockedChange,
    changeType,
  };
}

/** toEvent's privateDeals mapper (events.ts), on the bytes of the body. */
export function fill(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  frameTime: number,
  localTimestamp: number,
): Fill | undefined {
  let price = "0";
  let quantity = "0";
  let amount = "0";
  let fee = "0";
  let tradeId = "";
  let orderId = "";
  let clientOrderId = "";
  let feeCurrency = "";
  let tradeType = 0;
  let isMaker = false;
  let isSelfTrade = false;
  let time = 0;
  let pos = start;
  while (pos < end) {
    const key = buf[pos++]!;
    const field = key >> 3;
    if ((key & 7) === VARINT && DEALS_VARINTS.has(field)) {
      const value = field === DEALS.time ? int64(buf, pos, end) : varint28(buf, pos, end);
      if (value === GIVE_UP) return undefined;
      pos = next;
      if (field === DEALS.time) time = value;
      else if (field === DEALS.tradeType) tradeType = value;
      else if (field === DEALS.isMaker) isMaker = value !== 0;
      else isSelfTrade = value !== 0;
      continue;
    }
    // Field numbers above 15 take a second tag byte: none here.
    if ((key & 7) !== LEN || key >= 0x80 || pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    const decimal =
      field === DEALS.price || field === DEALS.quantity || field === DEALS.amount || field === DEALS.feeAmount;
    const value = decimal ? decimalOrZero(buf, pos, stop) : asciiAt(buf, pos, stop);
    if (value === undefined) return undefined;
    if (field === DEALS.price) price = value;
    else if (field === DEALS.quantity) quantity = value;
    else if (field === DEALS.amount) amount = value;
    else if (field === DEALS.feeAmount) fee = value;
    else if (field === DEALS.tradeId) tradeId = value;
    else if (field === DEALS.orderId) orderId = value;
    else if (field === DEALS.clientOrderId) clientOrderId = value;
    else if (field === DEALS.feeCurrency) feeCurrency = value;
    else return undefined;
    pos = stop;
  }
  // An unknown side is toEvent's UNKNOWN_VALUE.
  const side = sideFromCode(tradeType);
  if (side === undefined) return undefined;
  return {
    type: "fill",
    channel,
    timestamp: time || frameTime,
    localTimestamp,
    symbol,
    tradeId,
    orderId,
    clientOrderId,
    side,
    price,
    quantity,
    amount,
    fee,
    feeCurrency,
    isMaker,
    isSelfTrade,
  };
}

/** The decimal fields of an order push, in the event's order, by field number. */
const ORDER_DECIMALS = [
  ORDERS.price,
  ORDERS.quantity,
  ORDERS.amount,
  ORDERS.avgPrice,
  ORDERS.remainQuantity,
  ORDERS.remainAmount,
  ORDERS.cumulativeQuantity,
  ORDERS.cumulativeAmount,
] as const;
const ORDER_DECIMAL_SLOT = new Int8Array(32).fill(-1);
ORDER_DECIMALS.forEach((field, slot) => {
  ORDER_DECIMAL_SLOT[field] = slot;
});

/**
 * toEvent's privateOrders mapper (events.ts), on the bytes of the body; an order with a trigger
 * (stop-limit), an OCO id or an enum the tables do not know is left to it.
 */
export function order(
  buf: Uint8Array,
  start: number,
  end: number,
  channel: string,
  symbol: string,
  frameTime: number,
  localTimestamp: number,
): OrderUpdate | undefined {
  const decimals = ["0", "0", "0", "0", "0", "0", "0", "0"];
  let orderId = "";
  let clientOrderId = "";
  let lastDealQuantity = "";
  let orderType = 0;
  let tradeType = 0;
  let status = 0;
  let isMaker = false;
  let createTime = 0;
  let pos = start;
  while (pos < end) {
    let key = buf[pos++]!;
    if (key >= 0x80) {
      // Fields 16-26: a two-byte tag.
      if (pos >= end || buf[pos]! >= 0x80) return undefined;
      key = (key & 0x7f) | (buf[pos++]! << 7);
    }
    const field = key >> 3;
    if ((key & 7) === VARINT && ORDERS_VARINTS.has(field)) {
      const value = field === ORDERS.createTime ? int64(buf, pos, end) : varint28(buf, pos, end);
      if (value === GIVE_UP) return undefined;
      pos = next;
      if (field === ORDERS.createTime) createTime = value;
      else if (field === ORDERS.orderType) orderType = value;
      else if (field === ORDERS.tradeType) tradeType = value;
      else if (field === ORDERS.status) status = value;
      else isMaker = value !== 0;
      continue;
    }
    if ((key & 7) !== LEN || pos >= end) return undefined;
    const length = buf[pos++]!;
    const stop = pos + length;
    if (length >= 0x80 || stop > end) return undefined;
    const slot = field < 32 ? ORDER_DECIMAL_SLOT[field]! : -1;
    if (slot >= 0) {
      const value = decimalOrZero(buf, pos, stop);
      if (value === undefined) return undefined;
      decimals[slot] = value;
    } else if (ORDERS_IGNORED.has(field)) {
      if (!isAsciiBytes(buf, pos, stop)) return undefined;
    } else {
      const value = asciiAt(buf, pos, stop);
      if (value === undefined) return undefined;
      if (field === ORDERS.id) orderId = value;
      else if (field === ORDERS.clientId) clientOrderId = value;
      else if (field === ORDERS.lastDealQuantity) lastDealQuantity = value;
      else return undefined;
    }
    pos = stop;
  }
  const side = sideFromCode(tradeType);
  const knownType = orderTypeFromCode(orderType);
  const knownStatus = orderStatusFromCode(status);
  if (side === undefined || knownType === undefined || knownStatus === undefined) return undefined;
  return {
    type: "order",
    channel,
    timestamp: frameTime,
    localTimestamp,
    symbol,
    orderId,
    clientOrderId,
    side,
    orderType: knownType,
    status: knownStatus,
    price: decimals[0]!,
    quantity: decimals[1]!,
    amount: decimals[2]!,
    avgPrice: decimals[3]!,
    remainQuantity: decimals[4]!,
    remainAmount: decimals[5]!,
    cumulativeQuantity: decimals[6]!,
    cumulativeAmount: decimals[7]!,
    lastDealQuantity: lastDealQuantity || undefined,
    isMaker,
    createTime,
  };
}
