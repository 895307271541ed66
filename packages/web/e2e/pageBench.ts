/// <reference types="node" />
/**
 * What an open dashboard costs the browser, against `mexc-live start` in demo mode (the
 * simulator's demo traders at their own pace, two accounts), in Debian's Chromium (1280x800):
 *
 *   first load   cold (a fresh profile each run): the JavaScript fetched before the page's `load`
 *                event (bytes on the wire, gzipped when the gateway sends it so, and decoded),
 *                first contentful paint, and "meaningful": the balances table holds a row and the
 *                equity chart a point, from navigation start
 *   light tab    the page's main thread busy time (CDP Performance.getMetrics TaskDuration) over a
 *                window, as a share of one core: visible, then hidden, then the time from showing
 *                it again to its next painted frame. Headless Chromium keeps every tab visible (a
 *                tab behind another, a minimized window: still "visible", tried under Xvfb too), so
 *                "hidden" is told to the page as a browser tells it (document.hidden,
 *                visibilityState, a visibilitychange event) while animation frames and timers keep
 *                their visible pace: a real hidden tab, with no frames and timers slowed to 1/s,
 *                costs at most this
 *
 *   a day        (--day-minutes N) the simulator at speed 60 with its demo trader and the dashboard
 *                open: N real minutes are N simulated hours; every minute the gateway's RSS and heap
 *                (/metrics) and the page's JS heap after a collection (CDP HeapProfiler.collectGarbage).
 *                `--day-simulator separate` (default): `mexc-live simulator` in a process of its own
 *                and the gateway in live mode on it, as a user runs it against MEXC; `in-process`:
 *                demo mode (`--demo-speed 60`), the simulator and its whole ledger inside the gateway
 *
 *   node --conditions=@mexc-live/source --import tsx packages/web/e2e/pageBench.ts [--runs 3] [--window 60]
 *   node --conditions=@mexc-live/source --import tsx packages/web/e2e/pageBench.ts --day-minutes 24
 *
 * Every figure is printed with the machine and its load; nothing leaves 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { CDPSession, Page } from "playwright-core";
import { machineLine } from "../../../bench/lib/machine.js";
import { procUsage } from "../../../bench/lib/procUsage.js";
import { launchChromium } from "./browser.js";
import { ensureWebBuild, REPO_DIR } from "./buildWeb.js";
import { startGatewayProcess } from "./gatewayProcess.js";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    window: { type: "string", default: "60" },
    "day-minutes": { type: "string" },
    "day-speed": { type: "string", default: "60" },
    "day-simulator": { type: "string", default: "separate" },
  },
});
const DAY_SAMPLE_MS = 60_000;
/** A numeric flag within [min, max], or a one-line error naming it. */
function numberFlag(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`pageBench: --${name} must be a number from ${min} to ${max} (got ${JSON.stringify(text)})`);
    process.exit(2);
  }
  return value;
}
function daySimulator(): "separate" | "in-process" {
  const value = args["day-simulator"];
  if (value === "separate" || value === "in-process") return value;
  console.error(`pageBench: --day-simulator must be separate or in-process (got ${JSON.stringify(value)})`);
  process.exit(2);
}
const RUNS = numberFlag("runs", args.runs, 1, 10);
const WINDOW_S = numberFlag("window", args.window, 5, 600);
const MEANINGFUL_TIMEOUT_MS = 30_000;
/** The demo traders have placed and filled orders by then, so the figures are a live page's. */
const SETTLE_MS = 10_000;

interface LoadRun {
  readonly scriptWireBytes: number;
  readonly scriptBytes: number;
  readonly scripts: number;
  readonly fcpMs: number;
  readonly meaningfulMs: number;
}

/** JavaScript responses finished before `load`, counted from CDP's Network events. */
async function firstLoad(url: string): Promise<LoadRun> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const scripts = new Map<string, { wire: number; decoded: number }>();
    const kinds = new Map<string, string>();
    cdp.on("Network.responseReceived", (event) => kinds.set(event.requestId, event.type));
    cdp.on("Network.dataReceived", (event) => {
      const entry = scripts.get(event.requestId) ?? { wire: 0, decoded: 0 };
      entry.decoded += event.dataLength;
      scripts.set(event.requestId, entry);
    });
    let loaded = false;
    cdp.on("Network.loadingFinished", (event) => {
      if (loaded || kinds.get(event.requestId) !== "Script") return;
      const entry = scripts.get(event.requestId) ?? { wire: 0, decoded: 0 };
      entry.wire = event.encodedDataLength;
      scripts.set(event.requestId, entry);
    });
    await page.goto(url, { waitUntil: "load" });
    loaded = true;
    const fetched = [...scripts.entries()].filter(([id]) => kinds.get(id) === "Script").map(([, entry]) => entry);
    await page.waitForFunction(
      () => {
        const balanceRow = document.querySelector('[aria-label="Balances"] tbody tr');
        const chart = document.querySelector('[data-testid="equity-chart"]');
        return balanceRow !== null && Number(chart?.getAttribute("data-points") ?? 0) > 0;
      },
      undefined,
      { timeout: MEANINGFUL_TIMEOUT_MS, polling: "raf" },
    );
    const meaningfulMs = await page.evaluate(() => performance.now());
    const fcpMs = await page.evaluate(
      () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
    );
    return {
      scripts: fetched.length,
      scriptWireBytes: fetched.reduce((sum, entry) => sum + entry.wire, 0),
      scriptBytes: fetched.reduce((sum, entry) => sum + entry.decoded, 0),
      fcpMs,
      meaningfulMs,
    };
  } finally {
    await browser.close();
  }
}

