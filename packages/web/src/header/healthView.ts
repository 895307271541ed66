/**
 * What the header says about the data's freshness, from the store and the current time. The
 * dashboard is honest about staleness: while the browser's own connection to the gateway is
 * down, everything shown is stale, whatever the gateway last said about MEXC.
 */
import type { UpstreamState } from "@mexc-live/contract";
import type { LiveState } from "../store/liveState.js";
import { describeHistory, type HistoryView } from "./historyProgress.js";

export type HealthStatus = UpstreamState;

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
  const reason = upstream.reason;
  const detail = reason ? `${reason.message} (MEXC ${reason.code}). ${reason.advice}` : UPSTREAM_DETAIL[upstream.state];
  return { ...base, status: upstream.state, detail };
}
