/**
 * Every error the client raises itself, in one place (MEXC's own answers are `MexcApiError`
 * from the protocol package, code MEXC_ERROR). Each has the shape of every mexc-live error
 * (protocol's MexcLiveError: `code`, `class`, `message`); the class of each code is in
 * CLIENT_ERRORS, whose rows docs/errors.md lists. Messages name the endpoint, option or field,
 * never a key, secret, signature or listen key.
 */
import { type ErrorClass, type ErrorTable, MexcLiveError } from "@mexc-live/protocol";

export type ClientErrorCode =
  | "NETWORK"
  | "TIMEOUT"
  | "BAD_RESPONSE"
  | "REDIRECT_REFUSED"
  | "ANSWER_TOO_LARGE"
  | "NO_CREDENTIALS"
  | "BAD_OPTION"
  | "ORDER_NOT_PLACED"
  | "CANCEL_NOT_DONE"
  | "OUTCOME_UNKNOWN"
  | "CLOSED"
  | "STREAM_REFUSED"
  | "FELL_BEHIND"
  | "LIVE_TIMEOUT";

export const CLIENT_ERRORS: ErrorTable<ClientErrorCode> = {
  NETWORK: {
    class: "retryable",
    when: "fetch failed (connection refused, reset, DNS); the message names the host:port and the system error code (ECONNREFUSED 127.0.0.1:8900), `cause` holds fetch's error; a call whose connection was never made (refused, unknown host) is not retried within the call, and is retryable even for a write (not sent); another write that failed so is unknown_outcome",
  },
  TIMEOUT: {
    class: "retryable",
    when: "no answer (or not all of it) within the request timeout, the message naming the host:port; a write's is unknown_outcome; a write not sent within its write deadline (writeDeadlineMs) is retryable: not placed or not canceled",
  },
  BAD_RESPONSE: { class: "retryable", when: "an answer that is not the JSON the endpoint returns" },
  REDIRECT_REFUSED: {
    class: "not_retryable",
    when: "a REST answer redirected (HTTP 3XX): never followed, so a key or signature never goes to another host; the message names the host it pointed at",
  },
  ANSWER_TOO_LARGE: {
    class: "not_retryable",
    when: "a REST answer (its Content-Length, or its bytes after gzip/br decoding) passed maxAnswerBytes (8 MiB): cut off unread; a write's is unknown_outcome",
  },
  NO_CREDENTIALS: { class: "fatal", when: "a signed endpoint was called without apiKey/apiSecret" },
  BAD_OPTION: {
    class: "fatal",
    when: "an option or argument out of its range (maxRequestsPerSecond, no channels, an order without an id, a restUrl or wsUrl that is not an http(s) or ws(s) URL with a host)",
  },
  ORDER_NOT_PLACED: {
    class: "retryable",
    when: "a 5XX or lost reply to placeOrder, and the order query says it does not exist: not placed, safe to retry",
  },
  CANCEL_NOT_DONE: {
    class: "retryable",
    when: "a 5XX or lost reply to cancelOrder, and the order query shows it still open: safe to retry",
  },
  OUTCOME_UNKNOWN: {
    class: "unknown_outcome",
    when: "a write's outcome is unknown and querying the order did not settle it within the write deadline (writeDeadlineMs, 40 s); the message says how to look the order up (GET /api/v3/order with its clientOrderId)",
  },
  CLOSED: {
    class: "not_retryable",
    when: "the client, the stream or the listen-key keeper was closed while a call waited",
  },
  STREAM_REFUSED: {
    class: "fatal",
    when: "`user.live()`: MEXC refuses the API key or is under maintenance, so the user stream cannot start",
  },
  FELL_BEHIND: {
    class: "not_retryable",
    when: "`for await` over a stream: more items arrived than its queue holds (maxQueued) before the loop read them; `dropped` says how many were not kept, and the stream is closed",
  },
  LIVE_TIMEOUT: {
    class: "retryable",
    when: "`live({ timeoutMs })`: the stream was not live within the deadline; the message names the last failed try (host, error code)",
  },
};

export class ClientError extends MexcLiveError<ClientErrorCode> {
  override readonly name = "ClientError";

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown; class?: ErrorClass }) {
    super(CLIENT_ERRORS, code, message, options);
  }
}

/** FELL_BEHIND: the loop read every kept item; `dropped` more arrived and were not kept. */
export class FellBehindError extends ClientError {
  readonly dropped: number;
  readonly maxQueued: number;

  constructor(label: string, maxQueued: number, dropped: number) {
    super(
      "FELL_BEHIND",
      `${label}: the loop fell behind; ${dropped} item(s) dropped after ${maxQueued} queued unread (maxQueued), stream closed`,
    );
    this.dropped = dropped;
    this.maxQueued = maxQueued;
  }
}

export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError;
}
