/**
 * The open orders of all accounts together, for the "All accounts" summary: GET
 * /api/orders?status=open naming no account (ALL_ACCOUNTS; the gateway merges every account's,
 * newest first, each with its `account`), read with the account list (every
 * ACCOUNTS_REFRESH_MS), not live. A failed read keeps the last orders.
 */
import type { OrderItem, Page } from "@mexc-live/contract";
import { useMemo } from "react";
import { ALL_ACCOUNTS, getJson } from "../api/http.js";
import { useSummaryRead } from "./useSummaryRead.js";

/** Open orders the summary lists: a glance (each account's own orders table has them all). */
const ALL_ACCOUNTS_ORDERS = 20;
const ORDERS_PATH = "/api/orders";

export interface OpenOrders {
  /** Newest first, each with its `account`; null until first read. */
  readonly items: readonly OrderItem[] | null;
  /** The last read failed (the items shown, if any, are older). */
  readonly failed: boolean;
}

async function readOpenOrders(_readAt: number, signal: AbortSignal): Promise<readonly OrderItem[]> {
  const query = { status: "open", limit: ALL_ACCOUNTS_ORDERS };
  return (await getJson<Page<OrderItem>>(ORDERS_PATH, query, signal, ALL_ACCOUNTS)).items;
}

/** Read when `readAt` (the account list's last read) changes; nothing while it is null. */
export function useAllAccountsOrders(readAt: number | null): OpenOrders {
  const { value, failed } = useSummaryRead(readAt, readOpenOrders);
  return useMemo(() => ({ items: value, failed }), [value, failed]);
}
