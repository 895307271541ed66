/**
 * bench/gateway (issue 5): the gateway end to end, as a user runs it (`mexc-live start`, live mode
 * against the simulator), with the simulator and the browsers each on a process of their own.
 *
 *   latency  simulator frame -> browser WebSocket, p50/p99, at each target rate of public trades
 *            (events: one `market.<S>.trades` update per trade, every symbol), per batching
 *            (`adaptive`: the default since issue 17; a number: `--batch-ms N`), messages/s per browser
 *   fanout   1 .. 500 browsers on the same topics, per batching: the gateway's CPU and memory, per-client rate
 *   soak     an hour of simulated activity (speed 60 for one real minute): the gateway's memory
 *
 *   node --import tsx bench/gateway/run.ts [--phases latency,fanout,soak] [--rates 1000,10000]
 *        [--batches adaptive,100] [--fanout-batches adaptive,100] [--clients 1,100,500] [--warmup 3] [--window 10]
 *        [--soak-seconds 60] [--soak-speed 60] [--seed 1]
 */

import { type ChildProcess, fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MINUTE_MS } from "@mexc-live/protocol";
import { dashboardUrl } from "../lib/dashboardUrl.js";
import { machineLine } from "../lib/machine.js";
import { procUsage } from "../lib/procUsage.js";
import { Mailbox } from "../simulator/mailbox.js";
import type {
  BrowserResult,
  FromBrowsers,
  FromSimulatorHost,
  SimulatorReady,
  StartSimulator,
  ToBrowsers,
} from "./messages.js";

const BIN = fileURLToPath(new URL("../../packages/gateway/bin/mexc-live.js", import.meta.url));
const RUN_DEADLINE_MS = 15 * MINUTE_MS;
const REPLY_TIMEOUT_MS = MINUTE_MS;
const GATEWAY_START_TIMEOUT_MS = MINUTE_MS;
const SOAK_SAMPLE_MS = 5_000;
const MAX_PAGES = 200;

const { values: args } = parseArgs({
  options: {
    phases: { type: "string", default: "latency,fanout,soak" },
    rates: { type: "string", default: "1000,10000" },
    batches: { type: "string", default: "adaptive,100" },
    "fanout-batches": { type: "string", default: "adaptive,100" },
    clients: { type: "string", default: "1,100,500" },
    warmup: { type: "string", default: "3" },
    window: { type: "string", default: "10" },
    "soak-seconds": { type: "string", default: "60" },
    "soak-speed": { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
  },
});

const children: ChildProcess[] = [];
const numbers = (list: string) => list.split(",").map(Number);
/** `adaptive` (the default, no flag) or a fixed `--batch-ms`. */
const batchings = (list: string) => list.split(",").map((item) => (item === "adaptive" ? item : String(Number(item))));
const batchFlags = (batching: string) => (batching === "adaptive" ? [] : ["--batch-ms", batching]);
const phases = new Set(args.phases.split(","));
const warmupMs = Number(args.warmup) * 1000;
const windowMs = Number(args.window) * 1000;

// ------------------------------------------------------------------------------ processes

interface Simulator {
  readonly ready: SimulatorReady;
  readonly pid: number;
  /** Public trades so far, and when. */
  count(): Promise<{ trades: number; at: number }>;
  stop(): Promise<void>;
}

async function startSimulator(options: Omit<StartSimulator, "kind" | "seed">): Promise<Simulator> {
  const child = fork(new URL("./simHost.ts", import.meta.url), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  children.push(child);
  const mailbox = new Mailbox<FromSimulatorHost>(child, "simulator host");
  child.send({ kind: "start", seed: Number(args.seed), ...options } satisfies StartSimulator);
  const ready = (await mailbox.next(REPLY_TIMEOUT_MS)) as SimulatorReady;
  return {
    ready,
    pid: child.pid!,
    async count() {
      child.send({ kind: "count" });
      const reply = await mailbox.next(REPLY_TIMEOUT_MS);
      if (reply.kind !== "count") throw new Error(`expected count, got ${reply.kind}`);
      return reply;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ kind: "stop" });
      }),
  };
}

