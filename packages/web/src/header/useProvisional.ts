/**
 * Whether the account's figures are provisional, and why, in words to put under them: while its
 * history is still being read from MEXC (health's `history`, not yet complete) an older fill
 * changes them (an older buy changes the cost of what was sold); once it is read, while the
 * gateway still takes in what it stored (health's `figures.updating`: fills being valued at the
 * prices of their time, PnL by asset worked out again) they go on moving for a while.
 */
import type { HistoryProgress } from "@mexc-live/contract";
import { useMemo } from "react";
import { useLive } from "../store/LiveContext.js";
import { describeHistory } from "./historyProgress.js";

/** Under figures worked out while MEXC's history is still being read (older fills change them). */
export const PROVISIONAL_WORDS =
  "Provisional: MEXC's history is still being read, and these figures take in the older fills as they come (an older buy changes the cost of what was sold).";

/** Under figures the gateway is still bringing up to date: what it is doing, from health. */
export function updatingWords(updating: readonly string[]): string {
  return `Updating: ${updating.join("; ")}. These figures move until that is done.`;
}

/** The words to show under the account's figures, or null when they hold everything stored. */
export function useProvisional(): string | null {
  return useLive((s) => {
    const health = s.health?.value;
    const history = describeHistory(health?.history);
    if (history !== null && history.state !== "complete") return PROVISIONAL_WORDS;
    const updating = health?.figures?.updating;
    return Array.isArray(updating) && updating.length > 0 ? updatingWords(updating) : null;
  });
}

/** The span of MEXC's history still being read (the backfill's plan: [from, planned at]). */
export interface HistoryBeingRead {
  readonly from: number;
  readonly to: number;
}

/** The span the account's history is still being read over; null once it is read, or when the gateway says nothing. */
export function useHistoryBeingRead(): HistoryBeingRead | null {
  // Two numbers, not an object: a selector's answer is compared by identity.
  const from = useLive((s) => readingOf(s.health?.value.history)?.from ?? null);
  const to = useLive((s) => readingOf(s.health?.value.history)?.plannedAt ?? null);
  return useMemo(() => (from === null || to === null ? null : { from, to }), [from, to]);
}

function readingOf(history: HistoryProgress | undefined): HistoryProgress | undefined {
  return history !== undefined && history.state !== "complete" ? history : undefined;
}
