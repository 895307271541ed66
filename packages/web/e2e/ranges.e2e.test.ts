// @vitest-environment node
/// <reference types="node" />
/**
 * Ranges mean what they say (issue 40), in Chromium against the demo gateway, in a GMT+1 zone
 * (Europe/Paris in November), at a desktop's width and a phone's: "Today" draws equity and PnL
 * over time from the range's midnight, the PnL at 0 there (not from the estimated UTC day end an
 * hour later); a past day ends at its 24:00 with the figures to midnight; days picked the wrong
 * way round, before the history or after now show no figure and say why in words. Screenshots go
 * to packages/web/artifacts/ (ranges-<width>-<case>.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { PerformanceSummary } from "@mexc-live/contract";
import type { Locator, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { SHARED_DEMO_WAIT_MS, type SharedDemo, sharedDemo } from "./sharedDemo.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The backfill of the demo's month of history, and the first answers, on a loaded machine. */
const FIGURES_WAIT_MS = 120_000;
const ZONE = "Europe/Paris";
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

let gateway: SharedDemo | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips
  await ensureWebBuild();
  gateway = await sharedDemo();
  browser = await launchChromium(WIDTHS[0], ZONE);
  mkdirSync(ARTIFACTS, { recursive: true });
}, SHARED_DEMO_WAIT_MS);

afterAll(async () => {
  await browser?.close();
}, 60_000);

/** The answers to /api/performance the page received, newest last. */
function recordAnswers(page: Page): { url: URL; body: PerformanceSummary }[] {
  const answers: { url: URL; body: PerformanceSummary }[] = [];
  page.on("response", async (response: Response) => {
    if (!response.url().includes("/api/performance") || response.status() !== 200) return;
    try {
      answers.push({ url: new URL(response.url()), body: (await response.json()) as PerformanceSummary });
    } catch {
      // A page closing under an answer: nothing to compare.
    }
  });
  return answers;
}

/** Polls `check` (a truthy result ends it) until FIGURES_WAIT_MS; the last state in the error. */
async function until<T>(page: Page, what: string, check: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await page.waitForTimeout(500);
  }
}

/** Midnight (ms) of the page's day `offset` days from today, in the page's zone, and its date. */
function pageDay(page: Page, offset: number): Promise<{ start: number; next: number; day: string }> {
  return page.evaluate((days) => {
    const d = new Date();
    const start = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
    const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + days + 1).getTime();
    const s = new Date(start);
    const day = `${s.getFullYear()}-${String(s.getMonth() + 1).padStart(2, "0")}-${String(s.getDate()).padStart(2, "0")}`;
    return { start, next, day };
  }, offset);
}

async function pickDays(section: Locator, from: string, to: string): Promise<void> {
  await section.getByRole("button", { name: "Days…" }).click();
  await section.getByLabel("From").fill(from);
  await section.getByLabel("to", { exact: true }).fill(to);
}

const text = async (locator: Locator) => (await locator.textContent()) ?? "";

