/**
 * The unrealized PnL of the "All accounts" summary, live: each account's from its latest equity
 * point (the gateway measures it with the equity, at the same moment and prices), and all
 * accounts' as their sum by the contract's rule (sumUnrealized). So it moves when the equity
 * moves, and the total always equals the rows beside it (docs/figures.md).
 */
import { type AccountItem, sumUnrealized } from "@mexc-live/contract";

export interface LiveUnrealized {
  /** All accounts together: null when one cannot be valued, undefined when one is not known now. */
  readonly total: string | null | undefined;
  /** Each account's, in the order of the accounts given: from its latest equity point. */
  readonly byAccount: ReadonlyMap<string, string | null | undefined>;
}

export function liveUnrealized(accounts: readonly AccountItem[]): LiveUnrealized {
  return {
    total: sumUnrealized(accounts.map((account) => account.equity)),
    byAccount: new Map(accounts.map((account) => [account.name, account.equity?.unrealized])),
  };
}
