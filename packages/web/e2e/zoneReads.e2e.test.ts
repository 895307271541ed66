// @vitest-environment node
/// <reference types="node" />
/**
 * One zone for every figure (issue 40, item 1), in Chromium whose zone is Los Angeles against the
 * real gateway (`mexc-live start` in demo mode, two accounts): every read of a route that groups
 * by day (PnL by period, the All-accounts summary's "Realized today" among them; fees by day;
 * volume by day) names the page's zone, and the All-accounts "Realized today" is the figure the
 * gateway answered that Los Angeles read for the day holding now. At 1280x800 and at 390x844 (the
 * phone lays the sections out otherwise, and reads them as they come on screen).
 */
import { dec, exact, ZERO } from "@mexc-live/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { SHARED_DEMO_WAIT_MS, type SharedDemo, sharedDemo } from "./sharedDemo.js";

/** The demo's start and first answers on a loaded 2-core machine. */
const WAIT_MS = 120_000;
/** The demo's first backfill of two accounts on a loaded 2-core machine (firstVisit.e2e.test.ts: the same). */
const ZONE = "America/Los_Angeles";
/** The routes that group by day of `tz=` (the gateway's http/queryParams.ts tzParam). */
const DAY_READ = /^\/api\/(pnl\/periods|fees\/days|volume)$/;
/** A demo fill can land between the page's read and the test's: compared again this often, this far apart. */
const COMPARE_TRIES = 5;
const COMPARE_WAIT_MS = 2_000;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

let gateway: SharedDemo | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  // The month's history in: today's fills are the history's (the demo trades at its pace, about
  // one fill an hour), so the day's figure is one the zone changes.
  gateway = await sharedDemo();
  browser = await launchChromium({ width: 1280, height: 800 }, ZONE);
}, SHARED_DEMO_WAIT_MS);

afterAll(async () => {
  await browser?.close();
}, 60_000);

describe.each(SIZES)(
  "one zone for every figure, in Chromium in Los Angeles against the demo gateway, at $width px",
  (size) => {
    it("names the page's zone in every read that groups by day; 'Realized today' is the Los Angeles day's", async () => {
      if (!browser || !gateway) throw new Error("setup failed");
      const page = await browser.context.newPage();
      await page.setViewportSize(size);
      const dayReads: URL[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (DAY_READ.test(url.pathname)) dayReads.push(url);
      });
      // The answers to the summary's combined read (naming no account), with the time it was asked for.
      const summaryAnswers: { at: number; items: { from: number; to: number; realized: string }[] }[] = [];
      page.on("response", async (response) => {
        const url = new URL(response.url());
        if (url.pathname !== "/api/pnl/periods" || !url.searchParams.has("to") || url.searchParams.has("account"))
          return;
        const body = (await response.json()) as { items: { from: number; to: number; realized: string }[] };
        summaryAnswers.push({ at: Number(url.searchParams.get("to")), items: body.items });
      });
      await page.goto(gateway.url);
      const today = page.getByTestId("all-accounts-pnl-today");
      await today.waitFor({ timeout: WAIT_MS });
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="all-accounts-pnl-today"] .not-set'),
        undefined,
        { timeout: WAIT_MS, polling: 200 },
      );
      // Every section seen once, so each reads what it shows.
      for (const region of await page.getByRole("region").all()) await region.scrollIntoViewIfNeeded();
      await page.waitForTimeout(2_000);
      expect(dayReads.length).toBeGreaterThan(0);
      expect(dayReads.filter((url) => url.searchParams.get("tz") !== ZONE).map(String)).toEqual([]);

      // The figure shown is the sum, for the day holding the read's `to`, of what the gateway
      // answered the page's own Los Angeles read (the latest one; compared again, at most
      // COMPARE_TRIES times, while a newer answer is still being drawn).
      const shownAndExpected = async (): Promise<[string, string]> => {
        const latest = summaryAnswers[summaryAnswers.length - 1];
        if (latest === undefined) throw new Error("no All-accounts PnL read answered");
        const todays = latest.items.filter((item) => item.from <= latest.at && latest.at <= item.to);
        const expected = exact(todays.reduce((sum, item) => sum.plus(dec(item.realized, "realized")), ZERO));
        const shown = await today
          .locator("span")
          .first()
          .evaluate((el) => el.getAttribute("title") ?? el.textContent ?? "");
        return [exact(dec(shown.replace(/[+,]/g, "").trim(), "shown")), expected];
      };
      let [shown, expected] = await shownAndExpected();
      for (let tries = 1; tries < COMPARE_TRIES && shown !== expected; tries++) {
        await page.waitForTimeout(COMPARE_WAIT_MS);
        [shown, expected] = await shownAndExpected();
      }
      console.info(
        `${size.width} px: Realized today shown ${shown}; the page's Los Angeles read answered ${expected} for its day`,
      );
      expect(shown).toBe(expected);
      await page.close();
    }, 300_000);
  },
);
