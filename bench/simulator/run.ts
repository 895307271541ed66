/**
 * bench/simulator (issue 3): the frames/s the simulator pushes to 1 and to 100 subscribers of
 * the same channels (every 10 ms aggre stream — depth, deals, book ticker — of every symbol).
 * Three processes: this conductor (idle while measuring), the simulator alone on its process
 * (simulatorHost.ts) and every subscriber socket in another (subscribers.ts), on 127.0.0.1.
 * Per speed, one simulator; per subscriber count, a warm-up then a counting window, with the
 * simulator's CPU and RSS snapshotted from inside over the same window.
 *
 *   node --import tsx bench/simulator/run.ts [--speeds 1,100] [--subscribers 1,100]
 *        [--warmup 2] [--window 10] [--seed 1] [--maker-requote-ms N] [--taker-interval-ms N]
 *        [--firehose N]   (load mode: N extra public trades per real second, see market/firehose.ts)
 */
import { type ChildProcess, fork } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { buildChannel } from "@mexc-live/protocol";
import type { MarketOptions } from "@mexc-live/simulator";
import { machineLine } from "../lib/machine.js";
import { Mailbox } from "./mailbox.js";
import type {
  FromSimulatorHost,
  FromSubscribers,
  SimulatorSnapshot,
  ToSimulatorHost,
  ToSubscribers,
} from "./messages.js";
import { fanoutRatios, formatTable, type Measurement, measure, streamBreakdown } from "./report.js";

/** The streams every subscriber takes, for every symbol (3 x 9 symbols = 27 of MEXC's 30 per socket). */
const STREAMS = ["aggreDepth", "aggreDeals", "aggreBookTicker"] as const;
const INTERVAL = "10ms";
/** Whole run, whatever happens: children are killed and the run fails after this. */
const RUN_DEADLINE_MS = 150_000;
/** Longest wait for a child's ready / snapshot reply. */
const REPLY_TIMEOUT_MS = 15_000;
/** Beyond the warm-up and window: connecting 100 sockets, closing them. */
const PHASE_SLACK_MS = 20_000;

const { values: args } = parseArgs({
  options: {
    speeds: { type: "string", default: "1,100" },
    subscribers: { type: "string", default: "1,100" },
    warmup: { type: "string", default: "2" },
    window: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
    "maker-requote-ms": { type: "string" },
    "taker-interval-ms": { type: "string" },
    firehose: { type: "string" },
  },
});

const children: ChildProcess[] = [];

function forkChild(file: string): ChildProcess {
  const child = fork(new URL(file, import.meta.url), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  children.push(child);
  return child;
}

function numbers(list: string): number[] {
  return list.split(",").map((item) => {
    const value = Number(item);
    if (!(value > 0)) throw new Error(`not a positive number: ${item}`);
    return value;
  });
}

function marketOptions(): MarketOptions | undefined {
  const requote = args["maker-requote-ms"];
  const taker = args["taker-interval-ms"];
  const firehose = args.firehose;
  if (requote === undefined && taker === undefined && firehose === undefined) return undefined;
  return {
    ...(requote === undefined ? {} : { makerRequoteMs: Number(requote) }),
    ...(taker === undefined ? {} : { takerIntervalMs: Number(taker) }),
    ...(firehose === undefined ? {} : { firehoseTradesPerSecond: Number(firehose) }),
  };
}

async function expect<T extends { kind: string }, K extends T["kind"]>(
  mailbox: Mailbox<T>,
  kind: K,
  timeoutMs: number,
): Promise<Extract<T, { kind: K }>> {
  const message = await mailbox.next(timeoutMs);
  if (message.kind === "phaseFailed") throw new Error(`subscribers: ${(message as { message?: string }).message}`);
  if (message.kind !== kind) throw new Error(`expected ${kind}, got ${message.kind}`);
  return message as Extract<T, { kind: K }>;
}

async function measureSpeed(
  speed: number,
  clients: { child: ChildProcess; mailbox: Mailbox<FromSubscribers> },
): Promise<Measurement[]> {
  const host = forkChild("./simulatorHost.ts");
  const hostMail = new Mailbox<FromSimulatorHost>(host, "simulator host");
  const toHost = (message: ToSimulatorHost) => host.send(message);
  const snapshot = async (at: SimulatorSnapshot["at"]) => {
    toHost({ kind: "snapshot", at });
    return expect(hostMail, "snapshot", REPLY_TIMEOUT_MS);
  };
  try {
    toHost({ kind: "start", seed: Number(args.seed), speed, market: marketOptions() });
    const ready = await expect(hostMail, "ready", REPLY_TIMEOUT_MS);
    const channels = ready.symbols.flatMap((symbol) =>
      STREAMS.map((stream) => buildChannel({ stream, symbol, interval: INTERVAL })),
    );
    const measurements: Measurement[] = [];
    for (const sockets of numbers(args.subscribers)) {
      const warmupMs = Number(args.warmup) * 1000;
      const windowMs = Number(args.window) * 1000;
      const phase: ToSubscribers = { kind: "phase", url: ready.ws, channels, sockets, warmupMs, windowMs };
      clients.child.send(phase);
      await expect(clients.mailbox, "windowStart", warmupMs + PHASE_SLACK_MS);
      const start = await snapshot("start");
      await expect(clients.mailbox, "windowEnd", windowMs + PHASE_SLACK_MS);
      const end = await snapshot("end");
      const done = await expect(clients.mailbox, "phaseDone", PHASE_SLACK_MS);
      const measurement = measure(speed, done.result, start, end);
      measurements.push(measurement);
      console.error(`measured speed ${speed}, ${sockets} subscriber(s)`);
    }
    return measurements;
  } finally {
    toHost({ kind: "stop" });
    await new Promise<void>((resolve) => {
      if (host.exitCode !== null) resolve();
      else host.once("exit", () => resolve());
    });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const clientChild = forkChild("./subscribers.ts");
  const clients = { child: clientChild, mailbox: new Mailbox<FromSubscribers>(clientChild, "subscribers") };
  const measurements: Measurement[] = [];
  try {
    for (const speed of numbers(args.speeds)) measurements.push(...(await measureSpeed(speed, clients)));
  } finally {
    clientChild.send({ kind: "stop" } satisfies ToSubscribers);
  }

  const market = marketOptions();
  console.log(`# bench/simulator — ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(
    `channels: ${STREAMS.join(", ")} @${INTERVAL} for every symbol; warm-up ${args.warmup} s, window ${args.window} s, seed ${args.seed}${market ? `, market ${JSON.stringify(market)}` : ""}`,
  );
  console.log("");
  console.log(formatTable(measurements));
  console.log("");
  for (const line of fanoutRatios(measurements)) console.log(line);
  for (const m of measurements) console.log(streamBreakdown(m));
  const loadAfter = loadavg()[0] ?? 0;
  console.log(
    `run took ${((performance.now() - started) / 1000).toFixed(1)} s; 1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`,
  );
}

const deadline = setTimeout(() => {
  console.error(`bench/simulator: still running after ${RUN_DEADLINE_MS / 1000} s, giving up`);
  for (const child of children) child.kill();
  process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) child.kill();
    process.exit(1);
  },
);
