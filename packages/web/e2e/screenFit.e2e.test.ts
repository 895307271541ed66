// @vitest-environment node
/// <reference types="node" />
/**
 * Issue 40 items 8 and the "Latest fills" header, in Chromium against a fake two-account gateway
 * (fakeGateway.ts, 127.0.0.1): a price and a quantity show at their pair's places from
 * GET /api/precisions (MEXC's exchangeInfo), a deposit at its asset's, the exact figure on hover;
 * at 1280 px the "All accounts" lists show every column whole (no header or value cut at the box's
 * edge), and so does PnL by pair with the demo's widest figures (its Fees column was cut); the
 * account's fills, wider than their box, name the columns past its edge; at 390
 * px they are cards, each figure labelled and inside the screen, and the page does not scroll
 * sideways. What health says the gateway cannot show of the market (its longest words) shows over
 * the market panel, every line inside the screen at both widths. Screenshots for a person to look at land in the temp directory.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  AlertDeliveryItem,
  DisplayPrecisions,
  FillItem,
  MarketNote,
  OpeningPosition,
  OrderItem,
  PnlItem,
  TransferItem,
} from "@mexc-live/contract";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerItem } from "../test/items.js";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { FAKE_HEALTH, type FakeGateway, startFakeGateway, twoAccounts } from "./fakeGateway.js";

/** A section's first data on a loaded 2-core machine (local CI #75 at load 8: PnL by pair not in 20 s). */
const WAIT_MS = 60_000;
const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
/** Space between a scroll box and the heading under it, at least (the By-asset box and "By period"). */
const MIN_GAP_PX = 8;
const SHOT = (name: string) => join(tmpdir(), `mexc-live-screen-fit-${name}.png`);

const PRECISIONS: DisplayPrecisions = {
  assets: { BTC: 6, PEPE: 0, MX: 2, USDT: 2 },
  symbols: {
    BTCUSDT: { price: 2, quantity: 6 },
    PEPEUSDT: { price: 10, quantity: 0 },
    ETHBTC: { price: 6, quantity: 4 },
    ETHUSDT: { price: 2, quantity: 5 },
    MXUSDT: { price: 4, quantity: 2 },
  },
};

/**
 * PnL by pair as the demo answers it, its widest figures: an opening position, a BTC-quoted pair
 * with PnL in the eighth place, an average cost of 18 places (the docs' pnl.png had its Fees
 * column pushed out of the box at 1280).
 */
const PNL: PnlItem[] = [
  {
    ...{ symbol: "BTCUSDT", realized: "-4.993553096978183394", unrealized: "-9.718348091806153856" },
    ...{ position: "0.002617", averageCost: "100565.785315936627380971", method: "avg", fees: "1.313416380625890375" },
    lastPrice: "96852.24",
    opening: { quantity: "0.001864", costPrice: "92227.72", source: "market_price" },
  },
  {
    ...{ symbol: "ETHBTC", realized: "0.000037216915602537", unrealized: "-0.00007345427124667" },
    ...{ position: "0.3097", averageCost: "0.035437915628610163", method: "avg", fees: "4.719263270190433" },
    lastPrice: "0.035065",
  },
  {
    ...{ symbol: "ETHUSDT", realized: "-1234.826969818437685355", unrealized: "-5.739129340377125355" },
    ...{ position: "0.09667", averageCost: "3456.018256339889576446", method: "avg", fees: "1.3557543003050225" },
    lastPrice: "3396.65",
  },
  {
    ...{ symbol: "MXUSDT", realized: "-20.740946821444312213", unrealized: "9.051442695669374713" },
    ...{ position: "111.804152945625", averageCost: "3.116741981382646251", method: "avg", fees: "0.795559491143675" },
    lastPrice: "3.1977",
  },
];

const ACCOUNTS = twoAccounts(T0);

function fill(
  tradeId: string,
  symbol: string,
  price: string,
  quantity: string,
  account: string,
  time: number,
): FillItem {
  return {
    ...{ tradeId, orderId: `o-${tradeId}`, symbol, side: "BUY", price, quantity, amount: "1234.5678" },
    ...{ fee: "0.000001234567", feeCurrency: "BTC", feeValue: "0.12", isMaker: false, time, source: "stream" },
    account,
  };
}

