// @vitest-environment node
/// <reference types="node" />
/**
 * Totals a reader can add up, and no "not known yet" beside a known figure (issue 57 items 2, 5
 * and 6), in Chromium against the real gateway (`mexc-live start` in demo mode, two accounts): at
 * 1280x800 in Los Angeles and at 390x844 in Tokyo.
 *
 * - While the first backfill runs, the All-accounts unrealized PnL is a figure (provisional, and
 *   said so) whenever the gateway's PnL read valued it, as Performance shows its provisional figures
 *   below: it said "not known yet" (item 6).
 * - Every total is the sum of the figures shown above it, to the cent: total equity of the
 *   accounts' equity, the unrealized and the 30 days' realized PnL of the accounts', the balances'
 *   total of their values, PnL by asset's total row of its rows (item 5); and the figures are the
 *   API's (GET /api/accounts, the page's own PnL reads), rounded as shown.
 * - PnL by pair's total adds up the same pairs in every cell: realized, unrealized and fees of the
 *   pairs quoted in USDT as GET /api/pnl gives them; it says it leaves ETHBTC out, its fees too, at
 *   both widths; at 390 its card opens with "Total of USDT pairs · USDT" (item 2).
 * - After the history is complete, a fresh load and a switch to sub1 show the unrealized PnL, not
 *   "not known yet" (item 6).
 * Screenshots go to packages/web/artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { PnlItem, PnlPeriodItem } from "@mexc-live/contract";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild, WEB_DIR } from "./buildWeb.js";
import {
  type GatewayProcess,
  HISTORY_WAIT_MS,
  historyComplete,
  startGatewayProcess,
  waitForHistory,
} from "./gatewayProcess.js";
import { asShownMoney, cardField, readUntil, shownNumber, sumOf, tableByHeader } from "./shownFigures.js";

const ARTIFACTS = join(WEB_DIR, "artifacts");
/** A section's first answers on a loaded 2-core machine. */
const WAIT_MS = 60_000;
/** The page draws an answer within this long of its arrival. */
const SETTLE_MS = 1_000;
/** How long the first test looks at the page while the history is read, at most. */
const BACKFILL_LOOK_MS = 150_000;
const SIZES = [
  { name: "1280", width: 1280, height: 800, zone: "America/Los_Angeles" },
  { name: "390", width: 390, height: 844, zone: "Asia/Tokyo" },
] as const;

let gateway: GatewayProcess | undefined;
const browsers: LaunchedBrowser[] = [];

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  gateway = await startGatewayProcess();
}, 120_000);

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await gateway?.stop();
}, 60_000);

/** The page's own reads of the periods, newest last, by account. */
interface Answers {
  /** Every answer of each account's periods read, with the moment it was asked for (`to`). */
  readonly periods: Map<string, { readonly at: number; readonly items: PnlPeriodItem[] }[]>;
  /** When the last read of the periods was answered (ms), 0 before any. */
  lastPeriods: number;
}

function watchAnswers(page: Page): Answers {
  const answers: Answers = { periods: new Map(), lastPeriods: 0 };
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (response.status() !== 200) return;
    // The page may close before an answer's body is read: that answer is not needed then.
    const body = await response.json().catch(() => null);
    if (body === null) return;
    if (url.pathname === "/api/pnl/periods" && url.searchParams.has("account")) {
      const account = url.searchParams.get("account") ?? "";
      const read = { at: Number(url.searchParams.get("to")), items: (body as { items: PnlPeriodItem[] }).items };
      answers.periods.set(account, [...(answers.periods.get(account) ?? []), read]);
      answers.lastPeriods = Date.now();
    }
  });
  return answers;
}

async function openPage(size: (typeof SIZES)[number]): Promise<{ page: Page; answers: Answers; errors: string[] }> {
  const browser = await launchChromium({ width: size.width, height: size.height }, size.zone);
  browsers.push(browser);
  const page = await browser.context.newPage();
  const answers = watchAnswers(page);
  const errors = watchErrors(page);
  if (!gateway) throw new Error("setup failed");
  await page.goto(gateway.url);
  await page.getByRole("region", { name: "All accounts" }).waitFor({ timeout: WAIT_MS });
  return { page, answers, errors };
}