describe("ranges in Chromium (GMT+1) against the demo gateway", () => {
  for (const viewport of WIDTHS) {
    it(`at ${viewport.width} px: charts start at the range's start, each range says what it is`, async () => {
      if (!browser || !gateway) throw new Error("setup failed");
      const page = await browser.context.newPage();
      await page.setViewportSize(viewport);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const answers = recordAnswers(page);
      const shot = (name: string) =>
        section.screenshot({ path: join(ARTIFACTS, `ranges-${viewport.width}-${name}.png`) });
      const section = page.locator('section[aria-label="Performance"]');
      try {
        await page.goto(gateway.url);
        await section.waitFor({ timeout: 30_000 });
        const today = await pageDay(page, 0);
        const yesterday = await pageDay(page, -1);
        const tomorrow = await pageDay(page, 1);

        // Today: both charts begin at midnight (GMT+1), equity at the answer's start equity, PnL at 0.
        // Answers change while the demo's history is backfilled: the screen follows the newest.
        const equityChart = section.getByTestId("equity-chart");
        const pnlChart = section.getByTestId("pnl-time-chart");
        const answer = await until(page, "the charts to start at the range's start, at its start equity", async () => {
          const body = answers.filter((a) => a.url.searchParams.get("from") === String(today.start)).at(-1)?.body;
          if (typeof body?.startEquity !== "string" || (body.unpriced ?? []).length > 0) return undefined;
          const first = Number(await equityChart.getAttribute("data-first-value"));
          return (await equityChart.getAttribute("data-first-time")) === String(today.start) &&
            (await pnlChart.getAttribute("data-first-time")) === String(today.start) &&
            Math.abs(first - Number(body.startEquity)) < 0.01
            ? body
            : undefined;
        });
        expect(answer.from).toBe(today.start);
        expect(await pnlChart.getAttribute("data-first-value")).toBe("0");
        await shot("today");

        // The equity chart's legend wraps inside the chart's box (it ran past the right edge, the last
        // checkbox cut: issue 57 item 9), and its last asset can be picked and put back.
        const assets = section.locator("fieldset.chart-assets");
        const last = assets.locator("label").last();
        const outside = await assets.evaluate((row) => {
          const box = row.getBoundingClientRect();
          return [...row.querySelectorAll("label")]
            .filter((label) => {
              const rect = label.getBoundingClientRect();
              return rect.right > box.right + 1 || rect.left < box.left - 1;
            })
            .map((label) => label.textContent);
        });
        expect(outside).toEqual([]);
        await last.locator("input").click();
        expect(await last.locator("input").isChecked()).toBe(true);
        await last.locator("input").click();

        // Yesterday: it ends at its 24:00, with the figures to midnight, not 23:45.
        await pickDays(section, yesterday.day, yesterday.day);
        const isYesterday = (a: (typeof answers)[number]) =>
          a.url.searchParams.get("to") === String(yesterday.next - 1) && a.body.bridge !== undefined;
        const asked = await until(page, "an answer for yesterday", async () => answers.find(isYesterday));
        expect(asked.body.to).toBe(yesterday.next);
        // The same question (same account, method) asked up to the exclusive midnight: the same figures.
        // While the demo's history is still stored, yesterday's figures move: the page's newest answer
        // and a fresh one are compared, again until both were read at one state of the history.
        const url = new URL(asked.url);
        url.searchParams.set("to", String(yesterday.next));
        const pair = await until(page, "yesterday's figures read to 23:59:59.999 and to midnight agree", async () => {
          const again = await page.request.get(asked.url.toString());
          const day = (await again.json()) as PerformanceSummary;
          const toMidnight = (await (await page.request.get(url.toString())).json()) as PerformanceSummary;
          return day.endEquity === toMidnight.endEquity ? { day, toMidnight } : undefined;
        });
        expect(pair.day.endEquity).toBe(pair.toMidnight.endEquity);
        expect(pair.day.to).toBe(pair.toMidnight.to);
        const headline = section.getByTestId("performance-headline");
        await until(page, "yesterday's span on screen", async () =>
          (await text(headline)).includes(`${yesterday.day} 00:00 – ${yesterday.day} 24:00`),
        );
        await shot("day");

        // Days the wrong way round: no figure of the range before, a sentence.
        await section.getByLabel("From").fill(today.day);
        await section.getByLabel("to", { exact: true }).fill(yesterday.day);
        await until(page, "the reversed days in words", async () =>
          (await text(section.getByTestId("range-words"))).startsWith(
            "No figures: the first day picked is after the last",
          ),
        );
        expect(await text(section.getByTestId("headline-pnl"))).toBe("–");
        expect(await section.getByTestId("bridge").count()).toBe(0);

        // Before the history: no 0.00, the day the history starts.
        await section.getByLabel("From").fill("2025-01-31");
        await section.getByLabel("to", { exact: true }).fill("2025-01-31");
        await until(page, "a range before the history in words", async () =>
          /^No figures: this range ends before the history mexc-live knows, which starts on \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/.test(
            await text(section.getByTestId("range-words")),
          ),
        );
        expect(await text(headline)).toContain("2025-01-31 00:00 – 2025-01-31 24:00");
        expect(await text(section.getByTestId("headline-pnl"))).toBe("–");
        expect(await text(section.locator(".perf-summary"))).not.toContain("0.00");
        await shot("before-history");

        // After now: the days picked, no figure yet.
        await section.getByLabel("to", { exact: true }).fill(tomorrow.day);
        await section.getByLabel("From").fill(tomorrow.day);
        await until(
          page,
          "a range after now in words",
          async () =>
            (await text(section.getByTestId("range-words"))) === "No figures yet: this range starts after now.",
        );
        expect(await text(headline)).toContain(`${tomorrow.day} 00:00 – ${tomorrow.day} 24:00`);
        expect(await text(section.getByTestId("headline-pnl"))).toBe("–");

        expect(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).toBe(
          0,
        );
        // The zone under the chart's price axis; the trades' time header whole (it was cut to "Time (...").
        expect(await text(section.getByTestId("equity-chart").getByTestId("chart-zone"))).toMatch(/^(GMT\+1|CET)$/);
        // The market panel draws once scrolled near, its trades once the demo's first ones arrive.
        await page.locator('section[aria-label="Market"]').scrollIntoViewIfNeeded();
        const timeHead = page.locator(".market-trades th.trades-time-head");
        await timeHead.waitFor({ timeout: FIGURES_WAIT_MS });
        await timeHead.scrollIntoViewIfNeeded();
        await until(page, "the trades' time header", async () => (await text(timeHead)).startsWith("Time ("));
        expect(
          await timeHead.evaluate((th) => th.scrollWidth <= th.clientWidth && th.scrollHeight <= th.clientHeight),
        ).toBe(true);
        await page
          .locator(".market-trades")
          .screenshot({ path: join(ARTIFACTS, `ranges-${viewport.width}-trades.png`) });
        const pnl = page.locator('section[aria-label="PnL"]');
        await pnl.scrollIntoViewIfNeeded();
        await page.waitForTimeout(1_000);
        await pnl.screenshot({ path: join(ARTIFACTS, `ranges-${viewport.width}-pnl.png`) });
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 300_000);
  }
});
