import type { AccountItem, ClientMessage, ServerMessage, SnapshotMessage, TopicUpdate } from "@mexc-live/contract";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, resetFakes } from "../test/fakeCharts.js";
import {
  accountItem,
  accountsAnswer,
  alertNotice,
  balance,
  equityPoint,
  fill,
  health,
  historyProgress,
  order,
} from "../test/items.js";
import { LIVE_MIN_GAP_MS } from "./api/useLiveJson.js";
import { Dashboard } from "./Dashboard.js";

// The chart libraries draw on canvas, which happy-dom lacks: they are replaced by recorders.
vi.mock("lightweight-charts", async () => (await import("../test/fakeCharts.js")).lightweightModule);
vi.mock("echarts/core", async () => (await import("../test/fakeCharts.js")).echartsCoreModule);
vi.mock("echarts/charts", () => ({ PieChart: {}, BarChart: {}, LineChart: {} }));
vi.mock("echarts/components", () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {} }));
vi.mock("echarts/features", () => ({ LabelLayout: {} }));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

const T0 = 1_700_000_000_000;
const TWO_ACCOUNTS = [
  accountItem("main", true, "live", equityPoint(T0, "1000", { USDT: "1000" })),
  accountItem("sub1", false, "reconnecting", equityPoint(T0, "3000", { ETH: "3000" })),
];
const TWO_TOTAL = { equity: "4000", byAsset: { ETH: "3000", USDT: "1000" } };

/** The summary's read of the latest fills of all accounts: the one request that names no account. */
const ALL_ACCOUNTS_FILLS_READ = "/api/fills?limit=10";
/** Fills of every account together, as the gateway answers a read naming none. */
const ALL_ACCOUNTS_FILLS = [
  fill("sub1-9", T0 + 2000, { symbol: "ETHUSDT", side: "SELL", price: "3000.5", quantity: "0.25", account: "sub1" }),
  fill("main-9", T0 + 1000, { account: "main" }),
];

/** The summary's reads: fills and open orders naming no account, PnL periods naming none or each account in turn. */
function isSummaryRead(url: string): boolean {
  return (
    url === ALL_ACCOUNTS_FILLS_READ ||
    url === "/api/orders?status=open&limit=20" ||
    /^\/api\/pnl\/periods\?period=day&from=\d+&to=\d+(&account=[\w-]+)?&tz=UTC$/.test(url)
  );
}

/** The requests that read or write the account shown: all but the gateway-wide reads and the summary's. */
function accountReads(requests: readonly string[]): string[] {
  return requests.filter((url) => url !== "/api/accounts" && url !== "/api/precisions" && !isSummaryRead(url));
}

/** What a gateway with empty accounts answers (the accounts `listed()` at each read); GET requests are recorded. */
function fakeApi(accounts: readonly AccountItem[] | (() => readonly AccountItem[])): string[] {
  const requests: string[] = [];
  const listed = typeof accounts === "function" ? accounts : () => accounts;
  vi.stubGlobal("fetch", async (input: string) => {
    const url = String(input);
    requests.push(url);
    let body: unknown = { items: [] };
    if (url.startsWith("/api/accounts")) {
      const items = listed();
      body = accountsAnswer(items, items.length > 1 ? TWO_TOTAL : undefined);
    } else if (url.startsWith("/api/fees/days")) body = { quote: "USDT", items: [], total: "0" };
    else if (url.startsWith("/api/fees"))
      body = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "0" };
    else if (url.startsWith("/api/performance")) {
      body = { from: 0, to: 0, startEquity: null, endEquity: null, netFlows: "0", twr: null, netDeposits: [] };
    } else if (url === ALL_ACCOUNTS_FILLS_READ) body = { items: ALL_ACCOUNTS_FILLS, nextCursor: null };
    else if (url.startsWith("/api/fills") || url.startsWith("/api/orders")) body = { items: [], nextCursor: null };
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return requests;
}

/** The page's WebSocket: opens at once, records what the page sends, delivers what a test pushes. */
class FakeSocket {
  static last: FakeSocket | undefined;
  readyState = 0;
  readonly sent: ClientMessage[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
      this.push({ type: "hello", mode: "demo", quote: "USDT", serverTime: T0 });
    });
  }
  send(data: string) {
    const message = JSON.parse(data) as ClientMessage;
    this.sent.push(message);
    // A gateway answers the page's heartbeat (else the page would take the socket as dead).
    if (message.type === "ping") queueMicrotask(() => this.push({ type: "pong", time: T0 }));
  }
  close() {
    this.readyState = 3;
  }
  push(message: ServerMessage) {
    act(() => this.onmessage?.({ data: JSON.stringify(message) }));
  }
  /** The topics subscribed now. */
  topics(): string[] {
    const held = new Set<string>();
    for (const message of this.sent) {
      if (message.type === "subscribe") for (const t of message.topics) held.add(t);
      if (message.type === "unsubscribe") for (const t of message.topics) held.delete(t);
    }
    return [...held].filter((t) => !t.startsWith("market.")).sort();
  }
}

