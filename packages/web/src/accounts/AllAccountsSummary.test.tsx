import type { AccountItem } from "@mexc-live/contract";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, resetFakes } from "../../test/fakeCharts.js";
import { accountItem, equityPoint, fill, historyProgress, order, T0 } from "../../test/items.js";
import { formatClock, formatDateTime } from "../format/time.js";
import type { GatewayLink } from "../live/accountState.js";
import { AllAccountsSummary, type AllAccountsSummaryProps } from "./AllAccountsSummary.js";
import type { AccountsTotal } from "./useAccountList.js";

vi.mock("echarts/core", async () => (await import("../../test/fakeCharts.js")).echartsCoreModule);
vi.mock("echarts/charts", () => ({ PieChart: {}, BarChart: {}, LineChart: {} }));
vi.mock("echarts/components", () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {} }));
vi.mock("echarts/features", () => ({ LabelLayout: {} }));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const READ_AT = T0 + 65_000;
const OPEN: GatewayLink = { socket: "open", lostAt: null };

const MAIN = accountItem("main", true, "live", equityPoint(T0, "1234.5", { USDT: "1000", BTC: "234.5" }));
const SUB1 = accountItem("sub1", false, "down", equityPoint(T0, "2469", { USDT: "469", ETH: "2000" }));
const SUB2 = accountItem("sub2", false, "connecting"); // no equity point yet
const TOTAL: AccountsTotal = { equity: "3703.5", byAsset: { BTC: "234.5", ETH: "2000", USDT: "1469" } };

/** The summary of main, sub1 and sub2, with `props` over the defaults. */
function summary(props: Partial<AllAccountsSummaryProps> = {}) {
  return (
    <AllAccountsSummary
      accounts={[MAIN, SUB1, SUB2]}
      total={TOTAL}
      readAt={READ_AT}
      shown="main"
      link={OPEN}
      onChoose={() => {}}
      {...props}
    />
  );
}

function renderSummary(props: Partial<AllAccountsSummaryProps> = {}) {
  return render(summary(props));
}

/** The rows as [account and badge, equity, share]. */
function rows(): string[][] {
  const table = screen.getByRole("table", { name: "Equity by account" });
  return [...table.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
  );
}

function percentTenths(text: string): number {
  return Number(text.replace("%", "").replace(".", ""));
}

/** What each section's title says of how it follows (live, or read after each fill), in page order. */
function whenSaid(): (string | null)[] {
  return [...document.querySelectorAll(".all-accounts-when")].map((small) => small.textContent);
}

