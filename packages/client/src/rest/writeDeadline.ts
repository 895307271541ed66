/**
 * One deadline over a whole write (placeOrder, cancelOrder): its clock read, its wait in the rate
 * budget, its attempt, and the order lookups that settle a lost reply (orderOutcome.ts). When it
 * passes the write ends with what is known: not sent (TIMEOUT, retryable: nothing reached MEXC),
 * or sent and unsettled (OUTCOME_UNKNOWN, naming the order and how to look it up).
 *
 * Why one deadline: each step had its own bound, and they multiplied. Issue 54: with a 1 s request
 * timeout against a MEXC that accepted connections and said nothing, a write took 56 s to report
 * OUTCOME_UNKNOWN on Node 22: a clock read (five attempts, 8 s), the POST (1 s), then one order
 * lookup of 47 s, never stopped by the lookups' window (checked only between lookups): each of its
 * five attempts was preceded by another five-attempt clock read, the failed one having left the
 * clock stale (30 of the 36 requests were GET /api/v3/time; serverClock.ts no longer does that).
 * On Node 20 it never ended (the request timeout did not fire: restClient.ts). WRITE_DEADLINE_MS
 * bounds all of it.
 */
import { isMexcApiError, startDeadline } from "@mexc-live/protocol";
import { REST_PATHS } from "@mexc-live/protocol/rest";
import { ClientError } from "../errors.js";

/** The order a write is about: what a caller looks it up by. */
export interface WrittenOrder {
  readonly symbol: string;
  readonly orderId?: string;
  readonly clientOrderId?: string;
}

/** A write under way, as its steps tell it to the deadline. */
export interface WriteUnderWay {
  /** Aborts when the deadline passes: every step stops waiting. */
  readonly signal: AbortSignal;
  /** The write left for MEXC (its attempt was sent): it may have run. */
  sent: boolean;
  /** The failure that left the outcome open, then the last lookup's. */
  lastError: unknown;
}

/** `run` within `deadlineMs`; past it, the error that says what is known of the write (above). */
export async function withinWriteDeadline<T>(
  write: { readonly method: "POST" | "DELETE"; readonly order: WrittenOrder },
  deadlineMs: number,
  run: (underWay: WriteUnderWay) => Promise<T>,
): Promise<T> {
  const deadline = startDeadline(deadlineMs);
  const underWay: WriteUnderWay = { signal: deadline.signal, sent: false, lastError: undefined };
  try {
    return await run(underWay);
  } catch (error) {
    // MEXC's own answer, even one that came as the deadline passed, is the truth.
    if (!deadline.expired || isMexcApiError(error)) throw error;
    const what = `${write.method} ${REST_PATHS.order} for ${write.order.symbol}`;
    const within = `within its write deadline of ${deadlineMs} ms (writeDeadlineMs)`;
    if (!underWay.sent) {
      const state = write.method === "POST" ? "not placed" : "not canceled";
      throw new ClientError("TIMEOUT", `${what} was not sent ${within}: ${state}, safe to try again`, { cause: error });
    }
    const why = describe(underWay.lastError ?? error);
    throw outcomeUnknown(write.order, `${what}: no answer settled it ${within} (${why})`, underWay.lastError);
  } finally {
    deadline.clear();
  }
}

/** OUTCOME_UNKNOWN: `what` happened to the write, and how the caller finds out whether the order exists. */
export function outcomeUnknown(order: WrittenOrder, what: string, cause: unknown): ClientError {
  return new ClientError(
    "OUTCOME_UNKNOWN",
    `${what}; the order may or may not exist: look it up with ${lookUp(order)}, or watch the user stream's order updates`,
    { cause },
  );
}

/** GET /api/v3/order for the order, and the client call that sends it. */
function lookUp(order: WrittenOrder): string {
  const { symbol, orderId, clientOrderId } = order;
  const [param, value, field] =
    clientOrderId !== undefined
      ? ["origClientOrderId", clientOrderId, "clientOrderId"]
      : ["orderId", orderId ?? "", "orderId"];
  const query = `symbol=${encodeURIComponent(symbol)}&${param}=${encodeURIComponent(value)}`;
  return `GET ${REST_PATHS.order}?${query} (client.getOrder({ symbol: "${symbol}", ${field}: "${value}" }))`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
