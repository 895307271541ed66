/**
 * The account the dashboard shows, and switching it. On load it is the one the page's URL
 * names (`?account=sub1`), looked up in the gateway's list first: until the list answers
 * nothing of an account is shown (a bookmark never flashes another account's figures), and a
 * name it does not list falls back to the default account. Switching scopes every request to
 * the account, resets the live store to it (its topics, nothing of the previous one) and
 * writes it into the URL; the dashboard then mounts that account's sections afresh.
 */
import type { AccountItem } from "@mexc-live/contract";
import { useCallback, useEffect, useState } from "react";
import { scopeRequests } from "../api/http.js";
import type { LiveStore } from "../store/liveStore.js";
import {
  type ChosenAccount,
  chooseAccount,
  DEFAULT_ACCOUNT,
  readAccountParam,
  withAccountParam,
} from "./accountChoice.js";
import { type AccountsTotal, useAccountList } from "./useAccountList.js";

export interface AccountChoice {
  /** The gateway's accounts as last listed (empty before the first answer). */
  readonly accounts: readonly AccountItem[];
  /** Their latest equity added up by the gateway; null until it listed them. */
  readonly total: AccountsTotal | null;
  /** When the list was last read (ms since epoch); null until it was. */
  readonly readAt: number | null;
  /** The account shown; null while the one the URL names is being looked up. */
  readonly chosen: ChosenAccount | null;
  /** Shows the account of that name (the default one when it is not listed). */
  readonly choose: (name: string) => void;
}

export function useAccountChoice(store: LiveStore): AccountChoice {
  const list = useAccountList();
  const [requested] = useState(() => readAccountParam(window.location.search));
  const [chosen, setChosen] = useState<ChosenAccount | null>(() => (requested === undefined ? DEFAULT_ACCOUNT : null));

  const show = useCallback(
    (next: ChosenAccount) => {
      scopeRequests(next.param);
      store.switchAccount(next.topicPrefix);
      window.history.replaceState(window.history.state, "", withAccountParam(window.location.href, next.param));
      setChosen(next);
    },
    [store],
  );

  useEffect(() => {
    if (list.status !== "listed") return; // a gateway that does not answer yet: ask again at the next read
    if (chosen === null) show(chooseAccount(list.items, requested));
    else if (chosen.param !== undefined && !list.items.some((account) => account.name === chosen.param)) {
      show(DEFAULT_ACCOUNT); // the account is gone (the gateway restarted without it)
    }
  }, [list, chosen, requested, show]);

  // A later dashboard (a new login) starts from the URL again.
  useEffect(() => () => scopeRequests(undefined), []);

  const { items, total, readAt } = list;
  const choose = useCallback((name: string) => show(chooseAccount(items, name)), [items, show]);
  return { accounts: items, total, readAt, chosen, choose };
}
