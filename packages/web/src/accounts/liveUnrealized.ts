/**
 * The unrealized PnL of the "All accounts" summary: each account's from its latest equity point
 * (the gateway measures it with the equity, at the same moment and prices), live; where that point
 * carries none (a stored point, as on a fresh load or after a switch, or the figures being worked
 * out), the unrealized PnL of the account's period ending now as the summary's PnL read last
 * answered it (GET /api/pnl/periods: the same figure, read after fills), so no "not known yet"
 * stands beside a figure the gateway does know (issue 57 item 6). All accounts' is their sum by
 * the contract's rule (sumUnrealized: none when one is not known or cannot be valued), of the rows
 * as shown, so the total always equals the rows beside it (docs/figures.md).
 */
import { type AccountItem, type EquityPoint, sumUnrealized } from "@mexc-live/contract";
import { sumAsShown } from "../format/decimal.js";

/** An account's unrealized PnL: a figure, null (cannot be valued) or undefined (not known now). */
export type Unrealized = string | null | undefined;

export interface LiveUnrealized {
  /** All accounts together: null when one cannot be valued, undefined when one is not known now. */
  readonly total: Unrealized;
  /** Each account's, in the order of the accounts given. */
  readonly byAccount: ReadonlyMap<string, Unrealized>;
  /** The accounts whose figure is the PnL read's, not their equity point's (it carries none). */
  readonly asRead: ReadonlySet<string>;
}

/** `read`: each account's unrealized PnL as the summary's PnL read answered it (useAllAccountsPnl). */
export function liveUnrealized(
  accounts: readonly AccountItem[],
  read: ReadonlyMap<string, Unrealized> = new Map(),
): LiveUnrealized {
  const asRead = new Set<string>();
  const points = accounts.map((account): EquityPoint | null => {
    const point = account.equity ?? null;
    if (point === null || point.unrealized !== undefined) return point;
    const fromRead = read.get(account.name);
    if (fromRead === undefined) return point;
    asRead.add(account.name);
    return { ...point, unrealized: fromRead };
  });
  const byAccount = new Map(accounts.map((account, index) => [account.name, points[index]?.unrealized]));
  const total = sumUnrealized(points);
  // A figure: the sum of the rows as shown (to the cent), so the total is what a reader adds up.
  return {
    total: typeof total === "string" ? sumAsShown([...byAccount.values()]).value : total,
    byAccount,
    asRead,
  };
}
