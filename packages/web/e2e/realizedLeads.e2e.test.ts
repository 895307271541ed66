// @vitest-environment node
/// <reference types="node" />
/**
 * One realized figure leads, and the pairs' total says in numbers why it differs (issue 57 item 1),
 * in Chromium against the real gateway (`mexc-live start` in demo mode: its ETHBTC is a pair quoted
 * in another coin), at 1280x800 in Los Angeles and at 390x844 in Tokyo:
 *
 * - the PnL panel leads with the realized PnL by asset, the figure its by-asset total row shows,
 *   which is the sum of GET /api/pnl?by=asset's rows as shown;
 * - under the pairs' total, the line repeats that figure and the total's, and lists the causes: on
 *   screen the lead is the pairs' total plus the causes, to the cent; each cause is the API's
 *   (GET /api/pnl/realized, the page's own read) rounded, the USDT pairs' share the rest (within a
 *   cent a row of its own rounding); in the API, byAsset = byPair + the causes exactly, byAsset
 *   the sum of PnL by asset's realized and byPair the USDT pairs' of PnL by pair;
 * - ETHBTC is named: its coins spent as quote, and those bought and sold on it;
 * - the journal: beside its trips' realized, the calendar's days summed as shown (the figure by
 *   asset) and the difference (lead = trips + difference, as shown), split in numbers: the trips to
 *   the USDT pairs over the calendar's days, then cause by cause, each the API's over the
 *   calendar's range (GET /api/pnl/realized?from&to), whose byAsset is GET /api/pnl/periods' days
 *   summed exactly and = byPair + the causes.
 * Screenshots go to packages/web/artifacts/realized-*.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  type AssetPnlItem,
  FIGURES_VERSION_HEADER,
  type PnlItem,
  type PnlPeriodItem,
  type RealizedCauses,
} from "@mexc-live/contract";
import { DAY_MS, dec, exact } from "@mexc-live/protocol";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import { SHARED_DEMO_WAIT_MS, type SharedDemo, sharedDemo } from "./sharedDemo.js";
import { asShownMoney, cardField, readUntil, shownNumber, sumOf, tableByHeader } from "./shownFigures.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
const WAIT_MS = 60_000;
const SIZES = [
  { name: "1280", width: 1280, height: 800, zone: "America/Los_Angeles" },
  { name: "390", width: 390, height: 844, zone: "Asia/Tokyo" },
] as const;

let gateway: SharedDemo | undefined;
const browsers: LaunchedBrowser[] = [];

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  gateway = await sharedDemo();
}, SHARED_DEMO_WAIT_MS);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
}, 60_000);

/** PnL by pair, by asset and the realized causes from the API, when all three are of one figures version. */
async function oneVersion(): Promise<{ api: RealizedCauses | null; assets: AssetPnlItem[]; pairs: PnlItem[] }> {
  if (!gateway) throw new Error("setup failed");
  const url = gateway.url;
  const [realized, byAsset, byPair] = (await Promise.all(
    // The account the page shows (the demo has two; a read without ?account= is all of them).
    ["/api/pnl/realized?account=main", "/api/pnl?by=asset&account=main", "/api/pnl?account=main"].map((path) =>
      fetch(new URL(path, url)),
    ),
  )) as [Response, Response, Response];
  const versions = [realized, byAsset, byPair].map((response) => response.headers.get(FIGURES_VERSION_HEADER));
  const same = versions.every((version) => version != null && version === versions[0]);
  const items = async <T>(response: Response) => ((await response.json()) as { items: T[] }).items;
  return {
    api: same ? ((await realized.json()) as RealizedCauses) : null,
    assets: await items<AssetPnlItem>(byAsset),
    pairs: await items<PnlItem>(byPair),
  };
}

/** The line under the pairs' total, as shown: the lead, the total, each cause. */
async function causesShown(page: Page) {
  const read = await page.evaluate(() => {
    const note = document.querySelector('[data-testid="realized-causes"]');
    if (note === null) return null;
    return {
      lead: note.querySelector('[data-figure="lead"]')?.textContent ?? "",
      byPair: note.querySelector('[data-figure="byPair"]')?.textContent ?? "",
      causes: [...note.querySelectorAll("li[data-cause]")].map((li) => ({
        cause: li.getAttribute("data-cause") ?? "",
        amount: li.querySelector('[data-figure="cause"]')?.textContent ?? "",
        text: li.textContent ?? "",
      })),
      headline: document.querySelector('[data-testid="realized-lead"] strong')?.textContent ?? "",
    };
  });
  if (read === null) return null;
  return {
    lead: shownNumber(read.lead),
    byPair: shownNumber(read.byPair),
    headline: shownNumber(read.headline),
    causes: read.causes.map((cause) => ({ ...cause, amount: shownNumber(cause.amount) })),
  };
}

