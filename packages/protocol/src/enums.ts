/**
 * MEXC's integer enums in protobuf pushes and their REST names (mexc-protocol.md §4.1, §4.2).
 * Both directions, so the decoder and the simulator share one table.
 */
export const SIDES = ["BUY", "SELL"] as const;
export type Side = (typeof SIDES)[number];

export const ORDER_TYPES = [
  "LIMIT",
  "LIMIT_MAKER",
  "IMMEDIATE_OR_CANCEL",
  "FILL_OR_KILL",
  "MARKET",
  "STOP_LIMIT",
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_STATUSES = ["NEW", "FILLED", "PARTIALLY_FILLED", "CANCELED", "PARTIALLY_CANCELED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** `tradeType` in deals and orders: 1 buy, 2 sell. */
const SIDE_BY_CODE: Record<number, Side> = { 1: "BUY", 2: "SELL" };
export const SIDE_CODE: Record<Side, number> = { BUY: 1, SELL: 2 };

/** `orderType` in private orders: 1 LIMIT_ORDER, 2 POST_ONLY, 3 IOC, 4 FOK, 5 MARKET, 100 stop-limit. */
const ORDER_TYPE_BY_CODE: Record<number, OrderType> = {
  1: "LIMIT",
  2: "LIMIT_MAKER",
  3: "IMMEDIATE_OR_CANCEL",
  4: "FILL_OR_KILL",
  5: "MARKET",
  100: "STOP_LIMIT",
};
export const ORDER_TYPE_CODE: Record<OrderType, number> = {
  LIMIT: 1,
  LIMIT_MAKER: 2,
  IMMEDIATE_OR_CANCEL: 3,
  FILL_OR_KILL: 4,
  MARKET: 5,
  STOP_LIMIT: 100,
};

/** `status` in private orders: 1 NEW .. 5 PARTIALLY_CANCELED. */
const ORDER_STATUS_BY_CODE: Record<number, OrderStatus> = {
  1: "NEW",
  2: "FILLED",
  3: "PARTIALLY_FILLED",
  4: "CANCELED",
  5: "PARTIALLY_CANCELED",
};
export const ORDER_STATUS_CODE: Record<OrderStatus, number> = {
  NEW: 1,
  FILLED: 2,
  PARTIALLY_FILLED: 3,
  CANCELED: 4,
  PARTIALLY_CANCELED: 5,
};

export function sideFromCode(code: number | null | undefined): Side | undefined {
  return code == null ? undefined : SIDE_BY_CODE[code];
}
export function orderTypeFromCode(code: number | null | undefined): OrderType | undefined {
  return code == null ? undefined : ORDER_TYPE_BY_CODE[code];
}
export function orderStatusFromCode(code: number | null | undefined): OrderStatus | undefined {
  return code == null ? undefined : ORDER_STATUS_BY_CODE[code];
}

/** Account change types seen in `PrivateAccountV3Api.type` (§4.3). An open set: others pass through. */
export const KNOWN_ACCOUNT_CHANGE_TYPES = [
  "WITHDRAW",
  "WITHDRAW_FEE",
  "DEPOSIT",
  "DEPOSIT_FEE",
  "ENTRUST",
  "ENTRUST_PLACE",
  "ENTRUST_CANCEL",
  "TRADE_FEE",
  "ENTRUST_UNFROZEN",
  "SUGAR",
  "ETF_INDEX",
  "CONTRACT_TRANSFER",
] as const;
