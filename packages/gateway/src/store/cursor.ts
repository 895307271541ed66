/**
 * Opaque page cursors: the sort key of the last row served (time, then id), base64url JSON.
 * Keyset paging: a page is "rows strictly after this key", so rows with equal times are neither
 * skipped nor repeated, and rows inserted meanwhile never shift a page.
 */
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "@mexc-live/contract";
import { StoreError } from "../errors.js";

export interface CursorKey {
  readonly time: number;
  readonly id: string;
}

// The largest page: the API's (contract http.ts), re-exported for the store's readers.
export { MAX_PAGE_LIMIT };

const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.time, key.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): CursorKey {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [time, id] = parsed as unknown[];
  if (typeof time !== "number" || !Number.isSafeInteger(time) || typeof id !== "string") throw badCursor();
  return { time, id };
}

/** The limit to use: the default when absent; at most MAX_PAGE_LIMIT; a non-positive one is an error. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new StoreError("BAD_QUERY", `limit must be a positive integer`);
  return Math.min(limit, MAX_PAGE_LIMIT);
}

function badCursor(): StoreError {
  return new StoreError("BAD_CURSOR", "cursor is not one this server returned");
}