/** The All-accounts figures as shown: equity, unrealized and realized, each total and per account. */
async function summaryShown(page: Page) {
  const read = await page.evaluate(() => {
    const text = (selector: string) => document.querySelector(selector)?.textContent ?? "";
    const equityRows = [...document.querySelectorAll('table[aria-label="Equity by account"] tbody tr')];
    const pnlRows = [...document.querySelectorAll('table[aria-label="PnL by account"] tbody tr')];
    return {
      equity: text('[data-testid="all-accounts-total"]'),
      equities: equityRows.map((tr) => [
        tr.getAttribute("data-account") ?? "",
        tr.querySelectorAll("td")[1]?.textContent ?? "",
      ]),
      unrealized: text('[data-testid="all-accounts-pnl-unrealized"]'),
      realized: text('[data-testid="all-accounts-pnl-span"]'),
      rows: pnlRows.map((tr) => ({
        name: tr.getAttribute("data-account") ?? "",
        realized: tr.querySelectorAll("td")[1]?.textContent ?? "",
        unrealized: tr.querySelectorAll("td")[2]?.textContent ?? "",
        asRead: tr.querySelectorAll("td")[2]?.getAttribute("data-as-read") === "true",
      })),
      notKnown: document.querySelector('[data-testid="all-accounts-pnl-unrealized-why"]')?.textContent ?? null,
      provisional: document.querySelector('[data-testid="all-accounts-pnl-provisional"]')?.textContent ?? null,
    };
  });
  return {
    ...read,
    equity: shownNumber(read.equity),
    equities: Object.fromEntries(read.equities.map(([name, value]) => [name, shownNumber(value)])),
    unrealized: shownNumber(read.unrealized),
    realized: shownNumber(read.realized),
    rows: read.rows.map((row) => ({
      ...row,
      realized: shownNumber(row.realized),
      unrealized: shownNumber(row.unrealized),
    })),
  };
}

/** GET /api/pnl of the account the page shows first (main), by pair. */
async function pnlByPair(): Promise<PnlItem[]> {
  if (!gateway) throw new Error("setup failed");
  return ((await (await fetch(new URL("/api/pnl?account=main", gateway.url))).json()) as { items: PnlItem[] }).items;
}

/** The period holding the moment of the page's newest read of `account` (the one it draws: older ones are aborted). */
function newestToday(answers: Answers, account: string): PnlPeriodItem | undefined {
  const reads = answers.periods.get(account) ?? [];
  const newest = reads.reduce<(typeof reads)[number] | undefined>(
    (a, b) => (a === undefined || b.at >= a.at ? b : a),
    undefined,
  );
  return newest?.items.find((period) => period.from <= newest.at && newest.at <= period.to);
}

/** The unrealized PnL of the period holding the read's moment, as the page's newest read of `account` answered it. */
function readUnrealized(answers: Answers, account: string): string | null | undefined {
  const item = newestToday(answers, account);
  if (item === undefined || item.pricesPending) return undefined;
  return (item.unpriced?.length ?? 0) > 0 ? null : item.unrealized;
}

/** Every unrealized PnL of today the page's reads of `account` answered, as shown (to the cent). */
function answeredUnrealized(answers: Answers, account: string): string[] {
  return (answers.periods.get(account) ?? []).flatMap((read) => {
    const item = read.items.find((period) => period.from <= read.at && read.at <= period.to);
    return typeof item?.unrealized === "string" && !item.pricesPending ? [asShownMoney(item.unrealized)] : [];
  });
}

/** The summary as shown once the page's PnL reads of both accounts are in and drawn (none for SETTLE_MS). */
async function settledSummary(page: Page, answers: Answers) {
  return readUntil(
    page,
    async () => ({ shown: await summaryShown(page), quiet: Date.now() - answers.lastPeriods }),
    ({ shown, quiet }) => shown.rows.length === 2 && answers.periods.size === 2 && quiet > SETTLE_MS,
    60,
    500,
  ).then(({ shown }) => shown);
}

