// @vitest-environment node
/// <reference types="node" />
/**
 * A first visit (issue 40, "Done when"): a fresh demo (`mexc-live start`, two simulated accounts),
 * the page opened as soon as the URL is printed, in Chromium in Los Angeles, at 1280x800 and
 * 390x844 side by side, every section scrolled through again and again while the first backfill
 * runs and once the figures hold all of it (the history complete and no figure still being worked
 * out: /api/accounts): no "NaN", "undefined" or "Infinity" anywhere, no sideways scroll on the
 * phone, no performance figure beside "Reading the performance…", no list of the summary an empty
 * box without words; no false zero (the account holds balances from the start and has a month of
 * fills: no section says "No balances yet", "no data yet" or the like, no equity shows 0.00; the
 * simulator serves every past price, so no asset is left out "for want of a market price" and no
 * unrealized PnL "has no price or no known cost": while they are fetched the page says so); one
 * zone (every zone label on the page is the page's, PST or PDT as the date shown falls, never UTC); figures of one version
 * (the PnL panel's By-period figures beside a By-asset table of the same figures version, the
 * bridge's end equity not older than the equity point shown, or each says "updating": their
 * data-figures-version attributes, from X-MexcLive-Figures-Version). Once the history is complete
 * the figures on screen agree through the identities of docs/figures.md (the bridge adds up to
 * end equity, the headline's PnL is end minus start minus the flows, the All-accounts total is the
 * sum of its accounts); then the gateway stops and both pages say so, with no "live" left anywhere
 * (switcher labels, dots, badges, words) within 2 s of the page being in front. Every wait is
 * bounded and says what it waited for. Screenshots of both widths land in the temp directory for a person.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dec } from "@mexc-live/protocol";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { figuresSettled, type GatewayProcess, HISTORY_WAIT_MS, startGatewayProcess } from "./gatewayProcess.js";

/** The demo's first backfill of two accounts on a loaded 2-core CI machine (docScreenshots.ts: the same). */
/** The bridge's first answer after the history is complete (its past prices come in rounds). */
const FIGURES_WAIT_MS = 150_000;
/** "Gateway lost" everywhere, no "live" left, this soon after the process exits or the page comes to the front (issue 40). */
const LOST_WITHIN_MS = 2_000;
/** At most this long for the header to say "gateway lost" at all (the 2 s are measured, not waited for). */
const HEADER_WAIT_MS = 20_000;
/** The page's zone: not UTC, so a figure of the UTC day or a label of UTC shows. */
const ZONE = "America/Los_Angeles";
/** Between two passes over the page while the history comes in. */
const PASS_GAP_MS = 2_000;
/**
 * Once the figures hold the whole history, the passes go on for at most this long until each width
 * has read its figures side by side (the bridge's end equity beside its equity point, neither
 * "updating"): on a loaded CI machine every pass of the 390 px page found them updating until the
 * figures were complete, and the one pass after it did too (local CI #38, load 9, 2026-11-27).
 */
const PAIRS_WAIT_MS = 60_000;
/** A figure on screen is rounded to 2 places: half a cent either way per figure added. */
const CENT = dec("0.01");
const WORDS_NEVER_SHOWN = /\bNaN\b|\bundefined\b|\bInfinity\b/;
/** What a section says when it holds nothing: false, while the account holds balances and has fills. */
const FALSE_EMPTY =
  /No balances yet|no data yet|No holdings yet|no equity yet|No fills yet|no fills yet|No closed orders yet|No balance changes recorded yet|for want of a market price|has no price or no known cost/;
/** A zone's label as the page writes one beside a time (Intl's short names: "UTC", "GMT+1", "PST", "CEST"). */
/** A line saying which zone a file's times are in (docs/exports.md): not a time shown on the page. */
const FILE_ZONE = /\btimes in UTC\b|\btime zone to UTC\b/;
const ZONE_LABEL =
  /\b(?:UTC|GMT(?:[+-]\d{1,2}(?::\d{2})?)?|[PMCE][SD]T|AK[SD]T|HST|CES?T|EES?T|WES?T|BST|IST|JST|KST|MSK|A[CEW][SD]T|NZ[SD]T)\b/g;

const SIZES = [
  { name: "1280", width: 1280, height: 800 },
  { name: "390", width: 390, height: 844 },
] as const;

let gateway: GatewayProcess | undefined;
let browser: LaunchedBrowser | undefined;

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
}, 60_000);

