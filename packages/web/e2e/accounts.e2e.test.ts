// @vitest-environment node
/// <reference types="node" />
/**
 * The account switcher and the "All accounts" summary in a real browser. A fake gateway
 * (fakeGateway.ts, 127.0.0.1) lists two accounts, `main` (the default: plain topics) and `sub1`
 * (`account.sub1.*` topics), each with its own balances, fills and latest equity, and their
 * total. Proves that the summary shows the total, each account's equity and share, the
 * allocation across accounts, the latest fills and open orders of all accounts (live from the
 * gateway's topics of all accounts together, `accounts.fills` and `accounts.orders`, on the page's
 * one WebSocket: a new fill of sub1 shows without a reload and without any request to /api/fills
 * or /api/orders) and PnL combined (read naming none) and per account (read naming each); that
 * switching
 * to sub1 shows its balances and fills and nothing
 * of main's, resubscribes the one WebSocket to sub1's topics, names sub1 in every request after
 * it, keeps the choice across a reload; and that both fit a phone's width, with no console error.
 * Like the gateway, the fake answers a read without `?account=` for all accounts together and
 * refuses a write without it (ACCOUNT_REQUIRED): the default account `main` is named in every
 * request too, an alert rule added on it included.
 */

import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  AccountsAnswer,
  AlertRuleItem,
  BalanceItem,
  FillItem,
  OrderItem,
  PnlPeriodItem,
} from "@mexc-live/contract";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromiumInstalled, type LaunchedBrowser, launchChromium, watchErrors } from "./browser.js";
import { ensureWebBuild } from "./buildWeb.js";
import { FAKE_HEALTH, type FakeGateway, startFakeGateway } from "./fakeGateway.js";

const WAIT_MS = 15_000;
/** Screenshots of the "All accounts" summary, for a person to look at (not compared). */
const SCREENSHOT_WIDE = join(tmpdir(), "mexc-live-all-accounts-1280.png");
const SCREENSHOT_PHONE = join(tmpdir(), "mexc-live-all-accounts-390.png");
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

/** Each account's latest equity is its balances' value; the total is what the gateway adds up. */
const ACCOUNTS: AccountsAnswer = {
  items: [
    {
      name: "main",
      mode: "demo",
      default: true,
      topicPrefix: "",
      health: FAKE_HEALTH,
      equity: { time: T0, equity: "1000", byAsset: { USDT: "1000" }, unrealized: "3" },
    },
    {
      name: "sub1",
      mode: "demo",
      default: false,
      topicPrefix: "account.sub1.",
      health: FAKE_HEALTH,
      equity: { time: T0, equity: "6050", byAsset: { ETH: "6000", USDT: "50" }, unrealized: "1.5" },
    },
  ],
  total: { equity: "7050", byAsset: { ETH: "6000", USDT: "1050" } },
};

function balance(asset: string, free: string, value: string): BalanceItem {
  return { asset, free, locked: "0", value, price: null, apiTradingDisabled: false };
}

function fill(tradeId: string, symbol: string, price: string, time = T0): FillItem {
  return {
    tradeId,
    orderId: `o-${tradeId}`,
    symbol,
    side: "BUY",
    price,
    quantity: "1",
    amount: price,
    fee: "0.1",
    feeCurrency: "USDT",
    feeValue: "0.1",
    isMaker: false,
    time,
    source: "stream",
  };
}

/** Each account's topics' snapshots: main holds USDT, a BTC fill and order, sub1 ETH, two ETH fills and an order. */
const SNAPSHOTS: Record<string, unknown> = {
  balances: [balance("USDT", "1000", "1000")],
  fills: [fill("main-fill-1", "BTCUSDT", "65000")],
  orders: [openOrder("main-order-1", "BTCUSDT", "60000", T0 + 30_000)],
  "account.sub1.balances": [balance("ETH", "2", "6000"), balance("USDT", "50", "50")],
  "account.sub1.fills": [
    fill("sub1-fill-2", "ETHUSDT", "3010", T0 + 60_000),
    fill("sub1-fill-1", "ETHUSDT", "3000", T0 - 60_000),
  ],
  "account.sub1.orders": [openOrder("sub1-order-1", "ETHUSDT", "3200", T0 + 90_000)],
};