const exactSum = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), dec("0"));

/**
 * The calendar's days in `zone` (the journal's 30 days) and the causes over their range, from the
 * API, when both are of one figures version; null otherwise.
 */
async function rangeRead(zone: string): Promise<{ days: PnlPeriodItem[]; causes: RealizedCauses } | null> {
  if (!gateway) throw new Error("setup failed");
  const url = gateway.url;
  const periods = await fetch(
    new URL(`/api/pnl/periods?account=main&period=day&from=${Date.now() - 30 * DAY_MS}&tz=${zone}`, url),
  );
  const days = ((await periods.json()) as { items: PnlPeriodItem[] }).items;
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) return null;
  const realized = await fetch(new URL(`/api/pnl/realized?account=main&from=${first.from}&to=${last.to}`, url));
  const versions = [periods, realized].map((response) => response.headers.get(FIGURES_VERSION_HEADER));
  if (versions[0] == null || versions[0] !== versions[1]) return null;
  return { days, causes: (await realized.json()) as RealizedCauses };
}

/** Whether the calendar shown is the API's days (the same labels). */
function sameDays(labels: readonly string[], days: readonly PnlPeriodItem[]): boolean {
  return labels.length === days.length && labels.every((label, i) => label === days[i]?.period);
}

/** The journal's line as shown: the lead, the trips', the difference and its parts, and the calendar's days. */
async function journalLine(page: Page) {
  const read = await page.evaluate(() => {
    const note = document.querySelector('[data-testid="journal-realized-note"]');
    const figure = (root: Element | null | undefined, name: string) =>
      root?.querySelector(`[data-figure="${name}"]`)?.textContent ?? null;
    const line = note?.querySelector('[data-testid="journal-realized-causes"]');
    return {
      text: note?.textContent ?? "",
      lead: figure(note, "lead"),
      difference: figure(note, "difference"),
      tripsGap: figure(note, "tripsGap"),
      pairsOverDays: figure(note, "pairsOverDays"),
      trips: document.querySelector('[data-stat="realized"] dd')?.textContent ?? null,
      causes:
        line == null
          ? null
          : {
              lead: figure(line, "lead"),
              byPair: figure(line, "byPair"),
              items: [...line.querySelectorAll("li[data-cause]")].map((li) => ({
                cause: li.getAttribute("data-cause") ?? "",
                amount: li.querySelector('[data-figure="cause"]')?.textContent ?? "",
              })),
            },
      days: [...document.querySelectorAll(".journal-day[data-day] .journal-day-pnl")].map(
        (cell) => cell.textContent ?? "",
      ),
      dayLabels: [...document.querySelectorAll(".journal-day[data-day]")].map(
        (cell) => cell.getAttribute("data-day") ?? "",
      ),
    };
  });
  return {
    ...read,
    lead: shownNumber(read.lead),
    difference: shownNumber(read.difference),
    tripsGap: shownNumber(read.tripsGap),
    pairsOverDays: shownNumber(read.pairsOverDays),
    trips: shownNumber(read.trips),
    causes:
      read.causes === null
        ? null
        : {
            lead: shownNumber(read.causes.lead),
            byPair: shownNumber(read.causes.byPair),
            items: read.causes.items.map((cause) => ({ ...cause, amount: shownNumber(cause.amount) })),
          },
  };
}

