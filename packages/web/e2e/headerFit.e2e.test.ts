// @vitest-environment node
/// <reference types="node" />
/**
 * The header in Chromium against a fake two-account gateway (fakeGateway.ts, 127.0.0.1): while a
 * fresh demo's history is read (its first ~20 s: "history: 16 of 30 days, 6 symbols left", a
 * listen key seconds old) it holds one line at 1280 px (the theme button had wrapped alone onto a
 * second line); with more facts than a line holds (a listen key minutes old, balance updates
 * waiting on a reconciliation), and at 390 px, the clock, its zone and the theme button wrap
 * together, at the right end, and the page does not scroll sideways.
 */
import type { Health } from "@mexc-live/contract";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyProgress, T0 } from "../test/items.js";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { FAKE_HEALTH, type FakeGateway, startFakeGateway, twoAccounts } from "./fakeGateway.js";

/** The header's words on a loaded 2-core machine. */
const WAIT_MS = 60_000;
/**
 * A page opened and its header's words waited for (openWith), with room for the page's load: each
 * test's bound (vitest's 5 s timed out opening two pages on CI's loaded machine, 2026-11-29).
 */
const OPEN_MS = WAIT_MS + 30_000;

const READING: Health = {
  ...FAKE_HEALTH,
  upstream: { ...FAKE_HEALTH.upstream, listenKeyAgeMs: 9_000 },
  history: historyProgress({ days: { done: 16, total: 30 }, symbols: { done: 3, total: 9 } }),
};
const CROWDED: Health = {
  ...READING,
  upstream: {
    ...READING.upstream,
    listenKeyAgeMs: 29 * 60_000 + 59_000,
    waiting: { events: 12, kind: "balance", reason: "reconnect", forMs: 4_000 },
  },
};

let health: Health = READING;
let gateway: FakeGateway | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  gateway = await startFakeGateway({
    accounts: twoAccounts(T0, READING),
    snapshot: (topic) => (topic === "health" ? health : undefined),
    api: (method, path) =>
      method === "GET" && path.startsWith("/api/health") ? { status: 200, body: health } : undefined,
  });
  browser = await launchChromium({ width: 1280, height: 800 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
}, 60_000);

/** Where the header's items sit: each one's vertical middle, and the right end of the last. */
function layout(page: Page) {
  return page.evaluate(() => {
    const middle = (selector: string) => {
      const box = document.querySelector(selector)?.getBoundingClientRect();
      return box ? Math.round(box.top + box.height / 2) : null;
    };
    const header = document.querySelector("header.header")?.getBoundingClientRect();
    const toggle = document.querySelector(".theme-toggle")?.getBoundingClientRect();
    return {
      brand: middle(".brand"),
      clock: middle(".header-clock"),
      toggle: middle(".theme-toggle"),
      // The button's distance from the header's right edge (its padding).
      toggleFromRight: header && toggle ? Math.round(header.right - toggle.right) : null,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

async function openWith(shown: Health, width: number): Promise<Page> {
  if (!browser || !gateway) throw new Error("setup failed");
  health = shown;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.goto(gateway.url);
  await page.locator("header.header").getByText("history: 16 of 30 days, 6 symbols left").waitFor({ timeout: WAIT_MS });
  return page;
}

describe("the header's line", () => {
  it(
    "holds one line at 1280 px while a history is read",
    async () => {
      const page = await openWith(READING, 1280);
      const at = await layout(page);
      expect(at.toggle, "the theme button beside the brand").toBe(at.brand);
      expect(at.clock).toBe(at.brand);
      await page.close();
    },
    OPEN_MS,
  );

  it(
    "wraps the clock, its zone and the theme button together, at the right, when the facts fill the line",
    async () => {
      for (const width of [1280, 390]) {
        const page = await openWith(CROWDED, width);
        await page
          .locator("header.header")
          .getByText("12 balance updates wait: reconnect")
          .waitFor({ timeout: WAIT_MS });
        const at = await layout(page);
        expect(at.clock, `${width} px: the clock beside the theme button`).toBe(at.toggle);
        expect(at.toggle, `${width} px: the theme button on a line of its own facts' below`).toBeGreaterThan(
          at.brand ?? Number.POSITIVE_INFINITY,
        );
        expect(at.toggleFromRight, `${width} px: the theme button at the right end`).toBeLessThanOrEqual(16);
        expect(at.sideways, `${width} px: the page scrolls sideways`).toBe(0);
        await page.close();
      }
    },
    2 * (OPEN_MS + WAIT_MS),
  );
});