function order(orderId: string, symbol: string, price: string, quantity: string, account: string): OrderItem {
  return {
    ...{ orderId, clientOrderId: `c-${orderId}`, symbol, side: "SELL", type: "STOP_LIMIT", status: "NEW", price },
    ...{ quantity, executedQuantity: "0", cumulativeQuoteQuantity: "0", avgPrice: "0" },
    ...{ time: T0, updateTime: T0, apiTradingDisabled: false, account },
  };
}

/** Long figures: the widest the demo shows (PEPE's 10-place price, 52 million of it). */
const FILLS = [
  fill("f1", "BTCUSDT", "96590.906681234567", "0.5", "main", T0 + 1000),
  fill("f2", "PEPEUSDT", "0.0000178081", "52582351", "sub1", T0),
];
const ORDERS = [
  order("o1", "PEPEUSDT", "0.0000177754", "59882309", "sub1"),
  order("o2", "BTCUSDT", "96800.5", "0.01", "main"),
];
const DEPOSIT: TransferItem = {
  ...{ id: "d1", type: "deposit", direction: "in", asset: "MX", amount: "1210.938121686452551931", fee: "0" },
  ...{ network: "MX", status: "completed", rawStatus: "5", txId: "tx1", time: T0, updateTime: T0, source: "rest" },
  value: "3000",
};

/** The ledger's entries: its footer's words ("13 entries · all entries loaded, from …") beside its button at 390 px. */
const LEDGER = Array.from({ length: 13 }, (_, i) => ledgerItem(`l${i}`, T0 - i * 60_000));

/** Held before the history, with a long cost and quantity: a card at 390 px, a table at 1280. */
const OPENING: OpeningPosition = {
  ...{ asset: "PEPE", quantity: "123456789.123456", time: T0 - 30 * 86_400_000 },
  ...{ costPrice: "0.0000178081", source: "market_price", quote: "USDT" },
};
/** A failed delivery with a long channel and error: whole on a card at 390 px. */
const DELIVERY: AlertDeliveryItem = {
  ...{ id: "d1", ruleId: "r1", to: "https://hooks.example.com/services/T000/B000/…", channel: "webhook" },
  ...{ status: "failed", alerts: 3, events: ["fill", "fill"], title: "BTCUSDT BUY 0.5", attempts: 5 },
  ...{ createdAt: T0, sentAt: null, lastError: "HTTP 502 from the channel after 5 tries over 4 minutes" },
};

/** What the gateway says it cannot show of the market (health's `market`): the longest words a note has. */
const MARKET_NOTES: MarketNote[] = [
  {
    symbol: "BTCUSDT",
    part: "trades",
    kind: "latestTradesUnread",
    words:
      "MEXC did not answer BTCUSDT's latest trades (the log says why): the list holds only trades streamed since; it asks again after the next gap.",
    since: T0,
  },
  {
    symbol: "BTCUSDT",
    part: "depth",
    kind: "streamDown",
    words: "MEXC's order book stream for BTCUSDT is reconnecting: what it shows has stopped; it comes back by itself.",
    since: T0,
  },
];

const SNAPSHOTS: Record<string, unknown> = {
  health: { ...FAKE_HEALTH, market: MARKET_NOTES },
  fills: FILLS.filter((f) => f.account === "main"),
  "account.sub1.fills": FILLS.filter((f) => f.account === "sub1"),
  "accounts.fills": FILLS,
  "accounts.orders": ORDERS,
  "accounts.equity": ACCOUNTS.items.map((item) => ({ ...item.equity, account: item.name })),
  "accounts.health": ACCOUNTS.items.map((item) => ({ ...item.health, account: item.name })),
};

