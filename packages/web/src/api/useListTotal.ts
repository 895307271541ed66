/**
 * How many items a history list's query matches in all (GET /api/fills, /api/orders ... with
 * `limit=1`: the page's `total`), read again like the other live figures (useLiveJson: every
 * minute, and a moment after `version` changes); null until the first answer.
 */
import type { Page } from "@mexc-live/contract";
import type { QueryValue } from "./http.js";
import { useLiveJson } from "./useLiveJson.js";

/** `path` undefined: nothing is read (null). */
export function useListTotal(
  path: string | undefined,
  query: Readonly<Record<string, QueryValue>>,
  version: unknown,
): number | null {
  const { data } = useLiveJson<Page<unknown>>(path, { ...query, limit: 1 }, version);
  return typeof data?.total === "number" ? data.total : null;
}
