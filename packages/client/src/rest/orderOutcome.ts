/**
 * A write whose reply was lost (5XX, timeout, dropped connection) may or may not have run
 * (docs/mexc/errors.md "5XX ... UNKNOWN"). Before reporting anything, the client asks MEXC:
 * GET /api/v3/order by the clientOrderId it always sends. A found order is the truth, whatever
 * the reply said. "Order does not exist" is believed only once MEXC has said it for a while:
 * right after MEXC accepts an order, GET /api/v3/order for it answers -2013 "quite often and
 * chaotically" (docs/mexc/undocumented.md#orders item 11.13, ccxt/ccxt#21614; how long is not reported), so the order is asked for
 * again with back-off for ORDER_NOT_FOUND_WINDOW_MS before "not placed" is said. The lookups
 * run within the write's one deadline (writeDeadline.ts), which ends them and says what is known.
 */
import { randomUUID } from "node:crypto";
import type { OrderType, Side, StpMode } from "@mexc-live/protocol";
import { isMexcApiError, isOpenStatus, orderStatusFromRest } from "@mexc-live/protocol";
import { ORDER_DOES_NOT_EXIST } from "@mexc-live/protocol/error-codes";
import type { CancelOrderResponse, NewOrderResponse, RestOrder } from "@mexc-live/protocol/rest";
import { type BackoffPolicy, backoffDelay, sleep } from "../backoff.js";
import { ORDER_LOOKUP_RETRY, ORDER_NOT_FOUND_WINDOW_MS } from "../constants.js";
import { ClientError, isClientError } from "../errors.js";
import { outcomeUnknown, type WriteUnderWay } from "./writeDeadline.js";

