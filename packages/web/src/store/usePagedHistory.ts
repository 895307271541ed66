/**
 * Scrolling back through history the store does not hold: pages of GET /api/fills or
 * /api/orders, newest first, following `nextCursor` until it is null. One request at a time;
 * a failed page can be retried by scrolling again. A page marked partial (a `--role web`
 * gateway whose collector is not answering serves only its recent snapshots) is shown as such.
 * `reset` starts again from the newest page, or from a given cursor (null: nothing older is left);
 * an answer to a request sent before it is dropped, and so is one that arrives after the
 * component went away (another account is shown: its pages must not reach the store). `total` is
 * how many items the query matches in all, as the newest page answered said (null before one).
 */
import { HISTORY_HEADER, PARTIAL_HISTORY, type Page, type PagedReadName, READS } from "@mexc-live/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { getJsonWithHeaders, type QueryValue } from "../api/http.js";

export type HistoryState = "idle" | "loading" | "done" | "partial" | "error";

/** After a partial page, scrolling asks again at most this often (each ask may wait out the gateway's timeout). */
export const PARTIAL_RETRY_MS = 10_000;

export function usePagedHistory<T>(
  read: PagedReadName,
  query: Readonly<Record<string, QueryValue>>,
  add: (items: readonly T[]) => void,
): {
  loadMore: () => void;
  reset: (from?: string | null) => void;
  state: HistoryState;
  total: number | null;
  setTotal: (total: number | null) => void;
} {
  const [state, setState] = useState<HistoryState>("idle");
  const [total, setTotal] = useState<number | null>(null);
  const cursor = useRef<string | null | undefined>(undefined);
  const busy = useRef(false);
  const partialAt = useRef<number | undefined>(undefined);
  const generation = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const loadMore = useCallback(() => {
    if (busy.current || cursor.current === null) return;
    if (partialAt.current !== undefined && Date.now() - partialAt.current < PARTIAL_RETRY_MS) return;
    busy.current = true;
    const sent = generation.current;
    setState("loading");
    getJsonWithHeaders<Page<T>>(READS[read].path, { ...queryRef.current, cursor: cursor.current })
      .then(({ body: page, headers }) => {
        if (sent !== generation.current || !mounted.current) return;
        const next = page.nextCursor ?? null;
        const partial = headers.get(HISTORY_HEADER) === PARTIAL_HISTORY;
        partialAt.current = partial ? Date.now() : undefined;
        // A partial page ends nothing: scrolling again asks the gateway again.
        cursor.current = partial && next === null ? cursor.current : next;
        add(page.items);
        if (typeof page.total === "number") setTotal(page.total);
        setState(partial ? "partial" : next === null ? "done" : "idle");
      })
      .catch(() => {
        if (sent === generation.current) setState("error");
      })
      .finally(() => {
        if (sent === generation.current) busy.current = false;
      });
  }, [read, add]);

  const reset = useCallback((from?: string | null) => {
    generation.current++;
    cursor.current = from;
    busy.current = false;
    partialAt.current = undefined;
    setState(from === null ? "done" : "idle");
  }, []);

  return { loadMore, reset, state, total, setTotal };
}
