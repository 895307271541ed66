/// <reference types="node" />
/**
 * Rendering benchmark of the dashboard under a heavy live feed:
 *   node --import tsx packages/web/e2e/renderBench.ts [--seconds 10] [--fills 10000] [--tickers 1000] [--batch-ms 17] [--view fills|market]
 *
 * Builds packages/web if needed, serves it from a fake gateway on 127.0.0.1 that pushes N fills
 * and M ticker updates per second in batches every `--batch-ms` (17: the real gateway's adaptive
 * batching under load, one batch per display frame; 100: its fixed batch before issue 17), opens
 * it in Debian's Chromium (headless, 1280x800) and records the time between animation frames
 * (requestAnimationFrame deltas): p50, p99 and max, idle first and then under the feed.
 *
 * `--view`: the section on screen. The dashboard follows only what is seen and subscribes to the
 * market's topics only while its panel is (issue 17), so `fills` (the order and fill tables on
 * screen: the tickers, sent like a gateway only to subscribers, do not reach the page) and
 * `market` (the market panel on screen: the tickers arrive, the fills flow into the store
 * unseen) load the page differently; the tickers that reached it are printed.
 */
import { parseArgs } from "node:util";
import { type FillItem, marketTopic, type TickerItem, type TopicUpdate } from "@mexc-live/contract";
import type { Page } from "playwright-core";
import { launchChromium } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { startFakeGateway } from "./fakeGateway.js";

const WARMUP_MS = 3_000;
const IDLE_MS = 5_000;
const SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"];

interface Options {
  readonly seconds: number;
  readonly fillsPerSecond: number;
  readonly tickersPerSecond: number;
  /** How often the fake gateway sends a batch (packages/gateway/src/fanout/limits.ts). */
  readonly batchMs: number;
  /** The section scrolled into view. */
  readonly view: "fills" | "market";
}

const VIEW_SECTION = { fills: "Orders and fills", market: "Market" } as const;

/** The command line (node:util parseArgs: an unknown option or a missing value is an error). */
function readOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seconds: { type: "string", default: "10" },
      fills: { type: "string", default: "10000" },
      tickers: { type: "string", default: "1000" },
      "batch-ms": { type: "string", default: "17" },
      view: { type: "string", default: "fills" },
    },
    strict: true,
  });
  const count = (name: "seconds" | "fills" | "tickers" | "batch-ms") => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: must be a non-negative number (got ${values[name]})`);
    return n;
  };
  const view = values.view;
  if (view !== "fills" && view !== "market") throw new Error(`--view: must be fills or market (got ${view})`);
  return {
    seconds: Math.min(count("seconds"), 120),
    fillsPerSecond: count("fills"),
    tickersPerSecond: count("tickers"),
    batchMs: Math.max(1, count("batch-ms")),
    view,
  };
}

export interface FrameStats {
  readonly frames: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Frames that took longer than two 60 Hz frames (33.3 ms). */
  readonly slow: number;
}

function stats(deltas: readonly number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    frames: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    slow: sorted.filter((d) => d > 1000 / 30).length,
  };
}

/**
 * rAF deltas in the page over `ms`. A string, not a function: tsx would wrap a function's inner
 * closures in a helper (`__name`) that does not exist in the page.
 */
export const RECORD_FRAMES_SCRIPT = `(duration) => new Promise((resolve) => {
  const deltas = [];
  let last = 0;
  let end = 0;
  const tick = (now) => {
    deltas.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(tick);
    else resolve(deltas);
  };
  requestAnimationFrame((now) => {
    last = now;
    end = now + duration;
    requestAnimationFrame(tick);
  });
})`;

async function recordFrames(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`(${RECORD_FRAMES_SCRIPT})(${ms})`) as Promise<number[]>;
}

function makeFeed(options: Options) {
  let tradeId = 1_000_000_000;
  let tick = 0;
  // Fractions carry over, so the rates hold at any batch interval.
  let fillsOwed = 0;
  let tickersOwed = 0;
  const feed = (tickerTopics: readonly string[]): TopicUpdate[] => {
    const now = Date.now();
    const updates: TopicUpdate[] = [];
    fillsOwed += (options.fillsPerSecond * options.batchMs) / 1000;
    tickersOwed += (options.tickersPerSecond * options.batchMs) / 1000 / Math.max(1, tickerTopics.length);
    const fillsPerBatch = Math.floor(fillsOwed);
    const tickersPerBatch = Math.floor(tickersOwed);
    fillsOwed -= fillsPerBatch;
    tickersOwed -= tickersPerBatch;
    for (let i = 0; i < fillsPerBatch; i++) {
      tradeId++;
      const symbol = SYMBOLS[tradeId % SYMBOLS.length] as string;
      const fill: FillItem = {
        tradeId: String(tradeId),
        orderId: String(tradeId >> 2),
        symbol,
        side: tradeId % 2 === 0 ? "BUY" : "SELL",
        price: `6${tradeId % 10}000.${tradeId % 100}`,
        quantity: "0.0125",
        amount: "812.50",
        fee: "0.8125",
        feeCurrency: "USDT",
        feeValue: "0.8125",
        isMaker: tradeId % 3 === 0,
        time: now,
        source: "stream",
      };
      updates.push({ topic: "fills", data: fill, exchangeTime: now, receiveTime: now });
    }
    for (const topic of tickerTopics) {
      const symbol = topic.split(".")[1] as string;
      for (let i = 0; i < tickersPerBatch; i++) {
        tick++;
        const ticker: TickerItem = {
          symbol,
          last: `65${tick % 1000}.5`,
          bidPrice: `65${tick % 1000}.4`,
          bidQuantity: "1.2",
          askPrice: `65${tick % 1000}.6`,
          askQuantity: "0.8",
        };
        updates.push({ topic: marketTopic(symbol, "ticker"), data: ticker, exchangeTime: now, receiveTime: now });
        feed.tickersSent++;
      }
    }
    return updates;
  };
  feed.tickersSent = 0;
  return feed;
}

function row(label: string, s: FrameStats): string {
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${label.padEnd(34)} ${String(s.frames).padStart(6)} ${f(s.p50)} ${f(s.p99)} ${f(s.max)} ${String(s.slow).padStart(6)}`;
}

