/**
 * A history list the browser holds itself (GET /api/ledger, /api/transfers; the live store does
 * not carry them): the first page on mount and whenever the query changes, older pages as the
 * user scrolls (usePagedHistory), and the newest page again when `version` changes (the balances
 * topic moved: a new ledger entry or transfer follows a balance change) at most every
 * HISTORY_REFRESH_MS. A refresh is caused only by `version`, never by its own answer, so it
 * cannot run in a loop.
 */
import { type Page, type PagedReadName, READS } from "@mexc-live/contract";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { getJson, type QueryValue } from "../api/http.js";
import { useReadLifetime } from "../api/useReadLifetime.js";
import {
  HISTORY_PAGE_SIZE,
  HISTORY_REFRESH_MS,
  HISTORY_REFRESH_PAGE_SIZE,
  HISTORY_SETTLE_MS,
  MAX_HISTORY_ROWS,
} from "./limits.js";
import { appendOlderPage, mergeNewestPage } from "./pagedList.js";
import { type HistoryState, usePagedHistory } from "./usePagedHistory.js";

export interface PagedList<T> {
  /** Newest first, one per id. */
  readonly items: readonly T[];
  readonly state: HistoryState | "full";
  /** Loads the next older page (for DataTable's onNearEnd); undefined once MAX_HISTORY_ROWS are held. */
  readonly loadMore: (() => void) | undefined;
  /** Browser time a row arrived with a refresh, for the highlight. */
  readonly arrivedAt: (id: string) => number | undefined;
  /** How many rows the query matches in all, held or not (the newest page's count); null before the first page. */
  readonly total: number | null;
}

/** `idOf` must be stable (a module-level function); `query` is compared by value. */
export function usePagedList<T>(
  read: PagedReadName,
  query: Readonly<Record<string, QueryValue>>,
  idOf: (row: T) => string,
  version: unknown,
): PagedList<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const held = useRef<readonly T[]>([]);
  const arrived = useRef<ReadonlyMap<string, number>>(new Map());
  const commit = useCallback((next: readonly T[]) => {
    held.current = next;
    setItems(next);
  }, []);

  // A new query object with the same values is the same query: no new first page.
  const queryKey = JSON.stringify(query);
  const pagedQuery = useMemo(() => ({ ...query, limit: HISTORY_PAGE_SIZE }), [queryKey]);
  const addOlder = useCallback(
    (page: readonly T[]) => commit(appendOlderPage(held.current, page, idOf, MAX_HISTORY_ROWS)),
    [commit, idOf],
  );
  const { loadMore, reset, state, total, setTotal } = usePagedHistory<T>(read, pagedQuery, addOlder);

  // The first page, again from the top whenever the query changes; answers to an older query are dropped.
  const generation = useRef(0);
  useEffect(() => {
    generation.current++;
    arrived.current = new Map();
    if (held.current.length > 0) commit([]);
    setTotal(null);
    reset();
    loadMore();
  }, [pagedQuery, commit, reset, loadMore, setTotal]);

  const seen = useRef(version);
  const lastRefresh = useRef(Date.now());
  const { timer, controller } = useReadLifetime();
  const refreshNewest = useRef(() => {});
  refreshNewest.current = () => {
    const sent = generation.current;
    const newestQuery = { ...pagedQuery, limit: HISTORY_REFRESH_PAGE_SIZE };
    getJson<Page<T>>(READS[read].path, newestQuery, controller.current?.signal)
      .then((page) => {
        if (sent !== generation.current) return;
        if (typeof page.total === "number") setTotal(page.total);
        const merged =
          held.current.length === 0
            ? undefined
            : mergeNewestPage(held.current, page.items, page.nextCursor == null, idOf, MAX_HISTORY_ROWS);
        if (merged === undefined) {
          // Nothing held (the first page failed), or more arrived than this page holds: the list
          // starts again from this page, and older pages follow on from it.
          arrived.current = new Map();
          reset(page.nextCursor ?? null);
          commit(page.items);
          return;
        }
        const now = Date.now();
        arrived.current = new Map(merged.added.map((id) => [id, now]));
        commit(merged.items);
      })
      .catch(() => {
        // Kept as it was; the next balance change tries again.
      });
  };

  useEffect(() => {
    if (Object.is(version, seen.current)) return;
    seen.current = version;
    if (timer.current !== undefined) return; // a refresh is already due
    const wait = Math.max(HISTORY_SETTLE_MS, lastRefresh.current + HISTORY_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      lastRefresh.current = Date.now();
      refreshNewest.current();
    }, wait);
  }, [version]);

  const full = items.length >= MAX_HISTORY_ROWS;
  const arrivedAt = useCallback((id: string) => arrived.current.get(id), []);
  return { items, state: full ? "full" : state, loadMore: full ? undefined : loadMore, arrivedAt, total };
}
