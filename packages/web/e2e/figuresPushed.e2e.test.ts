// @vitest-environment node
/// <reference types="node" />
/**
 * The walk of a fill, as a user sees it (issue 55 item 4), in Chromium against the real gateway
 * (`mexc-live start` in demo mode with a busy demo trader: BUSY_DEMO): after a fill, the PnL
 * panel's By-pair table (its fees and PnL) changes on screen while the page makes no read of the
 * figures the `figures` topic carries (GET /api/pnl, by pair or by asset, /api/fees, /api/fees/days,
 * /api/volume): they came with the figures version over the page's WebSocket
 * (gateway figures/pushedAnswers.ts, web api/useFigures.ts). Every request is counted; the page's
 * other reads (performance, PnL by period, the journal: figures over a range it picks) still go
 * out and are printed. The page's zone is UTC, the zone the pushed days are in.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import {
  BUSY_DEMO,
  type GatewayProcess,
  HISTORY_WAIT_MS,
  startGatewayProcess,
  waitForHistory,
} from "./gatewayProcess.js";

/** The demo's first answers, then a new demo fill, on a loaded 2-core CI machine. */
const WAIT_MS = 120_000;
/** The reads a figures push carries the answers of. */
const PUSHED_READ = /^GET \/api\/(pnl|fees|fees\/days|volume)(\?|$)/;
/** After the load's reads, none of those for this long before the watch starts (the load's reads settle). */
const QUIET_MS = 6_000;
/** The By-pair table is watched this long after it first changed: later fills must not be read either. */
const WATCH_MS = 10_000;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  gateway = await startGatewayProcess([...BUSY_DEMO]);
  browser = await launchChromium({ width: 1280, height: 800 }, "UTC");
  // Watched once the month's history is in (a backfill's passes move every figure at once).
  await waitForHistory(gateway.url);
}, 300_000 + HISTORY_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
}, 60_000);

/** Every /api/ request the page makes, "METHOD /path?query", and when (ms). */
function recordRequests(page: Page): { requests: string[]; times: number[] } {
  const requests: string[] = [];
  const times: number[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/api/")) return;
    requests.push(`${request.method()} ${url.pathname}${url.search}`);
    times.push(Date.now());
  });
  return { requests, times };
}

/** The text of the PnL panel's By-pair table body. */
function byPairText(page: Page): Promise<string> {
  return page.$eval('table[aria-label="PnL"] tbody', (body) => body.textContent ?? "");
}

describe("a fill's figures reach the dashboard over the stream", () => {
  it("updates the PnL by pair after a fill with no read of PnL, fees or volume over HTTP", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const { requests, times } = recordRequests(page);
    /** When the page's WebSocket last brought a fill (ms). */
    const fillFrames: number[] = [];
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        if (typeof payload === "string" && payload.includes('"tradeId"')) fillFrames.push(Date.now());
      }),
    );
    try {
      await page.goto(gateway.url);
      await page.waitForFunction(() => document.querySelectorAll('table[aria-label="PnL"] tbody tr').length > 0, null, {
        timeout: WAIT_MS,
      });
      // The load's reads of those figures settle (the first read, and one after the first push).
      for (let look = 0; look < 30; look++) {
        const last = Math.max(0, ...requests.flatMap((r, i) => (PUSHED_READ.test(r) ? [times[i] ?? 0] : [])));
        if (Date.now() - last >= QUIET_MS) break;
        await page.waitForTimeout(1_000);
      }
      const from = requests.length;
      const watchFrom = Date.now();
      const before = await byPairText(page);
      // A fill of the demo trader moves the pair's fees and PnL: the table changes.
      await page.waitForFunction(
        (shown) => (document.querySelector('table[aria-label="PnL"] tbody')?.textContent ?? "") !== shown,
        before,
        { timeout: WAIT_MS, polling: 100 },
      );
      const changedAt = Date.now();
      await page.waitForTimeout(WATCH_MS);
      const between = requests.slice(from);
      console.info(
        `requests in ${Math.round((Date.now() - watchFrom) / 1000)} s while fills came (${between.length}): ${JSON.stringify(between.map((r) => r.split("?")[0]))}`,
      );
      // A fill came over the stream before the table changed, and the table changed with no read.
      expect(fillFrames.some((at) => at >= watchFrom && at <= changedAt)).toBe(true);
      expect(between.filter((request) => PUSHED_READ.test(request))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
