/**
 * The derived figures the gateway serves over HTTP only (fees, volume, PnL): fetched on load and
 * again after new fills, at most every FIGURES_REFRESH_MS (a burst of fills is one refresh).
 */
import type { FeeSummary, PnlItem, VolumeItem } from "@mexc-live/contract";
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

/** `version` changes whenever something the figures depend on changed (the newest fill id). */
export function useFigures(version: string): Figures {
  const [figures, setFigures] = useState<Figures>(EMPTY);
  const lastFetch = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);

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
    timer.current = setTimeout(() => {
      timer.current = undefined;
      lastFetch.current = Date.now();
      const signal = controller.current?.signal;
      Promise.all([
        getJson<FeeSummary>("/api/fees", {}, signal),
        getJson<{ items: VolumeItem[] }>("/api/volume", {}, signal),
        getJson<{ items: PnlItem[] }>("/api/pnl", {}, signal),
      ])
        .then(([fees, volume, pnl]) => setFigures({ fees, volume: volume.items, pnl: pnl.items }))
        .catch(() => {
          // Kept as they were; the next fill tries again.
        });
    }, wait);
  }, [version]);

  return figures;
}
