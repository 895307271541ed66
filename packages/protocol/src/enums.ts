/**
 * MEXC's integer enums in protobuf pushes and their REST names (docs/mexc/enums.md#in-rest, docs/mexc/enums.md#on-the-websocket).
 * Both directions, so the decoder and the simulator share one table.
 *
 * MEXC adds values without notice (stop-limit orders bring order type 100 and statuses outside
 * 1-5, docs/mexc/undocumented.md#orders item 11.8; the account change types are an open set, docs/mexc/enums.md#account-change-types). A status or order type this table
 * does not know becomes UNKNOWN, carrying the raw value beside it (events.ts `rawValues`), never
 * an error: corrupt data is worse than none, but an unknown name is not corrupt.
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
/** A value MEXC sent that these tables do not know (the raw value travels beside it). */
export const UNKNOWN = "UNKNOWN";
export type Unknown = typeof UNKNOWN;

export type KnownOrderType = (typeof ORDER_TYPES)[number];
export type OrderType = KnownOrderType | Unknown;

export const ORDER_STATUSES = ["NEW", "FILLED", "PARTIALLY_FILLED", "CANCELED", "PARTIALLY_CANCELED"] as const;
export type KnownOrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderStatus = KnownOrderStatus | Unknown;

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
export const ORDER_TYPE_CODE: Record<KnownOrderType, number> = {
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
export const ORDER_STATUS_CODE: Record<KnownOrderStatus, number> = {
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

const ORDER_STATUS_SET: ReadonlySet<string> = new Set(ORDER_STATUSES);
const ORDER_TYPE_SET: ReadonlySet<string> = new Set(ORDER_TYPES);

/** A REST `status` string (docs/mexc/enums.md#in-rest) as a status, UNKNOWN when the table does not know it. */
export function orderStatusFromRest(text: string): OrderStatus {
  return ORDER_STATUS_SET.has(text) ? (text as OrderStatus) : UNKNOWN;
}

/** A REST `type` string (docs/mexc/enums.md#in-rest) as an order type, UNKNOWN when the table does not know it. */
export function orderTypeFromRest(text: string): OrderType {
  return ORDER_TYPE_SET.has(text) ? (text as OrderType) : UNKNOWN;
}

/**
 * How far an order has come: NEW 0, PARTIALLY_FILLED 1, final 2 (FILLED, CANCELED,
 * PARTIALLY_CANCELED). UNKNOWN ranks with NEW: it is never taken for final, so the order stays
 * open (shown, and checked by reconciliation) until a known status says otherwise.
 */
export function orderStatusRank(status: OrderStatus): number {
  switch (status) {
    case "NEW":
    case UNKNOWN:
      return 0;
    case "PARTIALLY_FILLED":
      return 1;
    case "FILLED":
    case "CANCELED":
    case "PARTIALLY_CANCELED":
      return 2;
  }
}

/** What decides whether an order state is news: its status, for stop-limit orders the trigger's state, and why it was canceled. */
export interface OrderProgress {
  readonly status: OrderStatus;
  readonly triggerState?: TriggerState | undefined;
  /** MEXC's `cancelReason` (REST only: the orders push has no such field). */
  readonly cancelReason?: string | undefined;
}

/**
 * Whether an order state is news over the one held, whichever source (stream or REST) said
 * which: more quantity executed, or the same and a later status; never back from a final status.
 * UNKNOWN is news over NEW (its raw value may say more), and more quantity under UNKNOWN is news
 * over any open status; a known status is needed to move past it. At the same status and
 * quantity, a stop-limit order's trigger leaving UNTRIGGERED is news (a source that does not know
 * the trigger, REST, says nothing about it). So is a cancel reason at the same status and quantity
 * where none was known: the orders push ends an order without one, a later REST read of it tells
 * why (an order self-trade prevention canceled, `stp_cancel`). `executedCmp` compares the next
 * executed quantity with the held one (-1, 0, 1: the caller's decimal comparison).
 */
export function orderMovesForward(held: OrderProgress, next: OrderProgress, executedCmp: number): boolean {
  const heldRank = orderStatusRank(held.status);
  const nextRank = orderStatusRank(next.status);
  if (executedCmp > 0) return nextRank >= heldRank || (next.status === UNKNOWN && heldRank < 2);
  if (executedCmp < 0) return false;
  if (nextRank > heldRank || (held.status === "NEW" && next.status === UNKNOWN)) return true;
  if (next.status !== held.status) return false;
  if (next.cancelReason !== undefined && held.cancelReason === undefined) return true;
  return (
    next.triggerState !== undefined &&
    next.triggerState !== held.triggerState &&
    (held.triggerState === undefined || held.triggerState === "UNTRIGGERED")
  );
}

/**
 * Self-trade prevention (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read, [OFF-new] 2025 docs):
 * `stpMode` of POST /api/v3/order and of every order answer, "" for none; MEXC's announcement of
 * 2025-09-11 and its STP FAQ name the modes CANCEL_TAKER, CANCEL_MAKER and CANCEL_BOTH (the API
 * spells them in lower case).
 */
export const STP_MODES = ["", "cancel_maker", "cancel_taker", "cancel_both"] as const;
export type StpMode = (typeof STP_MODES)[number];

/**
 * `cancelReason` of an order answer: "stp_cancel" for an order self-trade prevention canceled
 * (the 2025 docs' example, [OFF-new]). An open set: another value passes through, counted by the
 * client as one it does not know. The orders push carries no reason (MEXC's PrivateOrdersV3Api,
 * mexcdevelop/websocket-proto v2, has no such field): only REST tells it.
 */
export const CANCEL_REASONS = ["stp_cancel"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
const CANCEL_REASON_SET: ReadonlySet<string> = new Set(CANCEL_REASONS);

/** True for a `cancelReason` the protocol knows (CANCEL_REASONS). */
export function isKnownCancelReason(reason: string): reason is CancelReason {
  return CANCEL_REASON_SET.has(reason);
}

/** NEW, PARTIALLY_FILLED or UNKNOWN: the order may still trade. */
export function isOpenStatus(status: OrderStatus): boolean {
  return orderStatusRank(status) < 2;
}

/** FILLED, CANCELED or PARTIALLY_CANCELED. */
export function isFinalStatus(status: OrderStatus): boolean {
  return orderStatusRank(status) === 2;
}

/**
 * Stop-limit orders on the orders push (docs/mexc/undocumented.md#orders item 11.8): `triggerType` (field 18) and `state` (field 20).
 * MEXC's spot docs do not give their codes a meaning; MEXC's futures API uses the same names for
 * its trigger orders: triggerType 1 "more than or equal", 2 "less than or equal"; state 1
 * untriggered, 2 cancelled, 3 executed, 4 invalid, 5 execution failed (mexcdevelop/apidocs
 * contract_v1, trigger order list). We read spot the same way [DERIVED].
 */
export const TRIGGER_TYPES = ["GTE", "LTE"] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number] | Unknown;
export const TRIGGER_STATES = ["UNTRIGGERED", "CANCELED", "TRIGGERED", "INVALID", "FAILED"] as const;
export type TriggerState = (typeof TRIGGER_STATES)[number] | Unknown;

const TRIGGER_TYPE_BY_CODE: Record<number, TriggerType> = { 1: "GTE", 2: "LTE" };
const TRIGGER_STATE_BY_CODE: Record<number, TriggerState> = {
  1: "UNTRIGGERED",
  2: "CANCELED",
  3: "TRIGGERED",
  4: "INVALID",
  5: "FAILED",
};
export const TRIGGER_TYPE_CODE = { GTE: 1, LTE: 2 } as const satisfies Record<(typeof TRIGGER_TYPES)[number], number>;
export const TRIGGER_STATE_CODE = {
  UNTRIGGERED: 1,
  CANCELED: 2,
  TRIGGERED: 3,
  INVALID: 4,
  FAILED: 5,
} as const satisfies Record<(typeof TRIGGER_STATES)[number], number>;
/** The codes of fields 18 and 20 the tables above know (what the simulator may push). */
export type TriggerTypeCode = (typeof TRIGGER_TYPE_CODE)[keyof typeof TRIGGER_TYPE_CODE];
export type TriggerStateCode = (typeof TRIGGER_STATE_CODE)[keyof typeof TRIGGER_STATE_CODE];

export function triggerTypeFromCode(code: number | null | undefined): TriggerType | undefined {
  return code == null ? undefined : TRIGGER_TYPE_BY_CODE[code];
}
export function triggerStateFromCode(code: number | null | undefined): TriggerState | undefined {
  return code == null ? undefined : TRIGGER_STATE_BY_CODE[code];
}

/**
 * Account change types of `PrivateAccountV3Api.type` (docs/mexc/enums.md#account-change-types). An
 * open set: others pass through (counted by the client). Every value the simulator pushes is one
 * of these (its change types are typed AccountChangeType), so the client never calls our own
 * simulator's vocabulary unknown.
 */
export const KNOWN_ACCOUNT_CHANGE_TYPES = [
  // MEXC's documented list of eleven [OFF] (docs/mexc/enums.md#account-change-types, S2 "changed type")
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
  // In MEXC's own push example, not in the list [OFF example only] (docs/mexc/enums.md#account-change-types)
  "CONTRACT_TRANSFER",
  // Small balances converted to MX: no public capture names the type MEXC pushes; this name is the
  // simulator's [UNCONFIRMED] (docs/mexc/enums.md#account-change-types, docs/mexc/undocumented.md item 11.17)
  "SMALL_COIN_CONVERT",
] as const;
export type AccountChangeType = (typeof KNOWN_ACCOUNT_CHANGE_TYPES)[number];

const ACCOUNT_CHANGE_TYPE_SET: ReadonlySet<string> = new Set(KNOWN_ACCOUNT_CHANGE_TYPES);

/** True for an account change type of the docs/mexc/enums.md#account-change-types list (others pass through, counted by the client). */
export function isKnownAccountChangeType(type: string): type is AccountChangeType {
  return ACCOUNT_CHANGE_TYPE_SET.has(type);
}