interface PassFindings {
  /** Text of every place the page said NaN, undefined or Infinity. */
  readonly badWords: string[];
  /** px the page scrolls sideways. */
  readonly sideways: number;
  /** The Performance section showed a figure while saying it reads the performance. */
  readonly figureWhileReading: boolean;
  /** Lists of the All-accounts summary that showed an empty box: no row, no words of why. */
  readonly silentLists: string[];
  /** Lines saying a section holds nothing ("No balances yet", "no data yet"...). */
  readonly falseEmpty: string[];
  /** Equity figures shown as 0.00 (the All-accounts total, an account's, the bridge's end equity). */
  readonly zeroEquity: string[];
  /** Zone labels that are not the page's zone, with the line they are in. */
  readonly otherZones: string[];
  /** Figures shown together of different versions without saying "updating". */
  readonly versionsApart: string[];
  /** What the checks above found to read: so none of them passes for having seen nothing. */
  readonly read: { equities: number; zoneLabels: number; versionPairs: number };
}

/** Scrolls the page top to bottom a screen at a time, reading what each screen shows. */
async function pass(page: Page): Promise<PassFindings> {
  await shown(page);
  const zones = await pageZoneLabels(page);
  const badWords: string[] = [];
  const silentLists: string[] = [];
  const falseEmpty: string[] = [];
  const zeroEquity: string[] = [];
  const otherZones: string[] = [];
  const versionsApart: string[] = [];
  const read = { equities: 0, zoneLabels: 0, versionPairs: 0 };
  let figureWhileReading = false;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = page.viewportSize()?.height ?? 800;
  for (let y = 0; y < height; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150); // a section follows its data once on screen (issue 17)
    const seen = await page.evaluate((falseEmptySource) => {
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line by line (textContent runs words together)
      const text = document.body.innerText;
      const performance = document.querySelector('section[aria-label="Performance"]');
      const reading = performance?.textContent?.includes("Reading the performance") ?? false;
      const figure = /\d/.test(performance?.querySelector('[data-testid="headline-pnl"]')?.textContent ?? "");
      const silent = [...document.querySelectorAll(".all-accounts-fills")]
        .filter((list) => list.getBoundingClientRect().bottom > 0 && list.getBoundingClientRect().top < innerHeight)
        .filter((list) => list.querySelector("[data-row-id], .all-accounts-note") === null)
        .map((list) => list.querySelector("h3")?.textContent ?? "?");
      // Equity shown: the All-accounts total and each account's, the bridge's end equity.
      const equities = [
        document.querySelector('[data-testid="all-accounts-total"]')?.textContent ?? "",
        ...[...document.querySelectorAll('table[aria-label="Equity by account"] tbody tr')].map(
          (tr) => tr.querySelectorAll("td")[1]?.textContent ?? "",
        ),
        document.querySelector('[data-testid="bridge"] [data-key="endEquity"] .bridge-value')?.textContent ?? "",
      ];
      const zero = equities.filter((shown) => /^[^\d]*0\.00\b/.test(shown.trim()) || /^0(\.0+)?$/.test(shown.trim()));
      // Figures shown together, of one version or saying "updating" (data-figures-version: the
      // X-MexcLive-Figures-Version of the answer each shows).
      const apart: string[] = [];
      let pairs = 0;
      const periods = document.querySelector<HTMLElement>(".pnl-periods[data-figures-version]");
      const byAsset = document.querySelector<HTMLElement>(".pnl-by-asset[data-figures-version]");
      if (periods && byAsset && periods.dataset.updating === undefined) {
        const footer = periods.querySelector(".chart-footer")?.textContent ?? "";
        if (footer.includes("realized")) pairs++;
        if (footer.includes("realized") && periods.dataset.figuresVersion !== byAsset.dataset.figuresVersion) {
          apart.push(`By period v${periods.dataset.figuresVersion} beside By asset v${byAsset.dataset.figuresVersion}`);
        }
      }
      const bridge = document.querySelector<HTMLElement>('[data-testid="bridge"]');
      const answer = Number(bridge?.dataset.figuresVersion);
      const point = Number(bridge?.dataset.equityVersion);
      if (bridge && bridge.dataset.updating === undefined && answer > 0 && point > 0) pairs++;
      if (bridge && bridge.dataset.updating === undefined && answer < point) {
        apart.push(`the bridge's end equity v${answer} beside the equity point v${point}`);
      }
      // Each section's (or chart's) words of holding nothing, named by the section and the chart.
      const empty = [...document.querySelectorAll<HTMLElement>("section[aria-label], figure[aria-label]")]
        .filter(
          (section) => section.getBoundingClientRect().bottom > 0 && section.getBoundingClientRect().top < innerHeight,
        )
        .flatMap((section) =>
          // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line by line
          section.innerText
            .split("\n")
            .filter((line) => new RegExp(falseEmptySource).test(line))
            .map((line) => {
              const within = section.parentElement?.closest("section[aria-label]")?.getAttribute("aria-label");
              return `${within ? `${within} / ` : ""}${section.getAttribute("aria-label")}: ${line}`;
            }),
        );
      const shownEquities = equities.filter((shown) => /\d/.test(shown)).length;
      return { text, readingWithFigure: reading && figure, silent, zero, apart, empty, pairs, shownEquities };
    }, FALSE_EMPTY.source);
    falseEmpty.push(...seen.empty);
    silentLists.push(...seen.silent);
    zeroEquity.push(...seen.zero);
    versionsApart.push(...seen.apart);
    read.versionPairs += seen.pairs;
    read.equities += seen.shownEquities;
    for (const line of seen.text.split("\n")) {
      if (WORDS_NEVER_SHOWN.test(line)) badWords.push(line);
      // What a downloaded file's times are in (the tax-tool exports: UTC) is no label of the page's.
      for (const label of FILE_ZONE.test(line) ? [] : (line.match(ZONE_LABEL) ?? [])) {
        read.zoneLabels++;
        if (!zones.includes(label)) otherZones.push(`${label} in "${line}"`);
      }
    }
    figureWhileReading ||= seen.readingWithFigure;
  }
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  const once = (items: string[]) => [...new Set(items)];
  return {
    badWords: once(badWords),
    sideways,
    figureWhileReading,
    silentLists: once(silentLists),
    falseEmpty: once(falseEmpty),
    zeroEquity: once(zeroEquity),
    otherZones: once(otherZones),
    versionsApart: once(versionsApart),
    read,
  };
}