function socket(): FakeSocket {
  if (!FakeSocket.last) throw new Error("the dashboard opened no WebSocket");
  return FakeSocket.last;
}

function snapshot(topic: string, data: unknown): ServerMessage {
  return { type: "snapshot", topic, data, exchangeTime: 0, receiveTime: T0 } as SnapshotMessage;
}

function batch(topic: string, data: unknown): ServerMessage {
  return { type: "batch", updates: [{ topic, data, exchangeTime: 0, receiveTime: T0 } as TopicUpdate] };
}

/** The row ids of a table (balances by asset, fills by trade id). */
function rowIds(name: string): string[] {
  const table = screen.getByRole("table", { name });
  return [...table.querySelectorAll("tbody tr[data-row-id]")].map((tr) => tr.getAttribute("data-row-id") ?? "");
}

const PLAIN = ["alerts", "balances", "equity", "figures", "fills", "health", "orders"];
const SUB1 = PLAIN.map((topic) => `account.sub1.${topic}`);
/** With several accounts, the "All accounts" summary follows the gateway's four topics of all accounts together. */
const SUMMARY = ["accounts.equity", "accounts.fills", "accounts.health", "accounts.orders"];
function withSummary(topics: readonly string[]): string[] {
  return [...new Set([...topics, ...SUMMARY])].sort();
}

