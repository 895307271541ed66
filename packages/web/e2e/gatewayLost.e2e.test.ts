// @vitest-environment node
/// <reference types="node" />
/**
 * The gateway stops: within 2 s every badge, dot, switcher label and sentence on the page says so
 * (issue 40, item 5), at 1280x800 and at 390x844. Against the real gateway (`mexc-live start` in
 * demo mode: two accounts, so the header, the switcher and the All-accounts summary all show
 * states): the page first shows every account live, then the gateway process is stopped, and the
 * time from its exit until nothing on the page says "live" and everything says "gateway lost" is
 * measured. Screenshots of both moments go to packages/web/artifacts/.
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
/** How soon after the gateway stops the page must say so everywhere (issue 40: "within 2 s"). */
const LOST_SHOWN_WITHIN_MS = 2_000;
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

describe("the gateway stops: the page says so everywhere, in Chromium against the demo gateway", () => {
  for (const size of WIDTHS) {
    it(`every state says "gateway lost" within ${LOST_SHOWN_WITHIN_MS / 1000} s, none "live", at ${size.width}x${size.height}`, async () => {
      assertChromiumInstalled();
      await ensureWebBuild();
      mkdirSync(ARTIFACTS, { recursive: true });
      gateway = await startGatewayProcess();
      browser = await launchChromium({ width: size.width, height: size.height });
      const page = await browser.context.newPage();
      await page.goto(gateway.url);
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="upstream-status"]')?.getAttribute("data-state") === "live" &&
          document.querySelectorAll('[data-testid="all-accounts-badge"]').length === 2 &&
          [...document.querySelectorAll('[data-testid="all-accounts-badge"]')].every((b) => b.textContent === "live"),
        undefined,
        { timeout: WAIT_MS, polling: 100 },
      );
      const before = await statesShown(page);
      expect(before.switcher.every((text) => text.endsWith("· live"))).toBe(true);
      expect(before.lostLine).toBeNull();
      await page.screenshot({ path: join(ARTIFACTS, `gateway-live-${size.name}.png`) });

      await gateway.stop();
      const stoppedAt = Date.now();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="upstream-status"]')?.getAttribute("data-state") === "gateway lost",
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
    }, 300_000);
  }
});