export async function runRenderBench(
  options: Options,
): Promise<{ idle: FrameStats; loaded: FrameStats; fillsShown: string; tickersPerSecond: number }> {
  await ensureWebBuild((line) => console.error(line));
  const gateway = await startFakeGateway();
  const browser = await launchChromium();
  const feed = makeFeed(options);
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(gateway.url);
    await page.waitForSelector('table[aria-label="Fills"]', { timeout: 30_000 });
    // The section on screen: sections scrolled away do not render (FollowWhenSeen).
    await page.locator(`section[aria-label="${VIEW_SECTION[options.view]}"]`).scrollIntoViewIfNeeded();
    const idle = stats(await recordFrames(page, IDLE_MS));
    timer = setInterval(() => {
      const tickerTopics = new Set<string>();
      for (const client of gateway.clients)
        for (const t of client.topics) if (t.endsWith(".ticker")) tickerTopics.add(t);
      gateway.broadcast(feed([...tickerTopics]));
    }, options.batchMs);
    await page.waitForTimeout(WARMUP_MS);
    const sentBefore = feed.tickersSent;
    const loaded = stats(await recordFrames(page, options.seconds * 1000));
    const tickersPerSecond = (feed.tickersSent - sentBefore) / options.seconds;
    const fillsShown = (await page.locator('[role="tab"]', { hasText: "Fills" }).textContent()) ?? "";
    if (errors.length > 0) throw new Error(`page errors during the benchmark:\n${errors.join("\n")}`);
    return { idle, loaded, fillsShown, tickersPerSecond };
  } finally {
    clearInterval(timer);
    await browser.close();
    await gateway.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = readOptions(process.argv.slice(2));
  const result = await runRenderBench(options);
  const load = `${options.fillsPerSecond} fills/s + ${options.tickersPerSecond} tickers/s, ${options.batchMs} ms batches`;
  console.log(`frame times (requestAnimationFrame deltas, ms), Chromium headless 1280x800, ${options.view} in view`);
  console.log(
    `${"".padEnd(34)} ${"frames".padStart(6)} ${"p50".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)} ${">33ms".padStart(6)}`,
  );
  console.log(row(`idle (${IDLE_MS / 1000} s)`, result.idle));
  console.log(row(`${load} (${options.seconds} s)`, result.loaded));
  console.log(`fills tab at the end: ${result.fillsShown}`);
  console.log(`tickers that reached the page: ${result.tickersPerSecond.toFixed(0)}/s`);
  console.log(JSON.stringify({ options, ...result }));
}
