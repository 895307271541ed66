/**
 * A write whose reply was lost (5XX, timeout, dropped connection) may or may not have run
 * (mexc-protocol.md §2.4 "5XX ... UNKNOWN"). Before reporting anything, the client asks MEXC:
 * GET /api/v3/order by the clientOrderId it always sends. "Order does not exist" a few times
 * over means not placed; a found order is the truth, whatever the reply said.
 */
import { randomUUID } from "node:crypto";
import type { RestOrder } from "@mexc-live/protocol";
import { isMexcApiError, isOpenStatus, orderStatusFromRest } from "@mexc-live/protocol";
import { sleep } from "../backoff.js";
import { ORDER_OUTCOME_QUERY_ATTEMPTS, ORDER_OUTCOME_QUERY_DELAY_MS } from "../constants.js";
import { ClientError, isClientError } from "../errors.js";
import type { CanceledOrder, OrderRef, PlacedOrder, RestEndpoints } from "./endpoints.js";

/** MEXC: {"msg":"Order does not exist.","code":-2013} (§3.9). */
const ORDER_DOES_NOT_EXIST = -2013;
/** Client order ids the client generates: `ml` + 24 hex digits. */
const CLIENT_ORDER_ID_PREFIX = "ml";

export function newClientOrderId(): string {
  return `${CLIENT_ORDER_ID_PREFIX}${randomUUID().replace(/-/g, "").slice(0, 24)}`;
}

/** True when the write may have run: a 5XX (or a code in the server-error class), a timeout, a lost connection. */
export function isUnknownOutcome(error: unknown): boolean {
  return (isMexcApiError(error) || isClientError(error)) && error.errorClass === "unknownOutcome";
}

export async function resolvePlacement(
  endpoints: RestEndpoints,
  ref: { symbol: string; clientOrderId: string },
  error: unknown,
): Promise<PlacedOrder> {
  if (!isUnknownOutcome(error)) throw error;
  const found = await findOrder(endpoints, { symbol: ref.symbol, clientOrderId: ref.clientOrderId }, error);
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

export async function resolveCancel(endpoints: RestEndpoints, ref: OrderRef, error: unknown): Promise<CanceledOrder> {
  if (!isUnknownOutcome(error)) throw error;
  const found = await findOrder(endpoints, ref, error);
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

/** The order, undefined when MEXC says it does not exist on every try; OUTCOME_UNKNOWN when it cannot tell. */
async function findOrder(endpoints: RestEndpoints, ref: OrderRef, original: unknown): Promise<RestOrder | undefined> {
  let lastError: unknown;
  let notFound = 0;
  for (let attempt = 0; attempt < ORDER_OUTCOME_QUERY_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(ORDER_OUTCOME_QUERY_DELAY_MS);
    try {
      return await endpoints.getOrder(ref);
    } catch (error) {
      if (isMexcApiError(error) && error.code === ORDER_DOES_NOT_EXIST) notFound++;
      else if (isClientError(error) && error.code === "CLOSED") throw error;
      else lastError = error;
    }
  }
  if (notFound === ORDER_OUTCOME_QUERY_ATTEMPTS) return undefined;
  throw new ClientError(
    "OUTCOME_UNKNOWN",
    `the outcome of a write on ${ref.symbol} is unknown (${describe(original)}) and querying the order failed (${describe(lastError)})`,
    { cause: original },
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
