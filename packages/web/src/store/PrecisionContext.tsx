/**
 * The places each pair's prices and quantities and each asset's amounts are shown in: MEXC's,
 * read once from GET /api/precisions (the gateway's exchangeInfo) when the dashboard opens and
 * again every PRECISIONS_REREAD_MS, as the gateway re-reads exchangeInfo. Until it is read, or for
 * a pair or asset it does not name, a figure is rounded for reading as before (tables/amounts.tsx).
 */

import type { DisplayPrecisions } from "@mexc-live/contract";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { getRead } from "../api/http.js";

/** The gateway re-reads exchangeInfo hourly (its EXCHANGE_INFO_REREAD_MS); the page follows at that pace. */
const PRECISIONS_REREAD_MS = 60 * 60_000;

/** Places shown at most: the gateway's bound (figures/displayPrecision.ts MAX_DISPLAY_DECIMALS), checked again here. */
const MAX_PLACES = 18;

const NONE: DisplayPrecisions = { assets: {}, symbols: {} };
const PrecisionContext = createContext<DisplayPrecisions>(NONE);

export function PrecisionProvider({ children }: { children: ReactNode }) {
  const [precisions, setPrecisions] = useState<DisplayPrecisions>(NONE);
  useEffect(() => {
    const stop = new AbortController();
    const read = () =>
      getRead("precisions", {}, stop.signal).then(
        (answer) => setPrecisions(readPrecisions(answer.body)),
        () => {}, // not read (a gateway without the route, a lost connection): rounded for reading
      );
    void read();
    const timer = setInterval(() => void read(), PRECISIONS_REREAD_MS);
    return () => {
      clearInterval(timer);
      stop.abort();
    };
  }, []);
  return <PrecisionContext.Provider value={precisions}>{children}</PrecisionContext.Provider>;
}

/**
 * The answer as the page uses it: anything not shaped as DisplayPrecisions (an older gateway's
 * page, a proxy's error) is no precisions at all, never a page that cannot render.
 */
function readPrecisions(answer: unknown): DisplayPrecisions {
  const { assets, symbols } = (answer ?? {}) as Partial<Record<keyof DisplayPrecisions, unknown>>;
  const isMap = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  return isMap(assets) && isMap(symbols) ? (answer as DisplayPrecisions) : NONE;
}

/** A place count as the page can use it: a whole number in 0..MAX_PLACES, else undefined. */
function placesOr(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_PLACES ? value : undefined;
}

/** The places an amount of `asset` is shown in; undefined when not known. */
export function useAssetPlaces(asset: string | undefined): number | undefined {
  const { assets } = useContext(PrecisionContext);
  return asset === undefined || !Object.hasOwn(assets, asset) ? undefined : placesOr(assets[asset]);
}

/** The places of `symbol`'s prices or quantities; undefined when not known. */
export function usePairPlaces(symbol: string, of: "price" | "quantity"): number | undefined {
  const { symbols } = useContext(PrecisionContext);
  return Object.hasOwn(symbols, symbol) ? placesOr(symbols[symbol]?.[of]) : undefined;
}
