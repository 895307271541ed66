/**
 * Every error the protocol package raises, in one place. Each has a stable `code` for programs
 * and a message that names the field, channel or endpoint that was wrong, never a key, secret,
 * signature or listen key.
 *
 * - ProtocolError: a frame or a channel name that is not what MEXC sends (the wire layer).
 * - MexcApiError: the error a REST call to MEXC (or the simulator) ends in: MEXC's code and
 *   message, the HTTP status, and what the caller should do about it (docs/mexc/errors.md, docs/mexc/errors.md#the-error-codes); built from an
 *   answer by mexcErrorBody.ts.
 * - DecimalError: a field that should hold a plain decimal string holds something else.
 */
import type { ErrorClass, ErrorKind } from "./errorCodes.js";
import { REDACTED } from "./masking.js";

// ------------------------------------------------------------------------------ wire
export type ProtocolErrorCode =
  | "TRUNCATED" // the frame ends inside a field
  | "MALFORMED" // bytes that are not a valid PushDataV3ApiWrapper
  | "MISSING_CHANNEL" // decoded, but the wrapper has no channel
  | "MISSING_BODY" // decoded, but no body of the oneof is set
  | "ENCODE_FAILED" // encodePush was given something that is not a wrapper
  | "INVALID_CHANNEL" // a channel string or channel spec part is wrong
  | "UNKNOWN_VALUE" // a field the event cannot do without (a fill's side) holds a value MEXC never sent before
  | "BAD_DECIMAL"; // a decimal field holds something that is not a plain decimal string

export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  /** UNKNOWN_VALUE, BAD_DECIMAL: the field, e.g. `privateDeals.tradeType`, and the value it held. */
  readonly field: string | undefined;
  readonly value: string | undefined;

  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    options?: { cause?: unknown; field?: string; value?: string },
  ) {
    super(message, options);
    this.field = options?.field;
    this.value = options?.value;
  }
}

export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}

// ------------------------------------------------------------------------------ REST

/** Longest MEXC message kept; the rest is cut so a misbehaving server cannot flood logs. */
const MAX_MEXC_MESSAGE_CHARS = 200;
/** Runs this long look like keys, listen keys or signatures (64 hex), never like words. */
const KEY_LIKE = /[0-9A-Za-z]{32,}/g;

export interface MexcApiErrorInit {
  /** MEXC's code; undefined when the response carried none (e.g. a WAF page). */
  code: number | undefined;
  httpStatus: number;
  errorClass: ErrorClass;
  /** What it means beyond the request (errorCodes.ts); "request" when not given. */
  kind?: ErrorKind;
  /** MEXC's `msg`; cleaned before it is kept. */
  mexcMessage?: string;
  retryAfterMs?: number | undefined;
}

export class MexcApiError extends Error {
  override readonly name = "MexcApiError";
  readonly code: number | undefined;
  readonly httpStatus: number;
  readonly errorClass: ErrorClass;
  /** What it means beyond this request: a refused key, maintenance, a clock to resync (errorCodes.ts ErrorKind). */
  readonly kind: ErrorKind;
  readonly mexcMessage: string;
  /** From `Retry-After` (seconds on 429/418, docs/mexc/errors.md): wait at least this long before retrying. */
  readonly retryAfterMs: number | undefined;

  constructor(init: MexcApiErrorInit) {
    const mexcMessage = cleanMessage(init.mexcMessage ?? "");
    const head =
      init.code === undefined
        ? `MEXC HTTP ${init.httpStatus} without an error code`
        : `MEXC error ${init.code} (HTTP ${init.httpStatus})`;
    super(mexcMessage === "" ? head : `${head}: ${mexcMessage}`);
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.errorClass = init.errorClass;
    this.kind = init.kind ?? "request";
    this.mexcMessage = mexcMessage;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isMexcApiError(error: unknown): error is MexcApiError {
  return error instanceof MexcApiError;
}

function cleanMessage(text: string): string {
  const safe = text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(KEY_LIKE, REDACTED)
    .trim();
  return safe.length > MAX_MEXC_MESSAGE_CHARS ? `${safe.slice(0, MAX_MEXC_MESSAGE_CHARS)}…` : safe;
}

// ------------------------------------------------------------------------------ decimals

/** A field that should hold a plain decimal string holds something else. */
export class DecimalError extends Error {
  override readonly name = "DecimalError";
  readonly code = "BAD_DECIMAL";
  constructor(
    readonly field: string,
    value: string,
  ) {
    super(`${field} is not a decimal: ${JSON.stringify(value.slice(0, 40))}`);
  }
}
