/**
 * Every error the protocol package raises, in one place, and the shape every error of every
 * mexc-live package has (MexcLiveError: `code`, `class`, `message`, `status`). Each has a stable `code` for programs
 * and a message that names the field, channel or endpoint that was wrong, never a key, secret,
 * signature or listen key.
 *
 * - ProtocolError: a frame or a channel name that is not what MEXC sends (the wire layer).
 * - MexcApiError: the error a REST call to MEXC (or the simulator) ends in: MEXC's code and
 *   message, the HTTP status, and what the caller should do about it (docs/mexc/errors.md, docs/mexc/errors.md#the-error-codes); built from an
 *   answer by mexcErrorBody.ts.
 * - DecimalError: a field that should hold a plain decimal string holds something else.
 */

import type { ErrorClass } from "./errorClass.js";
import { type ErrorKind, errorCodeInfo } from "./errorCodes.js";
import { REDACTED } from "./masking.js";

// ------------------------------------------------------------------------------ the shape

/** One row of a package's error table: its class and, where it applies, what it means outside. */
export interface ErrorSpec {
  /** "varies": decided per error (MEXC's code, whether the request was a write); see `when`. */
  readonly class: ErrorClass | "varies";
  /** The HTTP status it is answered with (or, for MEXC's answers, arrived with). */
  readonly status?: number;
  /** The WebSocket close code that follows it. */
  readonly closeCode?: number;
  /** The exit code of the command it stops. */
  readonly exitCode?: number;
  /** When it happens, in one line (docs/errors.md is generated from these). */
  readonly when: string;
}

/** A package's error codes, each with its spec: the one home of its classes and statuses. */
export type ErrorTable<Code extends string> = { readonly [C in Code]: ErrorSpec };

/**
 * The shape of every error mexc-live raises, fastify style: a stable `code` from its package's
 * table, the `class` of what to do about it, a message naming the field, endpoint or setting
 * that was wrong (never a key, secret, signature or listen key), and the HTTP `status` where
 * one applies.
 */
export abstract class MexcLiveError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly class: ErrorClass;
  readonly status: number | undefined;

  protected constructor(
    table: ErrorTable<Code>,
    code: Code,
    message: string,
    options?: { cause?: unknown; class?: ErrorClass; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    const spec = table[code];
    this.code = code;
    this.class = options?.class ?? (spec.class === "varies" ? "not_retryable" : spec.class);
    this.status = options?.status ?? spec.status;
  }
}

export function isMexcLiveError(error: unknown): error is MexcLiveError {
  return error instanceof MexcLiveError;
}

// ------------------------------------------------------------------------------ the table

export type ProtocolErrorCode =
  | "TRUNCATED"
  | "MALFORMED"
  | "MISSING_CHANNEL"
  | "MISSING_BODY"
  | "ENCODE_FAILED"
  | "INVALID_CHANNEL"
  | "UNKNOWN_VALUE"
  | "BAD_DECIMAL"
  | "OUT_OF_BOUNDS"
  | "MEXC_ERROR";

/** The protocol package's codes. A frame that failed to decode fails the same way again. */
export const PROTOCOL_ERRORS: ErrorTable<ProtocolErrorCode> = {
  TRUNCATED: { class: "not_retryable", when: "a frame ends inside a field" },
  MALFORMED: { class: "not_retryable", when: "bytes that are not a valid PushDataV3ApiWrapper" },
  MISSING_CHANNEL: { class: "not_retryable", when: "a frame decoded, but its wrapper has no channel" },
  MISSING_BODY: { class: "not_retryable", when: "a frame decoded, but no body of the oneof is set" },
  ENCODE_FAILED: { class: "not_retryable", when: "encodePush was given something that is not a wrapper" },
  INVALID_CHANNEL: { class: "not_retryable", when: "a channel string or channel spec part is wrong" },
  UNKNOWN_VALUE: {
    class: "not_retryable",
    when: "a field an event cannot do without (a fill's side) holds a value MEXC never sent before",
  },
  BAD_DECIMAL: { class: "not_retryable", when: "a decimal field holds something that is not a plain decimal string" },
  OUT_OF_BOUNDS: {
    class: "not_retryable",
    when: "a value MEXC sent is outside what its field allows: too many digits, a sign or zero the field cannot have, a time outside MEXC's window, an asset or symbol that is no name (valueBounds.ts)",
  },
  MEXC_ERROR: {
    class: "varies",
    when: "MEXC (or the simulator) refused a REST call: `mexcCode`, `kind`, `method` and `path` say which and why; class and status from the answer and MEXC's code table (errorCodes.ts)",
  },
};