/**
 * The page's zone as it labels times: its winter and its summer name ("PST", "PDT"), as a date in
 * summer is labelled with the summer one ("since 2026-10-26 (PDT)").
 */
function pageZoneLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const format = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" });
    const year = new Date().getFullYear();
    return [Date.UTC(year, 0, 1), Date.UTC(year, 6, 1)].map(
      (ms) => format.formatToParts(ms).find((part) => part.type === "timeZoneName")?.value ?? "",
    );
  });
}

/**
 * The page in front: of the two pages of one browser only the front one is visible, and a hidden
 * dashboard renders and follows nothing until shown (Dashboard.tsx), so each is read in front.
 */
async function shown(page: Page): Promise<void> {
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === "visible", undefined, { timeout: 10_000 });
  await page.waitForTimeout(300); // the one render that catches up
}

/** The bridge's exact parts (data-value), once the Performance section shows one. */
async function bridgeParts(page: Page): Promise<Record<string, string> | null> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[data-testid="bridge"] li[data-key]')];
    if (rows.length === 0) return null;
    const parts: Record<string, string> = {};
    for (const row of rows) {
      const value = row.querySelector(".bridge-value")?.getAttribute("data-value");
      if (value != null) parts[row.getAttribute("data-key") ?? ""] = value;
    }
    return parts;
  });
}

/** "−1,234.56 USDT" -> "-1234.56". */
function shownNumber(text: string | null | undefined): string {
  return (text ?? "").replace(/[^\d.-]/g, "").replace(/^-?$/, "0");
}

/**
 * Everything on the page that still says "live": the switcher's options, the All-accounts badges
 * and sections, green dots, and any line of the page's text with the word (the product's name
 * aside).
 */
function liveShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const option of document.querySelectorAll<HTMLOptionElement>('select[aria-label="Account"] option')) {
      if (/\blive\b/.test(option.text)) found.push(`switcher: ${option.text}`);
    }
    for (const badge of document.querySelectorAll(
      '[data-testid="all-accounts-badge"], [data-testid="account-badge"]',
    )) {
      if (/\blive\b/i.test(badge.textContent ?? "")) found.push(`badge: ${badge.textContent}`);
    }
    for (const small of document.querySelectorAll(".all-accounts-when")) {
      if (small.textContent === "live") found.push(`section: ${small.closest("div")?.className}`);
    }
    const dots = document.querySelectorAll(".account-dot.account-live, .status-live").length;
    if (dots > 0) found.push(`${dots} green dots`);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line by line
    for (const line of document.body.innerText.split("\n")) {
      if (/\blive\b/i.test(line.replaceAll("mexc-live", ""))) found.push(`text: ${line}`);
    }
    return found;
  });
}

/**
 * The page's answers that leave assets out for good (`unpriced` without `pricesPending`), each as
 * "path: assets (field)": said beside a "for want of a market price" found while loading, so the
 * next such failure names the read and the moment behind it (local CI #63, #71: not reproduced).
 */
