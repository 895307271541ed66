/**
 * The gateway's accounts with their health and latest equity, and all of them added up
 * (GET /api/accounts), read on mount and every ACCOUNTS_REFRESH_MS, so the switcher's badges
 * and the "All accounts" summary follow each account. The dashboard shows no account until the
 * list answers (it says which name requests must carry), so until then it is asked again every
 * UNLISTED_RETRY_MS. A gateway that answers 404 (older than several accounts) is taken as having
 * only its default account: an empty list. Any other failure (no answer, 401 until the login, a
 * 5xx) is "failed" and read again: a gateway with several accounts that fails once must not be
 * taken as having one. A later failed read keeps the last list, and the time it was read.
 * A hidden tab (LivePaused) reads nothing, and reads at once when shown if a read fell due.
 */
import type { AccountItem, AccountsAnswer } from "@mexc-live/contract";
import { useEffect, useRef, useState } from "react";
import { getJson } from "../api/http.js";
import { ApiError } from "../errors.js";
import { useLivePaused } from "../hooks/livePaused.js";

/** The accounts' health badges and equity are read again this often. */
export const ACCOUNTS_REFRESH_MS = 10_000;
/** Until the gateway first listed its accounts (nothing of an account is shown yet), it is asked this often. */
export const UNLISTED_RETRY_MS = 2_000;
const ACCOUNTS_PATH = "/api/accounts";

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
  // A hidden tab reads nothing; shown again, it reads at once when a read was due meanwhile.
  const paused = useLivePaused();
  const listed = useRef(false);
  const lastRead = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (paused) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const every = () => (listed.current ? ACCOUNTS_REFRESH_MS : UNLISTED_RETRY_MS);
    const read = () => {
      getJson<AccountsAnswer>(ACCOUNTS_PATH, {}, controller.signal)
        .then((answer) => {
          listed.current = true;
          setList({ status: "listed", items: answer.items, total: answer.total, readAt: Date.now() });
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.status === 404) listed.current = true;
          setList((held) => (held.status === "listed" ? held : listed.current ? EMPTY : FAILED));
        })
        .finally(() => {
          if (controller.signal.aborted) return; // hidden meanwhile: read again when shown
          lastRead.current = Date.now();
          timer = setTimeout(read, every());
        });
    };
    const wait = lastRead.current + every() - Date.now();
    if (wait <= 0) read();
    else timer = setTimeout(read, wait);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [paused]);
  return list;
}