/** Items of an account topic with their account, as the gateway's topics of all accounts carry them. */
function tagged(topic: string, account: string): unknown[] {
  return (SNAPSHOTS[topic] as object[]).map((item) => ({ ...item, account }));
}

/** The topics of all accounts together: every account's items, each with its account (the gateway fans them out). */
Object.assign(SNAPSHOTS, {
  "accounts.fills": [...tagged("account.sub1.fills", "sub1"), ...tagged("fills", "main")].sort(
    (a, b) => (b as FillItem).time - (a as FillItem).time,
  ),
  "accounts.orders": [...tagged("account.sub1.orders", "sub1"), ...tagged("orders", "main")],
  "accounts.equity": ACCOUNTS.items.map((item) => ({ ...item.equity, account: item.name })),
  "accounts.health": ACCOUNTS.items.map((item) => ({ ...item.health, account: item.name })),
});

/** A day of GET /api/pnl/periods?period=day, ending now. */
function pnlDay(realized: string, unrealized: string | null): PnlPeriodItem {
  const from = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const period = new Date(from).toISOString().slice(0, 10);
  return { period, from, to: from + 86_399_999, realized, unrealized, fees: "0", method: "avg" };
}

/**
 * GET /api/pnl/periods of the summary (period=day, from and to): each account's day, and with no
 * account named the two summed, as the gateway answers for all accounts together.
 */
const PNL_DAYS: Record<string, () => PnlPeriodItem[]> = {
  main: () => [pnlDay("12.5", "3")],
  sub1: () => [pnlDay("-2.25", "1.5")],
  "": () => [pnlDay("10.25", "4.5")],
};

function pnlPeriods(method: string, path: string): { status: number; body: unknown } | undefined {
  const url = new URL(path, "http://127.0.0.1");
  if (method !== "GET" || url.pathname !== "/api/pnl/periods" || !url.searchParams.has("to")) return undefined;
  return { status: 200, body: { items: PNL_DAYS[url.searchParams.get("account") ?? ""]?.() ?? [] } };
}

/** POST /api/alerts/rules (naming its account: the fake refuses it otherwise) adds the rule, and the summary's PnL periods. */
function alertRules(method: string, path: string, body: string): { status: number; body: unknown } | undefined {
  const periods = pnlPeriods(method, path);
  if (periods) return periods;
  if (method !== "POST" || !path.startsWith("/api/alerts/rules?")) return undefined;
  const input = JSON.parse(body) as Pick<AlertRuleItem, "on" | "to" | "conditions">;
  const rule: AlertRuleItem = {
    ...{ id: "1", source: "dashboard", channel: "ntfy", conditions: {}, muted: false, createdAt: T0 },
    ...input,
  };
  return { status: 201, body: rule };
}

/** Each account's fills over HTTP (newest first): what its own fills table pages in. */
const FILL_HISTORY: Record<string, FillItem[]> = {
  main: [fill("main-fill-1", "BTCUSDT", "65000", T0)],
  sub1: [fill("sub1-fill-2", "ETHUSDT", "3010", T0 + 60_000), fill("sub1-fill-1", "ETHUSDT", "3000", T0 - 60_000)],
};

/** Each account's open orders over HTTP (newest first). */
const OPEN_ORDERS: Record<string, OrderItem[]> = {
  main: [openOrder("main-order-1", "BTCUSDT", "60000", T0 + 30_000)],
  sub1: [openOrder("sub1-order-1", "ETHUSDT", "3200", T0 + 90_000)],
};

