/**
 * The account the dashboard shows, and switching it. Nothing of an account is shown until the
 * gateway's list answers: with several accounts every request names its account, the default one
 * too (a request without a name reads all accounts together), so the name to send is known only
 * from the list, and a bookmark never flashes another account's figures. On load the account is
 * the one the page's URL names (`?account=sub1`); a name the list does not have falls back to the
 * default account. Switching scopes every request to the account, resets the live store to it
 * (its topics, nothing of the previous one) and writes it into the URL; the dashboard then mounts
 * that account's sections afresh (keyed by `scope`). When a later list changes the name the
 * account shown must be requested with (the gateway restarted with one account more or fewer),
 * requests follow and `scope` changes, so its sections read again; its live topics stay.
 */
import type { AccountItem } from "@mexc-live/contract";
import { useCallback, useEffect, useState } from "react";
import { scopeRequests } from "../api/http.js";
import type { LiveStore } from "../store/liveStore.js";
import {
  type ChosenAccount,
  chooseAccount,
  DEFAULT_ACCOUNT_CHOICE,
  readAccountParam,
  requestAccount,
  withAccountParam,
} from "./accountChoice.js";
import { type AccountsTotal, useAccountList } from "./useAccountList.js";

export interface AccountChoice {
  /** The gateway's accounts as last listed (empty before the first answer). */
  readonly accounts: readonly AccountItem[];
  /** Their latest equity added up by the gateway; null until it listed them. */
  readonly total: AccountsTotal | null;
  /** When the list was read (ms since epoch); null until it was. */
  readonly readAt: number | null;
  /** The account shown; null until the gateway listed its accounts. */
  readonly chosen: ChosenAccount | null;
  /** The name every request carries (requestAccount); undefined: none (one account, or nothing shown yet). */
  readonly scope: string | undefined;
  /** Shows the account of that name (the default one when it is not listed); the one shown: nothing. */
  readonly choose: (name: string) => void;
  /** Reads the account list again (the stream connected again, or named an account the list lacks). */
  readonly refresh: () => void;
}

interface Shown {
  readonly chosen: ChosenAccount;
  readonly scope: string | undefined;
}

export function useAccountChoice(store: LiveStore): AccountChoice {
  const [list, refresh] = useAccountList();
  const [requested] = useState(() => readAccountParam(window.location.search));
  const [shown, setShown] = useState<Shown | null>(null);

  const show = useCallback(
    (next: ChosenAccount, items: readonly AccountItem[]) => {
      const scope = requestAccount(items, next);
      scopeRequests(scope); // every time: a remount in StrictMode has reset it
      const same = shown !== null && shown.chosen.param === next.param ? shown.chosen : null;
      if (same !== null && shown?.scope === scope) return;
      if (same === null) {
        store.switchAccount(next.topicPrefix);
        window.history.replaceState(window.history.state, "", withAccountParam(window.location.href, next.param));
      }
      setShown({ chosen: same ?? next, scope });
    },
    [store, shown],
  );

  useEffect(() => {
    if (list.status !== "listed") return; // a gateway that does not answer yet: ask again at the next read
    if (shown === null) show(chooseAccount(list.items, requested), list.items);
    else if (shown.chosen.param !== undefined && !list.items.some((account) => account.name === shown.chosen.param)) {
      show(DEFAULT_ACCOUNT_CHOICE, list.items); // the account is gone (the gateway restarted without it)
    } else show(shown.chosen, list.items); // the same account, named as the list now asks
  }, [list, shown, requested, show]);

  // A later dashboard (a new login) starts from the URL again.
  useEffect(() => () => scopeRequests(undefined), []);

  const { items, total, readAt } = list;
  const choose = useCallback((name: string) => show(chooseAccount(items, name), items), [items, show]);
  return { accounts: items, total, readAt, chosen: shown?.chosen ?? null, scope: shown?.scope, choose, refresh };
}
