/**
 * The opening positions (GET /api/opening-positions): fetched on mount and whenever `version`
 * changes (the PnL was refreshed: fills or balances moved); `saveCost` PUTs a cost per unit, or
 * null to go back to the market price, and shows the gateway's answer. A failed save
 * rejects with the gateway's message (an ApiError).
 */
import type { OpeningPosition } from "@mexc-live/contract";
import { useCallback, useEffect, useState } from "react";
import { getRead, routePath, sendJson } from "../api/http.js";

export interface OpeningPositions {
  /** null until the first answer. */
  readonly items: readonly OpeningPosition[] | null;
  /** Why the last read failed; null when it did not. */
  readonly loadError: string | null;
  readonly saveCost: (asset: string, costPrice: string | null) => Promise<void>;
}

export function useOpeningPositions(version: unknown): OpeningPositions {
  const [items, setItems] = useState<readonly OpeningPosition[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getRead("openingPositions", {}, controller.signal)
      .then(({ body }) => {
        setItems(body.items);
        setLoadError(null);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [version]);

  const saveCost = useCallback(async (asset: string, costPrice: string | null) => {
    const body = await sendJson<{ items: OpeningPosition[] }>("PUT", routePath("openingCost", { asset }), {
      costPrice,
    });
    setItems(body.items);
  }, []);

  return { items, loadError, saveCost };
}
