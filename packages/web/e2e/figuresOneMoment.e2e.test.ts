// @vitest-environment node
/// <reference types="node" />
/**
 * One moment on one screen (issue 40 item 4) in a real browser against the real gateway
 * (`mexc-live start` in demo mode, an equity point every second): whenever
 * the PnL panel's By-period footer shows its realized total beside the By-asset table, the two
 * halves show answers of one figures version (X-MexcLive-Figures-Version), one the gateway answered
 * both reads with; while they are of different versions it says "updating". What each half shows
 * is read off the screen (its data-figures-version) with the footer, in one go: a model of which
 * answer the page keeps, kept here from the network, failed on CI three times where the page was
 * right (an older read answered after a newer one, runs 9 and 12; a read the page drops with the
 * round of reads a later one replaced, 2026-11-27). Watched while the equity points (and the
 * demo's fills) move the versions under it, at 1280x800 and at 390x844. (The answers' bodies are not compared here: reading them back through
 * playwright failed in every try, for a reason not found yet; the footer's sum is the unit tests'.)
 */
import { FIGURES_VERSION_HEADER } from "@mexc-live/contract";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { type GatewayProcess, HISTORY_WAIT_MS, startGatewayProcess, waitForHistory } from "./gatewayProcess.js";

/** The demo's backfill and first answers on a loaded 2-core CI machine. */
const WAIT_MS = 120_000;
/** The demo's first backfill of two accounts on a loaded 2-core machine (firstVisit.e2e.test.ts: the same). */
/** How long the screen is watched while fills move the version. */
const WATCH_MS = 25_000;
/** How long the watch may go on for a settled screen and a moved version. */
const WATCH_MAX_MS = 120_000;
const SAMPLE_MS = 200;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  gateway = await startGatewayProcess(["--equity-interval", "1"]);
  browser = await launchChromium({ width: 1280, height: 800 });
  // Watched once the month's history is in: while the backfill stores it the version moves with
  // every batch, and the two answers are seldom of one moment for long.
  await waitForHistory(gateway.url);
}, 300_000 + HISTORY_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
}, 60_000);

type Kind = "periods" | "byAsset";

/** Which of the two answers a request reads, if either. */
function kindOf(address: string): Kind | null {
  const url = new URL(address);
  // The PnL panel's own read (the All-accounts summary reads its periods with from= and to=).
  if (url.pathname === "/api/pnl/periods" && !url.searchParams.has("from")) return "periods";
  if (url.pathname === "/api/pnl" && url.searchParams.get("by") === "asset") return "byAsset";
  return null;
}

/** Every figures version the gateway answered each of the two reads with, as the page received them. */
function recordAnswered(page: Page): Record<Kind, Set<string>> {
  const answered: Record<Kind, Set<string>> = { periods: new Set(), byAsset: new Set() };
  page.on("response", (response: Response) => {
    const kind = kindOf(response.url());
    const version = response.headers()[FIGURES_VERSION_HEADER.toLowerCase()];
    if (kind !== null && response.status() === 200 && version !== undefined) answered[kind].add(version);
  });
  return answered;
}

/** What the PnL panel shows at one instant: the By-period footer, and the version each half says it shows. */
interface Shown {
  readonly footer: string;
  readonly periods: string | null;
  /** Whether the By-asset table is on screen (not before its first answer), and its version. */
  readonly byAssetShown: boolean;
  readonly byAsset: string | null;
}

function readShown(page: Page): Promise<Shown> {
  return page.evaluate(() => ({
    footer: document.querySelector('[data-testid="pnl-periods-chart"] .chart-footer')?.textContent ?? "",
    periods: document.querySelector(".pnl-periods")?.getAttribute("data-figures-version") ?? null,
    byAssetShown: document.querySelector(".pnl-by-asset") !== null,
    byAsset: document.querySelector(".pnl-by-asset")?.getAttribute("data-figures-version") ?? null,
  }));
}

describe.each(SIZES)("figures of one version on screen, at $width px", (size) => {
  it("the By-period footer's total is shown only beside a By-asset table of its version", async () => {
    const page = await (browser as LaunchedBrowser).context.newPage();
    await page.setViewportSize(size);
    const answered = recordAnswered(page);
    await page.goto((gateway as GatewayProcess).url);
    const footer = page.locator('[data-testid="pnl-periods-chart"] .chart-footer');
    await footer.first().scrollIntoViewIfNeeded({ timeout: WAIT_MS });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="pnl-periods-chart"] .chart-footer')?.textContent?.includes("realized"),
      undefined,
      { timeout: WAIT_MS },
    );
    let shownTogether = 0;
    const shownVersions = new Set<string>();
    const until = Date.now() + WATCH_MS;
    const latest = Date.now() + WATCH_MAX_MS;
    // At least WATCH_MS; longer while nothing was shown together yet or the version has not moved
    // (a loaded CI machine answered so slowly that the screen never settled in 25 s, 2026-11-27).
    while (Date.now() < latest && (Date.now() < until || shownTogether === 0 || shownVersions.size < 2)) {
      // The footer and the versions the two halves carry, read in one go: one rendered screen.
      const shown = await readShown(page);
      // Before its first answer there is no By-asset table for the footer to be beside.
      if (shown.footer.includes("realized") && shown.byAssetShown) {
        shownTogether++;
        const beside = `the footer "${shown.footer}" beside By asset of version ${shown.byAsset}`;
        expect(shown.periods, beside).not.toBeNull();
        expect(shown.periods, beside).toBe(shown.byAsset);
        shownVersions.add(shown.periods as string);
      }
      await page.waitForTimeout(SAMPLE_MS);
    }
    expect(shownTogether).toBeGreaterThan(0);
    // Versions the gateway answered both reads with, not ones the page made up or kept from elsewhere.
    for (const version of shownVersions) {
      expect(answered.periods.has(version), `periods never answered at version ${version}`).toBe(true);
      expect(answered.byAsset.has(version), `By asset never answered at version ${version}`).toBe(true);
    }
    // The version moved while it was watched: the footer was shown at more than one moment.
    expect(shownVersions.size).toBeGreaterThan(1);
    await page.close();
  }, 300_000);
});
