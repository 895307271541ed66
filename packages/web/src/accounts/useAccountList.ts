/**
 * The gateway's accounts with their health and latest equity, and all of them added up
 * (GET /api/accounts), read on mount and every ACCOUNTS_REFRESH_MS, so the switcher's badges
 * and the "All accounts" summary follow each account. A gateway that answers its first read
 * with an error (404: older than several accounts) is taken as having only its default
 * account: an empty list. No answer at all (or 401, until the login) is "failed" and read
 * again. A later failed read keeps the last list, and the time it was read.
 */
import type { AccountItem, AccountsAnswer } from "@mexc-live/contract";
import { useEffect, useState } from "react";
import { getJson } from "../api/http.js";
import { ApiError } from "../errors.js";

/** The accounts' health badges and equity are read again this often. */
export const ACCOUNTS_REFRESH_MS = 10_000;
export const ACCOUNTS_PATH = "/api/accounts";

export type AccountsTotal = AccountsAnswer["total"];

export interface AccountList {
  /** "loading" until the first answer; "failed" while the gateway has never answered. */
  readonly status: "loading" | "listed" | "failed";
  /** The default account first; empty before the first answer or on a gateway without the route. */
  readonly items: readonly AccountItem[];
  /** The accounts' latest equity added up by the gateway; null until it listed them. */
  readonly total: AccountsTotal | null;
  /** When the list shown was read (ms since epoch); null until it was. */
  readonly readAt: number | null;
}

const LOADING: AccountList = { status: "loading", items: [], total: null, readAt: null };
const EMPTY: AccountList = { status: "listed", items: [], total: null, readAt: null };
const FAILED: AccountList = { status: "failed", items: [], total: null, readAt: null };

export function useAccountList(): AccountList {
  const [list, setList] = useState<AccountList>(LOADING);
  useEffect(() => {
    const controller = new AbortController();
    const read = () => {
      getJson<AccountsAnswer>(ACCOUNTS_PATH, {}, controller.signal)
        .then((answer) => setList({ status: "listed", items: answer.items, total: answer.total, readAt: Date.now() }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          const answered = error instanceof ApiError && error.status !== 401;
          setList((held) => (held.status === "listed" ? held : answered ? EMPTY : FAILED));
        });
    };
    read();
    const timer = setInterval(read, ACCOUNTS_REFRESH_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, []);
  return list;
}
