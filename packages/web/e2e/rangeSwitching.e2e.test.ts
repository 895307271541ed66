// @vitest-environment node
/// <reference types="node" />
/**
 * The Performance ranges switched again and again while a fresh demo's history comes in and
 * after, in Chromium at a desktop's width: the equity and PnL-over-time charts keep drawing, with
 * no page error. Before the equity chart emptied every line before setting any anew
 * (charts/EquityChart.tsx), lightweight-charts 5.2.1 threw "Value is null" from a line's bar
 * style in about half of such runs (lightweight-charts#2044), around the history's completion
 * (about 40-50 s into a demo); 5 of 5 runs passed after. The clicks start as soon as the buttons
 * show and stop after CLICKING_MS.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { type GatewayProcess, startGatewayProcess } from "./gatewayProcess.js";

/** How long the ranges are switched, from the page's first paint (the history comes in within it). */
const CLICKING_MS = 90_000;
const RANGES = ["7 d", "Today", "30 d", "Today", "7 d", "All", "Today", "YTD"] as const;
/** Gaps between clicks: irregular, so a switch lands at every stage of a chart's update. */
const GAPS_MS = [300, 700, 1_100, 1_500, 1_900] as const;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips
  await ensureWebBuild();
  gateway = await startGatewayProcess();
  browser = await launchChromium({ width: 1280, height: 800 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
}, 60_000);

async function clickRange(page: Page, name: string): Promise<boolean> {
  try {
    await page.getByRole("button", { name, exact: true }).click({ timeout: 5_000 });
    return true;
  } catch {
    return false; // not shown yet (the page is loading): the loop goes on until CLICKING_MS
  }
}

describe("switching the Performance range while the history comes in", () => {
  it("keeps both charts drawing with no page error", async () => {
    const page = await (browser as LaunchedBrowser).context.newPage();
    const errors = watchErrors(page);
    await page.goto((gateway as GatewayProcess).url);
    const until = Date.now() + CLICKING_MS;
    let clicks = 0;
    for (let i = 0; Date.now() < until; i++) {
      if (await clickRange(page, RANGES[i % RANGES.length] as string)) clicks++;
      await page.waitForTimeout(GAPS_MS[i % GAPS_MS.length] as number);
    }
    expect(clicks, "range buttons clicked").toBeGreaterThan(30);
    // Still drawing: the last range picked shows its points in both charts.
    await page.waitForFunction(
      () =>
        ["equity-chart", "pnl-time-chart"].every(
          (id) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute("data-points") ?? 0) > 0,
        ),
      undefined,
      { timeout: 30_000 },
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
