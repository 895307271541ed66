// @vitest-environment node
/// <reference types="node" />
/**
 * "Am I up or down?" in a real browser against the real gateway (`mexc-live start` in demo mode,
 * its month of history backfilled): for each range (today, 7 days, all) the dashboard's headline
 * PnL and TWR and every part of its bridge are the figures of the /api/performance answer the page
 * read (to 2 places on screen, the exact figure in the element), the parts add up exactly to end
 * equity and to the PnL, and the PnL is end equity minus start equity minus the net flows. The
 * same at a phone's width, where it fits without sideways scrolling. Screenshots go to
 * packages/web/artifacts/ (performance.png, performance-phone.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { BRIDGE_PARTS, type PerformanceBridge, type PerformanceSummary } from "@mexc-live/contract";
import { dec, exact, groupThousands, padDecimals, roundDecimal } from "@mexc-live/protocol";
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
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  gateway = await sharedDemo();
  browser = await launchChromium({ width: 1280, height: 800 });
  mkdirSync(ARTIFACTS, { recursive: true });
}, SHARED_DEMO_WAIT_MS);

afterAll(async () => {
  await browser?.close();
}, 60_000);

/** A money figure as the dashboard shows it: 2 places, grouped, "+" before a gain. */
function money(value: string, signed: boolean): string {
  const shown = groupThousands(padDecimals(roundDecimal(value, 2), 2));
  return signed && !shown.startsWith("-") && dec(value).gt(0) && shown !== "0.00" ? `+${shown}` : shown;
}

/** The answers to /api/performance the page received, newest last. */
function recordAnswers(page: Page): { url: string; body: PerformanceSummary }[] {
  const answers: { url: string; body: PerformanceSummary }[] = [];
  page.on("response", async (response: Response) => {
    // Performance's own read, not the money-weighted return's beside it (/api/performance/money-weighted).
    if (new URL(response.url()).pathname !== "/api/performance" || response.status() !== 200) return;
    try {
      answers.push({ url: response.url(), body: (await response.json()) as PerformanceSummary });
    } catch {
      // A page closing under an answer: nothing to compare.
    }
  });
  return answers;
}

interface Shown {
  readonly pnl: string | null;
  readonly pnlText: string;
  readonly twr: string | null;
  readonly twrText: string;
  readonly bridge: readonly { key: string; value: string | null; text: string }[];
}

/** What the performance section shows: the headline's figures and the bridge's rows. */
function readScreen(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const pnl = document.querySelector("[data-testid=headline-pnl]");
    const twr = document.querySelector("[data-testid=headline-twr]");
    const rows = [...document.querySelectorAll("[data-testid=bridge] li")];
    return {
      pnl: pnl?.getAttribute("data-value") ?? null,
      pnlText: pnl?.textContent ?? "",
      twr: twr?.getAttribute("data-value") ?? null,
      twrText: twr?.textContent ?? "",
      bridge: rows.map((row) => {
        const value = row.querySelector(".bridge-value");
        return {
          key: row.getAttribute("data-key") ?? "",
          value: value?.getAttribute("data-value") ?? null,
          text: value?.textContent ?? "",
        };
      }),
    };
  });
}

/**
 * Waits until the screen shows the newest answer the page read for the range (`isRange`: answers
 * keep coming, every minute and after fills), then checks every figure against it and the
 * identities.
 */
async function expectScreenMatchesApi(
  page: Page,
  answers: { url: string; body: PerformanceSummary }[],
  isRange: (url: string, answer: PerformanceSummary) => boolean,
) {
  let shown: Shown | undefined;
  let answer: PerformanceSummary | undefined;
  const deadline = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    shown = await readScreen(page);
    answer = answers.filter((a) => isRange(a.url, a.body)).at(-1)?.body;
    if (answer?.bridge && shown.pnl !== null && shown.pnl === answer.pnl && shown.bridge.length === 8) {
      const same = shown.bridge.every((row) => row.value === answer?.bridge?.[row.key as keyof PerformanceBridge]);
      if (same) break;
    }
    if (Date.now() > deadline) {
      throw new Error(`the screen never showed the API's answer: ${JSON.stringify({ shown, answer }).slice(0, 2000)}`);
    }
    await page.waitForTimeout(500);
  }
  const bridge = answer.bridge as PerformanceBridge;
  // The headline: the answer's PnL and TWR, as a trader reads them.
  expect(shown.pnlText).toBe(money(answer.pnl as string, true));
  // No return while past prices are still being fetched (pricesPending): "–".
  const percent = answer.twr === null ? null : money(exact(dec(answer.twr).times(100)), true);
  expect(shown.twrText).toBe(percent === null ? "–" : `${percent} %`);
  // The bridge: every part in order, each the answer's figure.
  expect(shown.bridge.map((row) => row.key)).toEqual(BRIDGE_PARTS);
  for (const row of shown.bridge) {
    const value = bridge[row.key as keyof PerformanceBridge];
    expect(row.text).toBe(money(value, row.key !== "startEquity" && row.key !== "endEquity"));
  }
  // One answer, one definition: the parts add up exactly.
  const parts = BRIDGE_PARTS.filter((key) => key !== "endEquity").reduce(
    (sum, key) => sum.plus(dec(bridge[key])),
    dec("0"),
  );
  expect(exact(parts)).toBe(exact(dec(bridge.endEquity)));
  expect(exact(dec(bridge.realized).plus(dec(bridge.unrealized)).plus(dec(bridge.fees)))).toBe(
    exact(dec(answer.pnl as string)),
  );
  expect(
    exact(
      dec(answer.endEquity as string)
        .minus(dec(answer.startEquity as string))
        .minus(dec(answer.netFlows)),
    ),
  ).toBe(exact(dec(answer.pnl as string)));
  return answer;
}

/** The page's width beyond the viewport (0: no sideways scrolling). */
function overflowX(page: Page): Promise<number> {
  return page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  ) as Promise<number>;
}

describe("performance in Chromium against the demo gateway", () => {
  it("shows the headline PnL, the TWR and the bridge of the API's answer, for today, 7 days and all history", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const answers = recordAnswers(page);
    try {
      await page.goto(gateway.url);
      const section = page.locator('section[aria-label="Performance"]');
      await section.waitFor({ timeout: 30_000 });

      // Today (the default): from midnight in the browser's zone.
      const midnight = new Date().setHours(0, 0, 0, 0);
      const today = await expectScreenMatchesApi(page, answers, (url) => url.includes(`from=${midnight}`));
      expect(today.from).toBeGreaterThanOrEqual(midnight);
      await section.screenshot({ path: join(ARTIFACTS, "performance.png") });

      const sevenDaysAgo = Date.now() - 7 * 86_400_000;
      await section.getByRole("button", { name: "7 d" }).click();
      const week = await expectScreenMatchesApi(page, answers, (url) => {
        const from = Number(new URL(url).searchParams.get("from"));
        return Math.abs(from - sevenDaysAgo) < 10 * 60_000;
      });
      expect(week.from).toBeLessThan(today.from);

      // All history: no range asked, the whole month the demo backfilled.
      const allHistory = (url: string) => !new URL(url).searchParams.has("from");
      await section.getByRole("button", { name: "All", exact: true }).click();
      const all = await expectScreenMatchesApi(page, answers, allHistory);
      expect(all.from).toBeLessThan(week.from);

      // At a phone's width the same figures, in one column, with nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await expectScreenMatchesApi(page, answers, allHistory);
      expect(await overflowX(page)).toBe(0);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, "performance-phone.png") });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
