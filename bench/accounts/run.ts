/**
 * bench/accounts (issue 16): several accounts in one gateway at the simulator's demo pace. For
 * each account count (default 1, the baseline, then 20) a fresh simulator with that many funded
 * accounts, each with its own demo trader, runs on a process of its own (simHost.ts, counting the
 * REST calls it answers per account), and `mexc-live start` watches every account in one live
 * gateway (MEXC_API_KEY for the first, MEXC_API_KEY_SUB<n> for the others). Measured:
 *
 *   start     spawn -> dashboard URL, -> every account live, -> every account's backfill complete
 *             (GET /api/accounts, polled), with the REST calls, 429s and peak calls/s meanwhile
 *   window    a fixed window after the backfill: the gateway's CPU (% of a core) and RSS (/proc),
 *             REST calls per minute and 429s at the simulator, the simulator's CPU
 *
 *   node --conditions=@mexc-live/source --import tsx bench/accounts/run.ts
 *        [--accounts 1,20] [--window 300] [--settle 5] [--history-days 0] [--seed 1]
 *        [--max-start 900] [--json]
 *
 * Needs the build (`npm run --silent build`): the gateway runs as bin/mexc-live.js. Everything
 * stays on 127.0.0.1; every wait has a deadline, and the whole run one more.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AccountItem } from "@mexc-live/contract";
import { dashboardUrl } from "../lib/dashboardUrl.js";
import { type ProcSample, procTreeUsage } from "../lib/procUsage.js";
import { Mailbox } from "../simulator/mailbox.js";
import type { FromSimulatorHost, SimulatorReady, SocketCounts, StartSimulator } from "./messages.js";
import { type AccountsResult, report } from "./report.js";
import type { RestCounts } from "./restCounter.js";

const BIN = fileURLToPath(new URL("../../packages/gateway/bin/mexc-live.js", import.meta.url));
const REPLY_TIMEOUT_MS = 120_000;
const GATEWAY_URL_TIMEOUT_MS = 120_000;
const POLL_MS = 500;
const SAMPLE_MS = 5_000;
/** Added to each count's own deadlines for the whole run's. */
const RUN_SLACK_MS = 120_000;

