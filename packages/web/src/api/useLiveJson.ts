/**
 * A JSON figure the gateway serves over HTTP only and that moves with the account (PnL by
 * period, performance over a range): fetched when the query changes, every LIVE_REFRESH_MS, and
 * a moment after `version` changes (the figures moved), when readSchedule.ts says (one rule for
 * every panel, so panels shown together read the same figures version). A time
 * in the query may be relative to now (`msAgo(span)`), worked out at each fetch, so a refresh
 * moves a "last 24 h" window with the clock. An answer to an older query is dropped.
 */

import { type HttpAnswer, READS, type ReadName, type ReadParamName } from "@mexc-live/contract";
import { MINUTE_MS } from "@mexc-live/protocol";
import { useEffect, useRef, useState } from "react";
import { figuresVersionOf } from "./figuresVersion.js";
import { getJsonWithHeaders, type QueryValue, readQuery } from "./http.js";
import { movedReadAt } from "./readSchedule.js";
import { useReadLifetime } from "./useReadLifetime.js";

/** Figures that move with prices are read again this often even when nothing happened. */
export const LIVE_REFRESH_MS = MINUTE_MS;
export { LIVE_MIN_GAP_MS, LIVE_SETTLE_MS } from "./readSchedule.js";

/** A time `ms` before the moment of the fetch. */
export interface MsAgo {
  readonly msAgo: number;
}

export function msAgo(ms: number): MsAgo {
  return { msAgo: ms };
}

export type LiveQuery = Readonly<Record<string, QueryValue | MsAgo>>;

/** The query as sent at `now`: relative times become ms since epoch. */
function resolveQuery(query: LiveQuery, now: number): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) {
    out[key] = typeof value === "object" && value !== null ? now - value.msAgo : value;
  }
  return out;
}

export interface LiveJson<T> {
  /** The newest answer; while a new query is on its way, the answer to the previous one. */
  readonly data: T | null;
  /** Why the last read failed; null when it did not. */
  readonly error: string | null;
  /** The figures version `data` was computed at (figuresVersion.ts); null: none sent; undefined: not read yet. */
  readonly figuresVersion?: number | null;
}

/** `query` is compared by value; `path` undefined: nothing is fetched (not ready yet). */
export function useLiveJson<T>(path: string | undefined, query: LiveQuery, version: unknown): LiveJson<T> {
  const [state, setState] = useState<LiveJson<T>>({ data: null, error: null });
  const key = path === undefined ? "" : `${path}#${JSON.stringify(query)}`;
  const request = useRef({ path, query });
  request.current = { path, query };
  const sequence = useRef(0);
  /** When the last read for a moved version went out (the minute's refresh does not count). */
  const lastMovedFetch = useRef(Number.NEGATIVE_INFINITY);
  const { timer: due, controller } = useReadLifetime();
  /** The read on its way. */
  const reading = useRef<AbortController | undefined>(undefined);

  const fetchNow = useRef(() => {});
  fetchNow.current = () => {
    const { path: url, query: q } = request.current;
    if (url === undefined) return;
    clearTimeout(due.current);
    due.current = undefined;
    const sent = ++sequence.current;
    // The read before, if still on its way, would be dropped: it goes, and with it its connection
    // and its turn among the figure reads (http.ts FIGURE_READS_IN_FLIGHT).
    reading.current?.abort();
    const lifetime = controller.current?.signal;
    if (lifetime?.aborted) return;
    const read = new AbortController();
    reading.current = read;
    const gone = () => read.abort();
    lifetime?.addEventListener("abort", gone, { once: true });
    getJsonWithHeaders<T>(url, resolveQuery(q, Date.now()), read.signal)
      .then(({ body, headers }) => {
        if (sent === sequence.current) setState({ data: body, error: null, figuresVersion: figuresVersionOf(headers) });
      })
      .catch((error: unknown) => {
        if (sent !== sequence.current || read.signal.aborted) return;
        setState((current) => ({ ...current, error: error instanceof Error ? error.message : String(error) }));
      })
      .finally(() => lifetime?.removeEventListener("abort", gone));
  };

  // A new query: at once, then every LIVE_REFRESH_MS.
  useEffect(() => {
    if (key === "") return;
    fetchNow.current();
    const timer = setInterval(() => fetchNow.current(), LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [key]);

  // The account moved: once, soon, however many fills arrived.
  const seen = useRef(version);
  useEffect(() => {
    if (Object.is(version, seen.current)) return;
    seen.current = version;
    if (due.current !== undefined) return;
    const wait = movedReadAt(Date.now(), lastMovedFetch.current) - Date.now();
    due.current = setTimeout(() => {
      lastMovedFetch.current = Date.now();
      fetchNow.current();
    }, wait);
  }, [version]);

  return state;
}

/** A live read's query: only the parameters its row takes (of several reads: those all of them take), a time ago allowed. */
export type LiveReadQuery<K extends ReadName> = Readonly<Partial<Record<ReadParamName<K>, QueryValue | MsAgo>>>;

/** useLiveJson of a read of the API table (contract READS), by name; `name` undefined: nothing is fetched. */
export function useLiveRead<K extends ReadName>(
  name: K | undefined,
  query: LiveReadQuery<K>,
  version: unknown,
): LiveJson<HttpAnswer<K>> {
  const path = name === undefined ? undefined : READS[name].path;
  return useLiveJson<HttpAnswer<K>>(
    path,
    name === undefined ? (query as LiveQuery) : (readQuery(name, query) as LiveQuery),
    version,
  );
}
