/**
 * The small health badge of an account in the switcher, from the state of its MEXC connection:
 * live, reconnecting (connecting included) or down (stale included: no event for too long), in
 * the header's status colours. The label is the state's own word.
 */
import type { UpstreamState } from "@mexc-live/contract";

export type BadgeLevel = "live" | "reconnecting" | "down";

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
};

export function accountBadge(state: UpstreamState): AccountBadge {
  return { level: LEVEL[state], label: state };
}
