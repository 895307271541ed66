// @vitest-environment node
/// <reference types="node" />
/**
 * The "All accounts" summary live against the real gateway (`mexc-live start` in demo mode: the
 * simulator's demo account and its sub-account, each with a demo trader filling an order every
 * few seconds: BUSY_DEMO). Proves, as a user would see it: a new fill of either account appears in the
 * summary's latest fills without a reload and without the page asking the gateway for fills,
 * orders or the account list in between (every request the page makes is counted: the summary
 * follows the gateway's topics of all accounts together, `accounts.*`, over the page's one
 * WebSocket, and reads nothing on a timer); and the All-accounts realized PnL equals the sum of
 * each account's realized PnL shown beside it (docs/figures.md), as shown, to the cent (issue 57
 * item 5: a total is the sum of the figures a reader adds up). And that the unrealized PnL follows
 * prices: with no fill and no read, a price move changes the All-accounts unrealized PnL shown
 * (each account's comes with its equity point), and it still equals the sum of each account's
 * shown beside it, to the cent. The gateway takes an equity point every
 * second here (--equity-interval 1; 60 s by default), so the test need not wait a minute for a
 * price move to reach the screen. Screenshots of the summary at 1280x800 and 390x844 go to
 * packages/web/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { BUSY_DEMO, type GatewayProcess, startGatewayProcess } from "./gatewayProcess.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** The demo's backfill and first answers, then a new demo fill, on a loaded 2-core CI machine. */
const WAIT_MS = 120_000;
const FILLS_TABLE = "Latest fills, all accounts";
/** Requests are watched at least this long: longer than the 10 s the summary's reads used to repeat. */
const WATCH_MS = 15_000;
/** Equity points (and the unrealized PnL they carry) every second: a price move shows within one. */
const EQUITY_INTERVAL_S = "1";
/** A change of the unrealized PnL counts as a price move only this long after the last new fill (an equity point follows a fill by 250 ms). */
const QUIET_MS = 2_000;
/** How much later than the page's fetch the test's own request event may come. */
const EVENT_SLACK_MS = 100;
/**
 * The summary's reads: the account list, PnL by period (naming no account, or each), anything of
 * all accounts. The account shown below reads its own panels (named, e.g. /api/pnl?account=main).
 */
function isSummaryRead(request: string): boolean {
  return /^GET \/api\/(accounts|pnl\/periods)(\?|$)/.test(request) || !/[?&]account=/.test(request);
}

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  gateway = await startGatewayProcess([...BUSY_DEMO, "--equity-interval", EQUITY_INTERVAL_S]);
  browser = await launchChromium({ width: 1280, height: 800 });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
}, 60_000);

/** Every HTTP request the page makes, as "METHOD /path?query", in order; `times` when each was made (ms). */
function recordRequests(page: Page, times: number[] = []): string[] {
  const requests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/api/")) return;
    const index = requests.push(`${request.method()} ${url.pathname}${url.search}`) - 1;
    times.push(Date.now());
    // Once answered, the browser's own start time: this side hears of a request late on a loaded
    // machine (a read counted before the quiet window began was heard inside it: local CI #47).
    request
      .response()
      .then(() => {
        const start = request.timing().startTime;
        if (start > 0) times[index] = start;
      })
      .catch(() => undefined);
  });
  return requests;
}

/** The summary's latest fills as [trade id, account]. */
async function latestFills(page: Page): Promise<string[][]> {
  return page.$$eval(`table[aria-label="${FILLS_TABLE}"] tbody tr[data-row-id]`, (rows) =>
    rows.map((tr) => [tr.getAttribute("data-row-id") ?? "", tr.querySelectorAll("td")[1]?.textContent ?? ""]),
  );
}

/** A signed figure as the screen shows it (the exact one on hover is not what a reader adds up). */
function shownOf(text: string): string {
  return exact(dec(text.replace(/[+,]/g, "").replace(/\s*USDT$/, "")));
}

/** The summary's unrealized PnL and each account's, as shown; null where "–". */
async function shownUnrealized(page: Page): Promise<{ all: string | null; byAccount: Record<string, string | null> }> {
  const read = await page.evaluate(() => {
    const figureOf = (cell: Element | null) => {
      const amount = cell?.querySelector("span:not(.not-set)");
      return amount ? { text: amount.textContent ?? "" } : null;
    };
    return {
      all: figureOf(document.querySelector('[data-testid="all-accounts-pnl-unrealized"]')),
      rows: [...document.querySelectorAll('table[aria-label="PnL by account"] tbody tr')].map((tr) => ({
        name: tr.getAttribute("data-account") ?? "",
        figure: figureOf(tr.querySelector('[data-testid="all-accounts-pnl-account-unrealized"]')),
      })),
    };
  });
  const exactOrNull = (figure: { text: string } | null) => (figure === null ? null : shownOf(figure.text));
  return {
    all: exactOrNull(read.all),
    byAccount: Object.fromEntries(read.rows.map((row) => [row.name, exactOrNull(row.figure)])),
  };
}