beforeEach(() => {
  resetFakes();
  FakeSocket.last = undefined;
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
  vi.stubGlobal("WebSocket", FakeSocket);
  window.history.replaceState(null, "", "/");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("Dashboard with several accounts", () => {
  it("changes nothing with one account: no switcher, plain topics, no account in any request", async () => {
    const requests = fakeApi([accountItem("main", true)]);
    render(<Dashboard onAuthRequired={() => {}} />);
    await waitFor(() => expect(requests).toContain("/api/accounts"));
    await waitFor(() => expect(socket().topics()).toEqual(PLAIN));
    await screen.findByRole("table", { name: "Fills" });
    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    expect(screen.queryByRole("combobox", { name: "Account" })).toBeNull();
    expect(screen.queryByRole("region", { name: "All accounts" })).toBeNull();
    expect(requests.filter((url) => url.includes("account="))).toEqual([]);
  });

  it("with several accounts, names the default account in every request from the first one", async () => {
    const requests = fakeApi(TWO_ACCOUNTS);
    render(<Dashboard onAuthRequired={() => {}} />);
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    expect(window.location.search).toBe(""); // the page's URL still leaves the default account out
    const scoped = accountReads(requests);
    expect(scoped.length).toBeGreaterThan(3);
    for (const url of scoped) expect(url).toMatch(/[?&]account=main(&|$)/); // none read all accounts as main's
  });

  it("switches to another account: its topics instead, every request naming it, nothing of the previous one left", async () => {
    const requests = fakeApi(TWO_ACCOUNTS);
    render(<Dashboard onAuthRequired={() => {}} />);
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    const ws = socket();
    ws.push(snapshot("balances", [balance("USDT", "1000")]));
    ws.push(snapshot("fills", [fill("main-1", T0)]));
    ws.push(snapshot("health", health()));
    ws.push(batch("alerts", alertNotice("main-alert", T0)));
    await waitFor(() => expect(rowIds("Balances")).toEqual(["USDT"]));
    await waitFor(() => expect(rowIds("Fills")).toEqual(["main-1"]));
    expect(document.querySelector("[data-alert-id]")).not.toBeNull(); // main's toast

    const select = await screen.findByRole<HTMLSelectElement>("combobox", { name: "Account" });
    expect([...select.options].map((o) => o.text)).toEqual(["main · live", "sub1 · reconnecting"]);
    requests.length = 0;
    fireEvent.change(select, { target: { value: "sub1" } });

    expect(window.location.search).toBe("?account=sub1");
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(SUB1)));
    expect(socket()).toBe(ws); // the same connection, resubscribed
    // The summary's topics stay as they were: a switch sends none of them again.
    const unsubscribed = ws.sent.flatMap((m) => (m.type === "unsubscribe" ? m.topics : []));
    expect(unsubscribed.filter((topic) => topic.startsWith("accounts."))).toEqual([]);
    expect(rowIds("Balances")).toEqual([]);
    expect(rowIds("Fills")).toEqual([]);
    expect(document.querySelector("[data-alert-id]")).toBeNull();
    expect(document.title).toBe("mexc-live · DEMO · sub1");

    // A late frame of main's topics changes nothing; sub1's snapshot fills the tables.
    ws.push(batch("fills", fill("main-2", T0 + 1)));
    ws.push(snapshot("account.sub1.balances", [balance("ETH", "2")]));
    ws.push(snapshot("account.sub1.fills", [fill("sub1-1", T0, { symbol: "ETHUSDT" })]));
    ws.push(snapshot("account.sub1.health", health({ state: "live" })));
    await waitFor(() => expect(rowIds("Balances")).toEqual(["ETH"]));
    await waitFor(() => expect(rowIds("Fills")).toEqual(["sub1-1"]));
    await waitFor(() => expect([...select.options].map((o) => o.text)).toContain("sub1 · live"));

    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    const scoped = accountReads(requests);
    expect(scoped.length).toBeGreaterThan(3);
    for (const url of scoped) expect(url).toMatch(/[?&]account=sub1(&|$)/);

    // And back: the default account leaves the page's URL, and every request names it.
    requests.length = 0;
    fireEvent.change(select, { target: { value: "main" } });
    expect(window.location.search).toBe("");
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    const back = accountReads(requests);
    for (const url of back) expect(url).toMatch(/[?&]account=main(&|$)/);
  });

  it("reads the account shown again, naming it, when the gateway comes back with a second account", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let listed: readonly AccountItem[] = [accountItem("main", true)];
      const requests = fakeApi(() => listed);
      render(<Dashboard onAuthRequired={() => {}} />);
      await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
      expect(requests.filter((url) => url.includes("account="))).toEqual([]);
      socket().push(snapshot("balances", [balance("USDT", "1000")]));
      await waitFor(() => expect(rowIds("Balances")).toEqual(["USDT"]));
      // Nothing re-reads the list on a timer.
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(requests.filter((url) => url === "/api/accounts")).toHaveLength(1);

      listed = TWO_ACCOUNTS;
      requests.length = 0;
      // The gateway restarted: the stream connects again and says hello; the list is read again.
      socket().push({ type: "hello", mode: "demo", quote: "USDT", serverTime: T0 + 60_000 });
      await act(() => vi.advanceTimersByTimeAsync(0));
      await screen.findByRole("combobox", { name: "Account" });
      await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
      // Once the list says two (a refresh due before it went out unnamed, to sections now replaced):
      const after = accountReads(requests.slice(requests.indexOf("/api/accounts") + 1));
      expect(after.length).toBeGreaterThan(3);
      for (const url of after) expect(url).toMatch(/[?&]account=main(&|$)/);
      expect(rowIds("Balances")).toEqual(["USDT"]); // the same live topics: what they hold stays
      await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    } finally {
      vi.useRealTimers();
    }
  });

  it("lists the latest fills and open orders of all accounts live from the topics of all accounts, reading none over HTTP", async () => {
    const requests = fakeApi(TWO_ACCOUNTS);
    render(<Dashboard onAuthRequired={() => {}} />);
    const summary = await screen.findByRole("region", { name: "All accounts" });
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    const ws = socket();
    ws.push(
      snapshot("accounts.fills", [
        fill("main-9", T0 + 1000, { account: "main" }),
        fill("sub1-8", T0, { symbol: "ETHUSDT", account: "sub1" }),
      ]),
    );
    ws.push(
      snapshot("accounts.orders", [
        order("sub1-o", T0 + 700, { symbol: "ETHUSDT", account: "sub1" }),
        order("main-o", T0 + 500, { account: "main" }),
      ]),
    );
    const table = await within(summary).findByRole("table", { name: "Latest fills, all accounts" });
    await waitFor(() => expect(rowIds("Latest fills, all accounts")).toEqual(["main-9", "sub1-8"]));
    expect(rowIds("Open orders, all accounts")).toEqual(["sub1-o", "main-o"]);

    // A new fill of sub1 (not the account shown) is at the top at once; sub1's order filled leaves.
    ws.push(
      batch(
        "accounts.fills",
        fill("sub1-9", T0 + 2000, {
          ...{ symbol: "ETHUSDT", side: "SELL", price: "3000.5", quantity: "0.25", account: "sub1" },
        }),
      ),
    );
    ws.push(
      batch("accounts.orders", order("sub1-o", T0 + 2000, { symbol: "ETHUSDT", status: "FILLED", account: "sub1" })),
    );
    await waitFor(() => expect(rowIds("Latest fills, all accounts")).toEqual(["sub1-9", "main-9", "sub1-8"]));
    await waitFor(() => expect(rowIds("Open orders, all accounts")).toEqual(["main-o"]));
    const cells = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent),
    );
    expect(cells[0]).toEqual(["sub1", "ETHUSDT", "SELL", "3,000.5", "0.25"]);
    expect(cells[1]).toEqual(["main", "BTCUSDT", "BUY", "65,000.10", "0.0100"]);
    // The realized PnL is read over HTTP after fills, and says so; the unrealized PnL, fills and orders say live.
    expect([...summary.querySelectorAll(".all-accounts-when")].map((small) => small.textContent)).toEqual([
      "after each fill",
      "live",
      "live",
      "live",
    ]);
    expect(requests.filter((url) => url.startsWith("/api/fills") && !url.includes("account="))).toEqual([]);
    expect(requests.filter((url) => url.startsWith("/api/orders") && !url.includes("account="))).toEqual([]);
    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    for (const url of accountReads(requests)) expect(url).toMatch(/[?&]account=main(&|$)/);
  });

  it("moves each account's equity, the total (their sum) and the badges live, and reads PnL again after a fill, not on a timer", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const requests = fakeApi(TWO_ACCOUNTS);
      render(<Dashboard onAuthRequired={() => {}} />);
      const summary = await screen.findByRole("region", { name: "All accounts" });
      await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
      const summaryPnl = /^\/api\/pnl\/periods\?period=day&from=\d+&to=\d+(&account=[\w-]+)?&tz=UTC$/;
      const pnlReads = () => requests.filter((url) => summaryPnl.test(url)).length;
      await waitFor(() => expect(pnlReads()).toBe(3)); // all together, main, sub1
      const ws = socket();
      ws.push(
        snapshot("accounts.equity", [
          { ...equityPoint(T0 + 1, "1000.1", { USDT: "1000.1" }), account: "main" },
          { ...equityPoint(T0 + 1, "2999.95", { ETH: "2999.95" }), account: "sub1" },
        ]),
      );
      ws.push(snapshot("accounts.health", [{ ...health({ state: "live" }), account: "sub1" }]));
      ws.push(snapshot("accounts.fills", []));
      const total = within(summary).getByTestId("all-accounts-total");
      await waitFor(() => expect(total.textContent).toBe("4,000.05 USDT"));
      expect(within(summary).getByTestId("all-accounts-read").textContent).toBe("live");
      ws.push(batch("accounts.equity", { ...equityPoint(T0 + 2, "3100", { ETH: "3100" }), account: "sub1" }));
      await waitFor(() => expect(total.textContent).toBe("4,100.10 USDT"));
      const rows = () =>
        [...summary.querySelectorAll('table[aria-label="Equity by account"] tbody tr')].map((tr) =>
          [...tr.querySelectorAll("td")].map((td) => td.textContent),
        );
      expect(rows().map((row) => row[1])).toEqual(["1,000.10", "3,100.00"]); // the total is their sum
      const select = screen.getByRole<HTMLSelectElement>("combobox", { name: "Account" });
      expect([...select.options].map((o) => o.text)).toContain("sub1 · live"); // was "reconnecting" in the list

      // A minute with no fill: no read of anything for the summary.
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(pnlReads()).toBe(3);
      expect(requests.filter((url) => url === "/api/accounts")).toHaveLength(1);
      // A fill of sub1: PnL read again, once, a moment later.
      ws.push(batch("accounts.fills", fill("sub1-1", T0 + 3, { account: "sub1" })));
      ws.push(batch("accounts.fills", fill("sub1-2", T0 + 4, { account: "sub1" })));
      await act(() => vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS));
      await waitFor(() => expect(pnlReads()).toBe(6));
      expect(requests.filter((url) => url === "/api/accounts")).toHaveLength(1);
      // MEXC's history of sub1 coming in (more fills read back): its realized PnL changes, read again.
      const backfilled = (fills: number) => ({
        ...health({ state: "live" }),
        history: historyProgress({ counts: { fills, orders: 0, deposits: 0, withdrawals: 0, transfers: 0 } }),
        account: "sub1",
      });
      ws.push(batch("accounts.health", backfilled(100)));
      await act(() => vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS));
      await waitFor(() => expect(pnlReads()).toBe(9));
      ws.push(batch("accounts.health", backfilled(100))); // the same count: nothing new to read
      await act(() => vi.advanceTimersByTimeAsync(LIVE_MIN_GAP_MS));
      expect(pnlReads()).toBe(9);
    } finally {
      vi.useRealTimers();
    }
  });

  it("follows the same four topics with twenty-five accounts: the summary's size does not grow with them", async () => {
    const many = [accountItem("main", true), ...Array.from({ length: 24 }, (_, i) => accountItem(`sub${i + 1}`))];
    fakeApi(many);
    render(<Dashboard onAuthRequired={() => {}} />);
    const summary = await screen.findByRole("region", { name: "All accounts" });
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    socket().push(snapshot("accounts.fills", [fill("sub24-1", T0, { account: "sub24" })]));
    await within(summary).findByRole("table", { name: "Latest fills, all accounts" });
    await waitFor(() => expect(rowIds("Latest fills, all accounts")).toEqual(["sub24-1"]));
  });

  it("shows all accounts above the account shown, and keeps them there across a switch", async () => {
    fakeApi(TWO_ACCOUNTS);
    render(<Dashboard onAuthRequired={() => {}} />);
    const summary = await screen.findByRole("region", { name: "All accounts" });
    expect(within(summary).getByTestId("all-accounts-total").textContent).toBe("4,000.00 USDT");
    const main = document.querySelector("main");
    expect(main && summary.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(within(summary).getByRole("button", { name: "sub1" }));
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(SUB1)));
    expect(screen.getByRole("region", { name: "All accounts" })).toBe(summary);
    expect(within(summary).getByRole("button", { name: "sub1" }).getAttribute("aria-current")).toBe("true");
  });

  it("opens on the account the URL names, reading nothing of the default account first", async () => {
    window.history.replaceState(null, "", "/?account=sub1");
    const requests = fakeApi(TWO_ACCOUNTS);
    render(<Dashboard onAuthRequired={() => {}} />);
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(SUB1)));
    // The summary follows the topics of all accounts; nothing of main's own is subscribed (nor shown).
    expect(socket().sent.flatMap((m) => (m.type === "subscribe" ? m.topics : []))).not.toContain("balances");
    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    for (const url of accountReads(requests)) expect(url).toMatch(/[?&]account=sub1(&|$)/);
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Account" }).value).toBe("sub1");
  });

  it("falls back to the default account when the URL names one the gateway does not list", async () => {
    window.history.replaceState(null, "", "/?account=gone");
    const requests = fakeApi(TWO_ACCOUNTS);
    render(<Dashboard onAuthRequired={() => {}} />);
    await waitFor(() => expect(socket().topics()).toEqual(withSummary(PLAIN)));
    expect(window.location.search).toBe("");
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Account" }).value).toBe("main");
    await waitFor(() => expect(requests.some((url) => url.startsWith("/api/fees"))).toBe(true));
    for (const url of accountReads(requests)) expect(url).toMatch(/[?&]account=main(&|$)/);
  });
});