describe("AllAccountsSummary", () => {
  it("says how far each account's history is while it is read or queued, and nothing once complete", () => {
    const reading = { ...MAIN, health: { ...MAIN.health, history: historyProgress() } };
    const queued = { ...SUB1, health: { ...SUB1.health, history: historyProgress({ state: "queued", ahead: 1 }) } };
    const done = { ...SUB2, health: { ...SUB2.health, history: historyProgress({ state: "complete" }) } };
    renderSummary({ accounts: [reading, queued, done] });
    const texts = screen
      .getAllByTestId("all-accounts-history")
      .map((span) => [span.closest("tr")?.getAttribute("data-account"), span.textContent]);
    expect(texts).toEqual([
      ["main", "history: 18 of 30 days, 4 symbols left"],
      ["sub1", "history: queued, 1 account first"],
    ]);
  });

  it("shows nothing with one account, or before the gateway added the accounts up", () => {
    const { container, rerender } = renderSummary({
      accounts: [MAIN],
      total: { equity: "1234.5", byAsset: { USDT: "1000", BTC: "234.5" } },
    });
    expect(container.innerHTML).toBe("");
    rerender(summary({ accounts: [MAIN, SUB1], total: null, readAt: null }));
    expect(container.innerHTML).toBe("");
  });

  it("shows the total as the gateway added it up, formatted like the dashboard's money, and when it was listed", () => {
    renderSummary();
    const summary = screen.getByRole("region", { name: "All accounts" });
    expect(within(summary).getByTestId("all-accounts-total").textContent).toBe("3,703.50 USDT");
    expect(within(summary).getByTestId("all-accounts-read").textContent).toBe(`listed ${formatClock(READ_AT)} UTC`);
    expect(within(summary).getByTestId("all-accounts-read").getAttribute("title")).toContain("As the gateway listed");
    expect(summary.textContent).toContain("1 account has no equity yet");
  });

  it("says live when its equity and badges follow the stream", () => {
    renderSummary({ live: true });
    const read = within(screen.getByRole("region", { name: "All accounts" })).getByTestId("all-accounts-read");
    expect(read.textContent).toBe("live");
  });

  it("says 'gateway lost' on every account and never 'live' once the page's socket to the gateway is lost", () => {
    renderSummary({
      live: true,
      link: { socket: "lost", lostAt: T0 },
      shownState: "live",
      fills: { items: [], failed: true },
      orders: { items: [], failed: true },
      pnl: { combined: null, byAccount: [], failed: false },
    });
    const region = screen.getByRole("region", { name: "All accounts" });
    expect(within(region).getByTestId("all-accounts-read").textContent).toBe("gateway lost · as last seen");
    const badges = screen.getAllByTestId("all-accounts-badge");
    expect(badges.map((badge) => badge.textContent)).toEqual(["gateway lost", "gateway lost", "gateway lost"]);
    expect(badges.map((badge) => badge.getAttribute("data-level"))).toEqual(["down", "down", "down"]);
    expect(region.querySelector(".account-dot.account-live")).toBeNull();
    const whens = [...region.querySelectorAll(".all-accounts-when")].map((small) => small.textContent);
    // The PnL read after fills too: no fill comes while the gateway is lost.
    expect(whens).toEqual(["as last seen", "as last seen", "as last seen", "as last seen"]);
    // Nothing said of what the gateway does now: it is out of reach.
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toBe(
      "Unrealized: not known: the connection to the gateway is lost.",
    );
  });

  it("lists each account with its badge, equity and share; the shares add up to 100 %", () => {
    renderSummary();
    expect(rows()).toEqual([
      ["mainlive", "1,234.50", "33.3%"],
      ["sub1down", "2,469.00", "66.7%"],
      ["sub2connecting", "–", "–"],
    ]);
    const shares = rows()
      .map((row) => row[2] ?? "")
      .filter((share) => share !== "–");
    expect(shares.reduce((sum, share) => sum + percentTenths(share), 0)).toBe(1000);
    const levels = screen.getAllByTestId("all-accounts-badge").map((badge) => badge.getAttribute("data-level"));
    expect(levels).toEqual(["live", "down", "reconnecting"]);
  });

  it("leaves an account without equity out of the shares: no bar, a dash for its equity and share", () => {
    renderSummary();
    const table = screen.getByRole("table", { name: "Equity by account" });
    const bars = [...table.querySelectorAll<HTMLElement>(".share-bar > span")].map((bar) => bar.style.width);
    expect(bars).toEqual(["33.3%", "66.7%"]);
    const sub2 = table.querySelector('tr[data-account="sub2"]');
    expect(sub2?.querySelector(".share-bar > span")).toBeNull();
    expect(sub2?.querySelectorAll("td")[1]?.getAttribute("title")).toBe("no equity yet");
  });

  it("takes the shown account's badge from its live health, fresher than the list", () => {
    renderSummary({ shown: "sub1", shownState: "live" });
    const levels = screen.getAllByTestId("all-accounts-badge").map((badge) => badge.getAttribute("data-level"));
    expect(levels).toEqual(["live", "live", "reconnecting"]);
  });

  it("shows an account when its name is picked, the one shown marked as current", () => {
    const onChoose = vi.fn();
    renderSummary({ onChoose });
    expect(screen.getByRole("button", { name: "main" }).getAttribute("aria-current")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "sub1" }));
    expect(onChoose).toHaveBeenCalledWith("sub1");
  });

  it("draws the allocation across accounts from the total by asset", () => {
    renderSummary();
    expect(screen.getByTestId("allocation-chart").getAttribute("data-points")).toBe("3");
  });

  it("shows the accounts as listed when none has equity yet", () => {
    const fresh: AccountItem[] = [accountItem("main", true), accountItem("sub1")];
    renderSummary({ accounts: fresh, total: { equity: "0", byAsset: {} } });
    expect(rows()).toEqual([
      ["mainlive", "–", "–"],
      ["sub1live", "–", "–"],
    ]);
    // Nothing measured is no zero: "–", not "0.00" (firstVisit.e2e counts a 0.00 equity as false).
    expect(screen.getByTestId("all-accounts-total").textContent).toBe("– USDT");
    expect(screen.getByText("2 accounts have no equity yet")).toBeTruthy();
    expect(screen.getByTestId("allocation-chart").getAttribute("data-empty")).toBe("true");
  });

  it("lists the latest fills of all accounts with their account, newest first, saying they are live", () => {
    const items = [
      fill("s1", T0 + 2000, { account: "sub1", symbol: "ETHUSDT", side: "SELL", price: "3000.5", quantity: "1.5" }),
      fill("m1", T0 + 1000, { account: "main", price: "65000", quantity: "0.01" }),
    ];
    renderSummary({ fills: { items, failed: false } });
    const table = screen.getByRole("table", { name: "Latest fills, all accounts" });
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      [formatDateTime(T0 + 2000), "sub1", "ETHUSDT", "SELL", "3,000.5", "1.5"],
      [formatDateTime(T0 + 1000), "main", "BTCUSDT", "BUY", "65,000", "0.01"],
    ]);
    expect(whenSaid()).toEqual(["live"]);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("says when there are no fills yet, and while the stream is down keeps the ones last seen", () => {
    const { rerender } = renderSummary({ fills: { items: [], failed: false } });
    expect(screen.getByText("no fills yet")).toBeTruthy();
    const older = { items: [fill("m1", T0, { account: "main" })], failed: true };
    rerender(summary({ fills: older }));
    expect(screen.getByRole("status").textContent).toBe("the stream is down: these are as last seen");
    expect(screen.getByRole("table", { name: "Latest fills, all accounts" }).querySelectorAll("tbody tr")).toHaveLength(
      1,
    );
  });

  it("has no fills table unless given the fills", () => {
    renderSummary();
    expect(screen.queryByRole("table", { name: "Latest fills, all accounts" })).toBeNull();
  });

  it("shows PnL across accounts and the open orders of all accounts beside the fills when given them", () => {
    renderSummary({
      fills: { items: [], failed: false },
      orders: { items: [order("m1", T0, { account: "main" })], failed: false },
      pnl: { combined: { today: "1", span: "2" }, byAccount: [], failed: false },
    });
    expect(screen.getByRole("table", { name: "Open orders, all accounts" }).querySelectorAll("tbody tr")).toHaveLength(
      1,
    );
    expect(screen.getByTestId("all-accounts-pnl-span").textContent).toBe("+2.00 USDT");
    // The PnL is read over HTTP (after fills) and says so; the fills and orders are live.
    // The realized PnL is read over HTTP (after fills) and says so; the unrealized, fills and orders are live.
    expect(whenSaid()).toEqual(["after each fill", "live", "live", "live"]);
  });

  it("shows the unrealized PnL of each account's equity point, all accounts' as their sum, moving with the points", () => {
    const withUnrealized = (item: AccountItem, unrealized: string | null): AccountItem => ({
      ...item,
      equity: item.equity === null ? null : { ...item.equity, unrealized },
    });
    const pnl = {
      combined: { today: "0", span: "0" },
      byAccount: [MAIN, SUB1, SUB2].map((item) => ({ name: item.name, realized: "0" })),
      failed: false,
    };
    const shownUnrealized = () => ({
      total: screen.getByTestId("all-accounts-pnl-unrealized").textContent,
      byAccount: screen.getAllByTestId("all-accounts-pnl-account-unrealized").map((td) => td.textContent),
    });
    const { rerender } = renderSummary({
      accounts: [withUnrealized(MAIN, "10.125"), withUnrealized(SUB1, "-0.005"), SUB2],
      pnl,
    });
    // sub2 has no point yet: it adds nothing, as to the equity.
    expect(shownUnrealized()).toEqual({ total: "+10.12 USDT", byAccount: ["+10.13", "-0.01", "–"] });
    // A new point of sub1 (its prices moved): the total follows, no read in between.
    rerender(summary({ accounts: [withUnrealized(MAIN, "10.125"), withUnrealized(SUB1, "2.5"), SUB2], pnl }));
    expect(shownUnrealized()).toEqual({ total: "+12.63 USDT", byAccount: ["+10.13", "+2.50", "–"] });
    // One account that cannot be valued: no total (never a partial sum).
    rerender(summary({ accounts: [withUnrealized(MAIN, "10.125"), withUnrealized(SUB1, null), SUB2], pnl }));
    expect(shownUnrealized()).toEqual({ total: "– USDT", byAccount: ["+10.13", "–", "–"] });
  });

  it("shows a total equity that is the sum of the accounts' equity as shown, not the exact sum rounded", () => {
    const main = accountItem("main", true, "live", equityPoint(T0, "87575.944", { USDT: "87575.944" }));
    const sub1 = accountItem("sub1", false, "live", equityPoint(T0, "87582.584", { USDT: "87582.584" }));
    renderSummary({ accounts: [main, sub1], total: { equity: "175158.528", byAsset: { USDT: "175158.528" } } });
    expect(rows().map((row) => row[1])).toEqual(["87,575.94", "87,582.58"]);
    // 175,158.528 would read 175,158.53: one cent more than the two figures above add up to.
    expect(screen.getByTestId("all-accounts-total").textContent).toBe("175,158.52 USDT");
  });

  it("where an equity point carries no unrealized PnL (a stored one), shows the PnL read's and says it is read after fills", () => {
    const stored = (item: AccountItem): AccountItem => ({ ...item, equity: item.equity && { ...item.equity } });
    const live = (item: AccountItem, unrealized: string): AccountItem => ({
      ...item,
      equity: item.equity === null ? null : { ...item.equity, unrealized },
    });
    const pnl = (main: string | null | undefined, awaited?: string[]) => ({
      combined: { today: "0", span: "0" },
      byAccount: [
        { name: "main", realized: "0", unrealized: main, ...(awaited ? { awaited } : {}) },
        { name: "sub1", realized: "0", unrealized: "99" },
      ],
      failed: false,
    });
    const { rerender } = renderSummary({ accounts: [stored(MAIN), live(SUB1, "-0.504")], pnl: pnl("10.125") });
    expect(screen.getByTestId("all-accounts-pnl-unrealized").textContent).toBe("+9.63 USDT");
    const cells = screen.getAllByTestId("all-accounts-pnl-account-unrealized");
    expect(cells.map((td) => [td.textContent, td.getAttribute("data-as-read")])).toEqual([
      ["+10.13", "true"],
      // sub1's point carries its own: the live figure, not the read's 99.
      ["-0.50", null],
    ]);
    expect(cells[0]?.getAttribute("title")).toMatch(/PnL read after the last fill/);
    // The title's note, then Unrealized's: read after fills, not "live".
    expect(whenSaid()).toEqual(["after each fill", "after each fill"]);
    expect(screen.queryByTestId("all-accounts-pnl-unrealized-why")).toBeNull();
    // The read did not value it either: "not known yet", and why.
    rerender(summary({ accounts: [stored(MAIN), live(SUB1, "-0.504")], pnl: pnl(undefined) }));
    expect(screen.getByTestId("all-accounts-pnl-unrealized").textContent).toBe("– USDT");
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toMatch(/not known yet/);
    // It waits on past prices, as Performance says beside it: the same cause, named.
    rerender(summary({ accounts: [stored(MAIN), live(SUB1, "-0.504")], pnl: pnl(undefined, ["BTC", "ETH"]) }));
    expect(screen.getByTestId("all-accounts-pnl-unrealized-why").textContent).toBe(
      "Unrealized: not known yet: the past prices or history of BTC, ETH are still being fetched from MEXC.",
    );
  });
});
