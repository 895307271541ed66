/**
 * The one state of an account as the page shows it, derived here and nowhere else: every badge,
 * dot, switcher label and sentence about an account's connection renders from accountState().
 *
 * Inputs: the browser's own socket to the gateway (open, connecting for the first time, or lost
 * since a moment), and what the gateway last said of the account's MEXC connection (its health's
 * upstream state; undefined while that has not come). The socket comes first: while it is lost,
 * nothing the gateway said before is current, so every account is "gateway lost" at once, the
 * moment the browser sees its socket close (never "live" with green dots after the gateway stopped).
 */
import type { UpstreamReasonKind, UpstreamState } from "@mexc-live/contract";
import type { LiveState } from "../store/liveState.js";

/** The browser's socket to the gateway. */
export interface GatewayLink {
  /** open; connecting (never open yet); lost (was open, or refused, and is being retried). */
  readonly socket: "open" | "connecting" | "lost";
  /** Browser time the socket was lost; null unless lost. */
  readonly lostAt: number | null;
}

/** The colour family of a state: the header's status, the account dots and badges. */
type StateTone = "live" | "reconnecting" | "down";

type AccountStateName = UpstreamState | "gateway lost" | "blocked";

export interface AccountState {
  readonly name: AccountStateName;
  readonly tone: StateTone;
  /** The state in a word or two, as badges and the switcher show it. */
  readonly label: string;
  /** One sentence saying what it means for the figures shown. */
  readonly sentence: string;
  /** What happens next or what to do; null when nothing is needed. */
  readonly nextStep: string | null;
}

export function gatewayLink(state: Pick<LiveState, "connection" | "disconnectedAt">): GatewayLink {
  if (state.connection === "open") return { socket: "open", lostAt: null };
  if (state.disconnectedAt !== null) return { socket: "lost", lostAt: state.disconnectedAt };
  return { socket: "connecting", lostAt: null };
}

const GATEWAY_LOST: AccountState = {
  name: "gateway lost",
  tone: "down",
  label: "gateway lost",
  sentence: "Connection to the gateway lost; reconnecting. Figures shown are stale.",
  nextStep: "The page reconnects by itself; if it does not, check that mexc-live is running.",
};

const CONNECTING: AccountState = {
  name: "connecting",
  tone: "reconnecting",
  label: "connecting",
  sentence: "Connecting to the gateway.",
  nextStep: null,
};

const UPSTREAM: Record<UpstreamState, AccountState> = {
  connecting: {
    name: "connecting",
    tone: "reconnecting",
    label: "connecting",
    sentence: "The gateway is connecting to MEXC.",
    nextStep: null,
  },
  live: {
    name: "live",
    tone: "live",
    label: "live",
    sentence: "Receiving live account events from MEXC.",
    nextStep: null,
  },
  reconnecting: {
    name: "reconnecting",
    tone: "reconnecting",
    label: "reconnecting",
    sentence: "The gateway lost its MEXC stream and is reconnecting.",
    nextStep: "The gateway reconnects by itself.",
  },
  stale: {
    name: "stale",
    tone: "down",
    label: "stale",
    sentence: "No event from MEXC for a while; the figures may be out of date.",
    nextStep: "The gateway reconnects by itself.",
  },
  down: {
    name: "down",
    tone: "down",
    label: "down",
    sentence: "The gateway cannot reach MEXC.",
    nextStep: "Check the gateway machine's network; it retries by itself.",
  },
  refused: {
    name: "refused",
    tone: "down",
    label: "API key refused",
    sentence: "MEXC refuses the API key: nothing of this account is live.",
    nextStep: "Check the key and secret in the gateway's settings.",
  },
  maintenance: {
    name: "maintenance",
    tone: "reconnecting",
    label: "MEXC maintenance",
    sentence: "MEXC is under maintenance; the gateway retries by itself.",
    nextStep: null,
  },
};

/** An HTML 403 from the edge in front of MEXC (ccxt/ccxt#15873): the key is not what is refused. */
const BLOCKED: AccountState = {
  name: "blocked",
  tone: "down",
  label: "blocked by MEXC's edge",
  sentence: "MEXC's edge blocks this machine: nothing of this account is live.",
  nextStep: "Run the gateway from another network or address.",
};

/**
 * The state of one account: "gateway lost" while the page's socket is lost, "connecting" before
 * it first opened or before the gateway said anything of the account, else the account's MEXC
 * state as the gateway last said it (a refusal by MEXC's edge is "blocked", not the key).
 */
export function accountState(
  link: GatewayLink,
  upstream: UpstreamState | undefined,
  reason?: UpstreamReasonKind | undefined,
): AccountState {
  if (link.socket === "lost") return GATEWAY_LOST;
  if (link.socket === "connecting" || upstream === undefined) return CONNECTING;
  if (reason === "blocked") return BLOCKED;
  return UPSTREAM[upstream];
}
