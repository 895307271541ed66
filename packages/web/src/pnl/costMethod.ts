/**
 * The cost-basis method the PnL figures follow: average cost or FIFO. The gateway keeps both
 * (switching recomputes nothing); the dashboard asks for the one picked, kept in localStorage.
 * Until the user picks one it asks for none, and the gateway answers with its own default
 * (--cost-basis), which the figures name.
 */
import { COST_METHODS, type CostMethodName } from "@mexc-live/contract";
import { useCallback, useState } from "react";

export const COST_METHOD_STORAGE_KEY = "mexc-live.costBasis";

export const COST_METHOD_LABEL: Readonly<Record<CostMethodName, string>> = {
  avg: "Average cost",
  fifo: "FIFO",
};

/** What the method means, for a tooltip. */
export const COST_METHOD_HINT: Readonly<Record<CostMethodName, string>> = {
  avg: "Each sell is counted at the average cost of everything held",
  fifo: "Each sell is counted at the cost of the oldest units held (first in, first out)",
};

function isCostMethod(value: unknown): value is CostMethodName {
  return (COST_METHODS as readonly unknown[]).includes(value);
}

/** The stored choice; null when none (or storage is unavailable). */
function storedCostMethod(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage) {
  try {
    const value = storage?.getItem(COST_METHOD_STORAGE_KEY);
    return isCostMethod(value) ? value : null;
  } catch {
    return null;
  }
}

/** The picked method (null: the gateway's default) and a setter that remembers the choice. */
export function useCostMethod(): [CostMethodName | null, (method: CostMethodName) => void] {
  const [method, setMethod] = useState<CostMethodName | null>(() => storedCostMethod());
  const pick = useCallback((next: CostMethodName) => {
    setMethod(next);
    try {
      localStorage.setItem(COST_METHOD_STORAGE_KEY, next);
    } catch {
      // Private mode, sandboxed frame: the choice holds until the page is left.
    }
  }, []);
  return [method, pick];
}
