/**
 * Every error the client raises itself, in one place (MEXC's own answers are `MexcApiError`
 * from the protocol package; option mistakes in a constructor are plain RangeErrors). Each has a stable code and the same retryable / not retryable / unknown outcome
 * classes; messages name the endpoint or field, never a key, secret, signature or listen key.
 */
import type { ErrorClass } from "@mexc-live/protocol";

export type ClientErrorCode =
  /** fetch failed (connection refused, reset, DNS): the server may or may not have seen it. */
  | "NETWORK"
  /** No answer within the request timeout. */
  | "TIMEOUT"
  /** The answer was not the JSON the endpoint returns. */
  | "BAD_RESPONSE"
  /** A signed endpoint was called without apiKey/apiSecret. */
  | "NO_CREDENTIALS"
  /** A 5XX or lost reply to placeOrder, and the order query says it does not exist: not placed, safe to retry. */
  | "ORDER_NOT_PLACED"
  /** A 5XX or lost reply to cancelOrder, and the order query shows it still open: not canceled, safe to retry. */
  | "CANCEL_NOT_DONE"
  /** A write's outcome is unknown and querying the order did not settle it either. */
  | "OUTCOME_UNKNOWN"
  /** The client (or this stream, or the listen-key keeper) was closed while the call was waiting. */
  | "CLOSED"
  /** A stream's consumer read more slowly than items arrived and its queue passed its bound. */
  | "CONSUMER_TOO_SLOW";

const CLASS_OF: Readonly<Record<ClientErrorCode, ErrorClass>> = {
  NETWORK: "retryable",
  TIMEOUT: "retryable",
  BAD_RESPONSE: "retryable",
  NO_CREDENTIALS: "notRetryable",
  ORDER_NOT_PLACED: "retryable",
  CANCEL_NOT_DONE: "retryable",
  OUTCOME_UNKNOWN: "unknownOutcome",
  CLOSED: "notRetryable",
  CONSUMER_TOO_SLOW: "notRetryable",
};

export class ClientError extends Error {
  override readonly name = "ClientError";
  readonly errorClass: ErrorClass;

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    options?: { cause?: unknown; errorClass?: ErrorClass },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.errorClass = options?.errorClass ?? CLASS_OF[code];
  }
}

export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError;
}
