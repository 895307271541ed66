/**
 * The state of a listed account (in the switcher and the "All accounts" summary), as the one
 * derivation of account states says it (live/accountState.ts): the page's socket to the gateway
 * first (lost: every account is "gateway lost"), then the account's MEXC connection.
 */
import type { AccountItem, UpstreamState } from "@mexc-live/contract";
import { type AccountState, accountState, type GatewayLink } from "../live/accountState.js";

/**
 * The state of a listed account: the shown one's from its live health topic when that arrived
 * (fresher than the list), any other's from the list (its health as the stream last said: liveAccounts).
 */
export function listedState(
  account: AccountItem,
  link: GatewayLink,
  shown: string | undefined,
  shownState: UpstreamState | undefined,
): AccountState {
  const upstream = account.health.upstream;
  const state = account.name === shown && shownState !== undefined ? shownState : upstream.state;
  return accountState(link, state, upstream.reason?.kind);
}
