// @vitest-environment node
/// <reference types="node" />
/**
 * Nothing false while loading (issue 40, item 6), at 1280x800 and at 390x844, against the real
 * gateway (`mexc-live start` in demo mode, whose account holds balances from the start): from the
 * moment the page opens, the sections below the fold (not followed until scrolled to) never say
 * "No balances yet." or draw an empty allocation ("no data yet") while the account has balances:
 * they say they are loading. Scrolled to, they show the balances. The page is read every
 * SAMPLE_MS for WATCH_MS (bounded). Full-page screenshots go to packages/web/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { type GatewayProcess, startGatewayProcess } from "./gatewayProcess.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The demo's start and first answers on a loaded 2-core machine. */
const WAIT_MS = 120_000;
/** How long the page is watched without scrolling, and how often it is read. */
const WATCH_MS = 8_000;
const SAMPLE_MS = 100;
/** How often the gateway is asked whether the account holds anything yet. */
const POLL_MS = 500;
const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

afterEach(async () => {
  await browser?.close();
  await gateway?.stop();
  browser = undefined;
  gateway = undefined;
}, 60_000);

/** How many assets the gateway says the account holds, once it holds any (asked every POLL_MS, WAIT_MS at most). */
async function balancesHeld(url: string): Promise<number> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const answer = (await (await fetch(new URL("/api/balances", url))).json()) as { items?: unknown[] };
    if ((answer.items?.length ?? 0) > 0 || Date.now() > until) return answer.items?.length ?? 0;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** What the balances and allocation sections say now. */
function sectionWords(page: Page) {
  return page.evaluate(() => {
    const balances = document.querySelector('section[aria-label="Balances"]');
    const allocation = document.querySelector('section[aria-label="Allocation"] [data-testid="allocation-chart"]');
    return {
      balances: balances?.querySelector(".table-empty")?.textContent ?? null,
      balanceRows: balances?.querySelectorAll("[data-row-id]").length ?? 0,
      allocation: allocation?.querySelector(".chart-empty")?.textContent ?? null,
    };
  });
}

describe("nothing false while loading, in Chromium against the demo gateway", () => {
  for (const size of WIDTHS) {
    it(`no "No balances yet" / "no data yet" below the fold while the account has balances, at ${size.width}x${size.height}`, async () => {
      assertChromiumInstalled();
      await ensureWebBuild();
      mkdirSync(ARTIFACTS, { recursive: true });
      gateway = await startGatewayProcess();
      expect(await balancesHeld(gateway.url)).toBeGreaterThan(0); // the demo account has balances
      browser = await launchChromium({ width: size.width, height: size.height });
      const page = await browser.context.newPage();
      await page.goto(gateway.url);
      await page.getByRole("region", { name: "Balances" }).waitFor({ state: "attached", timeout: WAIT_MS });
      const seen = new Set<string>();
      for (let read = 0; read < WATCH_MS / SAMPLE_MS; read++) {
        const words = await sectionWords(page);
        seen.add(`balances: ${words.balanceRows > 0 ? "rows" : words.balances}`);
        seen.add(`allocation: ${words.allocation ?? "drawn"}`);
        await page.waitForTimeout(SAMPLE_MS);
      }
      console.info(`${size.width}x${size.height} before scrolling: ${JSON.stringify([...seen])}`);
      expect([...seen].filter((said) => /No balances yet|no data yet/.test(said))).toEqual([]);
      expect(seen.has("balances: Loading balances…") || seen.has("balances: rows")).toBe(true);

      // Scrolled to, they show what the account holds.
      await page.getByRole("region", { name: "Balances" }).scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => document.querySelectorAll('section[aria-label="Balances"] [data-row-id]').length > 0,
        undefined,
        { timeout: WAIT_MS, polling: SAMPLE_MS },
      );
      // Every section seen once, then the whole page as a person would read it.
      for (const region of await page.getByRole("region").all()) await region.scrollIntoViewIfNeeded();
      await page.waitForTimeout(2_000);
      await page.screenshot({ path: join(ARTIFACTS, `fresh-demo-${size.name}.png`), fullPage: true });
    }, 300_000);
  }
});
