/**
 * The simulator's process in bench/gateway (forked by run.ts). With a target rate it tunes the
 * taker flow: start, count public trades for TUNE_WINDOW_MS, restart with the interval scaled by
 * how far off it was, at most TUNE_ATTEMPTS times (on a saturated machine it keeps the fastest).
 */
import { type MarketOptions, type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import type { FromSimulatorHost, StartSimulator, ToSimulatorHost } from "./messages.js";

const TUNE_ATTEMPTS = 4;
const TUNE_WINDOW_MS = 2_000;
const TUNE_SETTLE_MS = 500;
/** Close enough to the target. */
const TUNE_TOLERANCE = 0.15;
/** The default pace's public trades per second with 9 symbols and a 20 ms taker interval, as a first guess. */
const TRADES_PER_SECOND_AT_20MS = 550;
/** Session timers (idle 60 s, ...) run on the sped-up clock; benchmark clients are silent listeners. */
const SESSION_TIMERS_REAL_MS = 10 * 60_000;

let simulator: RunningSimulator | undefined;
let tradesSinceReady = 0;

function send(message: FromSimulatorHost): void {
  process.send?.(message);
}

async function open(message: StartSimulator, market: MarketOptions | undefined): Promise<RunningSimulator> {
  const sessionTimersMs = SESSION_TIMERS_REAL_MS * message.speed;
  return startSimulator({
    port: 0,
    seed: message.seed,
    speed: message.speed,
    admin: true,
    demoTrader: true,
    market,
    ws: {
      noSubscriptionTimeoutMs: sessionTimersMs,
      idleTimeoutMs: sessionTimersMs,
      maxConnectionAgeMs: sessionTimersMs,
    },
  });
}

async function tradesPerSecond(sim: RunningSimulator): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, TUNE_SETTLE_MS));
  let trades = 0;
  const stop = sim.exchange.onEvent((event) => {
    if (event.kind === "publicTrade") trades++;
  });
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, TUNE_WINDOW_MS));
  stop();
  return trades / ((Date.now() - started) / 1000);
}

async function start(message: StartSimulator): Promise<void> {
  const target = message.targetTradesPerSecond;
  let taker = message.market?.takerIntervalMs ?? (target ? (20 * TRADES_PER_SECOND_AT_20MS) / target : undefined);
  let best: { taker: number | undefined; rate: number } = { taker, rate: 0 };
  for (let attempt = 0; attempt < TUNE_ATTEMPTS; attempt++) {
    const market =
      taker === undefined
        ? message.market
        : { ...message.market, takerIntervalMs: taker, makerRequoteMs: Math.min(400, taker * 20) };
    simulator = await open(message, market);
    if (target === undefined || taker === undefined) break;
    const rate = await tradesPerSecond(simulator);
    console.error(`simHost: taker every ${taker.toFixed(3)} ms -> ${rate.toFixed(0)} trades/s (target ${target})`);
    if (rate > best.rate) best = { taker, rate };
    const done = Math.abs(rate / target - 1) <= TUNE_TOLERANCE;
    const saturated = attempt > 0 && rate < best.rate * 1.05 && rate < target;
    if (done || attempt === TUNE_ATTEMPTS - 1 || saturated) {
      if (!done && best.taker !== taker) {
        await simulator.close();
        taker = best.taker;
        simulator = await open(message, {
          ...message.market,
          takerIntervalMs: taker,
          makerRequoteMs: Math.min(400, taker! * 20),
        });
      }
      break;
    }
    await simulator.close();
    taker = Math.max(0.05, (taker * rate) / target);
  }
  const sim = simulator!;
  sim.exchange.onEvent((event) => {
    if (event.kind === "publicTrade") tradesSinceReady++;
  });
  send({
    kind: "ready",
    rest: sim.rest,
    ws: sim.ws,
    apiKey: sim.apiKey,
    secretKey: sim.secretKey,
    symbols: [...sim.exchange.symbols.keys()],
    tradesPerSecond: best.rate,
    takerIntervalMs: taker,
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
