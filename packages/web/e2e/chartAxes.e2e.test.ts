// @vitest-environment node
/// <reference types="node" />
/**
 * Charts that start where their data does and axes a reader can read (issue 57 items 3 and 4), in
 * Chromium against the real gateway (`mexc-live start` in demo mode, its month of history read):
 * at 1280x800 in Los Angeles and at 390x844 in Tokyo.
 *
 * - YTD: the equity and PnL-over-time charts begin where GET /api/performance says the range is
 *   measured from (the known history's start, after 1 January), not on 1 January with a straight
 *   line from 0 to the first day.
 * - 30 d and All: the time axis of both charts names days and months ("3 Nov", "Nov"; a time with
 *   its day, "27 Oct 19:00"), never a bare clock time ("15:00" under every tick), and each day it
 *   names is a day of the zone on which GET /api/equity has a point. The labels are read from the chart's `data-time-ticks` (the
 *   labels the library formatted: a canvas has no text to read); screenshots go to
 *   packages/web/artifacts/ for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { EquityPoint, PerformanceSummary } from "@mexc-live/contract";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { type GatewayProcess, HISTORY_WAIT_MS, startGatewayProcess, waitForHistory } from "./gatewayProcess.js";
import { readUntil } from "./shownFigures.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** A chart's data and the range's answer on a loaded 2-core machine. */
const WAIT_MS = 60_000;
const SIZES = [
  { name: "1280", width: 1280, height: 800, zone: "America/Los_Angeles" },
  { name: "390", width: 390, height: 844, zone: "Asia/Tokyo" },
] as const;
const CHARTS = ["equity-chart", "pnl-time-chart"] as const;
/** A tick that names a clock time alone ("15:00", "14:05:09"). */
const BARE_TIME = /^\d\d:\d\d(:\d\d)?$/;
/** A tick that names a day ("3 Nov", or "27 Oct 19:00" for a time of it), a month ("Nov") or a year ("2026"). */
const DAY = /^(\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?: \d\d:\d\d)?$/;
const MONTH_OR_YEAR = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d{4})$/;

let gateway: GatewayProcess | undefined;
const browsers: LaunchedBrowser[] = [];

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  gateway = await startGatewayProcess();
  await waitForHistory(gateway.url);
}, 120_000 + HISTORY_WAIT_MS);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await gateway?.stop();
}, 60_000);

/** A fresh page at `size` with a range picked; the performance answers it read, newest last. */
async function rangeShown(size: (typeof SIZES)[number], range: string) {
  if (!gateway) throw new Error("setup failed");
  const browser = await launchChromium({ width: size.width, height: size.height }, size.zone);
  browsers.push(browser);
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const answers: { url: URL; body: PerformanceSummary }[] = [];
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (url.pathname !== "/api/performance" || response.status() !== 200) return;
    const body = (await response.json().catch(() => null)) as PerformanceSummary | null;
    if (body !== null) answers.push({ url, body });
  });
  await page.goto(gateway.url);
  const section = page.locator('section[aria-label="Performance"]');
  await section.waitFor({ timeout: WAIT_MS });
  await section.scrollIntoViewIfNeeded();
  await section.getByRole("button", { name: range, exact: true }).click();
  return { page, section, answers, errors };
}

/** The chart's first point (ms) and the tick labels it drew, once it has points. */
async function chartRead(page: Page, testId: string) {
  const chart = page.getByTestId(testId);
  await page.waitForFunction(
    (id) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-points") ?? 0) > 10,
    testId,
    { timeout: WAIT_MS },
  );
  return {
    first: Number(await chart.getAttribute("data-first-time")),
    ticks: ((await chart.locator(".chart-canvas").getAttribute("data-time-ticks")) ?? "").split("|").filter(Boolean),
  };
}

/** "3 Nov" of the days `points` fall on in `zone`. */
function daysOf(points: readonly EquityPoint[], zone: string): Set<string> {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "numeric", month: "short" });
  return new Set(points.map((point) => format.format(point.time)));
}

describe("charts start where their data does, and their axes name days (30 d, All, YTD)", () => {
  for (const size of SIZES) {
    it(`at ${size.width}x${size.height} in ${size.zone}: YTD starts at the history's start; 30 d and All tick days`, async () => {
      if (!gateway) throw new Error("setup failed");
      // YTD: both charts begin where the answer says the range is measured from.
      const ytd = await rangeShown(size, "YTD");
      const yearStart = await ytd.page.evaluate(() => new Date(new Date().getFullYear(), 0, 1).getTime());
      const ytdAnswer = () =>
        ytd.answers.filter((a) => a.url.searchParams.get("from") === String(yearStart)).at(-1)?.body;
      const drawn = await readUntil(
        ytd.page,
        async () => ({
          answer: ytdAnswer(),
          equity: await chartRead(ytd.page, "equity-chart"),
          pnl: await chartRead(ytd.page, "pnl-time-chart"),
        }),
        ({ answer, equity, pnl }) => answer !== undefined && equity.first === answer.from && pnl.first === answer.from,
        60,
        500,
      );
      const answer = drawn.answer;
      expect(answer?.coverage?.status).toBe("startsBeforeHistory");
      expect(answer?.from).toBeGreaterThan(yearStart);
      for (const id of CHARTS) expect((await chartRead(ytd.page, id)).first, id).toBe(answer?.from);
      await ytd.section.screenshot({ path: join(ARTIFACTS, `axes-ytd-${size.name}.png`) });
      expect(ytd.errors).toEqual([]);
      await ytd.page.close();

      // 30 d and All: the ticks name days and months of the zone, on days the equity has points.
      for (const range of ["30 d", "All"]) {
        const shown = await rangeShown(size, range);
        await shown.page.waitForTimeout(3_000); // the range's history read, the charts drawn
        const history = (await (await fetch(new URL("/api/equity?step=3600s&account=main", gateway.url))).json()) as {
          items: EquityPoint[];
        };
        // The days of the equity's points, and of the range's start (its start equity, where the lines begin).
        const starts = shown.answers.map((answer) => ({ time: answer.body.from }) as EquityPoint);
        const days = daysOf([...history.items, ...starts], size.zone);
        for (const id of CHARTS) {
          const { ticks } = await chartRead(shown.page, id);
          console.info(`${size.name} px, ${range}, ${id}: ${ticks.join(" | ")}`);
          expect(
            ticks.filter((tick) => BARE_TIME.test(tick)),
            `${range} ${id}: clock times alone`,
          ).toEqual([]);
          const named = ticks.filter((tick) => DAY.test(tick));
          expect(named.length + ticks.filter((tick) => MONTH_OR_YEAR.test(tick)).length, `${range} ${id}`).toBe(
            ticks.length,
          );
          expect(named.length, `${range} ${id}: days named`).toBeGreaterThanOrEqual(2);
          const namedDays = named.map((tick) => DAY.exec(tick)?.[1] ?? tick);
          expect(
            namedDays.filter((day) => !days.has(day)),
            `${range} ${id}: days without a point`,
          ).toEqual([]);
        }
        await shown.section.screenshot({ path: join(ARTIFACTS, `axes-${range.replace(" ", "")}-${size.name}.png`) });
        expect(shown.errors).toEqual([]);
        await shown.page.close();
      }
    }, 300_000);
  }
});