/** Main-thread busy seconds so far (TaskDuration: every task the renderer's main thread ran). */
async function busySeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((metric) => metric.name === "TaskDuration")?.value ?? Number.NaN;
}

async function heapMb(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? Number.NaN) / 1024 / 1024;
}

/** What the gateway sent the page: WebSocket messages, and the fills among their updates. */
interface Pace {
  messages: number;
  fills: number;
}

/** Counts what the page receives over its WebSocket (the demo's pace varies from minute to minute). */
function countPace(page: Page): Pace {
  const pace: Pace = { messages: 0, fills: 0 };
  page.on("websocket", (socket) =>
    socket.on("framereceived", (frame) => {
      pace.messages++;
      if (typeof frame.payload !== "string" || !frame.payload.includes('"fills"')) return;
      const message = JSON.parse(frame.payload) as { updates?: { topic: string }[] };
      pace.fills += (message.updates ?? []).filter((update) => update.topic.endsWith("fills")).length;
    }),
  );
  return pace;
}

async function lightTab(url: string): Promise<{
  visible: number;
  hidden: number;
  showToFrameMs: number;
  heapVisibleMb: number;
  heapHiddenMb: number;
  messagesPerSecond: number;
  fillsPerSecond: number;
}> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const pace = countPace(page);
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector('[aria-label="Balances"] tbody tr', { timeout: MEANINGFUL_TIMEOUT_MS });
    await page.waitForTimeout(SETTLE_MS);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    const share = async () => {
      const before = await busySeconds(cdp);
      const started = performance.now();
      await page.waitForTimeout(WINDOW_S * 1000);
      return ((await busySeconds(cdp)) - before) / ((performance.now() - started) / 1000);
    };
    const paceBefore = { ...pace };
    const visibleFrom = performance.now();
    const visible = await share();
    const visibleSeconds = (performance.now() - visibleFrom) / 1000;
    const messagesPerSecond = (pace.messages - paceBefore.messages) / visibleSeconds;
    const fillsPerSecond = (pace.fills - paceBefore.fills) / visibleSeconds;
    const heapVisibleMb = await heapMb(cdp);
    await setVisibility(page, "hidden");
    const hidden = await share();
    const heapHiddenMb = await heapMb(cdp);
    // Shown again: the time to the next frame painted after catching up (measured in the page).
    const showToFrameMs = (await page.evaluate(`(async () => {
      const shown = performance.now();
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
      document.dispatchEvent(new Event("visibilitychange"));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return performance.now() - shown;
    })()`)) as number;
    return { visible, hidden, showToFrameMs, heapVisibleMb, heapHiddenMb, messagesPerSecond, fillsPerSecond };
  } finally {
    await browser.close();
  }
}

/** Tells the page it is hidden or shown, as a browser does when its tab goes behind another. */
async function setVisibility(page: Page, state: "hidden" | "visible"): Promise<void> {
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  await page.evaluate(`(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => ${JSON.stringify(state)} });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => ${state === "hidden"} });
    document.dispatchEvent(new Event("visibilitychange"));
  })()`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `mexc-live simulator --speed N --json` in a process of its own; `env` points a gateway at its demo account. */
async function startSimulatorProcess(speed: number): Promise<{ env: Record<string, string>; stop(): void }> {
  const bin = join(REPO_DIR, "packages", "gateway", "bin", "mexc-live.js");
  const child = spawn(process.execPath, [bin, "simulator", "--speed", String(speed), "--json"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf("\n");
      if (end >= 0) resolve(text.slice(0, end));
    });
    child.once("exit", (code) => reject(new Error(`mexc-live simulator exited (${code})`)));
  });
  const ready = JSON.parse(line) as { rest: string; ws: string; apiKey: string; secretKey: string };
  return {
    env: {
      MEXC_API_KEY: ready.apiKey,
      MEXC_API_SECRET: ready.secretKey,
      MEXC_REST_URL: ready.rest,
      MEXC_WS_URL: ready.ws,
    },
    stop: () => child.kill("SIGTERM"),
  };
}

interface DaySample {
  readonly minute: number;
  readonly gatewayRssMb: number;
  readonly gatewayHeapMb: number;
  readonly pageHeapMb: number;
}

