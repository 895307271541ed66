/**
 * Every error the gateway raises, coded, in one place, with what each code means to the outside:
 * an HTTP status (the API), a WebSocket close code (/stream) or an exit code (`mexc-live start`).
 * Messages name the parameter, field or setting that was wrong and never hold a token, key or
 * stack.
 */

import type { ClientErrorCode } from "@mexc-live/contract";

// ------------------------------------------------------------------------------ HTTP API

/**
 * The HTTP API's errors: a stable code, its status, and a message that names the
 * parameter or header that was wrong. Bodies are `{"error": CODE, "message": "..."}`; a message
 * never holds a token, key or stack.
 *
 * | code                   | status | when                                                      |
 * |------------------------|--------|-----------------------------------------------------------|
 * | BAD_REQUEST            | 400    | a query parameter or body field is missing or malformed   |
 * | ACCOUNT_REQUIRED       | 400    | a write without ?account= where several accounts are      |
 * | ANSWER_TOO_LARGE       | 400    | a web instance's history answer would pass what Redis     |
 * |                        |        | carries (MAX_HISTORY_REPLY_BYTES); narrow the range       |
 * | UNAUTHORIZED           | 401    | the token is required and missing or wrong                |
 * | FORBIDDEN_ORIGIN       | 403    | a browser request from an origin that is not allowed      |
 * | FORBIDDEN_HOST         | 403    | a Host that is not loopback while no token is required    |
 * | NOT_FOUND              | 404    | no such route or file                                     |
 * | RULE_FROM_CONFIG       | 409    | an alert rule of the config file removed from the API     |
 * |                        |        | (edit the file; muting works)                             |
 * | IMPORT_RUNNING         | 409    | an import to this account is still running; send the next |
 * |                        |        | one when it is done                                       |
 * | PAYLOAD_TOO_LARGE      | 413    | a request body over the limit                             |
 * | UNSUPPORTED_MEDIA_TYPE | 415    | a body that is not JSON (or a login form)                 |
 * | TOO_MANY_WRONG_TOKENS  | 429    | this address sent too many wrong tokens lately; see       |
 * |                        |        | Retry-After (security/failedTokenLimit.ts)                |
 * | TOO_MANY_CLIENTS       | 503    | the stream connection limit is reached                    |
 * | TOO_MANY_CONNECTIONS   | 429    | this address holds MAX_CONNECTIONS_PER_ADDRESS streams    |
 * | CLOSING                | 503    | the gateway is shutting down                              |
 * | NOT_ON_WEB_INSTANCE    | 503    | a write to the account's history sent to a `--role web`   |
 * |                        |        | instance (it has no database): send it to the collector   |
 * | INTERNAL               | 500    | anything else (details are logged, not returned)          |
 * | COLLECTOR_FAILED       | 502    | a web instance's collector failed a history query         |
 * |                        |        | (details in the collector's log)                          |
 */
export const HTTP_ERRORS = {
  BAD_REQUEST: 400,
  ACCOUNT_REQUIRED: 400,
  ANSWER_TOO_LARGE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_ORIGIN: 403,
  FORBIDDEN_HOST: 403,
  NOT_FOUND: 404,
  RULE_FROM_CONFIG: 409,
  IMPORT_RUNNING: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_WRONG_TOKENS: 429,
  TOO_MANY_CLIENTS: 503,
  TOO_MANY_CONNECTIONS: 429,
  CLOSING: 503,
  NOT_ON_WEB_INSTANCE: 503,
  INTERNAL: 500,
  COLLECTOR_FAILED: 502,
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly statusCode: number;
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.statusCode = HTTP_ERRORS[code];
  }

  toJSON(): { error: HttpErrorCode; message: string } {
    return { error: this.code, message: this.message };
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}

/** Fastify's own errors (body parsing, limits) mapped to ours. */
export function fromFastifyError(error: { code?: string; statusCode?: number; message: string }): HttpError {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError("PAYLOAD_TOO_LARGE", "body: larger than the limit");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HttpError("UNSUPPORTED_MEDIA_TYPE", "content-type: send application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new HttpError("BAD_REQUEST", "body: empty, expected JSON");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new HttpError("BAD_REQUEST", "content-length: does not match the body");
  }
  if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return new HttpError("BAD_REQUEST", "body: not valid JSON");
  }
  if (error.statusCode === 404) return new HttpError("NOT_FOUND", "route: not found");
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpError("BAD_REQUEST", "request: malformed");
  }
  return new HttpError("INTERNAL", "internal error");
}

// ------------------------------------------------------------------------------ /stream messages

/** WebSocket close codes of /stream. */
export const CLOSE_CODES = {
  /** A browser message that breaks the contract (StreamMessageError): that socket only. */
  POLICY_VIOLATION: 1008,
  /** The gateway is shutting down. */
  GOING_AWAY: 1001,
  /** Anything else (details are logged). */
  INTERNAL_ERROR: 1011,
} as const;

/**
 * A browser message on /stream that breaks the contract (bad JSON, unknown topic, too many
 * topics, too fast): answered with an `error` message carrying the code, then CLOSE_CODES.POLICY_VIOLATION.
 */
export class StreamMessageError extends Error {
  override readonly name = "StreamMessageError";
  readonly closeCode = CLOSE_CODES.POLICY_VIOLATION;
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ------------------------------------------------------------------------------ settings

/** A bad setting: one line that names the setting as the user wrote it; `mexc-live start` exits 2. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  readonly exitCode = 2;
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof SettingsError;
}

/**
 * The gateway could not start with these settings (the database is in use by another gateway, a
 * folder cannot be made, Redis cannot be reached): one line, `mexc-live start` exits 1.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
  readonly exitCode = 1;
}

// ------------------------------------------------------------------------------ store

/**
 * The store's errors. None is retryable: each means the caller passed something wrong (a cursor
 * that is not one of ours, an event with a malformed field) and must not retry as is. The HTTP
 * layer answers BAD_CURSOR and BAD_QUERY with 400; the ingest logs BAD_EVENT and drops the event
 * (corrupt data is worse than no data). SCHEMA_TOO_OLD / SCHEMA_TOO_NEW: a file opened read-only
 * (openRawFramesReader) whose schema is not the one read; only the gateway migrates.
 */
export type StoreErrorCode = "BAD_CURSOR" | "BAD_QUERY" | "BAD_EVENT" | "CLOSED" | "SCHEMA_TOO_OLD" | "SCHEMA_TOO_NEW";

export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly retryable = false;
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}

/** A query was given a cursor it did not issue; the API answers 400 naming `cursor`. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
}

// ------------------------------------------------------------------------------ imports

/** A row of an imported file that cannot be read, by its line number in the file. */
export interface ImportProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * An imported file that is not a MEXC export this version reads, or has rows that cannot be
 * read: nothing of it was imported (400 on the API with `problems`; exit 1 from `mexc-live import`).
 */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(
    message: string,
    readonly problems: readonly ImportProblem[],
  ) {
    super(message);
  }
}
