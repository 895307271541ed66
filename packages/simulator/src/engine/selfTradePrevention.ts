/**
 * Self-trade prevention (STP), docs/mexc/undocumented.md#fills-and-keys item 11.31. MEXC's STP FAQ
 * (https://www.mexc.com/support/articles/17827791526132) and its announcement of 2025-09-11
 * (https://www.mexc.com/announcements/17827791530046): for API orders only, an order sent with
 * `stpMode` is kept from matching an order of the same account, or of an account sharing its
 * `tradeGroupId` (sub-accounts under one main account); CANCEL_TAKER cancels what is left of the
 * taker, CANCEL_MAKER what is left of the resting order (the taker walks on), CANCEL_BOTH both.
 * An order canceled so reads `cancelReason: "stp_cancel"` in REST answers (the 2025 docs' order
 * example); the orders push has no field for it.
 *
 * Modelled here, each [UNCONFIRMED] where the FAQ's text is cut off or silent:
 *   - the taker's mode decides (the FAQ's sentence on a trading group is cut where Binance's FAQ,
 *     which MEXC's follows point by point, says "according to the taker-order's STP mode");
 *   - accounts of different UIDs share a tradeGroupId only once their main account has a strategy
 *     group (issue 41's reading of MEXC's pages): no group is made until one is asked for
 *     (`createTradeGroup`, POST /_sim/tradeGroup); one account's own orders need none;
 *   - `stpMode` "" (the default) is no prevention: the trade happens, flagged isSelfTrade;
 *   - the canceled order ends CANCELED (PARTIALLY_CANCELED when it had fills), as any cancel.
 */
import type { StpMode } from "@mexc-live/protocol";

/** What STP does to one match of a taker against a resting order. */
export type StpAction = "none" | "cancel_maker" | "cancel_taker" | "cancel_both";

export interface TradeGroups {
  /**
   * A main account's strategy group of these accounts: a new tradeGroupId, given to each of them
   * (an account leaves the group it was in). Throws RangeError for fewer than two accounts.
   */
  create(accounts: readonly string[]): number;
  /** The account's tradeGroupId; undefined when it is in none. */
  groupOf(account: string): number | undefined;
}

export function createTradeGroups(): TradeGroups {
  const groups = new Map<string, number>();
  let next = 1;
  return {
    create(accounts) {
      const distinct = [...new Set(accounts)];
      if (distinct.length < 2) throw new RangeError("a strategy group needs at least two accounts");
      const id = next++;
      for (const account of distinct) groups.set(account, id);
      return id;
    },
    groupOf: (account) => groups.get(account),
  };
}

/**
 * What STP does when a taker of `takerAccount` sent with `mode` would match a resting order of
 * `makerAccount`: nothing when the mode is "" or the accounts are neither one nor in one group.
 */
export function stpAction(groups: TradeGroups, mode: StpMode, takerAccount: string, makerAccount: string): StpAction {
  if (mode === "") return "none";
  if (takerAccount !== makerAccount) {
    const group = groups.groupOf(takerAccount);
    if (group === undefined || group !== groups.groupOf(makerAccount)) return "none";
  }
  return mode;
}

/** `cancelReason` of an order STP canceled (REST answers, the 2025 docs' example). */
export const STP_CANCEL_REASON = "stp_cancel";
