// @vitest-environment node
/// <reference types="node" />
/**
 * The trader's journal in a real browser against the real gateway (`mexc-live start` in demo
 * mode, its month of history backfilled): the statistics on screen are those of the /api/journal
 * answer the page read, the trips table counts the /api/journal/trips answer's items and total,
 * and each day of the calendar is that day's realized PnL in the /api/pnl/periods answer; the
 * sentences against holding still and against BTC carry that answer's figures. The same at a
 * phone's width, with nothing wider than the screen. Screenshots go to
 * packages/web/artifacts/ (journal.png, journal-phone.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page as ApiPage, JournalSummary, JournalTrip, PnlPeriodItem } from "@mexc-live/contract";
import { groupThousands, padDecimals, roundDecimal } from "@mexc-live/protocol";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { SHARED_DEMO_WAIT_MS, type SharedDemo, sharedDemo } from "./sharedDemo.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The backfill of the demo's month of history, and the first answers, on a loaded CI machine. */
const FIGURES_WAIT_MS = 90_000;

let gateway: SharedDemo | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  gateway = await sharedDemo();
  browser = await launchChromium({ width: 1280, height: 800 });
  mkdirSync(ARTIFACTS, { recursive: true });
}, SHARED_DEMO_WAIT_MS);

afterAll(async () => {
  await browser?.close();
}, 60_000);

/** A money figure as the dashboard shows it: 2 places, grouped. */
const money = (value: string) => groupThousands(padDecimals(roundDecimal(value, 2), 2));

interface Answers {
  summary?: JournalSummary;
  trips?: ApiPage<JournalTrip>;
  days?: { items: PnlPeriodItem[] };
}

function recordAnswers(page: Page): Answers {
  const answers: Answers = {};
  page.on("response", async (response: Response) => {
    if (response.status() !== 200) return;
    const path = new URL(response.url()).pathname;
    try {
      if (path === "/api/journal") answers.summary = (await response.json()) as JournalSummary;
      if (path === "/api/journal/trips") answers.trips = (await response.json()) as ApiPage<JournalTrip>;
      if (path === "/api/pnl/periods" && new URL(response.url()).searchParams.get("period") === "day")
        answers.days = (await response.json()) as { items: PnlPeriodItem[] };
    } catch {
      // A page closing under an answer: nothing to compare.
    }
  });
  return answers;
}

/** Waits until the screen shows the last answers read, then compares every figure with them. */
async function expectScreenMatchesApi(page: Page, answers: Answers): Promise<JournalSummary> {
  const section = page.locator('section[aria-label="Journal"]');
  let last: unknown;
  const deadline = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    try {
      const { summary, trips, days } = answers;
      if (!summary || !trips || !days) throw new Error("answers not read yet");
      const stat = async (name: string) => (await section.locator(`[data-stat="${name}"] dd`).textContent()) ?? "";
      expect(await stat("count")).toBe(String(summary.stats.count));
      expect((await stat("realized")).replace(/^\+/, "")).toBe(money(summary.stats.realized));
      expect(await stat("streaks")).toBe(`${summary.stats.longestWinStreak} / ${summary.stats.longestLossStreak}`);
      if (summary.drawdown) expect(await stat("drawdown")).toContain(money(summary.drawdown.max));
      expect(trips.total).toBe(summary.stats.count);
      const figure = async (compare: string, name: string) =>
        ((await section.locator(`[data-compare="${compare}"] [data-figure="${name}"]`).textContent()) ?? "")
          .replace(/^\+/, "")
          .replace(/ [A-Z0-9]+$/, "");
      const holding = summary.againstHolding;
      if (holding?.pnl == null || holding.holdingPnl === null || holding.difference === null)
        throw new Error("the demo's range has no comparison against holding still");
      expect(await figure("holding", "pnl")).toBe(money(holding.pnl));
      expect(await figure("holding", "holdingPnl")).toBe(money(holding.holdingPnl));
      if (money(holding.difference) !== "0.00")
        expect(await figure("holding", "difference")).toBe(money(holding.difference));
      const btc = summary.againstBenchmark;
      expect(btc?.asset).toBe("BTC");
      if (btc?.benchmarkPnl == null) throw new Error("the demo's range has no comparison against BTC");
      expect(await figure("benchmark", "benchmarkPnl")).toBe(money(btc.benchmarkPnl));
      expect(await section.getByRole("heading", { name: /^Round trips/ }).textContent()).toBe(
        `Round trips (${trips.items.length} of ${trips.total})`,
      );
      const cells = await section
        .locator(".journal-day[data-day]")
        .evaluateAll((nodes) => nodes.map((node) => [node.getAttribute("data-day"), node.getAttribute("data-pnl")]));
      expect(cells).toEqual(days.items.map((item) => [item.period, item.realized]));
      // The days count by asset, the trips by pair: the page says so beside the calendar.
      expect(await section.locator('[data-note="calendar"]').textContent()).toMatch(/by asset.*count by pair/s);
      return summary;
    } catch (error) {
      last = error;
      if (Date.now() > deadline) throw last;
      await page.waitForTimeout(500);
    }
  }
}

async function overflowX(page: Page): Promise<number> {
  return page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  ) as Promise<number>;
}

describe("the journal in Chromium against the demo gateway", () => {
  it("shows the statistics, the trips and the daily PnL of the API's answers, at a desktop's and a phone's width", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const answers = recordAnswers(page);
    try {
      await page.goto(gateway.url);
      const section = page.locator('section[aria-label="Journal"]');
      await section.waitFor({ timeout: 30_000 });
      await section.scrollIntoViewIfNeeded();
      const summary = await expectScreenMatchesApi(page, answers);
      expect(summary.stats.count).toBeGreaterThan(0);
      expect(summary.stats.wins + summary.stats.losses + summary.stats.breakeven).toBe(summary.stats.count);
      // Every column of the trips in view at 1280 (the last, Held, was past the right edge).
      expect(await section.getByTestId("columns-past-right").count()).toBe(0);
      await section.screenshot({ path: join(ARTIFACTS, "journal.png") });

      await page.setViewportSize({ width: 390, height: 844 });
      await expectScreenMatchesApi(page, answers);
      expect(await overflowX(page)).toBe(0);
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: join(ARTIFACTS, "journal-phone.png") });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
