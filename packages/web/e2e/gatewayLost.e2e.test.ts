// @vitest-environment node
/// <reference types="node" />
/**
 * The gateway stops: within 2 s every badge, dot, switcher label and sentence on the page says so
 * (issue 40, item 5), at 1280x800 in Los Angeles and at 390x844 in Tokyo. Against the real
 * gateway (`mexc-live start` in demo mode: two accounts, so the header, the switcher and the
 * All-accounts summary all show states): the page first shows every account live, its history
 * read, scrolled down past the summary, then the gateway process is stopped, and the time from its
 * exit until nothing on the page says "live" and everything says "gateway lost" is measured. And,
 * 5 s after the stop (issue 57 item 7): nothing pretends to be alive, the parts scrolled away
 * included: no section of the summary says "live" or "after each fill" (each says "as last seen"),
 * Performance says its figures are as last seen, the header's listen-key age stops (the gateway
 * deleted the key: "–"; before the stop it was the age /api/health said), and the header's history
 * sentence is whole, never cut to "hist…". Screenshots of both moments go to packages/web/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { type GatewayProcess, HISTORY_WAIT_MS, startGatewayProcess, waitForHistory } from "./gatewayProcess.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The demo's start and first answers on a loaded 2-core machine. */
const WAIT_MS = 120_000;
/** How soon after the gateway stops the page must say so everywhere (issue 40: "within 2 s"). */
const LOST_SHOWN_WITHIN_MS = 2_000;
const WIDTHS = [
  { name: "desktop", width: 1280, height: 800, zone: "America/Los_Angeles" },
  { name: "phone", width: 390, height: 844, zone: "Asia/Tokyo" },
] as const;
/** How long after the stop the page is read again: the issue saw rows still "live" 5 s after it. */
const AFTER_STOP_MS = 5_000;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  await gateway?.stop();
  browser = undefined;
  gateway = undefined;
}, 60_000);

/** Every state the page shows: the header's, each switcher option's, each All-accounts badge, the summary's note, any green dot. */
function statesShown(page: Page) {
  return page.evaluate(() => ({
    header: document.querySelector('[data-testid="upstream-status"]')?.getAttribute("data-state") ?? null,
    switcher: [...document.querySelectorAll<HTMLOptionElement>('select[aria-label="Account"] option')].map(
      (option) => option.text,
    ),
    badges: [...document.querySelectorAll('[data-testid="all-accounts-badge"]')].map((badge) => badge.textContent),
    summary: document.querySelector('[data-testid="all-accounts-read"]')?.textContent ?? null,
    greenDots: document.querySelectorAll(".account-dot.account-live, .status-live").length,
    /** Sections of the summary that call themselves "live". */
    liveWords: [...document.querySelectorAll(".all-accounts-when")].filter((small) => small.textContent === "live")
      .length,
    lostLine: document.querySelector('[data-testid="gateway-lost"]')?.textContent ?? null,
  }));
}

/** What says the figures are current, anywhere in the page (seen or scrolled away), and what is cut. */
function aliveWords(page: Page) {
  return page.evaluate(() => {
    const history = document.querySelector<HTMLElement>(".history-complete");
    return {
      /** Every section of the summary: how it says it follows. */
      sections: [...document.querySelectorAll(".all-accounts-when")].map((small) => small.textContent),
      summary: document.querySelector('[data-testid="all-accounts-read"]')?.textContent ?? null,
      badges: [...document.querySelectorAll('[data-testid="all-accounts-badge"]')].map((badge) => badge.textContent),
      listenKey: document.querySelector('[data-testid="listen-key-age"]')?.textContent ?? null,
      performance: document.querySelector('[data-testid="performance-last-seen"]')?.textContent ?? null,
      history:
        history === null ? null : { text: history.textContent, cut: history.scrollWidth > history.clientWidth + 1 },
    };
  });
}

