/**
 * IPC messages between the three processes of bench/simulator: run.ts (the conductor, idle
 * while measuring), simulatorHost.ts (the simulator alone on its process) and subscribers.ts
 * (every WebSocket client, so the clients never steal the simulator's core).
 */
import type { MarketOptions } from "@mexc-live/simulator";
import type { PhaseResult } from "./subscriberPhase.js";

// conductor -> simulator host
export interface StartSimulator {
  readonly kind: "start";
  readonly seed: number;
  readonly speed: number;
  readonly market?: MarketOptions;
}
export interface TakeSnapshot {
  readonly kind: "snapshot";
  readonly at: "start" | "end";
}
/** Either child: close everything and exit. */
export interface Stop {
  readonly kind: "stop";
}
export type ToSimulatorHost = StartSimulator | TakeSnapshot | Stop;

// simulator host -> conductor
export interface SimulatorReady {
  readonly kind: "ready";
  readonly ws: string;
  readonly symbols: readonly string[];
}
/** The simulator process as seen from inside, at one instant. */
export interface SimulatorSnapshot {
  readonly kind: "snapshot";
  readonly at: "start" | "end";
  /** performance.now() of the simulator process. */
  readonly wallMs: number;
  /** process.cpuUsage(): user + system, µs since process start. */
  readonly cpuUs: number;
  /** Time its JavaScript thread was ready to run but had no core (Linux only, else null). */
  readonly runQueueWaitMs: number | null;
  readonly rssBytes: number;
  /** webSocket.stats(): binary data frames sent since start, and their bytes. */
  readonly framesSent: number;
  readonly bytesSent: number;
  readonly connections: number;
}
export type FromSimulatorHost = SimulatorReady | SimulatorSnapshot;

// conductor -> subscribers
export interface RunPhase {
  readonly kind: "phase";
  readonly url: string;
  readonly channels: readonly string[];
  readonly sockets: number;
  readonly warmupMs: number;
  readonly windowMs: number;
}
export type ToSubscribers = RunPhase | Stop;

// subscribers -> conductor
export interface WindowStarted {
  readonly kind: "windowStart";
}
export interface WindowEnded {
  readonly kind: "windowEnd";
}
export interface PhaseDone {
  readonly kind: "phaseDone";
  readonly result: PhaseResult;
}
export interface PhaseFailed {
  readonly kind: "phaseFailed";
  readonly message: string;
}
export type FromSubscribers = WindowStarted | WindowEnded | PhaseDone | PhaseFailed;
