/**
 * The simulator's process in bench/gateway (forked by run.ts). With a target rate, the
 * simulator's firehose load mode (packages/simulator/src/market/firehose.ts) prints that many
 * public trades per second at the touch on top of its normal market, which alone prints about
 * ten a second; a match per trade would make the simulator, not the gateway, the bottleneck
 * (BENCHMARKS.md, Simulator). It measures the rate for a moment before answering ready.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { MINUTE_MS } from "@mexc-live/protocol";
import { BUSY_DEMO_TRADER, type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import type { FromSimulatorHost, StartSimulator, ToSimulatorHost } from "./messages.js";

const MEASURE_WINDOW_MS = 2_000;
const MEASURE_SETTLE_MS = 500;
/** Session timers (idle 60 s, ...) run on the sped-up clock; benchmark clients are silent listeners. */
const SESSION_TIMERS_REAL_MS = 10 * MINUTE_MS;

let simulator: RunningSimulator | undefined;
let tradesSinceReady = 0;

function send(message: FromSimulatorHost): void {
  process.send?.(message);
}

async function tradesPerSecond(sim: RunningSimulator): Promise<number> {
  await sleep(MEASURE_SETTLE_MS);
  let trades = 0;
  const stop = sim.exchange.onEvent((event) => {
    if (event.kind === "publicTrade") trades++;
  });
  const started = Date.now();
  await sleep(MEASURE_WINDOW_MS);
  stop();
  return trades / ((Date.now() - started) / 1000);
}

async function start(message: StartSimulator): Promise<void> {
  const sessionTimersMs = SESSION_TIMERS_REAL_MS * message.speed;
  const target = message.targetTradesPerSecond;
  const sim = await startSimulator({
    port: 0,
    seed: message.seed,
    speed: message.speed,
    admin: true,
    demoTrader: true,
    // A busy demo trader (an action every few seconds), as the recorded runs had.
    market: {
      ...BUSY_DEMO_TRADER,
      ...message.market,
      ...(target === undefined ? {} : { firehoseTradesPerSecond: target }),
    },
    ws: {
      noSubscriptionTimeoutMs: sessionTimersMs,
      idleTimeoutMs: sessionTimersMs,
      maxConnectionAgeMs: sessionTimersMs,
    },
  });
  simulator = sim;
  const rate = await tradesPerSecond(sim);
  console.error(`simHost: ${rate.toFixed(0)} public trades/s (target ${target ?? "none"})`);
  sim.exchange.onEvent((event) => {
    if (event.kind === "publicTrade") tradesSinceReady++;
  });
  send({
    kind: "ready",
    rest: sim.rest,
    ws: sim.ws,
    apiKey: sim.apiKey,
    secretKey: sim.secretKey,
    // Public sockets may subscribe every pair but the Assessment Zone ones (docs/mexc/undocumented.md#fills-and-keys item 11.29).
    symbols: [...sim.exchange.symbols.values()]
      .filter((config) => !config.assessmentZone)
      .map((config) => config.symbol),
    tradesPerSecond: rate,
  });
}

process.on("message", (message: ToSimulatorHost) => {
  if (message.kind === "start") {
    start(message).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  } else if (message.kind === "count") {
    send({ kind: "count", trades: tradesSinceReady, at: Date.now() });
  } else {
    void (simulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));