let gateway: FakeGateway | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled();
  await ensureWebBuild();
  gateway = await startFakeGateway({
    accounts: ACCOUNTS,
    snapshot: (topic) => SNAPSHOTS[topic],
    api: (method, path) =>
      method !== "GET"
        ? undefined
        : path.startsWith("/api/precisions")
          ? { status: 200, body: PRECISIONS }
          : path.startsWith("/api/pnl?") && !path.includes("by=asset")
            ? { status: 200, body: { items: PNL } }
            : path.startsWith("/api/opening-positions")
              ? { status: 200, body: { items: [OPENING] } }
              : path.startsWith("/api/alerts/deliveries")
                ? { status: 200, body: { items: [DELIVERY] } }
                : undefined,
    history: (path, account) =>
      path === "/api/fills"
        ? FILLS.filter((f) => f.account === account)
        : path === "/api/transfers" && account === "main"
          ? [DEPOSIT]
          : path === "/api/ledger" && account === "main"
            ? LEDGER
            : undefined,
  });
  browser = await launchChromium({ width: 1280, height: 800 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
}, 60_000);

/** Waits for `what` with a message that names it, and what `seen` says was there instead. */
async function waitFor(
  page: Page,
  what: string,
  test: () => Promise<boolean>,
  seen: () => Promise<string> = async () => "",
): Promise<void> {
  const until = Date.now() + WAIT_MS;
  while (!(await test())) {
    if (Date.now() > until) throw new Error(`waited ${WAIT_MS / 1000} s for ${what}; ${await seen()}`);
    await page.waitForTimeout(100);
  }
}

/** The cells of a summary table as text, row by row. */
function rows(page: Page, name: string): Promise<string[][]> {
  return page.$$eval(`table[aria-label="${name}"] tbody tr[data-row-id]`, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
  );
}

/** For each box of the summary's lists, how many px its table is wider than the box (0: nothing cut). */
function overflow(page: Page): Promise<Record<string, number>> {
  return page.$$eval(".all-accounts-fills-scroll", (boxes) =>
    Object.fromEntries(
      boxes.map((box) => [
        box.querySelector("[aria-label]")?.getAttribute("aria-label"),
        box.scrollWidth - box.clientWidth,
      ]),
    ),
  );
}