function watchUnpriced(page: Page): string[] {
  const said: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const { unpriced, pricesPending, from, to } = node as Record<string, unknown>;
    if (Array.isArray(unpriced) && unpriced.length > 0 && pricesPending !== true)
      said.push(`${path}: ${unpriced.join(",")} (${String(from ?? "")}-${String(to ?? "")})`);
    for (const [key, value] of Object.entries(node)) if (key !== "unpriced") walk(value, `${path}.${key}`);
  };
  page.on("response", async (response) => {
    const url = new URL(response.url());
    // The causes of realized PnL name what each cause leaves out, pending or not: not a section's words.
    if (!url.pathname.startsWith("/api/") || url.pathname === "/api/pnl/realized") return;
    const body: unknown = await response.json().catch(() => null);
    walk(body, `${new Date().toISOString()} ${url.pathname}${url.search}`);
  });
  return said;
}

describe("a first visit to a fresh demo, at 1280 and 390 px", () => {
  it("never shows a false figure while loading, agrees with itself once loaded, and says so when the gateway stops", async () => {
    assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
    await ensureWebBuild();
    gateway = await startGatewayProcess();
    browser = await launchChromium({ width: 1280, height: 800 }, ZONE);
    const pages: Page[] = [];
    const unpricedSaid: string[][] = [];
    for (const size of SIZES) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      unpricedSaid.push(watchUnpriced(page));
      await page.goto(gateway.url);
      pages.push(page);
    }

    // While the history comes in and the figures take it in, and once after they hold all of it
    // (the demo's history comes in within ~25 s, its past prices after): pass over both pages.
    const read = SIZES.map(() => ({ equities: 0, zoneLabels: 0, versionPairs: 0 }));
    const until = Date.now() + HISTORY_WAIT_MS;
    let complete = false;
    /** Once complete: passes go on, for at most PAIRS_WAIT_MS, until each width read figures side by side. */
    let pairsUntil = Number.POSITIVE_INFINITY;
    const unpaired = () => read.some((sums) => sums.versionPairs === 0);
    while (!complete || (unpaired() && Date.now() < pairsUntil)) {
      if (!complete && Date.now() > until) {
        throw new Error(`the demo's history and its figures were not complete within ${HISTORY_WAIT_MS / 1000} s`);
      }
      if (!complete && (await figuresSettled(gateway.url))) {
        complete = true;
        pairsUntil = Date.now() + PAIRS_WAIT_MS;
      }
      for (const [i, page] of pages.entries()) {
        const size = SIZES[i] as (typeof SIZES)[number];
        const found = await pass(page);
        expect.soft(found.badWords, `${size.name} px: words a figure never is`).toEqual([]);
        expect.soft(found.figureWhileReading, `${size.name} px: a PnL beside "Reading the performance…"`).toBe(false);
        expect.soft(found.silentLists, `${size.name} px: lists showing an empty box`).toEqual([]);
        expect
          .soft(
            found.falseEmpty,
            `${size.name} px: sections saying they hold nothing; answers leaving assets out for good: ${JSON.stringify(unpricedSaid[i]?.slice(-6))}`,
          )
          .toEqual([]);
        expect.soft(found.zeroEquity, `${size.name} px: equity shown as 0.00`).toEqual([]);
        expect.soft(found.otherZones, `${size.name} px: zone labels not the page's`).toEqual([]);
        expect.soft(found.versionsApart, `${size.name} px: figures of two versions side by side`).toEqual([]);
        if (size.width < 600) expect(found.sideways, `${size.name} px: the page scrolls sideways`).toBe(0);
        const sums = read[i] as (typeof read)[number];
        for (const key of ["equities", "zoneLabels", "versionPairs"] as const) sums[key] += found.read[key];
      }
      if (!complete || unpaired()) await pages[0]?.waitForTimeout(PASS_GAP_MS);
    }
    // Each check had something to read at each width: equity figures, zone labels, figures side by side.
    for (const [i, size] of SIZES.entries()) {
      console.info(`${size.name} px: read ${JSON.stringify(read[i])}`);
      expect(read[i]?.equities, `${size.name} px: equity figures read`).toBeGreaterThan(0);
      expect(read[i]?.zoneLabels, `${size.name} px: zone labels read`).toBeGreaterThan(0);
      expect(read[i]?.versionPairs, `${size.name} px: figures read side by side`).toBeGreaterThan(0);
    }

    // The identities, on the screen of each width.
    for (const [i, page] of pages.entries()) {
      const size = SIZES[i] as (typeof SIZES)[number];
      await shown(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      // The bridge and the headline of one render, with an end equity: a push moves both (the prices
      // move every few seconds), and two reads can straddle it (CI #132: PnL +273.42 against 298.41);
      // a newer equity point makes end equity say "updating…" until the figures are read again (the
      // official CI on 318b190d read that render and took its missing end equity for 0).
      const bridgeWait = Date.now() + FIGURES_WAIT_MS;
      let parts: Record<string, string> | null = null;
      let headline: string | null = null;
      for (;;) {
        const before = await bridgeParts(page);
        const shownPnl = await page.getByTestId("headline-pnl").textContent();
        const after = await bridgeParts(page);
        if (before?.endEquity !== undefined && JSON.stringify(before) === JSON.stringify(after)) {
          parts = before;
          headline = shownPnl;
          break;
        }
        if (Date.now() > bridgeWait)
          throw new Error(`${size.name} px: no settled bridge with an end equity within ${FIGURES_WAIT_MS / 1000} s`);
        await page.locator('section[aria-label="Performance"]').scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
      }
      const part = (key: string) => dec(parts?.[key] ?? "0", key);
      const flows = part("deposits").plus(part("withdrawals")).plus(part("transfers"));
      const changes = part("realized").plus(part("unrealized")).plus(part("fees"));
      // startEquity + flows + realized + unrealized + fees = endEquity, exactly (docs/figures.md).
      expect(
        part("startEquity").plus(flows).plus(changes).eq(part("endEquity")),
        `${size.name} px: the bridge ${JSON.stringify(parts)}`,
      ).toBe(true);
      // The headline's PnL, rounded to the cent, is end - start - net flows.
      const pnl = part("endEquity").minus(part("startEquity")).minus(flows);
      expect(dec(shownNumber(headline)).minus(pnl).abs().lte(CENT), `${size.name} px: PnL ${headline} vs ${pnl}`).toBe(
        true,
      );
      // The All-accounts total is the sum of its accounts (each shown to the cent).
      const onScreen = await page.evaluate(() => ({
        total: document.querySelector('[data-testid="all-accounts-total"]')?.textContent ?? "",
        rows: [...document.querySelectorAll('table[aria-label="Equity by account"] tbody tr')].map(
          (tr) => tr.querySelectorAll("td")[1]?.textContent ?? "",
        ),
      }));
      expect(onScreen.rows).toHaveLength(2);
      const sum = onScreen.rows.reduce((total, text) => total.plus(dec(shownNumber(text))), dec("0"));
      const off = dec(shownNumber(onScreen.total)).minus(sum).abs();
      expect(
        off.lte(CENT.times(onScreen.rows.length)),
        `${size.name} px: total ${onScreen.total} vs ${onScreen.rows}`,
      ).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(tmpdir(), `mexc-live-first-visit-${size.name}.png`) });
    }

    // The gateway stops: both pages say so within 2 s (the one in front from the exit, the other
    // from being brought to the front: a hidden page renders nothing), with no "live" anywhere.
    const [front] = pages.slice(-1);
    await gateway.stop();
    const stoppedAt = Date.now();
    for (const page of [front, ...pages.slice(0, -1)] as Page[]) {
      const size = SIZES[pages.indexOf(page)] as (typeof SIZES)[number];
      const from = page === front ? stoppedAt : Date.now();
      if (page !== front) await page.bringToFront();
      await page
        .waitForFunction(
          () =>
            document.querySelector('[data-testid="upstream-status"]')?.getAttribute("data-state") === "gateway lost",
          undefined,
          { timeout: HEADER_WAIT_MS, polling: 50 },
        )
        .catch(() => {
          throw new Error(`${size.name} px: the header did not say "gateway lost" within ${HEADER_WAIT_MS / 1000} s`);
        });
      // Everything renders from the same state in the same commit: read it all at once.
      const live = await liveShown(page);
      const tookMs = Date.now() - from;
      console.info(
        `${size.name} px: "gateway lost" everywhere, no "live", ${tookMs} ms after ${page === front ? "the exit" : "coming to the front"}`,
      );
      expect(live, `${size.name} px: "live" still shown after the gateway stopped`).toEqual([]);
      expect(tookMs, `${size.name} px: ms until the page said so everywhere`).toBeLessThanOrEqual(LOST_WITHIN_MS);
      // biome-ignore lint/performance/useDomNodeTextContent: playwright's innerText, the text as rendered
      expect(WORDS_NEVER_SHOWN.test(await page.locator("body").innerText())).toBe(false);
    }
  }, 900_000);
});
