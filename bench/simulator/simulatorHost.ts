/**
 * The simulator's process in bench/simulator (forked by run.ts): starts one simulator on
 * 127.0.0.1 when told, and answers snapshots of its own CPU, memory, time spent waiting for a
 * core (other processes on a shared machine) and WebSocket counters, so the simulator is measured from inside, alone on its process.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { MINUTE_MS } from "@mexc-live/protocol";
import { BUSY_DEMO_TRADER, type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import type { FromSimulatorHost, SimulatorSnapshot, StartSimulator, ToSimulatorHost } from "./messages.js";

/**
 * Real ms the session timers (no subscription 30 s, idle 60 s, 24 h age) are pushed out to: they
 * run on the sped-up clock, and at --speed 1000 MEXC's 60 s idle rule would cut a silent
 * subscriber after 60 real ms. Benchmark subscribers only listen.
 */
const SESSION_TIMERS_REAL_MS = 10 * MINUTE_MS;

let simulator: RunningSimulator | undefined;

function send(message: FromSimulatorHost): void {
  process.send?.(message);
}

async function start(message: StartSimulator): Promise<void> {
  const sessionTimersMs = SESSION_TIMERS_REAL_MS * message.speed;
  simulator = await startSimulator({
    port: 0,
    seed: message.seed,
    speed: message.speed,
    demoTrader: true,
    // A busy demo trader (an action every few seconds), as the recorded runs had.
    market: { ...BUSY_DEMO_TRADER, ...message.market },
    ws: {
      noSubscriptionTimeoutMs: sessionTimersMs,
      idleTimeoutMs: sessionTimersMs,
      maxConnectionAgeMs: sessionTimersMs,
    },
  });
  send({
    kind: "ready",
    ws: simulator.ws,
    // Public sockets may subscribe every pair but the Assessment Zone ones (docs/mexc/undocumented.md#fills-and-keys item 11.29).
    symbols: [...simulator.exchange.symbols.values()]
      .filter((config) => !config.assessmentZone)
      .map((config) => config.symbol),
  });
}

/**
 * ms the main (JavaScript) thread spent runnable but waiting for a core since it started, from
 * Linux's /proc/self/schedstat ("run ns, wait ns, timeslices"); null where there is none.
 */
function runQueueWaitMs(): number | null {
  try {
    const waitNs = readFileSync("/proc/self/schedstat", "utf8").split(" ")[1];
    return waitNs === undefined ? null : Number(waitNs) / 1e6;
  } catch {
    return null;
  }
}

function snapshot(at: SimulatorSnapshot["at"]): SimulatorSnapshot {
  if (!simulator) throw new Error("snapshot before start");
  const cpu = process.cpuUsage();
  const stats = simulator.webSocket.stats();
  return {
    kind: "snapshot",
    at,
    wallMs: performance.now(),
    cpuUs: cpu.user + cpu.system,
    runQueueWaitMs: runQueueWaitMs(),
    rssBytes: process.memoryUsage.rss(),
    framesSent: stats.framesSent,
    bytesSent: stats.bytesSent,
    connections: stats.connections,
  };
}

process.on("message", (message: ToSimulatorHost) => {
  switch (message.kind) {
    case "start":
      start(message).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
      return;
    case "snapshot":
      send(snapshot(message.at));
      return;
    case "stop":
      void (simulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
      return;
  }
});

/** The conductor went away: nothing left to measure. */
process.on("disconnect", () => process.exit(0));