describe("readable numbers and lists that fit (issue 40 item 8)", () => {
  it("shows prices and quantities at their pair's places, and every list column whole at 1280 px", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    try {
      await page.goto(gateway.url);
      const fills = "Latest fills, all accounts";
      await waitFor(page, `"${fills}" at the pair's places (BTCUSDT 2 and 6)`, async () =>
        (await rows(page, fills)).some((row) => row.includes("96,590.91") && row.includes("0.500000")),
      );
      const fillRows = await rows(page, fills);
      expect(fillRows.map((row) => row.slice(-2))).toEqual([
        ["96,590.91", "0.500000"],
        ["0.0000178081", "52,582,351"],
      ]);
      expect(await page.locator('[title="96590.906681234567"]').count()).toBeGreaterThan(0); // the exact price on hover
      expect((await rows(page, "Open orders, all accounts")).map((row) => row.slice(-3))).toEqual([
        ["96,800.50", "0.010000", "0.000000"],
        ["0.0000177754", "59,882,309", "0"],
      ]);
      await page.screenshot({ path: SHOT("1280") });
      expect(await overflow(page)).toEqual({ [fills]: 0, "Open orders, all accounts": 0 });

      // The account's fills, wider than their box at 1280 px: the columns past its edge are named
      // under it (the Trade ID was cut at the edge without a word), and a click shows them.
      const fillsTab = page.getByRole("tab", { name: /^Fills/ });
      await fillsTab.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      await fillsTab.click();
      const fillsTable = page.locator('section[aria-label="Orders and fills"] .data-table');
      const more = fillsTable.getByTestId("columns-past-right");
      await more.waitFor({ timeout: WAIT_MS });
      await page.locator('section[aria-label="Orders and fills"]').screenshot({ path: SHOT("fills-1280") });
      expect(await more.textContent()).toMatch(/^More columns to the right: .*Trade ID, Order ID →$/);
      await more.click();
      await more.waitFor({ state: "detached", timeout: WAIT_MS });
      const ids = await fillsTable.evaluate((box) => {
        const scroll = box.querySelector(".table-scroll")!.getBoundingClientRect();
        const last = [...box.querySelectorAll("thead th")].at(-1)!.getBoundingClientRect();
        return { lastRight: last.right, boxRight: scroll.right };
      });
      expect(ids.lastRight, "Order ID's right edge, after the click").toBeLessThanOrEqual(ids.boxRight + 1);
      await page.locator('section[aria-label="Orders and fills"]').screenshot({ path: SHOT("fills-scrolled-1280") });

      // A deposit at its asset's places (MX: 2), the exact amount on hover.
      const transfers = page.getByRole("tab", { name: /Transfers/ });
      await transfers.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      await transfers.click();
      const deposit = page.locator('table[aria-label="Transfers"] tbody tr[data-row-id="deposit:d1"]');
      await deposit.waitFor({ timeout: WAIT_MS });
      expect(await deposit.textContent()).toContain("1,210.94");
      expect(await deposit.locator('[title="1210.938121686452551931"]').count()).toBe(1);

      // PnL by pair: every column whole in its box, Fees the last (its header was cut to "Fees").
      const byPair = page.locator('table[aria-label="PnL"]');
      await byPair.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      // Local CI #75 and #77 waited 20 s, then 60 s, and never saw them (not reproduced under load):
      // what the section said and which PnL reads the gateway had, when it happens again.
      await waitFor(
        page,
        "PnL by pair with its four pairs",
        async () => (await rows(page, "PnL")).length === 4,
        async () => {
          const section = await page
            .locator('section[aria-label="PnL"]')
            .first()
            .textContent({ timeout: 1_000 })
            .catch(() => null);
          const reads = gateway?.requests.filter((line) => line.includes("/api/pnl")) ?? [];
          const shown = (await rows(page, "PnL")).map((cells) => cells[0]);
          return `rows shown: ${JSON.stringify(shown)}; the section said: ${JSON.stringify(section?.slice(0, 400) ?? null)}; PnL reads asked: ${JSON.stringify(reads.slice(-8))} of ${reads.length}`;
        },
      );
      await page.waitForTimeout(1_000); // the columns grow to what they show, once laid out
      const fit = await byPair.evaluate((table) => {
        const box = table.closest(".table-scroll");
        const fees = [...table.querySelectorAll("thead th")].at(-1)?.getBoundingClientRect();
        return {
          cut: (box?.scrollWidth ?? 0) - (box?.clientWidth ?? 0),
          // Values cut short with "…" in their cell: wider than its content box (text in the
          // padding shows the ellipsis while scrollWidth still equals clientWidth).
          shortened: [...table.querySelectorAll<HTMLElement>("th, td")]
            .filter((cell) => {
              const range = document.createRange();
              range.selectNodeContents(cell);
              const style = getComputedStyle(cell);
              const room =
                cell.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
              return range.getBoundingClientRect().width > room + 1;
            })
            .map((cell) => cell.textContent),
          feesRight: fees?.right ?? Number.POSITIVE_INFINITY,
          boxRight: box?.getBoundingClientRect().right ?? 0,
        };
      });
      await byPair.screenshot({ path: SHOT("by-pair-1280") });
      expect(fit.cut, "px of PnL by pair past its box").toBeLessThanOrEqual(0);
      expect(fit.feesRight).toBeLessThanOrEqual(fit.boxRight + 1);
      expect(fit.shortened, "cells of PnL by pair cut short").toEqual([]);
      expect((await rows(page, "PnL")).map((row) => row.at(-1))).toEqual(["1.31", "4.72", "1.36", "0.80"]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("shows the lists of all accounts as cards at 390 px, every figure labelled and on the screen", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(gateway.url);
      const cards = page.locator('ul[aria-label="Latest fills, all accounts"] li.table-card');
      await waitFor(page, "the latest fills as two cards", async () => (await cards.count()) === 2);
      const fields = await page.$$eval(".summary-cards .table-card-field", (divs) =>
        divs.map((div) => {
          const box = div.getBoundingClientRect();
          return { text: div.textContent, right: box.right };
        }),
      );
      expect(fields.map((field) => field.text).slice(0, 4)).toEqual([
        "Price96,590.91",
        "Quantity0.500000",
        "Price0.0000178081",
        "Quantity52,582,351",
      ]);
      expect(fields.every((field) => field.right <= 390)).toBe(true);
      expect(await page.locator('ul[aria-label="Open orders, all accounts"] li.table-card').count()).toBe(2);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);
      await page.getByRole("region", { name: "All accounts" }).screenshot({ path: SHOT("390") });

      // The By-asset box ends clear of the By-period heading under it (they touched).
      const byPeriod = page.getByRole("heading", { name: "By period" });
      await byPeriod.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      const gapNow = () =>
        page.evaluate(() => {
          const heading = [...document.querySelectorAll("h3")].find((h) => h.textContent?.startsWith("By period"));
          const box = document.querySelector('[aria-label="PnL by asset"]')?.closest(".data-table");
          if (!heading || !box) return null;
          return heading.getBoundingClientRect().top - box.getBoundingClientRect().bottom;
        });
      await waitFor(page, "the PnL by asset box above the By-period heading", async () => (await gapNow()) !== null);
      const gap = await gapNow();
      expect(gap).toBeGreaterThanOrEqual(MIN_GAP_PX);

      // Opening positions and the alerts' delivery log: cards, every field inside the screen
      // (both were tables scrolled sideways in their boxes, the cost field and the error out of sight).
      for (const [label, what] of [
        ["Opening positions", "the opening position as a card"],
        ["Alert deliveries", "the delivery as a card"],
      ] as const) {
        const list = page.locator(`ul[aria-label="${label}"]`);
        await list.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
        await waitFor(page, what, async () => (await list.locator("li.table-card").count()) === 1);
        const parts = await list.evaluate((ul) =>
          [...ul.querySelectorAll<HTMLElement>(".table-card-head > *, .table-card-field, .cost-form > *")].map(
            (part) => ({ text: part.textContent ?? "", right: part.getBoundingClientRect().right }),
          ),
        );
        expect(parts.length, `${label}: parts`).toBeGreaterThan(3);
        expect(
          parts.filter((part) => part.right > 390).map((part) => part.text),
          `${label}: past 390 px`,
        ).toEqual([]);
        await list.screenshot({ path: SHOT(`390-${label.replace(/\W+/g, "-")}`) });
      }
      const delivery = await page.locator('ul[aria-label="Alert deliveries"]').textContent();
      expect(delivery).toContain(DELIVERY.lastError);
      expect(delivery).toContain(DELIVERY.to);
      const opening = await page.locator('ul[aria-label="Opening positions"]').textContent();
      expect(opening).toContain("PEPE");
      expect(opening).toContain("0.0000178081 USDT");
      // The lists' buttons say their words on one line, the count beside them wrapping instead
      // ("Export CSV" broke in two beside the ledger's "… all entries loaded, from …").
      const broken = await page.$$eval(".table-footer > .button", (buttons) =>
        buttons
          .filter((button) => {
            const range = document.createRange();
            range.selectNodeContents(button);
            return range.getClientRects().length > 1;
          })
          .map((button) => `${button.closest("section")?.getAttribute("aria-label")}: ${button.textContent}`),
      );
      expect(broken, "buttons whose words wrap").toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);
  for (const width of [1280, 390]) {
    it(`says over the market panel what the gateway cannot show of it, every line inside ${width} px`, async () => {
      if (!browser || !gateway) throw new Error("setup failed");
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      try {
        await page.goto(gateway.url);
        // The market panel renders once scrolled near.
        await page.getByRole("region", { name: "Market" }).scrollIntoViewIfNeeded({ timeout: WAIT_MS });
        const notes = page.getByTestId("market-notes");
        await waitFor(page, "the market notes", async () => (await notes.locator("li").count()) === 2);
        const lines = await notes.evaluate((ul) =>
          [...ul.querySelectorAll("li")].map((li) => ({
            text: li.textContent,
            right: li.getBoundingClientRect().right,
          })),
        );
        expect(lines.map((line) => line.text)).toEqual(MARKET_NOTES.map((note) => note.words));
        expect(lines.filter((line) => line.right > width)).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        ).toBe(0);
        // The page itself (a shot of the panel alone scrolls it under the sticky header at 390 px).
        await notes.evaluate((ul) => ul.scrollIntoView({ block: "center" }));
        await page.screenshot({ path: SHOT(`${width}-market-notes`) });
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
