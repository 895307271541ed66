/**
 * Every error the gateway raises, coded, in one place: GATEWAY_ERRORS holds each code's class and
 * what it means to the outside (an HTTP status for the API, a WebSocket close code for /stream,
 * an exit code for `mexc-live start` and `mexc-live import`); docs/errors.md is generated from
 * it. Every class here has the shape of every mexc-live error (protocol's MexcLiveError: `code`,
 * `class`, `message`, `status`). Messages name the parameter, field or setting that was wrong and
 * never hold a token, key or stack. API bodies are `{"error": CODE, "message": "..."}`.
 */

import type { ClientErrorCode } from "@mexc-live/contract";
import { type ErrorTable, MexcLiveError } from "@mexc-live/protocol";

/** WebSocket close codes of /stream. */
export const CLOSE_CODES = {
  /** A browser message that breaks the contract (StreamMessageError): that socket only. */
  POLICY_VIOLATION: 1008,
  /** The gateway is shutting down. */
  GOING_AWAY: 1001,
  /** Anything else (details are logged). */
  INTERNAL_ERROR: 1011,
} as const;

/** The HTTP API's codes: each has a status. */
export type HttpErrorCode =
  | "BAD_REQUEST"
  | "ACCOUNT_REQUIRED"
  | "ANSWER_TOO_LARGE"
  | "UNAUTHORIZED"
  | "FORBIDDEN_ORIGIN"
  | "FORBIDDEN_HOST"
  | "NOT_FOUND"
  | "RULE_FROM_CONFIG"
  | "IMPORT_RUNNING"
  | "EXPORT_RUNNING"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_WRONG_TOKENS"
  | "TOO_MANY_CLIENTS"
  | "TOO_MANY_CONNECTIONS"
  | "CLOSING"
  | "NOT_ON_WEB_INSTANCE"
  | "INTERNAL"
  | "COLLECTOR_FAILED";

/**
 * The store's codes. None is retryable: each means the caller passed something wrong (a cursor
 * that is not one of ours, an event with a malformed field) and must not retry as is. The HTTP
 * layer answers BAD_CURSOR and BAD_QUERY with 400; the ingest logs BAD_EVENT and drops the event
 * (corrupt data is worse than no data). SCHEMA_TOO_OLD / SCHEMA_TOO_NEW: a file opened read-only
 * (openRawFramesReader) whose schema is not the one read; only the gateway migrates.
 */
export type StoreErrorCode = "BAD_CURSOR" | "BAD_QUERY" | "BAD_EVENT" | "CLOSED" | "SCHEMA_TOO_OLD" | "SCHEMA_TOO_NEW";

export type GatewayErrorCode =
  | HttpErrorCode
  | Exclude<ClientErrorCode, "UNAUTHORIZED">
  | StoreErrorCode
  | "CONFIG_INVALID"
  | "STARTUP_FAILED"
  | "IMPORT_INVALID"
  | "IMPORT_STOPPED"
  | "BAD_ROW";

const POLICY = CLOSE_CODES.POLICY_VIOLATION;

