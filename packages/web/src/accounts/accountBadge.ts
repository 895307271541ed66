/**
 * The small health badge of an account (in the switcher and the "All accounts" summary), from
 * the state of its MEXC connection: live, reconnecting (connecting included) or down (stale
 * included: no event for too long), in the header's status colours. The label is the state's
 * own word.
 */
import type { AccountItem, UpstreamState } from "@mexc-live/contract";

type BadgeLevel = "live" | "reconnecting" | "down";

export interface AccountBadge {
  readonly level: BadgeLevel;
  readonly label: UpstreamState;
}

const LEVEL: Record<UpstreamState, BadgeLevel> = {
  live: "live",
  connecting: "reconnecting",
  reconnecting: "reconnecting",
  stale: "down",
  down: "down",
  refused: "down",
  maintenance: "reconnecting",
};

export function accountBadge(state: UpstreamState): AccountBadge {
  return { level: LEVEL[state], label: state };
}

/**
 * The badge of a listed account: the shown one's from its live health topic when that arrived
 * (fresher than the list), any other's from the list (its health as the stream last said: liveAccounts).
 */
export function listedBadge(
  account: AccountItem,
  shown: string | undefined,
  shownState: UpstreamState | undefined,
): AccountBadge {
  return accountBadge(account.name === shown && shownState !== undefined ? shownState : account.health.upstream.state);
}
