/**
 * What the header says about the data's freshness, from the store and the current time. The
 * dashboard is honest about staleness: while the browser's own connection to the gateway is
 * down, everything shown is stale, whatever the gateway last said about MEXC. The state itself
 * is the shown account's one state (live/accountState.ts), the same the badges and dots show.
 */
import type { Health, UpstreamReason, UpstreamReasonKind } from "@mexc-live/contract";
import { type AccountState, accountState, gatewayLink } from "../live/accountState.js";
import type { LiveState } from "../store/liveState.js";
import { describeHistory, type HistoryView } from "./historyProgress.js";
import { describeMaintenance, type MaintenanceView } from "./maintenanceView.js";

export interface HealthView {
  readonly mode: "DEMO" | "LIVE" | null;
  /** The shown account's one state: its label, tone and sentence. */
  readonly state: AccountState;
  /** One line saying why, for the status tooltip. */
  readonly detail: string;
  /**
   * ms since the last event from MEXC, ticking; null when there is none to tell of: no health
   * yet (connecting), MEXC refuses the key or its edge blocks the machine, or the gateway never
   * had one.
   */
  readonly sinceLastEventMs: number | null;
  /** Age of MEXC's listen key, ticking; null when none is known, or the gateway is out of reach (a stopped gateway deleted it). */
  readonly listenKeyAgeMs: number | null;
  /** Exchange time minus gateway time, ms. */
  readonly clockSkewMs: number | null;
  /** The backfill of MEXC's history, as last heard; null when the gateway says nothing about it. */
  readonly history: HistoryView | null;
  /** What MEXC refuses (or that it is under maintenance) and what to do, in words; null when nothing stands in the way. */
  readonly reason: ReasonView | null;
  /**
   * A maintenance MEXC announced, upcoming or ongoing, in words with its times in the page's zone
   * (maintenanceView.ts); null when none. With `reason` of kind "maintenance" both are one line.
   */
  readonly maintenance: MaintenanceView | null;
  /**
   * Stream events the gateway holds back while it reconciles with REST, and why ("3 events wait:
   * reconciling with REST (reconnect)"); null when nothing waits.
   */
  readonly waiting: string | null;
}

interface ReasonView {
  /** Which refusal (the gateway's `reason.kind`). */
  readonly kind: UpstreamReasonKind;
  /** What is wrong, in a few words ("MEXC refuses the API key"). */
  readonly headline: string;
  /** MEXC's own words and code: `Signature for this request is not valid. (MEXC 700002)`. */
  readonly mexc: string;
  /** What to do, one sentence (the gateway's). */
  readonly advice: string;
  /** ms: since when. */
  readonly since: number;
}

/** What each refusal is, as the header says it (the gateway's `reason.kind`). */
const HEADLINE: Record<UpstreamReasonKind, string> = {
  bad_signature: "MEXC refuses the API key: a wrong secret, or a key that expired or was deleted",
  invalid_key: "MEXC does not know this API key",
  ip_not_allowed: "This machine's address is not on the API key's IP whitelist",
  no_permission: "The API key lacks a permission MEXC requires",
  account_restricted: "MEXC has restricted the account",
  maintenance: "MEXC is under maintenance",
  blocked: "MEXC's edge blocks this machine",
};

function reasonView(reason: UpstreamReason | null | undefined): ReasonView | null {
  if (!reason) return null;
  return {
    kind: reason.kind,
    headline: HEADLINE[reason.kind],
    // A block is an edge's HTML page, not a MEXC answer: its message names the HTTP 403 itself.
    mexc: reason.kind === "blocked" ? reason.message : `${reason.message} (MEXC ${reason.code})`,
    advice: reason.advice,
    since: reason.since,
  };
}

/** States in which MEXC sends this account nothing: no "last event" age is shown. */
const NO_EVENTS: ReadonlySet<AccountState["name"]> = new Set(["connecting", "refused", "blocked"]);

export function describeHealth(state: LiveState, now: number): HealthView {
  const health = state.health;
  const elapsed = health ? Math.max(0, now - health.receivedAt) : 0;
  const upstream = health?.value.upstream;
  const mode = health ? health.value.mode : state.hello?.mode;
  const shown = accountState(gatewayLink(state), upstream?.state, upstream?.reason?.kind);
  const sinceLastEventMs =
    upstream && upstream.lastEventAgeMs !== null && !NO_EVENTS.has(shown.name)
      ? upstream.lastEventAgeMs + elapsed
      : null;
  const base = {
    mode: mode === "demo" ? "DEMO" : mode === "live" ? "LIVE" : null,
    state: shown,
    sinceLastEventMs,
    // Not counted on while the gateway is out of reach: a stopped gateway deleted its key.
    listenKeyAgeMs:
      upstream && upstream.listenKeyAgeMs !== null && shown.name !== "gateway lost"
        ? upstream.listenKeyAgeMs + elapsed
        : null,
    clockSkewMs: upstream?.clockSkewMs ?? null,
    history: describeHistory(health?.value.history),
    waiting: upstream?.waiting ? waitingText(upstream.waiting) : null,
  } as const;
  // The gateway's own words about MEXC are current only while the page's socket is open.
  const current = shown.name !== "gateway lost" && shown.name !== "connecting";
  const reason = current ? reasonView(upstream?.reason) : null;
  const maintenance = current ? describeMaintenance(upstream?.maintenance, now) : null;
  const detail = reason ? `${reason.headline}. ${reason.mexc}. ${reason.advice}` : shown.sentence;
  return { ...base, detail, reason, maintenance };
}

/** "2 balance updates wait: the account read of the reconciliation with REST (reconnect)"; an older gateway names no kind. */
function waitingText(waiting: NonNullable<Health["upstream"]["waiting"]>): string {
  const noun = waiting.kind === "balance" ? "balance update" : "event";
  const count = waiting.events === 1 ? `1 ${noun} waits` : `${waiting.events} ${noun}s wait`;
  return `${count}: ${waiting.reason}`;
}