// ------------------------------------------------------------------------------ wire

export class ProtocolError extends MexcLiveError<ProtocolErrorCode> {
  override readonly name = "ProtocolError";
  /** UNKNOWN_VALUE, BAD_DECIMAL, OUT_OF_BOUNDS: the field, e.g. `privateDeals.tradeType`, and the value it held. */
  readonly field: string | undefined;
  readonly value: string | undefined;
  /** OUT_OF_BOUNDS, BAD_DECIMAL from a bound's check: why, without the value ("negative", "more than 40 digits"). */
  readonly reason: string | undefined;

  constructor(
    code: Exclude<ProtocolErrorCode, "MEXC_ERROR">,
    message: string,
    options?: { cause?: unknown; field?: string; value?: string; reason?: string },
  ) {
    super(PROTOCOL_ERRORS, code, message, options);
    this.field = options?.field;
    this.value = options?.value;
    this.reason = options?.reason;
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
  mexcCode: number | undefined;
  /** The HTTP status of the answer. */
  status: number;
  class: ErrorClass;
  /** What it means beyond the request (errorCodes.ts); "request" when not given. */
  kind?: ErrorKind;
  /** MEXC's `msg`; cleaned before it is kept. */
  mexcMessage?: string;
  retryAfterMs?: number | undefined;
  /** The endpoint called, e.g. "POST" and "/api/v3/order"; a query string is dropped. */
  method?: string | undefined;
  path?: string | undefined;
}

/** MEXC's answer to a REST call that failed: code MEXC_ERROR, with MEXC's own code and words. */
export class MexcApiError extends MexcLiveError<"MEXC_ERROR"> {
  override readonly name = "MexcApiError";
  declare readonly status: number;
  /** MEXC's code, e.g. 30004; undefined when the answer had none (a WAF page, an empty 5XX). */
  readonly mexcCode: number | undefined;
  /** What it means beyond this request: a refused key, maintenance, a clock to resync (errorCodes.ts ErrorKind). */
  readonly kind: ErrorKind;
  readonly mexcMessage: string;
  /** From `Retry-After` (seconds on 429/418, docs/mexc/errors.md): wait at least this long before retrying. */
  readonly retryAfterMs: number | undefined;
  /** The endpoint that answered (method and path, never its query: that holds the signature). */
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(init: MexcApiErrorInit) {
    const mexcMessage = cleanMessage(init.mexcMessage ?? "");
    const path = init.path?.split("?")[0];
    const endpoint = path === undefined ? "" : ` on ${init.method === undefined ? "" : `${init.method} `}${path}`;
    const head =
      init.mexcCode === undefined
        ? `MEXC HTTP ${init.status} without an error code${endpoint}`
        : `MEXC error ${init.mexcCode} (HTTP ${init.status})${endpoint}`;
    // The table's next step for the code (10007: check the key's pairs), so the user reads what to do.
    const nextStep = init.mexcCode === undefined ? undefined : errorCodeInfo(init.mexcCode, mexcMessage)?.nextStep;
    const said = mexcMessage === "" ? head : `${head}: ${mexcMessage}`;
    super(PROTOCOL_ERRORS, "MEXC_ERROR", nextStep === undefined ? said : `${said} (${nextStep})`, {
      class: init.class,
      status: init.status,
    });
    this.mexcCode = init.mexcCode;
    this.kind = init.kind ?? "request";
    this.mexcMessage = mexcMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = path;
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
export class DecimalError extends MexcLiveError<"BAD_DECIMAL"> {
  override readonly name = "DecimalError";
  constructor(
    readonly field: string,
    value: string,
  ) {
    super(PROTOCOL_ERRORS, "BAD_DECIMAL", `${field} is not a decimal: ${JSON.stringify(value.slice(0, 40))}`);
  }
}
