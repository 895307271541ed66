// @vitest-environment node
/// <reference types="node" />
/**
 * The dashboard in a real browser against a real gateway: `mexc-live start` in demo mode (the
 * simulator and its demo trader in-process) serves the built page; Debian's Chromium loads it.
 * Proves that a fill arrives live into the fills table, the equity chart has points, the PnL over
 * time and by period are drawn, the "start + net deposits" line is on the equity chart, the ledger shows the
 * balance changes that followed, the transfers table is there, the page logs no console error,
 * fits 1280x800 and a phone's width without sideways scrolling, keeps the chosen theme, and
 * subscribes to the market's busy topics only while its panel is on screen.
 * Screenshots go to packages/web/artifacts/
 * (dashboard.png at 1280x800, dashboard-full.png, dashboard-phone.png, dashboard-light.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { BUSY_DEMO, type GatewayProcess, startGatewayProcess } from "./gatewayProcess.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The demo trader fills an order every few seconds (BUSY_DEMO); a loaded CI machine gets a minute. */
const LIVE_WAIT_MS = 60_000;
/** The ledger reads the gateway again a few seconds after the balances move (HISTORY_REFRESH_MS). */
const LEDGER_WAIT_MS = 20_000;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  gateway = await startGatewayProcess(BUSY_DEMO);
  browser = await launchChromium({ width: 1280, height: 800 });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
}, 60_000);

/** The page's width beyond the viewport (0: no sideways scrolling). */
function overflowX(page: Page): Promise<number> {
  return page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  ) as Promise<number>;
}

