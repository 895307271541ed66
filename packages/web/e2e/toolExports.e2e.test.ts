// @vitest-environment node
/// <reference types="node" />
/**
 * The files for other tools on the dashboard (issue 56 items 5 and 6), in Chromium in Tokyo's zone
 * against a fake two-account gateway (fakeGateway.ts, 127.0.0.1), sub1 shown: one link per file,
 * each at its route for the account shown, with what it holds beside it; a click downloads the
 * file from that route. At 1280x800 and 390x844 the panel and every word of it are inside the
 * screen and the page does not scroll sideways. Screenshots for a person to look at land in the
 * temp directory.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { type FakeGateway, startFakeGateway, twoAccounts } from "./fakeGateway.js";

/** A section's first data on a loaded 2-core machine. */
const WAIT_MS = 20_000;
const ZONE = "Asia/Tokyo";
const SHOT = (name: string) => join(tmpdir(), `mexc-live-tool-exports-${name}.png`);
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const PANEL = "Take the history to another tool";

const ACCOUNTS = twoAccounts(T0);

/** A Koinly file as the gateway answers it (the fake sends it as a JSON string: the download's route is what counts). */
const KOINLY_FILE = "Date,Sent Amount,Sent Currency\r\n";

let gateway: FakeGateway | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  gateway = await startFakeGateway({
    accounts: ACCOUNTS,
    api: (method, path) =>
      method === "GET" && path.startsWith("/api/export/koinly.csv") ? { status: 200, body: KOINLY_FILE } : undefined,
  });
  browser = await launchChromium({ width: 1280, height: 800 }, ZONE);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
}, 60_000);

describe.each([
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
])("the files for other tools at $width px", (viewport) => {
  it("offers a link per file for the account shown, each with what it holds, all inside the screen", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize(viewport);
    try {
      await page.goto(`${gateway.url}?account=sub1`);
      const panel = page.getByRole("region", { name: PANEL });
      await panel.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      const links = await panel.getByRole("link").evaluateAll((anchors) =>
        anchors.map((a) => ({
          label: a.textContent,
          href: a.getAttribute("href"),
          download: a.hasAttribute("download"),
          holds: a.nextElementSibling?.textContent ?? "",
        })),
      );
      expect(links.map(({ label, href, download }) => [label, href, download])).toEqual([
        ["rotki trades CSV", "/api/export/rotki-trades.csv?account=sub1", true],
        ["rotki events CSV", "/api/export/rotki-events.csv?account=sub1", true],
        ["Koinly CSV", "/api/export/koinly.csv?account=sub1", true],
        ["CoinTracking CSV", "/api/export/cointracking.csv?account=sub1", true],
        ["Ghostfolio JSON", "/api/export/ghostfolio.json?account=sub1", true],
      ]);
      for (const { holds } of links) expect(holds).toMatch(/(rotki|Koinly|CoinTracking|Ghostfolio)'s/);
      // Clear of the sticky header, the import panel beside it on a wide screen.
      await panel.evaluate((section) => section.scrollIntoView({ block: "center" }));
      await page.screenshot({ path: SHOT(`${viewport.width}`) });

      // Every word and link inside the screen and the panel; the page does not scroll sideways.
      const fit = await panel.evaluate((section) => {
        const box = section.getBoundingClientRect();
        const parts = [...section.querySelectorAll("a, .tool-export-holds, p, h2")].map((el) => {
          const rect = el.getBoundingClientRect();
          return { text: el.textContent?.slice(0, 20), left: rect.left, right: rect.right };
        });
        return {
          box: { left: box.left, right: box.right },
          outside: parts.filter((p) => p.left < box.left - 1 || p.right > box.right + 1).map((p) => p.text),
          pageWidth: document.documentElement.scrollWidth,
        };
      });
      expect(fit.outside).toEqual([]);
      expect(fit.box.left).toBeGreaterThanOrEqual(0);
      expect(fit.box.right).toBeLessThanOrEqual(viewport.width);
      expect(fit.pageWidth).toBeLessThanOrEqual(viewport.width);

      // One click: the browser downloads the file from its route, for sub1.
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: WAIT_MS }),
        panel.getByRole("link", { name: "Koinly CSV" }).click(),
      ]);
      const downloaded = new URL(download.url());
      expect(`${downloaded.pathname}${downloaded.search}`).toBe("/api/export/koinly.csv?account=sub1");
      expect(gateway.requests).toContain("GET /api/export/koinly.csv?account=sub1");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
