// @vitest-environment node
/// <reference types="node" />
/**
 * One moment on one screen (issue 40 item 4) in a real browser against the real gateway
 * (`mexc-live start` in demo mode, an equity point every second): whenever
 * the PnL panel's By-period footer shows its realized total beside the By-asset table, the
 * answers both were read from carry the same figures version (X-MexcLive-Figures-Version); while
 * the two are of different versions it says "updating". Answers are taken as the page takes them: the
 * read sent last wins, and nothing is compared while a read is in flight (CI runs 9 and 12 failed
 * on an older read answered after a newer one, which the page drops and this test had kept). Watched while the equity points (and
 * the demo's fills) move the versions under it, at 1280x800 and at 390x844. (The answers' bodies are not compared here: reading them back through
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
/** An answer is compared with the screen only once this long has passed since it came (time to render it). */
const RENDER_MS = 500;
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

interface Answers {
  /** The version of the PnL panel's latest /api/pnl/periods answer. */
  periods: { version: string | null; sent: number } | null;
  byAsset: { version: string | null; sent: number } | null;
  readonly versions: Set<string>;
  /** When either answer last changed, or a read of either went out (test clock, ms). */
  changedAt: number;
  /** Reads of either kind sent and not yet answered: the page may be about to show another version. */
  readonly inFlight: Set<unknown>;
}

type Kind = "periods" | "byAsset";

/** Which of the two answers a request reads, if either. */
function kindOf(address: string): Kind | null {
  const url = new URL(address);
  // The PnL panel's own read (the All-accounts summary reads its periods with from= and to=).
  if (url.pathname === "/api/pnl/periods" && !url.searchParams.has("from")) return "periods";
  if (url.pathname === "/api/pnl" && url.searchParams.get("by") === "asset") return "byAsset";
  return null;
}

/**
 * The page's latest PnL by period and PnL by asset answers, the way the page keeps them: the
 * answer to the read sent last wins (an older read answered after a newer one is dropped by the
 * page, so here too), and while a read is in flight the screen may be about to change.
 */
function recordAnswers(page: Page): Answers {
  const answers: Answers = { periods: null, byAsset: null, versions: new Set(), changedAt: 0, inFlight: new Set() };
  const sentAt = new Map<unknown, number>();
  let sent = 0;
  page.on("request", (request) => {
    if (kindOf(request.url()) === null) return;
    sentAt.set(request, ++sent);
    answers.inFlight.add(request);
    answers.changedAt = Date.now();
  });
  const settle = (request: unknown) => {
    if (answers.inFlight.delete(request)) answers.changedAt = Date.now();
  };
  page.on("requestfinished", settle);
  page.on("requestfailed", settle);
  page.on("response", (response: Response) => {
    const kind = kindOf(response.url());
    const order = sentAt.get(response.request());
    if (kind === null || order === undefined || response.status() !== 200) return;
    const held = answers[kind];
    if (held !== null && held.sent > order) return; // a newer read's answer is already in
    const version = response.headers()[FIGURES_VERSION_HEADER.toLowerCase()] ?? null;
    answers[kind] = { version, sent: order };
    answers.changedAt = Date.now();
    if (version !== null) answers.versions.add(version);
  });
  return answers;
}

describe.each(SIZES)("figures of one version on screen, at $width px", (size) => {
  it("the By-period footer's total is shown only beside a By-asset table of its version", async () => {
    const page = await (browser as LaunchedBrowser).context.newPage();
    await page.setViewportSize(size);
    const answers = recordAnswers(page);
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
    const until = Date.now() + WATCH_MS;
    const latest = Date.now() + WATCH_MAX_MS;
    // At least WATCH_MS; longer while nothing settled yet or the version has not moved (a loaded
    // CI machine answered so slowly that the screen never settled in 25 s, 2026-11-27).
    while (Date.now() < latest && (Date.now() < until || shownTogether === 0 || answers.versions.size < 2)) {
      const { periods, byAsset, changedAt } = answers;
      const text = (await footer.first().textContent()) ?? "";
      const settled =
        Date.now() - changedAt >= RENDER_MS && answers.changedAt === changedAt && answers.inFlight.size === 0;
      if (!settled) {
        // An answer just came: the screen may not show it yet.
      } else if (text.includes("realized") && periods !== null && byAsset !== null) {
        shownTogether++;
        expect(periods.version, text).not.toBeNull();
        expect(periods.version, `the footer "${text}" beside By asset of version ${byAsset.version}`).toBe(
          byAsset.version,
        );
      }
      await page.waitForTimeout(SAMPLE_MS);
    }
    expect(shownTogether).toBeGreaterThan(0);
    // The version moved while it was watched: the check ran across more than one moment.
    expect(answers.versions.size).toBeGreaterThan(1);
    await page.close();
  }, 300_000);
});
