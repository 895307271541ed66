/**
 * IPC between the processes of bench/gateway: run.ts (the conductor: starts everything, reads
 * the gateway's /metrics, prints the report), simHost.ts (the simulator alone on its process) and
 * browsers.ts (every browser WebSocket, so clients never run on the gateway's process). The
 * gateway itself is `mexc-live start`, a child process like a user runs it.
 */
import type { MarketOptions } from "@mexc-live/simulator";
import type { LatencySummary } from "./latency.js";

// conductor -> simulator host
export interface StartSimulator {
  readonly kind: "start";
  readonly seed: number;
  readonly speed: number;
  readonly market?: MarketOptions;
  /** Public trades per second to reach: the simulator's firehose load mode adds them on top of its market. */
  readonly targetTradesPerSecond?: number;
}
export type ToSimulatorHost = StartSimulator | { readonly kind: "count" } | { readonly kind: "stop" };

// simulator host -> conductor
export interface SimulatorReady {
  readonly kind: "ready";
  readonly rest: string;
  readonly ws: string;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly symbols: readonly string[];
  /** Public trades per second measured before answering. */
  readonly tradesPerSecond: number;
}
/** Public trades since the simulator was ready (to compare with what reached the browser). */
export interface TradeCount {
  readonly kind: "count";
  readonly trades: number;
  readonly at: number;
}
export type FromSimulatorHost = SimulatorReady | TradeCount;

// conductor -> browsers
export interface BrowserPhase {
  readonly kind: "phase";
  readonly url: string;
  readonly clients: number;
  readonly topics: readonly string[];
  readonly warmupMs: number;
  readonly windowMs: number;
  /** Latency is recorded on this many clients (all updates of each). */
  readonly latencyClients: number;
}
export type ToBrowsers = BrowserPhase | { readonly kind: "stop" };

export interface BrowserResult {
  readonly clients: number;
  /** Clients still open at the end of the window. */
  readonly open: number;
  /** Topic updates received per client per second, averaged over clients. */
  readonly updatesPerClientPerSecond: number;
  /** WebSocket messages (batches, snapshots, ...) per client per second, averaged over clients. */
  readonly messagesPerClientPerSecond: number;
  /** The most messages one client got in one second of the window. */
  readonly maxMessagesPerClientSecond: number;
  readonly bytesPerClientPerSecond: number;
  readonly latency: LatencySummary;
}

// browsers -> conductor
export type FromBrowsers =
  | { readonly kind: "windowStart" }
  | { readonly kind: "windowEnd" }
  | { readonly kind: "phaseDone"; readonly result: BrowserResult }
  | { readonly kind: "phaseFailed"; readonly message: string };
