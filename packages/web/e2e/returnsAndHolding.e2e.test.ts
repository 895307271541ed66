// @vitest-environment node
/// <reference types="node" />
/**
 * The two figures of issue 55 item 8 in a real browser against the real gateway (`mexc-live
 * start` in demo mode, its month of history backfilled): Performance's headline shows the
 * money-weighted return of the /api/performance/money-weighted answer the page read (the range's,
 * exact on hover, and a year's), for Today and for All; the answer itself solves Eq 1 with its
 * own equity and flows; the Journal's "Holding time by pair" shows the rows of the
 * /api/journal/holding-times answer. The same at a phone's width, with nothing wider than the
 * screen. Screenshots go to packages/web/artifacts/ (irr.png, irr-phone.png, holding-times.png,
 * holding-times-phone.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { HoldingTimeItem, MoneyWeightedAnswer } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
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

interface Answers {
  irr?: MoneyWeightedAnswer;
  /** Whether the request of `irr` asked for all the history (no `from`): the "All" range's. */
  irrOfAll?: boolean;
  holding?: HoldingTimeItem[];
}

function recordAnswers(page: Page): Answers {
  const answers: Answers = {};
  page.on("response", async (response: Response) => {
    if (response.status() !== 200) return;
    const path = new URL(response.url()).pathname;
    try {
      if (path === "/api/performance/money-weighted") {
        const answer = (await response.json()) as MoneyWeightedAnswer;
        answers.irr = answer;
        answers.irrOfAll = !new URL(response.url()).searchParams.has("from");
      }
      if (path === "/api/journal/holding-times")
        answers.holding = ((await response.json()) as { items: HoldingTimeItem[] }).items;
    } catch {
      // A page closing under an answer: nothing to compare.
    }
  });
  return answers;
}

/** Retries `check` until it passes or FIGURES_WAIT_MS is up (the figures come in as the backfill goes). */
async function eventually<T>(page: Page, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.waitForTimeout(500);
    }
  }
}

/** Eq 1 with the answer's own numbers at its period rate, less its end equity, over its scale. */
function relativeResidual(answer: MoneyWeightedAnswer): number {
  const growth = 1 + Number(answer.period);
  const length = answer.to - answer.from;
  let sum = Number(answer.startEquity) * growth;
  let scale = Math.abs(Number(answer.startEquity)) + Math.abs(Number(answer.endEquity));
  for (const flow of answer.flows) {
    sum += Number(flow.value) * growth ** ((answer.to - flow.time) / length);
    scale += Math.abs(Number(flow.value));
  }
  return Math.abs(sum - Number(answer.endEquity)) / scale;
}

/**
 * The headline's IRR is the last answer's: its period exact on hover, "–" when it has none. `ofAll`:
 * an answer to the "All" range's request (one of the range shown before may land after the click).
 */
async function expectIrrMatchesApi(
  page: Page,
  answers: Answers,
  { withRate = false, ofAll = false } = {},
): Promise<MoneyWeightedAnswer> {
  return eventually(page, async () => {
    const answer = answers.irr;
    if (!answer) throw new Error("no money-weighted answer read yet");
    if (ofAll && !answers.irrOfAll) throw new Error("no money-weighted answer of All read yet");
    // While the backfill's past prices come in, the answer has none (pricesPending): a later one does.
    if (withRate && answer.period === null) throw new Error(`no rate yet: ${answer.noRate}`);
    const headline = page.getByTestId("performance-headline");
    const irr = headline.getByTestId("headline-irr");
    if (answer.period === null) {
      expect(await irr.textContent()).toBe("–");
      return answer;
    }
    expect(await irr.getAttribute("data-value")).toBe(answer.period);
    expect(await irr.textContent()).toMatch(/^[+-]?\d{1,3}(,\d{3})*\.\d{2} %$/);
    // A rate a year only over a year or more (PerformanceHeadline: GIPS); the demo's history is a month.
    if (answer.annual !== null && answer.to - answer.from >= 365 * DAY_MS)
      expect(await headline.getByTestId("headline-irr-annual").getAttribute("title")).toBe(answer.annual);
    else expect(await headline.getByTestId("headline-irr-annual").count()).toBe(0);
    expect(relativeResidual(answer)).toBeLessThan(1e-9);
    return answer;
  });
}

/** The holding table's rows are the last answer's: pair, trips, and the exact days on hover. */
async function expectHoldingMatchesApi(page: Page, answers: Answers): Promise<HoldingTimeItem[]> {
  return eventually(page, async () => {
    const items = answers.holding;
    if (!items || items.length === 0) throw new Error("no holding times read yet");
    const table = page.getByRole("table", { name: "Holding time by pair" });
    const rows = await table.locator("tbody tr").evaluateAll((nodes) =>
      nodes.map((node) => ({
        symbol: node.getAttribute("data-symbol"),
        trips: node.children[1]?.textContent,
        average: node.querySelector('[data-cell="average"] span')?.getAttribute("title") ?? null,
        median: node.querySelector('[data-cell="median"] span')?.getAttribute("title") ?? null,
      })),
    );
    expect(rows).toEqual(
      items.map((item) => ({
        symbol: item.symbol,
        trips: String(item.trips),
        average: item.averageDays === null ? null : `${item.averageDays} days`,
        median: item.medianDays === null ? null : `${item.medianDays} days`,
      })),
    );
    return items;
  });
}

async function overflowX(page: Page): Promise<number> {
  return page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  ) as Promise<number>;
}

describe("the money-weighted return and holding time in Chromium against the demo gateway", () => {
  it("shows the API's IRR beside the TWR and each pair's holding time, at a desktop's and a phone's width", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const answers = recordAnswers(page);
    try {
      await page.goto(gateway.url);
      const performance = page.locator('section[aria-label="Performance"]');
      await performance.waitFor({ timeout: 30_000 });
      // All: the demo's month, its deposit in the range.
      await performance.getByRole("button", { name: "All", exact: true }).click();
      const all = await expectIrrMatchesApi(page, answers, { withRate: true, ofAll: true });
      expect(all.noRate).toBeNull();
      expect(all.flows.length).toBeGreaterThan(0);
      await page.getByTestId("performance-headline").screenshot({ path: join(ARTIFACTS, "irr.png") });

      const journal = page.locator('section[aria-label="Journal"]');
      await journal.scrollIntoViewIfNeeded();
      const items = await expectHoldingMatchesApi(page, answers);
      // The demo's trips may all sell coins from before its history: then none is measured.
      for (const item of items) {
        expect(item.measured).toBeLessThanOrEqual(item.trips);
        expect(item.averageDays === null).toBe(item.measured === 0);
      }
      await page.getByTestId("holding-times").screenshot({ path: join(ARTIFACTS, "holding-times.png") });

      await page.setViewportSize({ width: 390, height: 844 });
      await expectIrrMatchesApi(page, answers);
      await expectHoldingMatchesApi(page, answers);
      expect(await overflowX(page)).toBe(0);
      // Each in the middle of the screen (the header is sticky: an element's own screenshot at the
      // top would be under it), the viewport taken.
      const centred = (testId: string) =>
        page.getByTestId(testId).evaluate((node) => node.scrollIntoView({ block: "center" }));
      await centred("performance-headline");
      await page.screenshot({ path: join(ARTIFACTS, "irr-phone.png") });
      await centred("holding-times");
      await page.screenshot({ path: join(ARTIFACTS, "holding-times-phone.png") });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