interface Gateway {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

async function startGateway(sim: SimulatorReady, extra: string[]): Promise<Gateway> {
  const data = mkdtempSync(join(tmpdir(), "bench-gateway-"));
  const child = spawn(
    process.execPath,
    [BIN, "start", "--port", "0", "--data", data, "--log-level", "warn", ...extra],
    {
      env: {
        PATH: process.env.PATH ?? "",
        MEXC_API_KEY: sim.apiKey,
        MEXC_API_SECRET: sim.secretKey,
        MEXC_REST_URL: sim.rest,
        MEXC_WS_URL: sim.ws,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.push(child);
  const url = await dashboardUrl(child, GATEWAY_START_TIMEOUT_MS);
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(data, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}

function startBrowsers(): { mailbox: Mailbox<FromBrowsers>; send(message: ToBrowsers): void } {
  const child = fork(new URL("./browsers.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  children.push(child);
  return { mailbox: new Mailbox<FromBrowsers>(child, "browsers"), send: (message) => child.send(message) };
}

async function expect<K extends FromBrowsers["kind"]>(mailbox: Mailbox<FromBrowsers>, kind: K, timeoutMs: number) {
  const message = await mailbox.next(timeoutMs);
  if (message.kind === "phaseFailed") throw new Error(`browsers: ${message.message}`);
  if (message.kind !== kind) throw new Error(`expected ${kind}, got ${message.kind}`);
  return message as Extract<FromBrowsers, { kind: K }>;
}

// ------------------------------------------------------------------------------ gateway metrics

interface GatewaySample {
  readonly at: number;
  readonly cpuSeconds: number;
  readonly rss: number;
  readonly heapUsed: number;
}

/** CPU and RSS from /proc (the kernel's count, not the process's own), heap from the gateway's /metrics. */
async function sample(gateway: Gateway): Promise<GatewaySample> {
  const text = await (await fetch(`${gateway.url}metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  const at = Date.now();
  const proc = procUsage(gateway.pid);
  return {
    at,
    cpuSeconds: proc?.cpuSeconds ?? value("gateway_process_cpu_seconds_total"),
    rss: proc?.rssBytes ?? value("gateway_process_resident_memory_bytes"),
    heapUsed: value("gateway_nodejs_heap_size_used_bytes"),
  };
}

const cpuPercent = (a: GatewaySample, b: GatewaySample) =>
  ((b.cpuSeconds - a.cpuSeconds) / ((b.at - a.at) / 1000)) * 100;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(0));

/** One browser phase with the gateway measured over the same window. */
async function measure(
  browsers: ReturnType<typeof startBrowsers>,
  sim: Simulator,
  gateway: Gateway,
  phase: { clients: number; topics: readonly string[]; latencyClients: number; warmupMs: number; windowMs: number },
  during?: (gateway: Gateway) => Promise<void>,
): Promise<{
  result: BrowserResult;
  start: GatewaySample;
  end: GatewaySample;
  simTradesPerSecond: number;
  simCpuPercent: number;
}> {
  browsers.send({ kind: "phase", url: gateway.url, ...phase });
  const connectSlack = 30_000;
  await expect(browsers.mailbox, "windowStart", phase.warmupMs + connectSlack);
  const simStart = { at: Date.now(), cpu: procUsage(sim.pid)?.cpuSeconds ?? Number.NaN };
  const [start, tradesBefore] = await Promise.all([sample(gateway), sim.count()]);
  const ending = expect(browsers.mailbox, "windowEnd", phase.windowMs + connectSlack);
  if (during) await during(gateway);
  await ending;
  const [end, tradesAfter] = await Promise.all([sample(gateway), sim.count()]);
  const simCpuPercent =
    (((procUsage(sim.pid)?.cpuSeconds ?? Number.NaN) - simStart.cpu) / ((Date.now() - simStart.at) / 1000)) * 100;
  const done = await expect(browsers.mailbox, "phaseDone", connectSlack);
  const simTradesPerSecond = (tradesAfter.trades - tradesBefore.trades) / ((tradesAfter.at - tradesBefore.at) / 1000);
  return { result: done.result, start, end, simTradesPerSecond, simCpuPercent };
}

const tradesTopics = (symbols: readonly string[]) => symbols.map((symbol) => `market.${symbol}.trades`);

// ------------------------------------------------------------------------------ phases

async function latencyPhase(browsers: ReturnType<typeof startBrowsers>): Promise<string[]> {
  const rows = [
    "| target events/s | simulator trades/s | batching | events/s at browser | messages/s at browser (max in 1 s) | p50 ms | p99 ms | max ms | gateway CPU % | gateway RSS MB | simulator CPU % |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const rate of numbers(args.rates)) {
    const sim = await startSimulator({ speed: 1, targetTradesPerSecond: rate, market: { seedHistoryMinutes: 10 } });
    try {
      for (const batch of batchings(args.batches)) {
        const gateway = await startGateway(sim.ready, batchFlags(batch));
        try {
          const topics = tradesTopics(sim.ready.symbols);
          const { result, start, end, simTradesPerSecond, simCpuPercent } = await measure(browsers, sim, gateway, {
            clients: 1,
            topics,
            latencyClients: 1,
            warmupMs,
            windowMs,
          });
          rows.push(
            `| ${rate} | ${simTradesPerSecond.toFixed(0)} | ${batch} | ${result.updatesPerClientPerSecond.toFixed(0)} | ${result.messagesPerClientPerSecond.toFixed(0)} (${result.maxMessagesPerClientSecond}) | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${ms(result.latency.max)} | ${cpuPercent(start, end).toFixed(0)} | ${mb(end.rss)} | ${simCpuPercent.toFixed(0)} |`,
          );
          console.error(`latency: target ${rate}/s, batching ${batch} done`);
        } finally {
          await gateway.stop();
        }
      }
    } finally {
      await sim.stop();
    }
  }
  return rows;
}

async function fanoutPhase(browsers: ReturnType<typeof startBrowsers>): Promise<string[]> {
  const rows = [
    "| batching | clients | events/s per client | messages/s per client | KB/s per client | p50 ms | p99 ms | gateway CPU % | gateway RSS MB | heap MB | clients open |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const sim = await startSimulator({ speed: 1, targetTradesPerSecond: 1000, market: { seedHistoryMinutes: 10 } });
  try {
    // What a dashboard watches: the account, and two symbols' ticker, book and trades.
    const topics = [
      ...["BTCUSDT", "ETHUSDT"].flatMap((symbol) =>
        ["ticker", "depth", "trades"].map((kind) => `market.${symbol}.${kind}`),
      ),
      "balances",
      "orders",
      "fills",
      "equity",
      "health",
    ];
    for (const batch of batchings(args["fanout-batches"])) {
      const gateway = await startGateway(sim.ready, batchFlags(batch));
      try {
        for (const clients of numbers(args.clients)) {
          const { result, start, end } = await measure(browsers, sim, gateway, {
            clients,
            topics,
            latencyClients: Math.min(clients, 20),
            warmupMs,
            windowMs,
          });
          rows.push(
            `| ${batch} | ${clients} | ${result.updatesPerClientPerSecond.toFixed(0)} | ${result.messagesPerClientPerSecond.toFixed(0)} | ${(result.bytesPerClientPerSecond / 1024).toFixed(1)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${cpuPercent(start, end).toFixed(0)} | ${mb(end.rss)} | ${mb(end.heapUsed)} | ${result.open}/${result.clients} |`,
          );
          console.error(`fanout: batching ${batch}, ${clients} clients done`);
        }
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    await sim.stop();
  }
  return [`simulator: ${sim.ready.tradesPerSecond.toFixed(0)} public trades/s (firehose target 1000)`, "", ...rows];
}

async function soakPhase(browsers: ReturnType<typeof startBrowsers>): Promise<string[]> {
  const speed = Number(args["soak-speed"]);
  const seconds = Number(args["soak-seconds"]);
  const sim = await startSimulator({ speed });
  const gateway = await startGateway(sim.ready, ["--equity-interval", "1"]);
  const samples: GatewaySample[] = [];
  try {
    const topics = [
      "balances",
      "orders",
      "fills",
      "equity",
      "health",
      "market.BTCUSDT.ticker",
      "market.BTCUSDT.trades",
      "market.BTCUSDT.depth",
      "market.BTCUSDT.kline",
    ];
    const { result } = await measure(
      browsers,
      sim,
      gateway,
      { clients: 1, topics, latencyClients: 1, warmupMs: 1_000, windowMs: seconds * 1000 },
      async (running) => {
        const end = Date.now() + seconds * 1000 - SOAK_SAMPLE_MS / 2;
        samples.push(await sample(running));
        while (Date.now() < end) {
          await sleep(SOAK_SAMPLE_MS);
          samples.push(await sample(running));
        }
      },
    );
    const fills = await countAll(`${gateway.url}api/fills?limit=1000`);
    const orders = await countAll(`${gateway.url}api/orders?status=all&limit=1000`);
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const peak = Math.max(...samples.map((s) => s.rss));
    return [
      `speed ${speed} for ${seconds} s real = ${((speed * seconds) / 60).toFixed(0)} simulated minutes; demo trader on; --equity-interval 1; one browser on account topics + BTCUSDT market topics`,
      `stored: ${fills} fills, ${orders} orders; the browser got ${result.updatesPerClientPerSecond.toFixed(0)} updates/s`,
      "",
      "| t s | RSS MB | heap used MB |",
      "|---:|---:|---:|",
      ...samples.map((s) => `| ${((s.at - first.at) / 1000).toFixed(0)} | ${mb(s.rss)} | ${mb(s.heapUsed)} |`),
      "",
      `RSS ${mb(first.rss)} -> ${mb(last.rss)} MB (peak ${mb(peak)}), heap ${mb(first.heapUsed)} -> ${mb(last.heapUsed)} MB`,
    ];
  } finally {
    await gateway.stop();
    await sim.stop();
  }
}

/** Items of a paged API route, following nextCursor (at most MAX_PAGES pages). */
async function countAll(url: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await fetch(cursor === null ? url : `${url}&cursor=${encodeURIComponent(cursor)}`);
    const body = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    count += body.items.length;
    cursor = body.nextCursor;
    if (cursor === null) break;
  }
  return count;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const browsers = startBrowsers();
  const sections: string[] = [];
  try {
    if (phases.has("latency"))
      sections.push("### Latency: simulator frame -> browser", "", ...(await latencyPhase(browsers)), "");
    if (phases.has("fanout")) sections.push("### Fan-out", "", ...(await fanoutPhase(browsers)), "");
    if (phases.has("soak"))
      sections.push("### Memory after an hour of simulated activity", "", ...(await soakPhase(browsers)), "");
  } finally {
    browsers.send({ kind: "stop" });
  }
  console.log(`# bench/gateway — ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(`warm-up ${args.warmup} s, window ${args.window} s, seed ${args.seed}`);
  console.log("");
  for (const line of sections) console.log(line);
  console.log(
    `run took ${((Date.now() - started) / 1000).toFixed(0)} s; 1-min load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`,
  );
}

const deadline = setTimeout(() => {
  console.error(`bench/gateway: still running after ${RUN_DEADLINE_MS / 1000} s, giving up`);
  for (const child of children) child.kill("SIGKILL");
  process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) child.kill("SIGKILL");
    process.exit(1);
  },
);
