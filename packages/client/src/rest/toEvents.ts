/**
 * REST answers as the same events the private streams carry (protocol's Fill, OrderUpdate,
 * BalanceUpdate), so downstream handles one shape whatever the source. Fields REST does not
 * have get the stream's neutral value ("" coinId, isMaker false on orders, no lastDealQuantity);
 * a balance correction has changeType "RECONCILE" (a client-side name, not one of MEXC's).
 * Every event made here is held to the bounds the stream's are (protocol's checkEventBounds): a
 * value outside them is a ProtocolError naming the field (OUT_OF_BOUNDS, BAD_DECIMAL), and the
 * caller skips the item (reconcile.ts); an order's decimals are checked before any arithmetic.
 */

import {
  type BalanceUpdate,
  Decimal as Big,
  buildChannel,
  checkDecimal,
  checkEventBounds,
  checkTime,
  type Fill,
  fmt,
  type OrderUpdate,
  orderStatusFromRest,
  orderTypeFromRest,
  ProtocolError,
  type RawValues,
  SIDES,
  type Side,
  UNKNOWN,
} from "@mexc-live/protocol";
import type { RestOrder, RestTrade } from "@mexc-live/protocol/rest";
import { BALANCE_READ_CHANGE_TYPE } from "@mexc-live/protocol/wallet";

const ACCOUNT_CHANNEL = buildChannel({ stream: "privateAccount" });
const DEALS_CHANNEL = buildChannel({ stream: "privateDeals" });
const ORDERS_CHANNEL = buildChannel({ stream: "privateOrders" });

export function fillFromRest(trade: RestTrade, localTimestamp: number): Fill {
  const fill: Fill = {
    type: "fill",
    channel: DEALS_CHANNEL,
    timestamp: restTime(trade.time, "myTrades.time"),
    localTimestamp,
    symbol: trade.symbol,
    tradeId: String(trade.id),
    orderId: String(trade.orderId),
    clientOrderId: trade.clientOrderId ?? "",
    side: trade.isBuyer ? "BUY" : "SELL",
    price: trade.price,
    quantity: trade.qty,
    amount: trade.quoteQty,
    fee: trade.commission,
    feeCurrency: trade.commissionAsset,
    isMaker: trade.isMaker,
    isSelfTrade: trade.isSelfTrade === true,
  };
  checkEventBounds(fill, localTimestamp);
  return fill;
}

/**
 * A REST order as the orders stream would report it. A status or type the protocol does not know
 * becomes UNKNOWN with the raw string in `rawValues`; an unknown side is UNKNOWN_VALUE (a
 * ProtocolError naming it): the order cannot be read without it.
 */
export function orderFromRest(order: RestOrder, localTimestamp: number): OrderUpdate {
  const status = orderStatusFromRest(order.status);
  const orderType = orderTypeFromRest(order.type);
  const rawValues: { status?: string; orderType?: string } = {};
  if (status === UNKNOWN) rawValues.status = String(order.status);
  if (orderType === UNKNOWN) rawValues.orderType = String(order.type);
  // Before big.js sees them: a 10^6-digit quantity would cost seconds to multiply.
  for (const field of ORDER_DECIMALS) {
    const value = order[field];
    if (value !== undefined && value !== null && value !== "") checkDecimal(`order.${field}`, value, "nonNegative");
  }
  const quantity = decimal(order.origQty);
  const executed = decimal(order.executedQty);
  const quote = decimal(order.cummulativeQuoteQty);
  const amount = orderAmount(order);
  const createTime = restTime(order.time, "order.time");
  const event: OrderUpdate = {
    type: "order",
    channel: ORDERS_CHANNEL,
    timestamp: order.updateTime ? restTime(order.updateTime, "order.updateTime") : createTime,
    localTimestamp,
    symbol: order.symbol,
    orderId: String(order.orderId),
    clientOrderId: order.clientOrderId ?? "",
    side: restSide(order.side),
    orderType,
    status,
    price: order.price || "0",
    quantity: order.origQty || "0",
    amount: amount.toFixed(),
    avgPrice: executed.gt(0) ? fmt(quote.div(executed)) : "0",
    remainQuantity: nonNegative(quantity.minus(executed)).toFixed(),
    remainAmount: nonNegative(amount.minus(quote)).toFixed(),
    cumulativeQuantity: executed.toFixed(),
    cumulativeAmount: quote.toFixed(),
    lastDealQuantity: undefined,
    isMaker: false,
    createTime,
    // Why MEXC canceled it ("stp_cancel": self-trade prevention); "" or null (no reason) is none.
    ...(typeof order.cancelReason === "string" && order.cancelReason !== ""
      ? { cancelReason: order.cancelReason }
      : {}),
    ...(Object.keys(rawValues).length > 0 ? { rawValues: rawValues as RawValues } : {}),
  };
  checkEventBounds(event, localTimestamp);
  return event;
}

/** The decimals of a REST order that orderFromRest computes with. */
const ORDER_DECIMALS = ["price", "origQty", "executedQty", "cummulativeQuoteQty", "origQuoteOrderQty"] as const;

/**
 * A REST time as ms. MEXC sends JSON numbers; a numeric string (how some recorders and proxies
 * pass them on, e.g. ccxt's recorded answers) is read as the same number. Anything else is a
 * ProtocolError naming the field: a fill or order without a time cannot be placed in history; a
 * time outside MEXC's window (-1, 2^53-1: protocol's timeProblem) is OUT_OF_BOUNDS.
 */
export function restTime(value: unknown, field: string): number {
  const number = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isSafeInteger(number) && number >= 0) {
    checkTime(field, number, Date.now());
    return number;
  }
  throw new ProtocolError("UNKNOWN_VALUE", `REST ${field} is not a time in ms: ${JSON.stringify(value)}`, {
    field,
    value: String(value),
  });
}

function restSide(side: string): Side {
  if ((SIDES as readonly string[]).includes(side)) return side as Side;
  throw new ProtocolError("UNKNOWN_VALUE", `REST order side has unknown value ${JSON.stringify(side)}`, {
    field: "order.side",
    value: String(side),
  });
}

/** A balance from GET /api/v3/account, with the change from what the client knew. */
export function balanceFromRest(
  asset: string,
  now: { free: string; locked: string },
  before: { free: string; locked: string } | undefined,
  timestamp: number,
  localTimestamp: number,
): BalanceUpdate {
  return {
    type: "balance",
    channel: ACCOUNT_CHANNEL,
    timestamp,
    localTimestamp,
    asset,
    coinId: "",
    free: now.free,
    freeChange: decimal(now.free).minus(decimal(before?.free)).toFixed(),
    locked: now.locked,
    lockedChange: decimal(now.locked).minus(decimal(before?.locked)).toFixed(),
    changeType: BALANCE_READ_CHANGE_TYPE,
  };
}

/** The order's quote amount as the orders stream reports it: quoteOrderQty, else price x quantity, else 0. */
function orderAmount(order: RestOrder): Big {
  const quoteOrderQty = decimal(order.origQuoteOrderQty);
  if (quoteOrderQty.gt(0)) return quoteOrderQty;
  if (order.type === "MARKET") return new Big(0);
  return decimal(order.price).times(decimal(order.origQty));
}

/** "" and missing are zero; anything else must be a decimal (big.js throws on garbage: corrupt data is worse than none). */
export function decimal(value: string | undefined | null): Big {
  return new Big(value === undefined || value === null || value === "" ? "0" : value);
}

function nonNegative(value: Big): Big {
  return value.lt(0) ? new Big(0) : value;
}
