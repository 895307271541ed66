/**
 * The newest fills of all accounts together, for the "All accounts" summary: GET /api/fills
 * naming no account (ALL_ACCOUNTS; the gateway merges every account's fills, newest first, each
 * with its `account`), read again whenever the account list is (`readAt`, every
 * ACCOUNTS_REFRESH_MS): with the summary, not live per fill. A failed read keeps the last fills.
 */
import type { FillItem, Page } from "@mexc-live/contract";
import { useEffect, useState } from "react";
import { ALL_ACCOUNTS, getJson } from "../api/http.js";

/** Fills the summary lists: a glance, not a history (the account's own table has that). */
export const ALL_ACCOUNTS_FILLS = 10;
export const FILLS_PATH = "/api/fills";

export interface LatestFills {
  /** Newest first, each with its `account`; null until first read. */
  readonly items: readonly FillItem[] | null;
  /** The last read failed (the items shown, if any, are older). */
  readonly failed: boolean;
}

const UNREAD: LatestFills = { items: null, failed: false };

/** Read when `readAt` (the account list's last read) changes; nothing while it is null. */
export function useAllAccountsFills(readAt: number | null): LatestFills {
  const [fills, setFills] = useState<LatestFills>(UNREAD);
  useEffect(() => {
    if (readAt === null) return;
    const controller = new AbortController();
    getJson<Page<FillItem>>(FILLS_PATH, { limit: ALL_ACCOUNTS_FILLS }, controller.signal, ALL_ACCOUNTS)
      .then((page) => setFills({ items: page.items, failed: false }))
      .catch(() => {
        if (!controller.signal.aborted) setFills((held) => ({ items: held.items, failed: true }));
      });
    return () => controller.abort();
  }, [readAt]);
  return fills;
}