export interface OrderRef {
  readonly symbol: string;
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

export interface PlaceOrderInput {
  readonly symbol: string;
  readonly side: Side;
  readonly type: Exclude<OrderType, "STOP_LIMIT">;
  /** Decimal strings (never numbers: no float ever reaches the wire). */
  readonly quantity?: string;
  readonly quoteOrderQty?: string;
  readonly price?: string;
  /** Generated when absent: it is what lets a lost reply be resolved by querying the order. */
  readonly clientOrderId?: string;
  readonly stpMode?: StpMode;
}

export interface PlacedOrder extends NewOrderResponse {
  readonly clientOrderId: string;
  /** "reply": MEXC answered; "query": the reply was lost (5XX, timeout) and the order was found by its clientOrderId. */
  readonly resolvedBy: "reply" | "query";
}

export interface CanceledOrder extends CancelOrderResponse {
  readonly resolvedBy: "reply" | "query";
}

/** GET /api/v3/order (RestEndpoints.getOrder), ended by `signal`. */
type OrderReader = (ref: OrderRef, signal: AbortSignal) => Promise<RestOrder>;

/** How long, and how often, an order MEXC says does not exist is asked for again. */
export interface OrderLookup {
  /** "Does not exist" is believed once MEXC has said it this long (from the first answer). */
  readonly windowMs: number;
  readonly retry: BackoffPolicy;
}

const DEFAULT_LOOKUP: OrderLookup = { windowMs: ORDER_NOT_FOUND_WINDOW_MS, retry: ORDER_LOOKUP_RETRY };

/** Client order ids the client generates: `ml` + 24 hex digits. */
const CLIENT_ORDER_ID_PREFIX = "ml";

export function newClientOrderId(): string {
  return `${CLIENT_ORDER_ID_PREFIX}${randomUUID().replace(/-/g, "").slice(0, 24)}`;
}

/** True when the write may have run: a 5XX (or a code in the server-error class), a timeout, a lost connection. */
function isUnknownOutcome(error: unknown): boolean {
  return (isMexcApiError(error) || isClientError(error)) && error.class === "unknown_outcome";
}

export async function resolvePlacement(
  getOrder: OrderReader,
  ref: { symbol: string; clientOrderId: string },
  error: unknown,
  write: WriteUnderWay,
  lookup?: Partial<OrderLookup>,
): Promise<PlacedOrder> {
  if (!isUnknownOutcome(error)) throw error;
  const order = { symbol: ref.symbol, clientOrderId: ref.clientOrderId };
  const found = await findOrder(getOrder, order, error, write, lookup);
  if (found === undefined) {
    throw new ClientError(
      "ORDER_NOT_PLACED",
      `POST /api/v3/order for ${ref.symbol} failed (${describe(error)}) and the order does not exist: not placed`,
      { cause: error },
    );
  }
  return {
    symbol: found.symbol,
    orderId: found.orderId,
    orderListId: -1,
    price: found.price,
    origQty: found.origQty,
    type: found.type,
    side: found.side,
    transactTime: found.time,
    clientOrderId: ref.clientOrderId,
    resolvedBy: "query",
  };
}

export async function resolveCancel(
  getOrder: OrderReader,
  ref: OrderRef,
  error: unknown,
  write: WriteUnderWay,
  lookup?: Partial<OrderLookup>,
): Promise<CanceledOrder> {
  if (!isUnknownOutcome(error)) throw error;
  const found = await findOrder(getOrder, ref, error, write, lookup);
  if (found === undefined || isOpenStatus(orderStatusFromRest(found.status))) {
    throw new ClientError(
      "CANCEL_NOT_DONE",
      `DELETE /api/v3/order for ${ref.symbol} failed (${describe(error)}) and the order is ${found === undefined ? "unknown" : "still open"}`,
      { cause: error },
    );
  }
  return {
    symbol: found.symbol,
    orderId: found.orderId,
    origClientOrderId: found.clientOrderId,
    clientOrderId: found.clientOrderId,
    status: found.status,
    executedQty: found.executedQty,
    price: found.price,
    origQty: found.origQty,
    cummulativeQuoteQty: found.cummulativeQuoteQty,
    type: found.type,
    side: found.side,
    resolvedBy: "query",
  };
}

/**
 * The order; undefined once MEXC has said it does not exist on every try for the lookup window
 * (another error in between starts that over); OUTCOME_UNKNOWN when it could not tell in
 * MAX_LOOKUPS. Bounded in time by the write's deadline: its abort ends the lookup or the wait
 * between two (thrown; withinWriteDeadline says what is known), the last lookup's error noted.
 */
async function findOrder(
  getOrder: OrderReader,
  ref: OrderRef,
  original: unknown,
  write: WriteUnderWay,
  options: Partial<OrderLookup> = {},
): Promise<RestOrder | undefined> {
  const lookup = { ...DEFAULT_LOOKUP, ...options };
  let lastError: unknown;
  let notFoundSince: number | undefined;
  write.lastError = original;
  for (let attempt = 0; attempt < MAX_LOOKUPS; attempt++) {
    try {
      return await getOrder(ref, write.signal);
    } catch (error) {
      if (write.signal.aborted || (isClientError(error) && error.code === "CLOSED")) throw error;
      if (isMexcApiError(error) && error.mexcCode === ORDER_DOES_NOT_EXIST) {
        notFoundSince ??= Date.now();
      } else {
        lastError = error;
        notFoundSince = undefined;
      }
      write.lastError = error;
    }
    if (notFoundSince !== undefined && Date.now() - notFoundSince >= lookup.windowMs) return undefined;
    if (!(await sleep(backoffDelay(lookup.retry, attempt), write.signal))) throw write.signal.reason;
  }
  const looked = describe(lastError ?? "it kept answering that the order does not exist");
  const what = `the outcome of a write on ${ref.symbol} is unknown (${describe(original)}) and ${MAX_LOOKUPS} lookups did not settle it (${looked})`;
  throw outcomeUnknown(ref, what, original);
}

/** A hard bound on the lookups of one order, whatever the window (bounded loops). */
const MAX_LOOKUPS = 30;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