const { values: args } = parseArgs({
  options: {
    accounts: { type: "string", default: "1,20" },
    window: { type: "string", default: "300" },
    settle: { type: "string", default: "5" },
    "history-days": { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    "max-start": { type: "string", default: "900" },
    json: { type: "boolean", default: false },
  },
});
const counts = args.accounts.split(",").map(Number);
const windowMs = Number(args.window) * 1000;
const settleMs = Number(args.settle) * 1000;
const maxStartMs = Number(args["max-start"]) * 1000;
const children: ChildProcess[] = [];

// ------------------------------------------------------------------------------ processes

interface SimulatorHost {
  readonly ready: SimulatorReady;
  readonly pid: number;
  /** REST calls so far, and the WebSocket connections the simulator accepted. */
  counts(): Promise<RestCounts & { readonly sockets: SocketCounts }>;
  stop(): Promise<void>;
}

async function startSimulatorHost(accounts: number): Promise<SimulatorHost> {
  const child = fork(new URL("./simHost.ts", import.meta.url), [], {
    execArgv: ["--conditions=@mexc-live/source", "--import", "tsx"],
    stdio: "inherit",
  });
  children.push(child);
  const mailbox = new Mailbox<FromSimulatorHost>(child, "simulator host");
  child.send({
    kind: "start",
    seed: Number(args.seed),
    accounts,
    historyDays: Number(args["history-days"]),
  } satisfies StartSimulator);
  const ready = await mailbox.next(REPLY_TIMEOUT_MS);
  if (ready.kind !== "ready") throw new Error(`expected ready, got ${ready.kind}`);
  return {
    ready,
    pid: child.pid!,
    async counts() {
      child.send({ kind: "counts" });
      const reply = await mailbox.next(REPLY_TIMEOUT_MS);
      if (reply.kind !== "counts") throw new Error(`expected counts, got ${reply.kind}`);
      return { ...reply.counts, sockets: reply.sockets };
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
  readonly spawnedAt: number;
  readonly urlAt: number;
  readonly dataDir: string;
  /** Lines the gateway wrote to stderr (log level warn): warnings and errors. */
  warnings(): number;
  stop(): Promise<void>;
}

/** The first account as today's MEXC_API_KEY ("main"), the others by their own names. */
function accountEnv(sim: SimulatorReady): Record<string, string> {
  const env: Record<string, string> = {};
  sim.accounts.forEach((account, index) => {
    const suffix = index === 0 ? "" : `_${account.name.toUpperCase()}`;
    env[`MEXC_API_KEY${suffix}`] = account.apiKey;
    env[`MEXC_API_SECRET${suffix}`] = account.secretKey;
  });
  return env;
}

async function startGateway(sim: SimulatorReady, logPath: string): Promise<Gateway> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-accounts-"));
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [BIN, "start", "--port", "0", "--data", dataDir, "--log-level", "warn"], {
    env: { PATH: process.env.PATH ?? "", MEXC_REST_URL: sim.rest, MEXC_WS_URL: sim.ws, ...accountEnv(sim) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const log = createWriteStream(logPath);
  let warnings = 0;
  child.stderr!.on("data", (chunk: Buffer) => {
    log.write(chunk);
    warnings += chunk.toString().split("\n").length - 1;
  });
  const url = await dashboardUrl(child, GATEWAY_URL_TIMEOUT_MS, `its log: ${logPath}; gateway exited`);
  return {
    url,
    pid: child.pid!,
    spawnedAt,
    urlAt: Date.now(),
    dataDir,
    warnings: () => warnings,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          log.end();
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}

/** The gateway's supervisor and its gateway child together (procTreeUsage). */
function sampleOf(pid: number): ProcSample {
  const sample = procTreeUsage(pid);
  if (sample === undefined) throw new Error(`no /proc/${pid}: bench/accounts reads CPU and RSS from Linux's /proc`);
  return sample;
}

/** Bytes of every file under a directory (the accounts' SQLite files and their WAL). */
function diskBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

// ------------------------------------------------------------------------------ one account count

async function accountsOf(gateway: Gateway): Promise<AccountItem[]> {
  const response = await fetch(`${gateway.url}api/accounts`);
  if (!response.ok) throw new Error(`GET /api/accounts: HTTP ${response.status}`);
  return ((await response.json()) as { items: AccountItem[] }).items;
}

/** The V8 heap in use, from the gateway's /metrics. */
async function heapUsed(gateway: Gateway): Promise<number> {
  const text = await (await fetch(`${gateway.url}metrics`)).text();
  return Number(/^gateway_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

async function runCount(accounts: number): Promise<AccountsResult> {
  const sim = await startSimulatorHost(accounts);
  const logPath = join(tmpdir(), `bench-accounts-gateway-${accounts}.log`);
  let gateway: Gateway | undefined;
  try {
    const restAtSpawn = await sim.counts();
    gateway = await startGateway(sim.ready, logPath);
    const atUrl = sampleOf(gateway.pid);
    const simAtUrl = sampleOf(sim.pid);
    let peakRss = atUrl.rssBytes;
    let allLiveAt: number | undefined;
    let backfilledAt: number | undefined;
    /** Account -> when its backfill was first seen complete. */
    const completeAt = new Map<string, number>();
    let nextSample = Date.now() + SAMPLE_MS;
    const deadline = gateway.spawnedAt + maxStartMs;
    while (backfilledAt === undefined) {
      if (Date.now() > deadline) {
        throw new Error(`${accounts} accounts: backfill not complete after ${args["max-start"]} s; log ${logPath}`);
      }
      const items = await accountsOf(gateway);
      if (items.length !== accounts) throw new Error(`GET /api/accounts lists ${items.length}, not ${accounts}`);
      const now = Date.now();
      if (allLiveAt === undefined && items.every((item) => item.health.upstream.state === "live")) allLiveAt = now;
      for (const item of items) {
        if (item.health.history?.state === "complete" && !completeAt.has(item.name)) completeAt.set(item.name, now);
      }
      if (allLiveAt !== undefined && completeAt.size === accounts) backfilledAt = now;
      if (now >= nextSample) {
        peakRss = Math.max(peakRss, sampleOf(gateway.pid).rssBytes);
        nextSample = now + SAMPLE_MS;
      }
      await sleep(POLL_MS);
    }
    const restAtBackfill = await sim.counts();
    const afterBackfill = sampleOf(gateway.pid);
    peakRss = Math.max(peakRss, afterBackfill.rssBytes);
    console.error(
      `${accounts} accounts: all live ${((allLiveAt! - gateway.spawnedAt) / 1000).toFixed(1)} s, backfill complete ${((backfilledAt - gateway.spawnedAt) / 1000).toFixed(1)} s after spawn`,
    );

    await sleep(settleMs);
    const windowStart = sampleOf(gateway.pid);
    const simWindowStart = sampleOf(sim.pid);
    const restAtWindowStart = await sim.counts();
    const windowEndsAt = Date.now() + windowMs;
    const windowRss = [windowStart.rssBytes];
    while (Date.now() < windowEndsAt) {
      await sleep(Math.min(SAMPLE_MS, Math.max(0, windowEndsAt - Date.now())));
      windowRss.push(sampleOf(gateway.pid).rssBytes);
    }
    const windowEnd = sampleOf(gateway.pid);
    windowRss.push(windowEnd.rssBytes);
    peakRss = Math.max(peakRss, ...windowRss);
    const heapUsedAtEnd = await heapUsed(gateway);
    const simWindowEnd = sampleOf(sim.pid);
    const restAtWindowEnd = await sim.counts();
    const itemsAtEnd = await accountsOf(gateway);
    console.error(`${accounts} accounts: window of ${args.window} s done`);
    return {
      accounts,
      spawnedAt: gateway.spawnedAt,
      urlAt: gateway.urlAt,
      allLiveAt: allLiveAt!,
      backfilledAt,
      backfillsCompleteAt: [...completeAt.values()].sort((a, b) => a - b),
      gateway: {
        atUrl,
        afterBackfill,
        windowStart,
        windowEnd,
        peakRss,
        meanWindowRss: windowRss.reduce((sum, rss) => sum + rss, 0) / windowRss.length,
        heapUsedAtEnd,
      },
      simulator: { atUrl: simAtUrl, windowStart: simWindowStart, windowEnd: simWindowEnd },
      sockets: { atBackfill: restAtBackfill.sockets, windowEnd: restAtWindowEnd.sockets },
      rest: {
        atSpawn: restAtSpawn,
        atBackfill: restAtBackfill,
        windowStart: restAtWindowStart,
        windowEnd: restAtWindowEnd,
      },
      liveAtEnd: itemsAtEnd.filter((item) => item.health.upstream.state === "live").length,
      reconnectsAtEnd: itemsAtEnd.reduce((sum, item) => sum + item.health.upstream.reconnects, 0),
      gapsAtEnd: itemsAtEnd.reduce((sum, item) => sum + item.health.upstream.gaps, 0),
      diskBytes: diskBytes(gateway.dataDir),
      gatewayLogLines: gateway.warnings(),
      gatewayLog: logPath,
    };
  } finally {
    await gateway?.stop();
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg();
  const results: AccountsResult[] = [];
  for (const count of counts) results.push(await runCount(count));
  const loadAfter = loadavg();
  const lines = report(results, {
    window: Number(args.window),
    historyDays: Number(args["history-days"]),
    seed: Number(args.seed),
    loadBefore,
    loadAfter,
    seconds: (Date.now() - started) / 1000,
  });
  if (args.json) console.log(JSON.stringify({ results, loadBefore, loadAfter }));
  else for (const line of lines) console.log(line);
}

const runDeadline = setTimeout(
  () => {
    console.error("bench/accounts: past its deadline, giving up");
    for (const child of children) child.kill("SIGKILL");
    process.exit(1);
  },
  counts.length * (maxStartMs + settleMs + windowMs + RUN_SLACK_MS),
);
runDeadline.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) child.kill("SIGKILL");
    process.exit(1);
  },
);