/** Whether the gateway values today's unrealized PnL of every account (no past price awaited). */
async function unrealizedValued(url: string): Promise<boolean> {
  const now = Date.now();
  for (const account of ["main", "sub1"]) {
    const query = new URLSearchParams({ period: "day", from: String(now - 86_400_000), to: String(now), account });
    const answer = (await (await fetch(new URL(`/api/pnl/periods?${query}`, url))).json()) as {
      items: PnlPeriodItem[];
    };
    const today = answer.items.find((item) => item.from <= now && now <= item.to);
    if (today === undefined || typeof today.unrealized !== "string" || today.pricesPending) return false;
  }
  return true;
}

describe("totals and figures known, in Chromium against the demo gateway", () => {
  it("while the history is read, shows the accounts' unrealized PnL the gateway valued, or what it waits on: Performance's cause", async () => {
    if (!gateway) throw new Error("setup failed");
    const url = gateway.url;
    // Read by read while the history comes in, the gateway values the unrealized PnL, or waits on
    // past prices (Performance says "Not in these figures yet: BTC, ETH" beside it). At each look,
    // once the page's reads of both accounts are in and drawn: valued, the summary shows the
    // figures, provisional, each row the read's; waiting, it says on which assets' prices.
    let looks = 0;
    // What each look saw (rows as shown), said when none counts: local CI #56 and #57 saw none.
    const seen: string[] = [];
    const until = Date.now() + BACKFILL_LOOK_MS;
    for (const size of SIZES) {
      if (await historyComplete(url)) break;
      const { page, answers } = await openPage(size);
      for (let look = 0; look < 10 && Date.now() < until && !(await historyComplete(url)); look++) {
        const shown = await settledSummary(page, answers);
        const reads = { main: readUnrealized(answers, "main"), sub1: readUnrealized(answers, "sub1") };
        const rows = Object.fromEntries(shown.rows.map((row) => [row.name, row]));
        // A row that is its equity point's (live) says nothing of the reads.
        const fromReads = Object.entries(reads).filter(
          ([name]) => rows[name]?.asRead || rows[name]?.unrealized === null,
        );
        seen.push(
          `${size.name}: ${shown.rows.map((row) => `${row.name}=${row.unrealized}${row.asRead ? " (read)" : ""}`).join(", ") || "no rows"}`,
        );
        if (fromReads.length === 0) continue;
        looks++;
        if (fromReads.every(([, read]) => typeof read === "string")) {
          expect(shown.notKnown, `${size.name} px: "not known yet" beside figures the gateway gave`).toBeNull();
          for (const [name] of fromReads) expect(answeredUnrealized(answers, name)).toContain(rows[name]?.unrealized);
          // Said while the history is read; the look may have outlasted it (the demo's month comes
          // in ~25 s since 5a68a2e): then the history is complete and the words are gone. Read in
          // the same look as the rows: read apart, a live equity point in between (its unrealized
          // not known yet) changed the words under it (local CI #88).
          const { provisional } = shown;
          if (provisional === null)
            expect(await historyComplete(url), `${size.name} px: no "provisional" while the history is read`).toBe(
              true,
            );
          else
            expect(provisional).toMatch(
              /^Realized and unrealized: provisional while MEXC's history is still being read/,
            );
        } else if (shown.notKnown !== null && fromReads.some(([, read]) => read === undefined)) {
          // Not the figures' state in general words: the assets whose past prices are awaited.
          expect(shown.notKnown).toMatch(
            /^Unrealized: not known yet: (the past prices or history of [A-Z]+(, [A-Z]+)* are still being fetched from MEXC|MEXC's history is still being read, and the figures wait for it)\.$/,
          );
        }
        if (looks === 1) await page.screenshot({ path: join(ARTIFACTS, `totals-backfill-${size.name}.png`) });
      }
      await page.close();
    }
    console.info(`while the history was read: ${looks} looks at the accounts' unrealized PnL as read`);
    expect(
      looks,
      `the page was not seen while the history was read; the looks saw: ${JSON.stringify(seen)}; history complete at the end: ${await historyComplete(url)}`,
    ).toBeGreaterThan(0);
  }, 300_000);

  for (const size of SIZES) {
    it(
      `at ${size.width}x${size.height} in ${size.zone}: every total is the sum of the figures shown above it, each the API's`,
      async () => {
        if (!gateway) throw new Error("setup failed");
        await waitForHistory(gateway.url);
        // The gateway values every account's unrealized PnL now: the page may not say "not known yet".
        const url = gateway.url;
        await expect.poll(() => unrealizedValued(url), { timeout: 120_000, interval: 1_000 }).toBe(true);
        const { page, answers, errors } = await openPage(size);

        // Item 6: a fresh load with the history complete shows the unrealized PnL, not "not known yet".
        const loaded = await settledSummary(page, answers);
        expect(loaded.notKnown, `${size.name} px: on a fresh load`).toBeNull();
        // A row taken from the PnL read is the figure that read answered, to the cent.
        for (const row of loaded.rows.filter((r) => r.asRead)) {
          expect(answeredUnrealized(answers, row.name), `${row.name}'s reads`).toContain(row.unrealized);
        }

        // Item 5: the totals of the All-accounts summary, as shown, and the accounts' equity the API's.
        const summary = await readUntil(
          page,
          async () => {
            const shown = await summaryShown(page);
            const api = (await (await fetch(new URL("/api/accounts", url))).json()) as {
              items: { name: string; equity: { equity: string } | null }[];
            };
            return { shown, api };
          },
          ({ shown, api }) =>
            api.items.every(
              (item) => item.equity !== null && shown.equities[item.name] === asShownMoney(item.equity.equity),
            ),
        );
        const { shown } = summary;
        for (const item of summary.api.items)
          expect(shown.equities[item.name]).toBe(asShownMoney(item.equity?.equity ?? ""));
        expect(shown.equity).toBe(sumOf(Object.values(shown.equities)));
        expect(shown.unrealized).toBe(sumOf(shown.rows.map((row) => row.unrealized)));
        expect(shown.realized).toBe(sumOf(shown.rows.map((row) => row.realized)));
        console.info(`${size.name} px: total equity ${shown.equity} = ${Object.values(shown.equities).join(" + ")}`);
        await page
          .getByRole("region", { name: "All accounts" })
          .screenshot({ path: join(ARTIFACTS, `totals-accounts-${size.name}.png`) });

        // The balances' total: the sum of their values shown.
        const balances = page.getByRole("region", { name: "Balances" });
        await balances.scrollIntoViewIfNeeded();
        await page.waitForTimeout(1_000);
        const readValues = async () =>
          size.width > 900
            ? (await tableByHeader(balances.getByRole("table", { name: "Balances" }))).rows.map((row) =>
                shownNumber(row.cells["Value (USDT)"]),
              )
            : await Promise.all(
                (await balances.locator("li[data-row-id]").all()).map(async (card) =>
                  shownNumber(await cardField(card, "Value (USDT)")),
                ),
              );
        const readTotal = async () => shownNumber(await balances.getByTestId("balances-total").textContent());
        // The values follow live prices: rows and total read between two equal reads of the total are
        // one screen's (a price moved between the reads in local CI #50, load ~9: 87,566.99 vs 87,559.37).
        let total = await readTotal();
        let balanceValues = await readValues();
        for (let again = 0; again < 5; again++) {
          const after = await readTotal();
          if (after === total) break;
          total = after;
          balanceValues = await readValues();
        }
        expect(balanceValues.length).toBeGreaterThan(2);
        expect(total).toBe(sumOf(balanceValues));

        // PnL: by asset, every total cell the sum of its column; by pair, the same pairs in every cell.
        const pnl = page.getByRole("region", { name: "PnL", exact: true });
        await pnl.scrollIntoViewIfNeeded();
        // PnL by pair comes by push after the first read (issue 55 item 4): the API's answer is
        // read beside the screen until the total shown is the one it makes. Its realized and fees
        // move with fills, which move the figures; its unrealized moves with every price while the
        // screen's is that of the last figures push, so the unrealized total is checked as the sum
        // of the rows shown.
        const expectedOf = (pairs: readonly PnlItem[]) => {
          const inUsdt = pairs.filter((item) => item.symbol.endsWith("USDT"));
          return {
            realized: sumOf(inUsdt.map((item) => asShownMoney(item.realized))),
            fees: sumOf(inUsdt.map((item) => asShownMoney(item.fees ?? "0"))),
          };
        };
        const pairTotalShown = async () => {
          if (size.width > 900) {
            const total = (await tableByHeader(pnl.getByRole("table", { name: "PnL", exact: true }))).total ?? {};
            return { realized: shownNumber(total.Realized), fees: shownNumber(total["Fees (USDT)"]) };
          }
          const card = pnl.getByRole("region", { name: "PnL: total" });
          return {
            realized: shownNumber(await cardField(card, "Realized")),
            fees: shownNumber(await cardField(card, "Fees (USDT)")),
          };
        };
        const { pairs } = await readUntil(
          page,
          async () => ({ pairs: await pnlByPair(), shown: await pairTotalShown() }),
          (read) => JSON.stringify(read.shown) === JSON.stringify(expectedOf(read.pairs)),
          30,
        );
        const leftOut = pairs.filter((item) => !item.symbol.endsWith("USDT"));
        expect(leftOut.map((item) => item.symbol)).toEqual(["ETHBTC"]);
        const expectedPairTotal = expectedOf(pairs);
        const note = "Total: the USDT pairs, in USDT. Left out: ETHBTC (in BTC), its fees too.";
        expect(await pnl.getByTestId("pair-total-note").textContent()).toBe(note);
        if (size.width > 900) {
          const byPair = await tableByHeader(pnl.getByRole("table", { name: "PnL", exact: true }));
          expect(byPair.rows.map((row) => row.id).sort()).toEqual(pairs.map((item) => item.symbol).sort());
          const total = byPair.total ?? {};
          expect(total.Pair).toBe("Total of USDT pairs");
          expect(total.In).toBe("USDT");
          const shownFees = byPair.rows
            .filter((row) => row.cells.In === "USDT")
            .map((row) => shownNumber(row.cells["Fees (USDT)"]));
          expect(shownNumber(total["Fees (USDT)"])).toBe(sumOf(shownFees));
          const shownUnrealized = byPair.rows
            .filter((row) => row.cells.In === "USDT")
            .map((row) => shownNumber(row.cells.Unrealized));
          expect(shownNumber(total.Unrealized)).toBe(sumOf(shownUnrealized));
          expect({ realized: shownNumber(total.Realized), fees: shownNumber(total["Fees (USDT)"]) }).toEqual(
            expectedPairTotal,
          );
          const byAsset = await tableByHeader(pnl.getByRole("table", { name: "PnL by asset" }));
          for (const column of ["Value (USDT)", "Cost basis (USDT)", "Realized (USDT)", "Fees (USDT)"]) {
            const column_ = byAsset.rows.map((row) => shownNumber(row.cells[column]));
            expect(shownNumber(byAsset.total?.[column]), column).toBe(sumOf(column_));
          }
        } else {
          const totalCard = pnl.getByRole("region", { name: "PnL: total" });
          expect(await totalCard.locator(".table-card-head").textContent()).toBe("Total of USDT pairsUSDT");
          expect({
            realized: shownNumber(await cardField(totalCard, "Realized")),
            fees: shownNumber(await cardField(totalCard, "Fees (USDT)")),
          }).toEqual(expectedPairTotal);
          const assetTotal = pnl.getByRole("region", { name: "PnL by asset: total" });
          expect(await assetTotal.locator(".table-card-head").textContent()).toBe("Total");
        }
        await pnl.screenshot({ path: join(ARTIFACTS, `totals-pnl-${size.name}.png`) });

        // Item 6: shown sub1, as the trader switches: the unrealized PnL is still known.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.locator("button.all-accounts-name", { hasText: "sub1" }).click();
        const switched = await readUntil(
          page,
          () => summaryShown(page),
          (s) => s.unrealized !== null,
          30,
        );
        expect(switched.notKnown, `${size.name} px: after switching to sub1`).toBeNull();
        expect(errors).toEqual([]);
        await page.close();
      },
      300_000 + HISTORY_WAIT_MS,
    );
  }
});