export const GATEWAY_ERRORS: ErrorTable<GatewayErrorCode> = {
  // ---------------------------------------------------------------- HTTP API
  BAD_REQUEST: { class: "not_retryable", status: 400, when: "a query parameter or body field is missing or malformed" },
  ACCOUNT_REQUIRED: {
    class: "not_retryable",
    status: 400,
    when: "a write without ?account= where several accounts are",
  },
  ANSWER_TOO_LARGE: {
    class: "not_retryable",
    status: 400,
    when: "a web instance's history answer would pass what Redis carries (MAX_HISTORY_REPLY_BYTES); narrow the range",
  },
  UNAUTHORIZED: {
    class: "not_retryable",
    status: 401,
    when: "the token is required and missing or wrong (on /stream: the login ended, close 1008)",
  },
  FORBIDDEN_ORIGIN: {
    class: "not_retryable",
    status: 403,
    when: "a browser request from an origin that is not allowed",
  },
  FORBIDDEN_HOST: {
    class: "not_retryable",
    status: 403,
    when: "a Host that is not loopback while no token is required",
  },
  NOT_FOUND: { class: "not_retryable", status: 404, when: "no such route or file" },
  RULE_FROM_CONFIG: {
    class: "not_retryable",
    status: 409,
    when: "an alert rule of the config file removed from the API (edit the file; muting works)",
  },
  IMPORT_RUNNING: {
    class: "retryable",
    status: 409,
    when: "an import to this account is still running; send the next one when it is done",
  },
  EXPORT_RUNNING: {
    class: "retryable",
    status: 409,
    when: "an export (CSV) of this account is still running; ask again when it ends (http/routes/exportSlots.ts)",
  },
  PAYLOAD_TOO_LARGE: { class: "not_retryable", status: 413, when: "a request body over the limit" },
  UNSUPPORTED_MEDIA_TYPE: { class: "not_retryable", status: 415, when: "a body that is not JSON (or a login form)" },
  TOO_MANY_WRONG_TOKENS: {
    class: "retryable",
    status: 429,
    when: "this address sent too many wrong tokens lately; see Retry-After (security/failedTokenLimit.ts)",
  },
  TOO_MANY_CLIENTS: { class: "retryable", status: 503, when: "the stream connection limit is reached" },
  TOO_MANY_CONNECTIONS: {
    class: "retryable",
    status: 429,
    when: "this address holds MAX_CONNECTIONS_PER_ADDRESS streams",
  },
  CLOSING: { class: "retryable", status: 503, when: "the gateway is shutting down" },
  NOT_ON_WEB_INSTANCE: {
    class: "not_retryable",
    status: 503,
    when: "a write to the account's history sent to a `--role web` instance (it has no database): send it to the collector",
  },
  INTERNAL: { class: "retryable", status: 500, when: "anything else (details are logged, not returned)" },
  COLLECTOR_FAILED: {
    class: "retryable",
    status: 502,
    when: "a web instance's collector failed a history query (details in the collector's log)",
  },
  // ---------------------------------------------------------------- /stream messages
  BAD_MESSAGE: {
    class: "not_retryable",
    closeCode: POLICY,
    when: "a browser message on /stream that is not JSON, not a known message, binary, or too many per second",
  },
  UNKNOWN_TOPIC: {
    class: "not_retryable",
    closeCode: POLICY,
    when: "a subscription to a topic the contract does not know (a topic of a market not served is an error message only)",
  },
  TOO_MANY_TOPICS: { class: "not_retryable", closeCode: POLICY, when: "more topics than one connection may hold" },
  // ---------------------------------------------------------------- start-up
  CONFIG_INVALID: {
    class: "fatal",
    exitCode: 2,
    when: "a bad setting (flag, environment variable, config file): one line naming it as the user wrote it",
  },
  STARTUP_FAILED: {
    class: "fatal",
    exitCode: 1,
    when: "the gateway cannot start with these settings (database in use, a folder cannot be made, Redis unreachable)",
  },
  // ---------------------------------------------------------------- store
  BAD_CURSOR: {
    class: "not_retryable",
    status: 400,
    when: "a cursor this gateway did not issue (or it restarted since)",
  },
  BAD_QUERY: { class: "not_retryable", status: 400, when: "a history query the store cannot run as asked" },
  BAD_EVENT: { class: "not_retryable", when: "an event with a malformed field: logged and dropped by the ingest" },
  CLOSED: { class: "not_retryable", when: "the store was used after it was closed" },
  SCHEMA_TOO_OLD: {
    class: "fatal",
    exitCode: 1,
    when: "a database opened read-only whose schema is older than this version reads (start the gateway once to migrate)",
  },
  SCHEMA_TOO_NEW: {
    class: "fatal",
    exitCode: 1,
    when: "a database opened read-only whose schema is newer than this version reads",
  },
  // ---------------------------------------------------------------- imports
  IMPORT_INVALID: {
    class: "not_retryable",
    status: 400,
    exitCode: 1,
    when: "an imported file that is not a MEXC export this version reads, or has rows that cannot be read (nothing imported)",
  },
  IMPORT_STOPPED: {
    class: "retryable",
    status: 503,
    when: "the gateway shut down during an import: the rows stored so far are kept; import the file again (answered as CLOSING)",
  },
  BAD_ROW: {
    class: "not_retryable",
    when: "a row of an imported file that cannot be read (collected as a problem of IMPORT_INVALID, by line)",
  },
};