function openOrder(orderId: string, symbol: string, price: string, time: number): OrderItem {
  return {
    ...{ orderId, clientOrderId: `c-${orderId}`, symbol, side: "BUY", type: "LIMIT", status: "NEW", price },
    ...{ quantity: "1", executedQuantity: "0.5", cumulativeQuoteQuantity: "0", avgPrice: "0" },
    ...{ time, updateTime: time, apiTradingDisabled: false },
  };
}

let gateway: FakeGateway | undefined;
let browser: LaunchedBrowser | undefined;

beforeAll(async () => {
  assertChromiumInstalled(); // fails loudly, never skips: CI installs Debian's chromium
  await ensureWebBuild();
  gateway = await startFakeGateway({
    accounts: ACCOUNTS,
    snapshot: (topic) => SNAPSHOTS[topic],
    api: alertRules,
    history: (path, account) =>
      path === "/api/fills" ? FILL_HISTORY[account] : path === "/api/orders" ? OPEN_ORDERS[account] : undefined,
  });
  browser = await launchChromium({ width: 1280, height: 800 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
}, 60_000);

/** The row ids of a table, scrolled to, once they are `expected` (balances by asset, fills by trade id). */
async function waitForRows(page: Page, table: string, expected: readonly string[]): Promise<void> {
  // A section follows the live data only once it is on screen (issue 17), as a user scrolls to it.
  await page.locator(`table[aria-label="${table}"]`).first().scrollIntoViewIfNeeded({ timeout: WAIT_MS });
  await page.waitForFunction(
    ([name, ids]) =>
      JSON.stringify(
        [...document.querySelectorAll(`table[aria-label="${name}"] tbody tr[data-row-id]`)]
          .map((tr) => tr.getAttribute("data-row-id"))
          .sort(),
      ) === JSON.stringify([...ids].sort()),
    [table, expected] as const,
    { timeout: WAIT_MS },
  );
}

/**
 * The fills table, scrolled to, once it shows `account`'s first fill (the stream's snapshot) and
 * nothing of another account (older fills paged in over HTTP may join it).
 */
async function waitForAccountFills(page: Page, account: string): Promise<void> {
  await page.locator('table[aria-label="Fills"]').first().scrollIntoViewIfNeeded({ timeout: WAIT_MS });
  await page.waitForFunction(
    (name) => {
      const ids = [...document.querySelectorAll('table[aria-label="Fills"] tbody tr[data-row-id]')].map((tr) =>
        tr.getAttribute("data-row-id"),
      );
      return ids.includes(`${name}-fill-1`) && ids.every((id) => id?.startsWith(`${name}-fill-`));
    },
    account,
    { timeout: WAIT_MS },
  );
}

/**
 * The summary's read of PnL by day: naming no account (the sums), or each account in turn; like
 * every read of a route that groups by day, it names the page's zone last (apiPath adds `tz=`).
 */
const SUMMARY_PNL_READ = /^GET \/api\/pnl\/periods\?period=day&from=\d+&to=\d+(&account=[\w-]+)?&tz=[\w/+-]+$/;

/** The summary's reads (only its PnL: its fills and orders are live), meant to name no account or each account. */
function isSummaryRead(request: string): boolean {
  return SUMMARY_PNL_READ.test(request);
}

/** Of `requests`, those that read or write the account shown (not gateway-wide, not the summary's). */
function ofAccountShown(requests: readonly string[]): string[] {
  return requests.filter((r) => !isSummaryRead(r) && !/^\w+ \/api\/(accounts|health|precisions)(\?|$)/.test(r));
}

/** The requests the gateway received from index `from` on that read or write the account shown. */
function accountRequests(from: number): string[] {
  return ofAccountShown((gateway?.requests ?? []).slice(from));
}

/**
 * Records, in the page, every fetch it sends ("GET /api/fees?account=main") and, before the app
 * hears of it, each change of the account switcher ("SWITCH"): the order of the two is the page's
 * own. The gateway's log cannot tell a read sent just before a switch and received after it (a
 * read of main's fees timed for its figures' move, CI on 22b0fa3) from one sent after it.
 */
const RECORD_SENT = `(() => {
  const sent = [];
  window.__sent = sent;
  const send = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    sent.push(\`\${(init && init.method) || "GET"} \${url.pathname}\${url.search}\`);
    return send(input, init);
  };
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.getAttribute("aria-label") === "Account") sent.push("SWITCH");
  }, true);
})()`;

/** The requests the page sent after its last account switch that read or write the account shown. */
async function sentAfterSwitch(page: Page): Promise<string[]> {
  const sent = (await page.evaluate("window.__sent")) as string[];
  if (!sent.includes("SWITCH")) throw new Error("the page heard no change of the account switcher");
  return ofAccountShown(sent.slice(sent.lastIndexOf("SWITCH") + 1));
}

/** The account topics the browser is subscribed to now. */
function accountTopics(): string[] {
  return [...(gateway?.clients ?? [])].flatMap((client) => [...client.topics].filter((t) => !t.startsWith("market.")));
}

/** The summary's rows as [account, equity, share]. */
async function summaryRows(page: Page): Promise<string[][]> {
  return page.$$eval('table[aria-label="Equity by account"] tbody tr', (rows) =>
    rows.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")),
  );
}

describe("account switcher in Chromium against a two-account gateway", () => {
  it("shows all accounts at a glance: the total, each account's equity and share, the allocation", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(gateway.url);
      const summary = page.getByRole("region", { name: "All accounts" });
      await summary.waitFor({ timeout: WAIT_MS });
      expect(await summary.getByTestId("all-accounts-total").textContent()).toBe("7,050.00 USDT");
      expect(await summaryRows(page)).toEqual([
        ["mainlive", "1,000.00", "14.2%"],
        ["sub1live", "6,050.00", "85.8%"],
      ]);
      // Each account's equity follows the stream (accounts.equity): the summary says live.
      await summary.getByTestId("all-accounts-read").getByText("live").waitFor({ timeout: WAIT_MS });
      const allocation = summary.getByTestId("allocation-chart");
      expect(await allocation.getAttribute("data-points")).toBe("2"); // ETH and USDT across accounts
      // The latest fills of every account, from the topic of all accounts' fills.
      await waitForRows(page, "Latest fills, all accounts", ["sub1-fill-2", "main-fill-1", "sub1-fill-1"]);
      expect(
        await page.$$eval('table[aria-label="Latest fills, all accounts"] tbody tr', (rows) =>
          rows.map((tr) => tr.querySelectorAll("td")[1]?.textContent),
        ),
      ).toEqual(["sub1", "main", "sub1"]);
      // The open orders of every account, from the topic of all accounts' orders.
      await waitForRows(page, "Open orders, all accounts", ["sub1-order-1", "main-order-1"]);
      expect(
        await page.$$eval('table[aria-label="Open orders, all accounts"] tbody tr', (rows) =>
          rows.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
        ),
      ).toEqual([
        ["sub1", "ETHUSDT", "BUY", "LIMIT", "3,200", "1", "0.5"],
        ["main", "BTCUSDT", "BUY", "LIMIT", "60,000", "1", "0.5"],
      ]);
      // PnL: the gateway's sums (read naming no account) and each account's (read naming it).
      await summary.getByTestId("all-accounts-pnl-span").getByText("+10.25").waitFor({ timeout: WAIT_MS });
      expect(await summary.getByTestId("all-accounts-pnl-today").textContent()).toBe("+10.25 USDT");
      // The unrealized PnL: each account's from its equity point (live), all accounts' their sum.
      expect(await summary.getByTestId("all-accounts-pnl-unrealized").textContent()).toBe("+4.50 USDT");
      await page.waitForFunction(
        () => document.querySelectorAll('table[aria-label="PnL by account"] tbody tr').length === 2,
        undefined,
        { timeout: WAIT_MS },
      );
      expect(
        await page.$$eval('table[aria-label="PnL by account"] tbody tr', (rows) =>
          rows.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
        ),
      ).toEqual([
        ["main", "+12.50", "+3.00"],
        ["sub1", "-2.25", "+1.50"],
      ]);
      expect(gateway.requests.some((r) => SUMMARY_PNL_READ.test(r) && r.includes("&account=sub1&tz="))).toBe(true);
      expect(gateway.allAccountsReads.every(isSummaryRead)).toBe(true);
      expect(gateway.allAccountsReads.some((r) => SUMMARY_PNL_READ.test(r))).toBe(true);
      // Nothing of the fills and orders is read over HTTP for all accounts any more.
      expect(gateway.allAccountsReads.filter((r) => /^GET \/api\/(fills|orders)/.test(r))).toEqual([]);
      expect(accountTopics().sort()).toEqual(
        [
          ...["alerts", "balances", "equity", "figures", "fills", "health", "orders"],
          ...["accounts.fills", "accounts.orders", "accounts.equity", "accounts.health"],
        ].sort(),
      );
      // It sits above the account shown, and is in view without scrolling.
      const box = await summary.boundingBox();
      expect(box && box.y + box.height).toBeLessThan(800);

      // Its account names show that account.
      await summary.getByRole("button", { name: "sub1" }).click();
      await waitForAccountFills(page, "sub1");
      expect(await page.getByRole("combobox", { name: "Account" }).inputValue()).toBe("sub1");

      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      expect(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).toBe(
        0,
      );
      expect(await summary.getByTestId("all-accounts-total").isVisible()).toBe(true);
      expect(await summary.getByTestId("all-accounts-pnl-span").isVisible()).toBe(true);
      expect(gateway.allAccountsReads.length).toBeGreaterThan(0);
      expect(gateway.allAccountsReads.every(isSummaryRead)).toBe(true);
      expect(gateway.refused).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("shows a new fill of sub1 in the summary as it happens: no reload, no request for fills or orders", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const reads: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path === "/api/fills" || path === "/api/orders") reads.push(`${request.method()} ${request.url()}`);
    });
    try {
      await page.goto(gateway.url);
      await waitForRows(page, "Latest fills, all accounts", ["sub1-fill-2", "main-fill-1", "sub1-fill-1"]);
      await waitForRows(page, "Open orders, all accounts", ["sub1-order-1", "main-order-1"]);
      const navigations: string[] = [];
      page.on("framenavigated", (frame) => navigations.push(frame.url()));
      reads.length = 0;
      const receiveTime = Date.now();
      const newFill = fill("sub1-fill-3", "ETHUSDT", "3020", Date.now());
      const filled = {
        ...openOrder("sub1-order-1", "ETHUSDT", "3200", T0 + 90_000),
        ...{ status: "FILLED" as const, updateTime: Date.now() },
      };
      // As the gateway publishes them: on sub1's own topics, and on those of all accounts with its name.
      gateway.broadcast([
        { topic: "account.sub1.fills", data: newFill, exchangeTime: 0, receiveTime },
        { topic: "accounts.fills", data: { ...newFill, account: "sub1" }, exchangeTime: 0, receiveTime },
        { topic: "account.sub1.orders", data: filled, exchangeTime: 0, receiveTime },
        { topic: "accounts.orders", data: { ...filled, account: "sub1" }, exchangeTime: 0, receiveTime },
      ]);
      await waitForRows(page, "Latest fills, all accounts", [
        "sub1-fill-3",
        "sub1-fill-2",
        "main-fill-1",
        "sub1-fill-1",
      ]);
      await waitForRows(page, "Open orders, all accounts", ["main-order-1"]);
      const first = await page.$$eval('table[aria-label="Latest fills, all accounts"] tbody tr', (rows) =>
        [...(rows[0]?.querySelectorAll("td") ?? [])].slice(1).map((td) => td.textContent),
      );
      expect(first).toEqual(["sub1", "ETHUSDT", "BUY", "3,020", "1"]);
      const said = await page.$$eval(".all-accounts-when", (smalls) => smalls.map((small) => small.textContent));
      expect(said).toEqual(["after each fill", "live", "live", "live"]); // realized PnL, unrealized, fills, open orders
      expect(navigations).toEqual([]);
      // The account shown's own tables page their history in over HTTP only when scrolled to: none
      // were, so no fills or orders read at all while the summary changed.
      expect(reads).toEqual([]);

      await page.screenshot({ path: SCREENSHOT_WIDE });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      await page.getByRole("region", { name: "All accounts" }).screenshot({ path: SCREENSHOT_PHONE });
      expect(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).toBe(
        0,
      );
      expect(gateway.refused).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("switches to sub1: its balances and fills, its topics, its name in every request", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      await page.addInitScript(RECORD_SENT);
      const start = gateway.requests.length;
      await page.goto(gateway.url);
      await waitForRows(page, "Balances", ["USDT"]);
      await waitForAccountFills(page, "main");
      const switcher = page.getByRole("combobox", { name: "Account" });
      expect(await switcher.inputValue()).toBe("main");
      expect(new URL(page.url()).search).toBe(""); // the default account stays out of the page's URL
      await page.waitForTimeout(1_000); // the sections read their figures after mounting
      const mains = accountRequests(start);
      expect(mains.some((r) => r.startsWith("GET /api/fees"))).toBe(true);
      for (const request of mains) expect(request).toMatch(/[?&]account=main(&|$)/); // never all accounts as main's

      await switcher.selectOption("sub1");
      await waitForRows(page, "Balances", ["ETH", "USDT"]);
      await waitForAccountFills(page, "sub1");
      expect(new URL(page.url()).searchParams.get("account")).toBe("sub1");
      // Only sub1's, and each account's equity and health (the switcher's badges): the summary,
      // scrolled away to reach the tables, follows no fills or orders of all accounts.
      expect(accountTopics().sort()).toEqual(
        [
          ...["alerts", "balances", "equity", "figures", "fills", "health", "orders"].map((t) => `account.sub1.${t}`),
          ...["accounts.equity", "accounts.health"],
        ].sort(),
      );
      expect(gateway.clients.size).toBe(1); // the same WebSocket, resubscribed

      await page.waitForTimeout(1_000); // the sections read their figures after mounting
      const after = await sentAfterSwitch(page);
      expect(after.some((r) => r.startsWith("GET /api/fees"))).toBe(true);
      for (const request of after) expect(request).toMatch(/[?&]account=sub1(&|$)/);

      // A reload (or a bookmark) keeps sub1.
      await page.reload();
      await waitForAccountFills(page, "sub1");
      expect(await page.getByRole("combobox", { name: "Account" }).inputValue()).toBe("sub1");

      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      expect(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")).toBe(
        0,
      );
      expect(await page.getByRole("combobox", { name: "Account" }).isVisible()).toBe(true);
      expect(gateway.refused).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("adds an alert rule to the default account, naming it: the gateway refuses a write that names none", async () => {
    if (!browser || !gateway) throw new Error("setup failed");
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      const start = gateway.requests.length;
      await page.goto(gateway.url);
      await waitForAccountFills(page, "main");
      const form = page.getByRole("form", { name: "Add an alert rule" });
      await form.getByLabel("Channel URL").fill("ntfy://ntfy.sh/e2e-topic");
      await form.getByRole("button", { name: "Add rule" }).click();
      await form.getByText("Rule added.").waitFor({ timeout: WAIT_MS });
      const writes = accountRequests(start).filter((r) => !r.startsWith("GET "));
      expect(writes).toEqual(["POST /api/alerts/rules?account=main"]);
      expect(gateway.refused).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