describe("one realized figure leads, the pairs' total says why it differs, in Chromium against the demo gateway", () => {
  for (const size of SIZES) {
    it(`at ${size.width}x${size.height} in ${size.zone}: lead = the pairs' total + the causes, on screen and in the API`, async () => {
      if (!gateway) throw new Error("setup failed");
      const browser = await launchChromium({ width: size.width, height: size.height }, size.zone);
      browsers.push(browser);
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.goto(gateway.url);
      const pnl = page.getByRole("region", { name: "PnL", exact: true });
      await pnl.waitFor({ timeout: WAIT_MS });
      await pnl.scrollIntoViewIfNeeded();

      // The line stands once the three reads of one moment are in (the demo fills about once an
      // hour per account after its history: the figures stand still meanwhile), and every cause
      // is priced: just after the history, its fills wait on the past prices they are valued at
      // (the causes say "not known" and name the assets meanwhile).
      // The API's three answers are read together at one figures version: since the figures
      // topic carries PnL by pair (issue 55 item 4) the page reads it over HTTP only on load, so
      // the page's own reads are no longer the answers it shows. The screen is read until it
      // shows what they say (the figures stand still between the demo's fills).
      const priced = (answer: RealizedCauses | undefined) =>
        answer?.causes.every((cause) => cause.realized !== null) === true;
      const usdtOf = (items: readonly PnlItem[]) => items.filter((item) => item.symbol.endsWith("USDT"));
      const { shown, api, assets, pairs } = await readUntil(
        page,
        async () => ({ shown: await causesShown(page), ...(await oneVersion()) }),
        (read) =>
          read.shown !== null &&
          read.api !== null &&
          priced(read.api) &&
          read.shown.causes.every((cause) => cause.amount !== null) &&
          read.shown.lead === sumOf(read.assets.map((item) => asShownMoney(item.realized))) &&
          read.shown.byPair === sumOf(usdtOf(read.pairs).map((item) => asShownMoney(item.realized))),
        90,
      );
      if (shown === null) throw new Error("the realized PnL's causes were never shown");
      if (api === null) throw new Error("the API's answers were never of one figures version");

      // The API adds up exactly: byAsset = byPair + the causes; byAsset is PnL by asset's realized
      // summed, byPair the USDT pairs' realized summed.
      expect(api.causes.every((cause) => cause.realized !== null)).toBe(true);
      expect(
        dec(api.byPair)
          .plus(exactSum(api.causes.map((cause) => cause.realized ?? "0")))
          .eq(api.byAsset),
      ).toBe(true);
      expect(exactSum(assets.map((item) => item.realized)).eq(api.byAsset)).toBe(true);
      const usdtPairs = usdtOf(pairs);
      expect(exactSum(usdtPairs.map((item) => item.realized)).eq(api.byPair)).toBe(true);
      expect(dec(api.byAsset).eq(api.byPair)).toBe(false);
      const other = api.causes.find((cause) => cause.cause === "otherQuote");
      expect(other?.names).toEqual(["ETHBTC"]);

      // On screen: one figure leads, the headline and the line's, the by-asset total row's, the
      // API's rows as shown summed; the line's total is the pairs' total row's.
      const leadExpected = sumOf(assets.map((item) => asShownMoney(item.realized)));
      const pairExpected = sumOf(usdtPairs.map((item) => asShownMoney(item.realized)));
      expect(shown.headline).toBe(leadExpected);
      expect(shown.lead).toBe(leadExpected);
      expect(shown.byPair).toBe(pairExpected);
      if (size.width > 900) {
        const byAsset = await tableByHeader(pnl.getByRole("table", { name: "PnL by asset" }));
        expect(shownNumber(byAsset.total?.["Realized (USDT)"])).toBe(leadExpected);
        const byPair = await tableByHeader(pnl.getByRole("table", { name: "PnL", exact: true }));
        expect(shownNumber(byPair.total?.Realized)).toBe(pairExpected);
      } else {
        const totalCard = pnl.getByRole("region", { name: "PnL: total" });
        expect(shownNumber(await cardField(totalCard, "Realized"))).toBe(pairExpected);
        const assetCard = pnl.getByRole("region", { name: "PnL by asset: total" });
        expect(shownNumber(await cardField(assetCard, "Realized (USDT)"))).toBe(leadExpected);
      }

      // The line adds up as shown, and each cause is the API's.
      expect(shown.causes.map((cause) => cause.cause)).toEqual(api.causes.map((cause) => cause.cause));
      expect(sumOf([shown.byPair, ...shown.causes.map((cause) => cause.amount)])).toBe(shown.lead);
      for (const cause of shown.causes) {
        const exactCause = api.causes.find((item) => item.cause === cause.cause)?.realized ?? "";
        if (cause.cause === "quotePairs") {
          // The rest: its own rounding give or take the cents the rows' rounding took.
          const cents = dec(cause.amount ?? "0")
            .minus(asShownMoney(exactCause))
            .abs();
          expect(cents.lte(dec("0.005").times(assets.length + usdtPairs.length + api.causes.length))).toBe(true);
        } else expect(cause.amount, cause.cause).toBe(asShownMoney(exactCause));
      }
      expect(shown.causes.find((cause) => cause.cause === "otherQuote")?.text).toMatch(/quote of ETHBTC/);
      expect(shown.causes.find((cause) => cause.cause === "otherBase")?.text).toMatch(/on ETHBTC/);
      console.info(
        `${size.name} px: realized by asset ${shown.lead} = by pair ${shown.byPair} + ${shown.causes
          .map((cause) => `${cause.cause} ${cause.amount}`)
          .join(" + ")}`,
      );

      const note = pnl.getByTestId("realized-causes");
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `realized-causes-${size.name}.png`) });
      await page.getByTestId("realized-lead").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `realized-lead-${size.name}.png`) });
      // The journal: beside its trips' realized, the calendar's days summed (the figure by asset)
      // and the difference, split in numbers: the trips to the USDT pairs over the calendar's
      // days, then cause by cause, each the API's over the calendar's range (GET
      // /api/pnl/realized?from&to, whose byAsset is GET /api/pnl/periods' days summed).
      const journal = page.getByRole("region", { name: "Journal" });
      await journal.scrollIntoViewIfNeeded();
      const { journalShown, range } = await readUntil(
        page,
        async () => ({ journalShown: await journalLine(page), range: await rangeRead(size.zone) }),
        (read) =>
          read.journalShown.lead !== null &&
          read.journalShown.causes !== null &&
          read.range !== null &&
          read.journalShown.pairsOverDays === asShownMoney(read.range.causes.byPair) &&
          sameDays(read.journalShown.dayLabels, read.range.days),
        90,
      );
      if (range === null) throw new Error("the calendar's days and their causes were never of one figures version");
      if (journalShown.causes === null) throw new Error("the journal's line was never split by cause");

      // In the API: the range's figure by asset is the calendar's days summed, exactly, and the
      // pairs' total plus the causes make it, exactly; its ends are the calendar's.
      const days = range.days;
      const first = days[0] as PnlPeriodItem;
      const last = days.at(-1) as PnlPeriodItem;
      expect(range.causes.from).toBeGreaterThanOrEqual(first.from);
      expect(range.causes.to).toBe(last.to);
      expect(exactSum(days.map((day) => day.realized)).eq(range.causes.byAsset)).toBe(true);
      expect(range.causes.causes.every((cause) => cause.realized !== null)).toBe(true);
      expect(
        dec(range.causes.byPair)
          .plus(exactSum(range.causes.causes.map((cause) => cause.realized ?? "0")))
          .eq(range.causes.byAsset),
      ).toBe(true);

      // On screen: the lead is the days as shown summed; lead = trips + difference; difference =
      // (pairs over the days - trips) + the causes, as shown; the line's lead and total are the
      // note's, each cause the API's (the USDT pairs' share the rest, within the rows' cents).
      const daysShown = journalShown.days.map((day) => shownNumber(day.replace("*", "")));
      expect(journalShown.lead).toBe(sumOf(daysShown));
      expect(sumOf([journalShown.trips, journalShown.difference])).toBe(journalShown.lead);
      expect(journalShown.tripsGap).toBe(
        exact(dec(journalShown.pairsOverDays ?? "x").minus(journalShown.trips ?? "x")),
      );
      expect(journalShown.causes.lead).toBe(journalShown.lead);
      expect(journalShown.causes.byPair).toBe(journalShown.pairsOverDays);
      expect(journalShown.causes.items.map((cause) => cause.cause)).toEqual(
        range.causes.causes.map((cause) => cause.cause),
      );
      expect(
        sumOf([journalShown.trips, journalShown.tripsGap, ...journalShown.causes.items.map((cause) => cause.amount)]),
      ).toBe(journalShown.lead);
      for (const cause of journalShown.causes.items) {
        const exactCause = range.causes.causes.find((item) => item.cause === cause.cause)?.realized ?? "";
        if (cause.cause === "quotePairs") {
          const cents = dec(cause.amount ?? "0")
            .minus(asShownMoney(exactCause))
            .abs();
          expect(cents.lte(dec("0.005").times(days.length + range.causes.causes.length))).toBe(true);
        } else expect(cause.amount, cause.cause).toBe(asShownMoney(exactCause));
      }
      expect(journalShown.text).not.toMatch(/not yet/);
      console.info(
        `${size.name} px, journal in ${size.zone}: by asset ${journalShown.lead} = trips ${journalShown.trips} + ${journalShown.tripsGap} to the pairs over the days (${journalShown.pairsOverDays}) + ${journalShown.causes.items
          .map((cause) => `${cause.cause} ${cause.amount}`)
          .join(" + ")}`,
      );
      await page.getByTestId("journal-realized-note").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `realized-journal-${size.name}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
