/**
 * The store's errors, coded. None is retryable: each means the caller passed something wrong
 * (a cursor that is not one of ours, an event with a malformed field) and must not retry as is.
 * The HTTP layer answers BAD_CURSOR and BAD_QUERY with 400; the ingest logs BAD_EVENT and drops
 * the event (corrupt data is worse than no data). SCHEMA_TOO_OLD / SCHEMA_TOO_NEW: a file opened
 * read-only (openRawFramesReader) whose schema is not the one read; only the gateway migrates.
 */
export type StoreErrorCode = "BAD_CURSOR" | "BAD_QUERY" | "BAD_EVENT" | "CLOSED" | "SCHEMA_TOO_OLD" | "SCHEMA_TOO_NEW";

export class StoreError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}
