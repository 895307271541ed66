// @vitest-environment node
/// <reference types="node" />
/**
 * The ledger says where it starts and why (issue 40, item 6), at 1280x800 and at 390x844, against
 * the real gateway (`mexc-live start` in demo mode: 30 days of fills and transfers in MEXC's
 * history, read by the backfill): above the ledger, its sentence (HistoryPanel.tsx LEDGER_SCOPE)
 * is on screen in full, not cut at either width, and it is true: no ledger entry is older than
 * the gateway's first run, while the fills go back further. Screenshots of the ledger at both
 * widths go to packages/web/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { SHARED_DEMO_WAIT_MS, type SharedDemo, sharedDemo } from "./sharedDemo.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The demo's start, its first backfilled fills and first answers on a loaded 2-core machine. */
const WAIT_MS = 180_000;
const POLL_MS = 1_000;
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

let gateway: SharedDemo | undefined;
let browser: LaunchedBrowser | undefined;
/** Before the gateway first ran (its data directory was new). */
let firstRun = 0;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  gateway = await sharedDemo();
  firstRun = gateway.startedAt;
  browser = await launchChromium();
}, SHARED_DEMO_WAIT_MS);

afterAll(async () => {
  await browser?.close();
}, 60_000);

async function items(path: string): Promise<{ time: number }[]> {
  const answer = (await (await fetch(new URL(path, gateway?.url))).json()) as { items?: { time: number }[] };
  return answer.items ?? [];
}

describe("the ledger says where it starts and why", () => {
  it("is true: no ledger entry before the first run, while the backfilled fills go back further", async () => {
    const before = `to=${firstRun - 1}&limit=5`;
    await expect
      .poll(async () => (await items(`/api/fills?${before}`)).length, {
        message: `a fill older than the first run within ${WAIT_MS / 1000} s`,
        timeout: WAIT_MS,
        interval: POLL_MS,
      })
      .toBeGreaterThan(0);
    expect(await items(`/api/ledger?${before}`)).toEqual([]);
    expect((await items("/api/ledger?limit=1")).length).toBe(1); // it holds what came since
  }, 300_000);

  it.each(SIZES)(
    "shows the sentence in full above the ledger at $width px",
    async (size) => {
      const page = await (browser as LaunchedBrowser).context.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto((gateway as SharedDemo).url);
      const section = page.locator('section[aria-label="Ledger and transfers"]');
      await section.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      const scope = page.getByTestId("ledger-scope");
      await scope.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      // The sentence says where the ledger starts, why, and where the older history is.
      await expect.poll(() => scope.textContent()).toContain("it starts when mexc-live first ran");
      const text = (await scope.textContent()) ?? "";
      expect(text).toContain("balance changes MEXC pushes while mexc-live runs");
      expect(text).toContain("Older fills, deposits, withdrawals and transfers");
      expect(await scope.isVisible()).toBe(true);
      // In full: inside the page's width, nothing of it cut (its box holds all its text), above the table.
      const fit = await scope.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const table = element.parentElement?.querySelector('[aria-label="Ledger"]')?.getBoundingClientRect();
        return {
          left: box.left,
          right: box.right,
          pageWidth: document.documentElement.clientWidth,
          cut: element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight + 1,
          aboveTable: table === undefined ? null : box.bottom <= table.top + 1,
        };
      });
      expect(fit.left, `${size.name}: the sentence's left edge`).toBeGreaterThanOrEqual(0);
      expect(fit.right, `${size.name}: the sentence's right edge`).toBeLessThanOrEqual(fit.pageWidth);
      expect(fit.cut, `${size.name}: the sentence cut`).toBe(false);
      expect(fit.aboveTable, `${size.name}: the sentence above the ledger`).toBe(true);
      await section.screenshot({ path: join(ARTIFACTS, `ledger-scope-${size.name}.png`) });
      await page.close();
    },
    300_000,
  );
});
