// @vitest-environment node
/// <reference types="node" />
/**
 * A refused API key in a real browser (issue 28): `mexc-live simulator` and `mexc-live start`
 * (live mode, the simulator's demo key) as child processes on 127.0.0.1, Debian's Chromium. Once
 * the simulator revokes the key (POST /_sim/keys), the header says "API key refused" and, in
 * words, what MEXC refused (its 700002 and message) and what to do, never "connecting". That the
 * account comes back when the key does is the gateway's end-to-end test
 * (packages/gateway/test/e2e/refusedKey.e2e.test.ts). Screenshot: artifacts/header-refused.png.
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

let simulator: ChildProcess | undefined;
let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;
let rest = "";

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  const sim = await startSimulatorProcess(28);
  simulator = sim.child;
  rest = sim.rest;
  gateway = await startGatewayProcess([], {
    MEXC_API_KEY: sim.apiKey,
    MEXC_API_SECRET: sim.secretKey,
    MEXC_REST_URL: sim.rest,
    MEXC_WS_URL: sim.ws,
  });
  browser = await launchChromium({ width: 1280, height: 800 });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  simulator?.kill("SIGTERM");
}, 60_000);

describe("the header when MEXC refuses the API key", () => {
  it("says API key refused, MEXC's own words and what to do, instead of connecting", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    try {
      await page.goto(gateway.url);
      const status = page.getByTestId("upstream-status");
      await status.getByText("live", { exact: true }).waitFor({ timeout: WAIT_MS });

      const revoked = await fetch(`${rest}/_sim/keys`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ account: "demo", action: "revoke" }),
      });
      expect(revoked.status).toBe(200);

      const reason = page.getByTestId("upstream-reason");
      await reason.waitFor({ timeout: WAIT_MS });
      expect(await status.textContent()).toContain("API key refused");
      const words = (await reason.textContent()) ?? "";
      expect(words).toContain("MEXC refuses the API key");
      expect(words).toContain("Signature for this request is not valid. (MEXC 700002)");
      expect(words).toContain("create a new key");
      await page.screenshot({ path: join(ARTIFACTS, "header-refused.png") });
    } finally {
      await page.close();
    }
  }, 180_000);
});
