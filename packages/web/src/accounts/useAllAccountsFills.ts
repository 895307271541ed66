/**
 * The newest fills of all accounts together, for the "All accounts" summary: GET /api/fills
 * naming no account (ALL_ACCOUNTS; the gateway merges every account's fills, newest first, each
 * with its `account`), read again whenever the account list is (`readAt`, every
 * ACCOUNTS_REFRESH_MS): with the summary, not live per fill. A failed read keeps the last fills.
 */
import type { FillItem, Page } from "@mexc-live/contract";
import { useMemo } from "react";
import { ALL_ACCOUNTS, getJson } from "../api/http.js";
import { useSummaryRead } from "./useSummaryRead.js";

/** Fills the summary lists: a glance, not a history (the account's own table has that). */
const ALL_ACCOUNTS_FILLS = 10;
const FILLS_PATH = "/api/fills";

export interface LatestFills {
  /** Newest first, each with its `account`; null until first read. */
  readonly items: readonly FillItem[] | null;
  /** The last read failed (the items shown, if any, are older). */
  readonly failed: boolean;
}

async function readFills(_readAt: number, signal: AbortSignal): Promise<readonly FillItem[]> {
  return (await getJson<Page<FillItem>>(FILLS_PATH, { limit: ALL_ACCOUNTS_FILLS }, signal, ALL_ACCOUNTS)).items;
}

/** Read when `readAt` (the account list's last read) changes; nothing while it is null. */
export function useAllAccountsFills(readAt: number | null): LatestFills {
  const { value, failed } = useSummaryRead(readAt, readFills);
  return useMemo(() => ({ items: value, failed }), [value, failed]);
}
