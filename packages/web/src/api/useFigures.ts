/**
 * The derived figures the gateway serves over HTTP only (fees, volume, PnL by symbol): fetched on
 * load and again after new fills, at most every FIGURES_REFRESH_MS (a burst of fills is one
 * refresh), and at once when the cost-basis method changes (PnL by that method; an answer for
 * the previous one is dropped).
 */
import type { CostMethodName, FeeSummary, PnlItem, VolumeItem } from "@mexc-live/contract";
import { useEffect, useRef, useState } from "react";
import { getJson } from "./http.js";

/** Fees, volume and PnL change only with fills; refreshing them more often than this is waste. */
export const FIGURES_REFRESH_MS = 5_000;

export interface Figures {
  readonly fees: FeeSummary | null;
  readonly volume: readonly VolumeItem[];
  readonly pnl: readonly PnlItem[];
}

const EMPTY: Figures = { fees: null, volume: [], pnl: [] };

/**
 * `version` changes whenever something the figures depend on changed (the newest fill id);
 * `method` is the cost basis of the PnL (null: the gateway's default); `tz` the time zone whose
 * days the volume is grouped by (the API's `tz=`: "UTC" or an IANA name; undefined: the gateway's UTC).
 */
export function useFigures(version: string, method: CostMethodName | null = null, tz?: string): Figures {
  const [figures, setFigures] = useState<Figures>(EMPTY);
  const lastFetch = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  const sequence = useRef(0);
  const methodNow = useRef(method);
  methodNow.current = method;
  const tzNow = useRef(tz);
  tzNow.current = tz;

  const fetchNow = useRef(() => {});
  fetchNow.current = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    lastFetch.current = Date.now();
    const sent = ++sequence.current;
    const signal = controller.current?.signal;
    Promise.all([
      getJson<FeeSummary>("/api/fees", {}, signal),
      getJson<{ items: VolumeItem[] }>("/api/volume", { tz: tzNow.current }, signal),
      getJson<{ items: PnlItem[] }>("/api/pnl", { method: methodNow.current }, signal),
    ])
      .then(([fees, volume, pnl]) => {
        if (sent === sequence.current) setFigures({ fees, volume: volume.items, pnl: pnl.items });
      })
      .catch(() => {
        // Kept as they were; the next fill tries again.
      });
  };

  useEffect(() => {
    controller.current = new AbortController();
    return () => {
      clearTimeout(timer.current);
      timer.current = undefined;
      controller.current?.abort();
    };
  }, []);

  useEffect(() => {
    if (timer.current !== undefined) return; // a refresh is already due
    const wait = Math.max(0, lastFetch.current + FIGURES_REFRESH_MS - Date.now());
    timer.current = setTimeout(() => fetchNow.current(), wait);
  }, [version]);

  // Another method or time zone: at once (the first render's fetch is the version's).
  const fetchedFor = useRef(`${method}|${tz}`);
  useEffect(() => {
    if (fetchedFor.current === `${method}|${tz}`) return;
    fetchedFor.current = `${method}|${tz}`;
    fetchNow.current();
  }, [method, tz]);

  return figures;
}
