/// <reference types="node" />
/**
 * The screenshots in the docs, made from the product as a user sees it (issue 40 item 10): the
 * demo (`mexc-live start`, its two simulated accounts) in Debian's Chromium at 1280x800, once the
 * first history backfill is complete, so no figure still says "history: 9 of 30 days". Re-run it
 * whenever the screen changes, look at the images, commit them:
 *
 *   npm run docs:screenshots
 *
 * Writes docs/images/dashboard.png (the first screen, the README's), docs/accounts.png (the "All
 * accounts" summary) and docs/pnl.png (the PnL section). Nothing leaves 127.0.0.1.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "./browser.js";
import { ensureWebBuild, REPO_DIR } from "./buildWeb.js";
import { startGatewayProcess } from "./gatewayProcess.js";

/** The demo's first backfill reads 30 days of two accounts; a loaded 2-core machine gets 5 minutes. */
const HISTORY_WAIT_MS = 300_000;
/** A chart's or table's first data after the page loads. */
const DATA_WAIT_MS = 60_000;
/**
 * Figures the first minutes after a backfill do not have yet: the prices of past moments (fetched
 * in rounds of at most 40 candle requests an answer) and the first equity point after the backfill
 * (every --equity-interval, 60 s). Two equity intervals and a bit.
 */
const FIGURES_WAIT_MS = 150_000;
/** How often the page is read again while those figures come. */
const FIGURES_POLL_MS = 10_000;
/** What the screen says while they have not come: the docs should show the settled screen. */
const NOT_YET = ["Not in these figures", "not known yet"];
/** Charts animate their entry for under a second. */
const SETTLE_MS = 1_500;
/** An image in the docs at most (the repository carries every version of it). */
const MAX_IMAGE_BYTES = 400 * 1024;
/** Room above a section for the sticky header (44 px at 1280 wide) and a margin. */
const HEADER_ROOM = 60;
/** The screen the docs show: a laptop's. */
const VIEWPORT = { width: 1280, height: 800 };

const DOCS = join(REPO_DIR, "docs");

/** Waits until the chart `testId` has drawn points (a function: the page's CSP forbids eval). */
async function chartDrawn(page: Page, testId: string): Promise<void> {
  await page.waitForFunction(
    (id) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute("data-points") ?? 0) > 0,
    testId,
    { timeout: DATA_WAIT_MS },
  );
}

/** Reads the page again until no figure says it is not there yet, at most FIGURES_WAIT_MS; says what stayed. */
async function settled(page: Page): Promise<void> {
  const until = Date.now() + FIGURES_WAIT_MS;
  for (;;) {
    await page.reload();
    await chartDrawn(page, "equity-chart");
    await page.waitForTimeout(FIGURES_POLL_MS);
    const body = (await page.locator("body").textContent()) ?? "";
    const left = NOT_YET.filter((words) => body.includes(words));
    if (left.length === 0) return;
    if (Date.now() > until) {
      console.warn(`after ${FIGURES_WAIT_MS / 1000} s the screen still says: ${left.join("; ")} (shown as it is)`);
      return;
    }
  }
}

/** Scrolls `section` to just under the sticky header, the window tall enough to hold it, and shoots it. */
async function sectionShot(page: Page, label: string, path: string): Promise<void> {
  const section = page.locator(`section[aria-label="${label}"]`);
  const box = await section.boundingBox();
  if (box === null) throw new Error(`no section ${label} on the page`);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.ceil(box.height) + HEADER_ROOM });
  await section.evaluate((element, room) => {
    window.scrollBy(0, element.getBoundingClientRect().top - room);
  }, HEADER_ROOM);
  await page.waitForTimeout(SETTLE_MS);
  await section.screenshot({ path });
  await page.setViewportSize(VIEWPORT);
  checkSize(path);
}

function checkSize(path: string): void {
  const bytes = statSync(path).size;
  if (bytes > MAX_IMAGE_BYTES) throw new Error(`${path} is ${bytes} bytes, more than ${MAX_IMAGE_BYTES}`);
  console.log(`wrote ${path} (${Math.round(bytes / 1024)} KiB)`);
}

async function main(): Promise<void> {
  await ensureWebBuild((line) => console.log(line));
  const gateway = await startGatewayProcess();
  const browser = await launchChromium(VIEWPORT, "UTC");
  try {
    const page = await browser.context.newPage();
    await page.goto(gateway.url);
    await page.getByText("DEMO", { exact: true }).waitFor({ timeout: DATA_WAIT_MS });
    console.log("waiting for the demo's history backfill to complete…");
    // The header's progress shows while the backfill runs and goes once it is complete.
    await page.getByTestId("history-progress").first().waitFor({ timeout: DATA_WAIT_MS });
    await page.getByTestId("history-progress").waitFor({ state: "detached", timeout: HISTORY_WAIT_MS });
    await page.getByTestId("upstream-status").getByText("live", { exact: true }).waitFor({ timeout: DATA_WAIT_MS });
    await settled(page);
    await chartDrawn(page, "equity-chart");
    await page.locator('[aria-label="All accounts"] tbody tr').first().waitFor({ timeout: DATA_WAIT_MS });
    await page.waitForTimeout(SETTLE_MS);

    const dashboard = join(DOCS, "images", "dashboard.png");
    await page.screenshot({ path: dashboard });
    checkSize(dashboard);
    if (process.env.MEXC_LIVE_FULL_PAGE)
      await page.screenshot({ path: process.env.MEXC_LIVE_FULL_PAGE, fullPage: true });

    await sectionShot(page, "All accounts", join(DOCS, "accounts.png"));

    await page.locator('section[aria-label="PnL"]').scrollIntoViewIfNeeded();
    await chartDrawn(page, "pnl-periods-chart");
    await sectionShot(page, "PnL", join(DOCS, "pnl.png"));
  } catch (error) {
    console.error(gateway.output());
    throw error;
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

await main();