describe("dashboard in Chromium against the demo gateway", () => {
  it("shows fills arriving live and the equity chart, with no console errors", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(gateway.url);
      expect(await page.title()).toContain("mexc-live");
      await page.getByText("DEMO", { exact: true }).waitFor({ timeout: 30_000 });

      // The equity chart, and PnL over time under it, on the first screen.
      // A function, not a string: the page's CSP forbids eval, which polling a string predicate needs.
      await page.waitForFunction(
        () =>
          ["equity-chart", "pnl-time-chart"].every(
            (id) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute("data-points") ?? 0) > 0,
          ),
        undefined,
        { timeout: LIVE_WAIT_MS },
      );
      expect(await page.locator("[data-testid=equity-chart] canvas").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("pnl-time-chart").getByText("PnL over time", { exact: true }).isVisible()).toBe(
        true,
      );
      // The "start + net deposits" line on the equity chart once the range's performance is read.
      await page
        .getByTestId("equity-chart")
        .getByText("start + net deposits", { exact: true })
        .waitFor({ timeout: LIVE_WAIT_MS });
      await page.getByTestId("upstream-status").getByText("live", { exact: true }).waitFor({ timeout: 30_000 });

      // Sections below the first screen follow the live data once scrolled to (issue 17): a row
      // highlighted in the fills table is a fill that came over the WebSocket after that.
      const fills = page.locator('table[aria-label="Fills"]');
      await fills.scrollIntoViewIfNeeded();
      await fills.locator("tbody tr.flash").first().waitFor({ timeout: LIVE_WAIT_MS });
      expect(await fills.locator("tbody tr[data-row-id]").count()).toBeGreaterThan(0);
      // PnL by period, further down.
      await page.getByTestId("pnl-periods-chart").scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => Number(document.querySelector("[data-testid=pnl-periods-chart]")?.getAttribute("data-points") ?? 0) > 0,
        undefined,
        { timeout: LIVE_WAIT_MS },
      );

      // A fill moved the balances: the ledger shows what changed; the transfers table is a tab away.
      const ledger = page.locator('table[aria-label="Ledger"]');
      await ledger.scrollIntoViewIfNeeded();
      await ledger.locator("tbody tr[data-row-id]").first().waitFor({ timeout: LEDGER_WAIT_MS });
      await page.getByRole("tab", { name: "Transfers", exact: true }).click();
      // Each tab reads its list again when shown: on a loaded machine that is seconds, not one.
      await page.locator('table[aria-label="Transfers"]').waitFor({ timeout: LEDGER_WAIT_MS });
      await page.getByRole("tab", { name: "Ledger", exact: true }).click();
      await ledger.locator("tbody tr[data-row-id]").first().waitFor({ timeout: LEDGER_WAIT_MS });

      await page.evaluate("window.scrollTo(0, 0)");
      await page.waitForTimeout(1_000); // let the charts finish their entry animation
      await page.screenshot({ path: join(ARTIFACTS, "dashboard.png") });
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-full.png"), fullPage: true });
      expect(await overflowX(page)).toBe(0);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(500);
      expect(await overflowX(page)).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-phone.png") });

      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);

  it("subscribes to the market's ticker, book and trades only while its panel is on screen and the tab shown", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    // The topics the page holds, from what it sends over its WebSocket.
    const held = new Set<string>();
    page.on("websocket", (socket) =>
      socket.on("framesent", (frame) => {
        const message = JSON.parse(String(frame.payload)) as { type: string; topics?: string[] };
        for (const topic of message.topics ?? []) {
          if (message.type === "subscribe") held.add(topic);
          if (message.type === "unsubscribe") held.delete(topic);
        }
      }),
    );
    const marketTopics = () => [...held].filter((topic) => topic.startsWith("market.")).map((t) => t.split(".")[2]);
    try {
      await page.goto(gateway.url);
      // The balances are below the All-accounts summary and the performance at 1280x800: a section
      // follows the live data once on screen (issue 17), as a user scrolls to it. The market panel
      // stays far below.
      await page.locator('section[aria-label="Balances"]').scrollIntoViewIfNeeded({ timeout: LIVE_WAIT_MS });
      await page.locator('[aria-label="Balances"] tbody tr').first().waitFor({ timeout: LIVE_WAIT_MS });
      await page.waitForTimeout(1_000);
      expect(marketTopics()).toEqual(["kline"]); // its candles only, while the panel is far below

      // Scrolled to, and kept on screen: the sections above still grow as their data arrives (the
      // All-accounts summary, the performance), which can push the panel back out of view, where
      // it rightly lets its topics go.
      const market = page.locator('section[aria-label="Market"]');
      await expect
        .poll(
          async () => {
            await market.scrollIntoViewIfNeeded();
            return marketTopics().sort();
          },
          { timeout: LIVE_WAIT_MS, interval: 250 },
        )
        .toEqual(["depth", "kline", "ticker", "trades"]);
      // Its last price shows (a dash until the ticker's first update).
      await page
        .locator('[aria-label="Ticker"] .market-last')
        .filter({ hasText: /\d/ })
        .waitFor({ timeout: LIVE_WAIT_MS });
      await market.scrollIntoViewIfNeeded();

      // The tab hidden (told as a browser tells it: headless Chromium never hides a tab), then shown.
      const tell = (state: "hidden" | "visible") =>
        page.evaluate(`(() => {
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "${state}" });
          document.dispatchEvent(new Event("visibilitychange"));
        })()`);
      await tell("hidden");
      await expect.poll(marketTopics, { timeout: LIVE_WAIT_MS }).toEqual(["kline"]);
      await tell("visible");
      await expect
        .poll(() => marketTopics().sort(), { timeout: LIVE_WAIT_MS })
        .toEqual(["depth", "kline", "ticker", "trades"]);

      await page.evaluate("window.scrollTo(0, 0)");
      await page.waitForTimeout(1_000);
      expect(marketTopics()).toEqual(["kline"]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("switches to the light theme and keeps it across a reload", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(gateway.url);
      const theme = () => page.evaluate("document.documentElement.dataset.theme");
      expect(await theme()).toBe("dark"); // the browser prefers dark
      await page.getByRole("button", { name: "Switch to the light theme" }).click();
      expect(await theme()).toBe("light");
      await page.reload();
      await page.getByRole("button", { name: "Switch to the dark theme" }).waitFor({ timeout: 30_000 });
      expect(await theme()).toBe("light");
      const fills = page.locator('table[aria-label="Fills"]');
      await fills.scrollIntoViewIfNeeded();
      await fills.locator("tbody tr[data-row-id]").first().waitFor({ timeout: LIVE_WAIT_MS });
      await page.evaluate("window.scrollTo(0, 0)");
      await page.waitForTimeout(1_000);
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-light.png") });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