describe("the gateway stops: the page says so everywhere, in Chromium against the demo gateway", () => {
  for (const size of WIDTHS) {
    it(
      `every state says "gateway lost" within ${LOST_SHOWN_WITHIN_MS / 1000} s, none "live", at ${size.width}x${size.height}`,
      async () => {
        assertChromiumInstalled();
        await ensureWebBuild();
        mkdirSync(ARTIFACTS, { recursive: true });
        gateway = await startGatewayProcess();
        browser = await launchChromium({ width: size.width, height: size.height }, size.zone);
        const page = await browser.context.newPage();
        await page.goto(gateway.url);
        await waitForHistory(gateway.url);
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="upstream-status"]')?.getAttribute("data-state") === "live" &&
            document.querySelectorAll('[data-testid="all-accounts-badge"]').length === 2 &&
            [...document.querySelectorAll('[data-testid="all-accounts-badge"]')].every((b) => b.textContent === "live"),
          undefined,
          { timeout: WAIT_MS, polling: 100 },
        );
        // Performance's figures in (the span says the range's dates once its answer came): the page
        // must hold figures for "as last seen" to be said of them. Since the demo's own backfill
        // pace (5a68a2e) the history is in sooner, and under CI's load the answer came after the stop.
        await page.waitForFunction(
          () => document.querySelector('[data-testid="performance-headline"] .perf-span')?.textContent?.includes(":"),
          undefined,
          { timeout: WAIT_MS, polling: 100 },
        );
        const before = await statesShown(page);
        expect(before.switcher.every((text) => text.endsWith("· live"))).toBe(true);
        expect(before.lostLine).toBeNull();
        // The header's listen-key age is the one the gateway's health says (ticking between its beats).
        const health = (await (await fetch(new URL("/api/health", gateway.url))).json()) as {
          upstream: { listenKeyAgeMs: number };
        };
        const shownAge = (await aliveWords(page)).listenKey ?? "";
        expect(shownAge).toMatch(/^listen key \d/);
        const [minutes, seconds] = [/(\d+) min/.exec(shownAge)?.[1] ?? "0", /(\d+) s$/.exec(shownAge)?.[1] ?? "0"];
        const ageMs = (Number(minutes) * 60 + Number(seconds)) * 1_000;
        expect(
          Math.abs(ageMs - health.upstream.listenKeyAgeMs),
          `${shownAge} vs ${health.upstream.listenKeyAgeMs} ms`,
        ).toBeLessThan(5_000);
        await page.screenshot({ path: join(ARTIFACTS, `gateway-live-${size.name}.png`) });
        // Scrolled down, the summary out of view: its rows must still say so when the gateway goes.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(1_000);
        expect((await aliveWords(page)).sections).toContain("live");

        await gateway.stop();
        const stoppedAt = Date.now();
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="upstream-status"]')?.getAttribute("data-state") === "gateway lost",
          undefined,
          { timeout: WAIT_MS, polling: 50 },
        );
        // Everything else renders from the same state in the same commit: read it all at once.
        const after = await statesShown(page);
        const shownWithinMs = Date.now() - stoppedAt;
        await page.screenshot({ path: join(ARTIFACTS, `gateway-lost-${size.name}.png`) });
        console.info(
          `${size.width}x${size.height}: "gateway lost" everywhere ${shownWithinMs} ms after the gateway exited`,
        );
        expect(after).toEqual({
          header: "gateway lost",
          switcher: before.switcher.map((text) => text.replace(/· live$/, "· gateway lost")),
          badges: ["gateway lost", "gateway lost"],
          summary: "gateway lost · as last seen",
          greenDots: 0,
          liveWords: 0,
          lostLine: expect.stringContaining("Connection to the gateway lost; reconnecting."),
        });
        expect(shownWithinMs).toBeLessThanOrEqual(LOST_SHOWN_WITHIN_MS);

        // 5 s after the stop, scrolled away or not: nothing says the figures are current.
        await page.waitForTimeout(AFTER_STOP_MS - (Date.now() - stoppedAt));
        const later = await aliveWords(page);
        console.info(
          `${size.width}x${size.height}, ${AFTER_STOP_MS / 1000} s after the stop: ${JSON.stringify(later)}`,
        );
        expect(later.sections.length).toBeGreaterThanOrEqual(4);
        expect(later.sections.filter((words) => words !== "as last seen")).toEqual([]);
        expect(later.summary).toBe("gateway lost · as last seen");
        expect(later.badges).toEqual(["gateway lost", "gateway lost"]);
        expect(later.listenKey).toBe("listen key –");
        expect(later.performance).toMatch(/^As last seen: the connection to the gateway is lost since \d\d:\d\d:\d\d/);
        if (size.width > 900) {
          // The finished backfill's sentence, whole (at phone width it is not shown: not news there).
          expect(later.history?.text).toMatch(/^history: complete since \d{4}-\d\d-\d\d$/);
          expect(later.history?.cut).toBe(false);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(ARTIFACTS, `gateway-lost-later-${size.name}.png`) });
        // The accounts' table whole in its box, "gateway lost" beside each name (its Share column was cut at 390).
        const list = await page.evaluate(() => {
          const box = document.querySelector(".all-accounts-list");
          return box === null ? null : box.scrollWidth - box.clientWidth;
        });
        expect(list).toBe(0);
      },
      300_000 + HISTORY_WAIT_MS,
    );
  }
});