// ------------------------------------------------------------------------------ HTTP API

export class HttpError extends MexcLiveError<HttpErrorCode> {
  override readonly name = "HttpError";
  declare readonly status: number;
  constructor(code: HttpErrorCode, message: string) {
    super(GATEWAY_ERRORS, code, message);
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

/**
 * A browser message on /stream that breaks the contract (bad JSON, unknown topic, too many
 * topics, too fast): answered with an `error` message carrying the code, then CLOSE_CODES.POLICY_VIOLATION.
 */
export class StreamMessageError extends MexcLiveError<Exclude<ClientErrorCode, "UNAUTHORIZED">> {
  override readonly name = "StreamMessageError";
  readonly closeCode = CLOSE_CODES.POLICY_VIOLATION;
  constructor(code: Exclude<ClientErrorCode, "UNAUTHORIZED">, message: string) {
    super(GATEWAY_ERRORS, code, message);
  }
}

// ------------------------------------------------------------------------------ settings

/** A bad setting: one line that names the setting as the user wrote it; `mexc-live start` exits 2. */
export class SettingsError extends MexcLiveError<"CONFIG_INVALID"> {
  override readonly name = "SettingsError";
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(GATEWAY_ERRORS, "CONFIG_INVALID", message, options);
  }
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof SettingsError;
}

/**
 * The gateway could not start with these settings (the database is in use by another gateway, a
 * folder cannot be made, Redis cannot be reached): one line, `mexc-live start` exits 1.
 */
export class StartupError extends MexcLiveError<"STARTUP_FAILED"> {
  override readonly name = "StartupError";
  readonly exitCode = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(GATEWAY_ERRORS, "STARTUP_FAILED", message, options);
  }
}

// ------------------------------------------------------------------------------ store

/** The store's errors (StoreErrorCode says what each means). */
export class StoreError extends MexcLiveError<StoreErrorCode> {
  override readonly name = "StoreError";
  constructor(code: StoreErrorCode, message: string) {
    super(GATEWAY_ERRORS, code, message);
  }
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}

/** A query was given a cursor it did not issue; the API answers 400 naming `cursor`. */
export class InvalidCursorError extends MexcLiveError<"BAD_CURSOR"> {
  override readonly name = "InvalidCursorError";
  constructor(message: string) {
    super(GATEWAY_ERRORS, "BAD_CURSOR", message);
  }
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
export class ImportError extends MexcLiveError<"IMPORT_INVALID"> {
  override readonly name = "ImportError";
  constructor(
    message: string,
    readonly problems: readonly ImportProblem[],
  ) {
    super(GATEWAY_ERRORS, "IMPORT_INVALID", message);
  }
}

/** The import was stopped (the gateway is shutting down) during pass 2: `stored` rows are kept. */
export class ImportStopped extends MexcLiveError<"IMPORT_STOPPED"> {
  override readonly name = "ImportStopped";
  constructor(
    readonly stored: number,
    readonly rows: number,
  ) {
    super(
      GATEWAY_ERRORS,
      "IMPORT_STOPPED",
      `the import stopped after storing ${stored} of ${rows} rows; import the file again to add the rest`,
    );
  }
}

/** A row of an imported file that cannot be read; its message names the column. */
export class RowError extends MexcLiveError<"BAD_ROW"> {
  override readonly name = "RowError";
  constructor(message: string) {
    super(GATEWAY_ERRORS, "BAD_ROW", message);
  }
}
