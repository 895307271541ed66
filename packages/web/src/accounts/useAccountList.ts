/**
 * The gateway's accounts with their health and latest equity, and all of them added up
 * (GET /api/accounts), read on mount and again only when asked (`refresh`): when the page's
 * stream connects again (the gateway may have restarted with other accounts) and when the stream
 * names an account the list does not have. What moves in between (each account's equity and
 * health) comes live over the stream (allAccountsFeed), not from a read every few seconds. The
 * dashboard shows no account until the list answers (it says which name requests must carry), so
 * until then it is asked again every UNLISTED_RETRY_MS, and a refresh is never asked more often.
 * A gateway that answers 404 (older than several accounts) is taken as having only its default
 * account: an empty list. Any other failure (no answer, 401 until the login, a 5xx) is "failed"
 * and read again: a gateway with several accounts that fails once must not be taken as having
 * one. A later failed read keeps the last list, and the time it was read. A hidden tab
 * (LivePaused) reads nothing, and reads when shown if a read was asked meanwhile.
 */

import type { AccountItem, AccountsTotal } from "@mexc-live/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { getRead } from "../api/http.js";
import { ApiError } from "../errors.js";
import { useLivePaused } from "../hooks/livePaused.js";

/** Until the gateway first listed its accounts (nothing of an account is shown yet), it is asked this often; a refresh at most this often. */
export const UNLISTED_RETRY_MS = 2_000;

export type { AccountsTotal };

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

/** The list, and `refresh`: read it again (soon: at most every UNLISTED_RETRY_MS). */
export function useAccountList(): readonly [AccountList, () => void] {
  const [list, setList] = useState<AccountList>(LOADING);
  // A hidden tab reads nothing; shown again, it reads when a read was asked meanwhile.
  const paused = useLivePaused();
  const listed = useRef(false);
  const lastRead = useRef(Number.NEGATIVE_INFINITY);
  /** Reads asked for (`refresh`) and made: a read is due while they differ, or until listed. */
  const [asked, setAsked] = useState(0);
  const answered = useRef(-1);
  useEffect(() => {
    if (paused || (listed.current && answered.current === asked)) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      const reading = asked;
      getRead("accounts", {}, controller.signal)
        .then(({ body: answer }) => {
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
          answered.current = reading;
          if (!listed.current) timer = setTimeout(read, UNLISTED_RETRY_MS);
        });
    };
    const wait = lastRead.current + UNLISTED_RETRY_MS - Date.now();
    if (wait <= 0) read();
    else timer = setTimeout(read, wait);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [paused, asked]);
  // Asks before the answer to the last read are one more read, not one each.
  const refresh = useCallback(() => setAsked(answered.current + 1), []);
  return [list, refresh];
}