describe("Dashboard's quote currency and theme", () => {
  it("shows the gateway's quote currency in every section, and the theme picked in the market panel", async () => {
    fakeApi([accountItem("main", true)]);
    render(<Dashboard onAuthRequired={() => {}} />);
    await waitFor(() => expect(socket().topics()).toEqual(PLAIN));
    socket().push({ type: "hello", mode: "demo", quote: "USDC", serverTime: T0 });
    socket().push(snapshot("balances", [balance("USDC", "1000")]));
    await waitFor(() => expect(screen.getByTestId("balances-total").textContent).toBe("total 1,000.00 USDC"));
    const pnl = screen.getByRole("region", { name: "PnL" });
    expect(within(pnl).getByText(/all history · in USDC, quantities in/)).toBeTruthy();
    // The market panel draws in the theme the header says is on, before and after a toggle.
    const toggle = screen.getByRole("button", { name: /^Switch to the (dark|light) theme$/ });
    const shown = () => (toggle.getAttribute("aria-label")?.includes("light") ? "dark" : "light");
    const market = screen.getByTestId("market-panel");
    const first = shown();
    expect(market.getAttribute("data-theme")).toBe(first);
    fireEvent.click(toggle);
    expect(shown()).not.toBe(first);
    expect(market.getAttribute("data-theme")).toBe(shown());
  });
});