/** The summary's realized PnL over the span, and each account's, as shown. */
async function shownPnl(page: Page): Promise<{ all: string; byAccount: Record<string, string> } | null> {
  const read = await page.evaluate(() => {
    const figure = document.querySelector('[data-testid="all-accounts-pnl-span"] span');
    const rows = [...document.querySelectorAll('table[aria-label="PnL by account"] tbody tr')];
    return {
      all: { text: figure?.textContent ?? "" },
      rows: rows.map((tr) => ({
        name: tr.getAttribute("data-account") ?? "",
        text: tr.querySelector("td.num span")?.textContent ?? "",
      })),
    };
  });
  // "–" while a figure is read again after a fill (a loaded machine shows it for a while): not yet.
  const texts = [read.all.text, ...read.rows.map((row) => row.text)];
  if (!texts.every((text) => isDecimal(text.replace(/[+,]/g, "").replace(/\s*USDT$/, "")))) return null;
  return {
    all: shownOf(read.all.text),
    byAccount: Object.fromEntries(read.rows.map((row) => [row.name, shownOf(row.text)])),
  };
}

describe("the All-accounts summary live, in Chromium against the demo gateway (two accounts)", () => {
  it("shows a new fill of any account without a reload or any read of fills, orders or accounts; PnL adds up", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const requests = recordRequests(page);
    try {
      await page.goto(gateway.url);
      const summary = page.getByRole("region", { name: "All accounts" });
      await summary.waitFor({ timeout: WAIT_MS });
      await summary.getByTestId("all-accounts-read").getByText("live").waitFor({ timeout: WAIT_MS });
      await page.waitForFunction(
        (name) => document.querySelectorAll(`table[aria-label="${name}"] tbody tr[data-row-id]`).length > 0,
        FILLS_TABLE,
        { timeout: WAIT_MS },
      );
      const accounts = await page.$$eval('table[aria-label="Equity by account"] tbody tr', (rows) =>
        rows.map((tr) => tr.getAttribute("data-account")),
      );
      expect(accounts).toHaveLength(2);

      // From now on: a fill the page has not shown yet, as the demo traders make them.
      const before = new Set((await latestFills(page)).map(([id, account]) => `${account} ${id}`));
      const navigations: string[] = [];
      page.on("framenavigated", (frame) => navigations.push(frame.url()));
      const from = requests.length;
      const watchFrom = Date.now();
      await page.waitForFunction(
        ([name, seen]) =>
          [...document.querySelectorAll(`table[aria-label="${name}"] tbody tr[data-row-id]`)].some(
            (tr) => !seen.includes(`${tr.querySelectorAll("td")[1]?.textContent} ${tr.getAttribute("data-row-id")}`),
          ),
        [FILLS_TABLE, [...before]] as const,
        { timeout: WAIT_MS, polling: 100 },
      );
      // Watched for longer than the 10 s the summary used to read its list and PnL on a timer, so
      // a timer left anywhere would show here (a bounded wait, no time asserted).
      const watched = Date.now() - watchFrom;
      if (watched < WATCH_MS) await page.waitForTimeout(WATCH_MS - watched);
      const between = requests.slice(from);
      const fresh = (await latestFills(page)).filter(([id, account]) => !before.has(`${account} ${id}`));
      expect(fresh.length).toBeGreaterThan(0);
      expect(accounts).toContain(fresh[0]?.[1]);
      expect(navigations).toEqual([]);
      // No read of fills, orders or the account list: the new row came over the stream. The
      // page's other reads are the account shown's figures (named) and the summary's PnL (after a
      // fill); none of all accounts but PnL.
      expect(between.filter((r) => /^GET \/api\/(fills|orders|accounts)(\?|$)/.test(r))).toEqual([]);
      const allAccounts = between.filter((r) => !/[?&]account=/.test(r));
      for (const request of allAccounts) expect(request).toMatch(/^GET \/api\/pnl\/periods\?period=day&/);
      console.info(
        `requests in ${Math.round((Date.now() - watchFrom) / 1000)} s while a new fill came (${between.length}): ${JSON.stringify(between.map((r) => r.split("?")[0]))}`,
      );

      // The All-accounts realized PnL is the sum of each account's on screen (read together;
      // a fill landing between the reads is caught up by the next one).
      await page.getByTestId("all-accounts-pnl-span").scrollIntoViewIfNeeded();
      let shown = await shownPnl(page);
      for (let attempt = 0; attempt < 30; attempt++) {
        const sum = shown && exact(Object.values(shown.byAccount).reduce((acc, value) => acc.plus(value), ZERO));
        if (shown !== null && Object.keys(shown.byAccount).length === 2 && sum === shown.all) break;
        await page.waitForTimeout(1_000);
        shown = await shownPnl(page);
      }
      if (shown === null) throw new Error("the summary's realized PnL still shows '–' after 30 s");
      expect(Object.keys(shown.byAccount).sort()).toEqual([...accounts].sort());
      const sum = exact(Object.values(shown.byAccount).reduce((acc, value) => acc.plus(value), ZERO));
      expect(shown.all).toBe(sum);

      await summary.screenshot({ path: join(ARTIFACTS, "all-accounts.png") });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      await summary.screenshot({ path: join(ARTIFACTS, "all-accounts-phone.png") });
      expect(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).toBe(
        0,
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);

  it("moves the unrealized PnL with prices, with no fill and no read, and it stays the sum of the accounts' shown", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    // The page counts its own summary reads (the realized PnL is still read after fills, and
    // after a snapshot the gateway sends again): a change watched across one is no proof.
    await page.addInitScript(() => {
      const w = window as unknown as { summaryReads: number };
      w.summaryReads = 0;
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = new URL(
          typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
          location.href,
        );
        if (
          url.pathname.startsWith("/api/") &&
          (/^\/api\/(accounts|pnl\/periods)$/.test(url.pathname) || !url.searchParams.has("account"))
        )
          w.summaryReads++;
        return original(input, init);
      };
    });
    const errors = watchErrors(page);
    const times: number[] = [];
    const requests = recordRequests(page, times);
    try {
      await page.goto(gateway.url);
      const summary = page.getByRole("region", { name: "All accounts" });
      await summary.getByTestId("all-accounts-read").getByText("live").waitFor({ timeout: WAIT_MS });
      await page.getByTestId("all-accounts-pnl-unrealized").scrollIntoViewIfNeeded();
      // Both accounts' unrealized PnL known (their first equity points since the figures were worked out).
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-testid="all-accounts-pnl-account-unrealized"] span:not(.not-set)').length ===
            2 && document.querySelector('[data-testid="all-accounts-pnl-unrealized"] span:not(.not-set)') !== null,
        undefined,
        { timeout: WAIT_MS, polling: 100 },
      );

      // A change of the figure QUIET_MS or more after the last new fill: a price move, not a fill.
      const moved = await page.waitForFunction(
        ([quietMs, fillsTable]) => {
          const w = window as unknown as {
            summaryReads: number;
            unrealizedWatch?: { shown: string; fills: string; reads: number; since: number };
          };
          const cell = document.querySelector('[data-testid="all-accounts-pnl-unrealized"] span:not(.not-set)');
          const shown = cell ? `${cell.textContent} ${cell.getAttribute("title") ?? ""}` : "";
          const fills = [...document.querySelectorAll(`table[aria-label="${fillsTable}"] tbody tr[data-row-id]`)]
            .map((tr) => tr.getAttribute("data-row-id"))
            .join(",");
          const now = Date.now();
          const reads = w.summaryReads;
          const watch = w.unrealizedWatch;
          // A new fill, a summary read, or the figure not known for a moment (an account's figures
          // being worked out): start again.
          if (watch === undefined || watch.fills !== fills || watch.reads !== reads || shown === "") {
            w.unrealizedWatch = { shown, fills, reads, since: now };
            return false;
          }
          if (now - watch.since < quietMs) {
            watch.shown = shown;
            return false;
          }
          return shown !== "" && shown !== watch.shown
            ? { from: watch.shown, to: shown, since: watch.since, at: now }
            : false;
        },
        [QUIET_MS, FILLS_TABLE] as const,
        { timeout: WAIT_MS, polling: 100 },
      );
      const change = (await moved.jsonValue()) as { from: string; to: string; since: number; at: number };
      // The summary read nothing while it moved (seen from outside the page too; a read the page
      // counted just before the watch began may reach this side a few ms later): it came over the stream.
      const reads = requests.filter((request, index) => {
        const at = times[index] ?? 0;
        return at >= change.since + EVENT_SLACK_MS && at <= change.at && isSummaryRead(request);
      });
      expect(reads).toEqual([]);
      expect(change.to).not.toBe(change.from);
      console.info(`unrealized PnL moved with no fill and no read: ${change.from} -> ${change.to}`);

      // The All-accounts unrealized PnL is the sum of each account's on screen, to the cent (read
      // when both accounts' are known: while an account's figures are worked out it shows "–").
      let shown = await shownUnrealized(page);
      for (let attempt = 0; attempt < 20 && Object.values(shown.byAccount).some((value) => value === null); attempt++) {
        await page.waitForTimeout(500);
        shown = await shownUnrealized(page);
      }
      const names = Object.keys(shown.byAccount);
      expect(names).toHaveLength(2);
      const values = Object.values(shown.byAccount);
      expect(values.every((value) => value !== null)).toBe(true);
      const sum = exact(values.reduce((acc, value) => acc.plus(value ?? "0"), ZERO));
      expect(shown.all).toBe(sum);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
