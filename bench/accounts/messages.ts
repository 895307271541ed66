/**
 * IPC between run.ts (the conductor) and simHost.ts (the simulator alone on its process, counting
 * the REST calls it answers). The gateway is `mexc-live start`, a child process of the conductor.
 */
import type { RestCounts } from "./restCounter.js";

// conductor -> simulator host
export interface StartSimulator {
  readonly kind: "start";
  readonly seed: number;
  /** Funded accounts, each with its own demo trader: "demo", then "sub1"... */
  readonly accounts: number;
  readonly historyDays: number;
}
export type ToSimulatorHost = StartSimulator | { readonly kind: "counts" } | { readonly kind: "stop" };

// simulator host -> conductor
export interface SimulatorReady {
  readonly kind: "ready";
  readonly rest: string;
  readonly ws: string;
  readonly accounts: readonly { readonly name: string; readonly apiKey: string; readonly secretKey: string }[];
}
/** WebSocket upgrades the simulator accepted: public (market data) and private (`?listenKey=`, user streams). */
export interface SocketCounts {
  readonly marketOpened: number;
  readonly marketOpen: number;
  readonly userOpened: number;
  readonly userOpen: number;
}
export interface CountsReply {
  readonly kind: "counts";
  readonly counts: RestCounts;
  readonly sockets: SocketCounts;
}
export type FromSimulatorHost = SimulatorReady | CountsReply;