/** The demo at `speed` with the dashboard open for `minutes` real minutes, sampled every minute. */
async function day(minutes: number, speed: number, separate: boolean): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  await ensureWebBuild();
  const simulator = separate ? await startSimulatorProcess(speed) : undefined;
  const gateway = await startGatewayProcess(
    simulator ? ["--equity-interval", "60"] : ["--demo-speed", String(speed)],
    simulator?.env,
  );
  const browser = await launchChromium();
  const samples: DaySample[] = [];
  try {
    const page = await browser.context.newPage();
    await page.goto(gateway.url, { waitUntil: "load" });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const started = Date.now();
    for (let minute = 0; minute <= minutes; minute++) {
      const due = started + minute * DAY_SAMPLE_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      await cdp.send("HeapProfiler.collectGarbage");
      const metricsText = await (await fetch(new URL("metrics", gateway.url))).text();
      const heap = Number(/^gateway_nodejs_heap_size_used_bytes (\S+)$/m.exec(metricsText)?.[1] ?? Number.NaN);
      samples.push({
        minute,
        gatewayRssMb: (procUsage(gateway.pid)?.rssBytes ?? Number.NaN) / 1024 / 1024,
        gatewayHeapMb: heap / 1024 / 1024,
        pageHeapMb: await heapMb(cdp),
      });
      const last = samples[samples.length - 1] as DaySample;
      console.error(
        `day: ${minute} min (${((minute * speed) / 60).toFixed(0)} h simulated): gateway RSS ${last.gatewayRssMb.toFixed(0)} MB heap ${last.gatewayHeapMb.toFixed(0)} MB, page heap ${last.pageHeapMb.toFixed(1)} MB`,
      );
    }
  } finally {
    await browser.close();
    await gateway.stop();
    simulator?.stop();
  }
  const how = separate
    ? "the gateway (live mode) on `mexc-live simulator` in a process of its own"
    : "demo mode, the simulator inside the gateway";
  console.log(`# pageBench --day-minutes ${minutes} — ${new Date().toISOString().slice(0, 10)}`);
  console.log(machineLine());
  console.log(
    `${how}, speed ${speed}: ${minutes} real minutes = ${((minutes * speed) / 60).toFixed(0)} simulated hours, the dashboard open`,
  );
  console.log("");
  console.log("| real min | simulated h | gateway RSS MB | gateway heap used MB | page JS heap MB (after GC) |");
  console.log("|---:|---:|---:|---:|---:|");
  for (const sample of samples) {
    console.log(
      `| ${sample.minute} | ${((sample.minute * speed) / 60).toFixed(0)} | ${sample.gatewayRssMb.toFixed(0)} | ${sample.gatewayHeapMb.toFixed(0)} | ${sample.pageHeapMb.toFixed(1)} |`,
    );
  }
  console.log(`1-min load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`);
}

async function main(): Promise<void> {
  if (args["day-minutes"] !== undefined) {
    await day(
      numberFlag("day-minutes", args["day-minutes"], 1, 24 * 60),
      numberFlag("day-speed", args["day-speed"], 1, 1000),
      daySimulator() === "separate",
    );
    return;
  }
  const loadBefore = loadavg()[0] ?? 0;
  await ensureWebBuild();
  const gateway = await startGatewayProcess();
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const runs: LoadRun[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await firstLoad(gateway.url));
    const tab = await lightTab(gateway.url);
    const kb = (bytes: number) => (bytes / 1024).toFixed(0);
    console.log(`# pageBench — ${new Date().toISOString().slice(0, 10)}`);
    console.log(machineLine());
    console.log("");
    console.log(
      "| cold load | scripts | JS on the wire KB | JS decoded KB | first contentful paint ms | meaningful ms |",
    );
    console.log("|---:|---:|---:|---:|---:|---:|");
    runs.forEach((run, index) => {
      console.log(
        `| ${index + 1} | ${run.scripts} | ${kb(run.scriptWireBytes)} | ${kb(run.scriptBytes)} | ${run.fcpMs.toFixed(0)} | ${run.meaningfulMs.toFixed(0)} |`,
      );
    });
    console.log(
      `| median | | ${kb(median(runs.map((r) => r.scriptWireBytes)))} | ${kb(median(runs.map((r) => r.scriptBytes)))} | ${median(runs.map((r) => r.fcpMs)).toFixed(0)} | ${median(runs.map((r) => r.meaningfulMs)).toFixed(0)} |`,
    );
    console.log("");
    console.log(`| tab, ${WINDOW_S} s at demo pace | main thread busy (share of a core) | JS heap used MB |`);
    console.log("|---|---:|---:|");
    console.log(`| visible | ${(tab.visible * 100).toFixed(2)} % | ${tab.heapVisibleMb.toFixed(1)} |`);
    console.log(`| hidden | ${(tab.hidden * 100).toFixed(2)} % | ${tab.heapHiddenMb.toFixed(1)} |`);
    console.log("");
    console.log(`shown again -> next painted frame: ${tab.showToFrameMs.toFixed(0)} ms`);
    console.log(
      `demo pace while visible: ${tab.messagesPerSecond.toFixed(1)} WebSocket messages/s, ${tab.fillsPerSecond.toFixed(1)} fills/s`,
    );
    console.log(`1-min load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`);
  } finally {
    await gateway.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
