// @vitest-environment node
/// <reference types="node" />
/**
 * A maintenance MEXC announced, in a real browser (issue 41): `mexc-live simulator` with a
 * maintenance notice posted (POST /_sim/announcements, as MEXC's GET /api/v3/announcements then
 * lists it) and `mexc-live start` watching it (live mode, the simulator's demo key), Debian's
 * Chromium in Berlin's zone. The header says in words when it comes, in the page's zone, with the
 * title linking to MEXC's notice; the state beside stays live. At 1280x800 and 390x844.
 * Screenshots: artifacts/header-maintenance.png, artifacts/header-maintenance-phone.png.
 */
import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { type GatewayProcess, startGatewayProcess } from "./gatewayProcess.js";
import { startSimulatorProcess } from "./simulatorProcess.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
const WAIT_MS = 60_000;
const HOUR_MS = 3_600_000;

let simulator: ChildProcess | undefined;
let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;
let title = "";

/** "2026-12-01 03:00" in Berlin. */
const berlin = (ms: number) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(ms);

let startsAt = 0;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  const sim = await startSimulatorProcess(41);
  simulator = sim.child;
  // Two hours from now, on the minute, for an hour: MEXC's own way of writing a time.
  startsAt = Math.ceil((Date.now() + 2 * HOUR_MS) / 60_000) * 60_000;
  const iso = new Date(startsAt).toISOString();
  const end = new Date(startsAt + HOUR_MS).toISOString();
  title = `MEXC Spot System Maintenance Notice: ${iso.slice(0, 10)} ${iso.slice(11, 16)} to ${end.slice(0, 10)} ${end.slice(11, 16)} (UTC)`;
  const posted = await fetch(`${sim.rest}/_sim/announcements`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title }),
  });
  if (!posted.ok) throw new Error(`/_sim/announcements: HTTP ${posted.status}`);
  gateway = await startGatewayProcess([], {
    MEXC_API_KEY: sim.apiKey,
    MEXC_API_SECRET: sim.secretKey,
    MEXC_REST_URL: sim.rest,
    MEXC_WS_URL: sim.ws,
  });
  browser = await launchChromium({ width: 1280, height: 800 }, "Europe/Berlin");
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  simulator?.kill("SIGTERM");
}, 60_000);

describe("the header when MEXC has announced a maintenance", () => {
  it("says when it comes in the page's zone, links MEXC's notice, and the account stays live", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    try {
      await page.goto(gateway.url);
      const status = page.getByTestId("upstream-status");
      await status.getByText("live", { exact: true }).waitFor({ timeout: WAIT_MS });
      const line = page.getByTestId("maintenance-notice");
      await line.waitFor({ timeout: WAIT_MS });
      const words = (await line.textContent()) ?? "";
      const from = berlin(startsAt);
      const to = berlin(startsAt + HOUR_MS);
      const when =
        from.slice(0, 10) === to.slice(0, 10)
          ? `on ${from.slice(0, 10)} from ${from.slice(11)} to ${to.slice(11)}`
          : `from ${from} to ${to}`;
      expect(words).toMatch(new RegExp(`^MEXC announced maintenance ${when} GMT\\+[12], in (1 h 5\\d|2 h 00) min: “`));
      expect(words).toContain(title);
      const link = line.getByRole("link");
      expect(await link.getAttribute("href")).toMatch(/^https:\/\/www\.mexc\.com\/announcements\//);
      expect(await status.getAttribute("data-state")).toBe("live");
      await page.screenshot({ path: join(ARTIFACTS, "header-maintenance.png") });

      await page.setViewportSize({ width: 390, height: 844 });
      await line.waitFor({ timeout: WAIT_MS });
      const box = await line.boundingBox();
      // On a phone the line wraps within the screen, never wider than it.
      expect(box !== null && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, "header-maintenance-phone.png") });
    } finally {
      await page.close();
    }
  }, 180_000);
});
