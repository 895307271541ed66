/**
 * How many items a history list's query matches in all (GET /api/fills, /api/orders ... with
 * `limit=1`: the page's `total`), read again like the other live figures (useLiveJson: every
 * minute, and a moment after `version` changes); null until the first answer.
 */
import type { PagedReadName } from "@mexc-live/contract";
import type { QueryValue } from "./http.js";
import { useLiveRead } from "./useLiveJson.js";

/** `name` (a paged read of the API table) undefined: nothing is read (null). */
export function useListTotal(
  name: PagedReadName | undefined,
  query: Readonly<Record<string, QueryValue>>,
  version: unknown,
): number | null {
  const { data } = useLiveRead(name, { ...query, limit: 1 }, version);
  return typeof data?.total === "number" ? data.total : null;
}
