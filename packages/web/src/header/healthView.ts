/**
 * What the header says about the data's freshness, from the store and the current time. The
 * dashboard is honest about staleness: while the browser's own connection to the gateway is
 * down, everything shown is stale, whatever the gateway last said about MEXC.
 */
import type { Health, UpstreamReason, UpstreamReasonKind, UpstreamState } from "@mexc-live/contract";
import type { LiveState } from "../store/liveState.js";
import { describeHistory, type HistoryView } from "./historyProgress.js";

type HealthStatus = UpstreamState;

export interface HealthView {
  readonly mode: "DEMO" | "LIVE" | null;
  readonly status: HealthStatus;
  /** One line saying why, for the status tooltip. */
  readonly detail: string;
  /** ms since the last event from MEXC (or from the gateway, before its health arrived); ticking. */
  readonly sinceLastEventMs: number | null;
  readonly listenKeyAgeMs: number | null;
  /** Exchange time minus gateway time, ms. */
  readonly clockSkewMs: number | null;
  /** The backfill of MEXC's history, as last heard; null when the gateway says nothing about it. */
  readonly history: HistoryView | null;
  /** What MEXC refuses (or that it is under maintenance) and what to do, in words; null when nothing stands in the way. */
  readonly reason: ReasonView | null;
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

const UPSTREAM_DETAIL: Record<UpstreamState, string> = {
  connecting: "The gateway is connecting to MEXC.",
  live: "Receiving live account events from MEXC.",
  reconnecting: "The gateway lost its MEXC stream and is reconnecting.",
  stale: "No event from MEXC for a while; the figures may be out of date.",
  down: "The gateway cannot reach MEXC.",
  refused: "MEXC refuses the API key.",
  maintenance: "MEXC is under maintenance; the gateway retries by itself.",
};

export function describeHealth(state: LiveState, now: number): HealthView {
  const health = state.health;
  const elapsed = health ? Math.max(0, now - health.receivedAt) : 0;
  const upstream = health?.value.upstream;
  const mode = health ? health.value.mode : state.hello?.mode;
  const sinceLastEventMs =
    upstream && upstream.lastEventAgeMs !== null
      ? upstream.lastEventAgeMs + elapsed
      : state.lastMessageAt !== null
        ? Math.max(0, now - state.lastMessageAt)
        : null;
  const base = {
    mode: mode === "demo" ? "DEMO" : mode === "live" ? "LIVE" : null,
    sinceLastEventMs,
    listenKeyAgeMs: upstream && upstream.listenKeyAgeMs !== null ? upstream.listenKeyAgeMs + elapsed : null,
    clockSkewMs: upstream?.clockSkewMs ?? null,
    history: describeHistory(health?.value.history),
    reason: null,
    waiting: upstream?.waiting ? waitingText(upstream.waiting) : null,
  } as const;

  if (state.connection !== "open" && state.disconnectedAt !== null) {
    return {
      ...base,
      status: "stale",
      detail: "Connection to the gateway lost; reconnecting. Figures shown are stale.",
    };
  }
  if (state.connection !== "open" || !upstream) {
    return { ...base, status: "connecting", detail: "Connecting to the gateway." };
  }
  const reason = reasonView(upstream.reason);
  const detail = reason ? `${reason.headline}. ${reason.mexc}. ${reason.advice}` : UPSTREAM_DETAIL[upstream.state];
  return { ...base, status: upstream.state, detail, reason };
}

/** "2 balance updates wait: the account read of the reconciliation with REST (reconnect)"; an older gateway names no kind. */
function waitingText(waiting: NonNullable<Health["upstream"]["waiting"]>): string {
  const noun = waiting.kind === "balance" ? "balance update" : "event";
  const count = waiting.events === 1 ? `1 ${noun} waits` : `${waiting.events} ${noun}s wait`;
  return `${count}: ${waiting.reason}`;
}
