import type { LedgerItem, Page, TransferItem } from "@mexc-live/contract";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ledgerItem, T0, transferItem } from "../../test/items.js";
import { formatDateTime } from "../format/time.js";
import { HISTORY_REFRESH_MS } from "../store/limits.js";
import { HistoryPanel, LEDGER_SCOPE } from "./HistoryPanel.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A gateway answering GET pages from `pages(url)`; records every URL asked for. */
function fakeGateway(pages: (url: string) => Page<unknown>) {
  const urls: string[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    urls.push(String(input));
    return new Response(JSON.stringify(pages(String(input))), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  return urls;
}

function rowIds(table: HTMLElement): string[] {
  return [...table.querySelectorAll("tbody tr[data-row-id]")].map((tr) => tr.getAttribute("data-row-id") ?? "");
}

const LEDGER_PAGE_1: Page<LedgerItem> = {
  items: [
    ledgerItem("5", T0 + 5_000, { type: "trade_fee", rawType: "TRADE_FEE", asset: "USDT", change: "-0.65" }),
    ledgerItem("4", T0 + 4_000),
    ledgerItem("3", T0 + 3_000, {
      type: "order_freeze",
      rawType: "ENTRUST_PLACE",
      asset: "USDT",
      change: "0",
      ref: { kind: "order", id: "C02__505979018135691289012" },
    }),
  ],
  nextCursor: "c1",
  total: 5,
};
const LEDGER_PAGE_2: Page<LedgerItem> = {
  items: [
    ledgerItem("2", T0 + 2_000, { type: "balance_read", rawType: "RECONCILE", change: "0.002", ref: null }),
    ledgerItem("1", T0 + 1_000, {
      type: "deposit",
      rawType: "DEPOSIT",
      asset: "USDT",
      change: "1000",
      ref: { kind: "transfer", id: "dep-778899001122" },
    }),
  ],
  nextCursor: null,
  total: 5,
};

function ledgerPages(url: string): Page<unknown> {
  return url.includes("cursor=c1") ? LEDGER_PAGE_2 : LEDGER_PAGE_1;
}

describe("HistoryPanel", () => {
  it("shows the ledger from the gateway in words, and loads the older pages as the table reaches its end", async () => {
    const urls = fakeGateway(ledgerPages);
    render(<HistoryPanel assets={["BTC", "USDT"]} version={0} height={400} />);
    const table = screen.getByRole("table", { name: "Ledger" });
    await waitFor(() => expect(rowIds(table)).toEqual(["5", "4", "3", "2", "1"]));
    expect(urls).toEqual(["/api/ledger?limit=500", "/api/ledger?limit=500&cursor=c1"]);

    const fee = table.querySelector("tr[data-row-id='5']") as HTMLElement;
    expect(within(fee).getByText("Trade fee")).toBeTruthy();
    expect(within(fee).getByText("-0.65").className).toBe("change-down");
    const trade = table.querySelector("tr[data-row-id='4']") as HTMLElement;
    expect(within(trade).getByText("+0.01").className).toBe("change-up");
    expect(within(trade).getByText("fill 5059…24X1").getAttribute("title")).toBe("fill 50597901813569124X1");
    const freeze = table.querySelector("tr[data-row-id='3']") as HTMLElement;
    expect(within(freeze).getByText("Order freeze")).toBeTruthy();
    expect(within(freeze).getByText("order C02_…9012")).toBeTruthy();
    const reread = table.querySelector("tr[data-row-id='2']") as HTMLElement;
    expect(within(reread).getByText("Balance read")).toBeTruthy();
    expect(within(reread).queryByText("RECONCILE")).toBeNull();
    // 0.51 after a change of 0.002: a balance was known before it, so this one read what a gap missed.
    expect(within(reread).getByText("re-read after a gap")).toBeTruthy();
    const deposit = table.querySelector("tr[data-row-id='1']") as HTMLElement;
    expect(within(deposit).getByText("deposit dep-…1122")).toBeTruthy();

    expect(screen.getByText(/^5 entries · all entries loaded/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe("/api/export/ledger.csv");
  });

  it("calls the first read of a balance the first, not a re-read after a gap, and offers balance reads in the Type filter", async () => {
    const first = ledgerItem("1", T0, {
      type: "balance_read",
      rawType: "RECONCILE",
      asset: "SOL",
      change: "55",
      freeChange: "55",
      balance: "55.000",
      ref: null,
    });
    const urls = fakeGateway(() => ({ items: [first], nextCursor: null, total: 1 }));
    render(<HistoryPanel assets={["SOL"]} version={0} height={400} />);
    const table = screen.getByRole("table", { name: "Ledger" });
    await waitFor(() => expect(rowIds(table)).toEqual(["1"]));
    const row = table.querySelector("tr[data-row-id='1']") as HTMLElement;
    expect(within(row).getByText("Balance read")).toBeTruthy();
    expect(within(row).getByText("first read, none known before")).toBeTruthy();
    const type = screen.getByLabelText("Type") as HTMLSelectElement;
    expect([...type.options].map((option) => option.text)).toContain("Balance read");
    fireEvent.change(type, { target: { value: "balance_read" } });
    await waitFor(() => expect(urls.at(-1)).toBe("/api/ledger?type=balance_read&limit=500"));
  });

  it("says where the ledger starts and why: not the whole history, the oldest entry's time once all are loaded", async () => {
    fakeGateway(ledgerPages);
    render(<HistoryPanel assets={[]} version={0} height={400} />);
    expect(screen.getByTestId("ledger-scope").textContent).toBe(LEDGER_SCOPE);
    expect(LEDGER_SCOPE).toContain("starts when mexc-live first ran");
    const table = screen.getByRole("table", { name: "Ledger" });
    await waitFor(() => expect(rowIds(table)).toHaveLength(5));
    await waitFor(() =>
      expect(screen.getByText(/^5 entries · all entries loaded/).textContent).toBe(
        `5 entries · all entries loaded, from ${formatDateTime(T0 + 1_000)} UTC`,
      ),
    );
    fireEvent.click(screen.getByRole("tab", { name: "Transfers" }));
    expect(screen.queryByTestId("ledger-scope")).toBeNull();
  });

  it("says how many entries are held out of how many the gateway stored", async () => {
    const urls: string[] = [];
    vi.stubGlobal("fetch", (input: string) => {
      urls.push(String(input));
      // The second page never comes: the list holds the first 3 of 7,833.
      if (String(input).includes("cursor=")) return new Promise<Response>(() => {});
      return Promise.resolve(
        new Response(JSON.stringify({ ...LEDGER_PAGE_1, total: 7_833 }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
      );
    });
    render(<HistoryPanel assets={[]} version={0} height={400} />);
    await waitFor(() => expect(screen.getByText(/^3 of 7,833 entries · loading entries…/)).toBeTruthy());
  });

  it("asks the gateway again with the filter, and exports what it matches", async () => {
    const urls = fakeGateway(() => ({ items: [ledgerItem("7", T0)], nextCursor: null, total: 1 }));
    render(<HistoryPanel assets={["BTC", "USDT"]} version={0} height={400} />);
    await waitFor(() => expect(urls).toHaveLength(1));
    fireEvent.change(screen.getByLabelText("Asset"), { target: { value: "BTC" } });
    fireEvent.change(screen.getByLabelText("Type"), { target: { value: "trade_fee" } });
    await waitFor(() => expect(urls.at(-1)).toBe("/api/ledger?asset=BTC&type=trade_fee&limit=500"));
    expect(screen.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe(
      "/api/export/ledger.csv?asset=BTC&type=trade_fee",
    );
  });

  it("clears the asset, the type and the dates at once, and offers Clear only while one is set", async () => {
    const urls = fakeGateway(() => ({ items: [ledgerItem("7", T0)], nextCursor: null, total: 1 }));
    render(<HistoryPanel assets={["BTC", "USDT"]} version={0} height={400} />);
    const clear = screen.getByRole("button", { name: "Clear" });
    expect(clear.hasAttribute("disabled")).toBe(true);
    fireEvent.change(screen.getByLabelText("Asset"), { target: { value: "BTC" } });
    fireEvent.change(screen.getByLabelText("Type"), { target: { value: "trade_fee" } });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-01-02T03:04" } });
    expect(clear.hasAttribute("disabled")).toBe(false);
    fireEvent.click(clear);
    await waitFor(() => expect(urls.at(-1)).toBe("/api/ledger?limit=500"));
    expect((screen.getByLabelText("Asset") as HTMLSelectElement).value).toBe("");
    expect((screen.getByLabelText("From") as HTMLInputElement).value).toBe("");
    expect(clear.hasAttribute("disabled")).toBe(true);
  });

  it("shows deposits, withdrawals and transfers with the transaction id shortened", async () => {
    const transfers: Page<TransferItem> = {
      items: [
        transferItem("2", T0 + 2_000, {
          type: "withdrawal",
          direction: "out",
          asset: "BTC",
          amount: "0.25",
          fee: "0.0002",
          network: "BTC",
          status: "pending",
          rawStatus: "4",
          value: "21750.499999",
        }),
        transferItem("1", T0, { source: "import", value: null, asset: "MX", amount: "1210.938121686452551931" }),
      ],
      nextCursor: null,
      total: 2,
    };
    const urls = fakeGateway((url) => (url.startsWith("/api/transfers") ? transfers : LEDGER_PAGE_2));
    render(<HistoryPanel assets={[]} version={0} height={400} />);
    fireEvent.click(screen.getByRole("tab", { name: "Transfers" }));
    const table = screen.getByRole("table", { name: "Transfers" });
    await waitFor(() => expect(rowIds(table)).toEqual(["withdrawal:2", "deposit:1"]));
    expect(urls.at(-1)).toBe("/api/transfers?limit=500");
    const withdrawal = table.querySelector("tr[data-row-id='withdrawal:2']") as HTMLElement;
    expect(within(withdrawal).getByText("Withdrawal")).toBeTruthy();
    expect(within(withdrawal).getByText("pending").getAttribute("title")).toBe("MEXC's status: 4");
    const txId = transfers.items[0]?.txId ?? "";
    expect(within(withdrawal).getByTitle(txId).textContent).toBe(`${txId.slice(0, 6)}…${txId.slice(-6)}`);
    // What moved, valued at its time: to 2 places with the exact figure on hover, or unpriced.
    expect(within(withdrawal).getByText("21,750.50").getAttribute("title")).toBe("21750.499999");
    const deposit = table.querySelector("tr[data-row-id='deposit:1']") as HTMLElement;
    expect(within(deposit).getByTitle(/^Unpriced/).textContent).toBe("–");
    expect(within(deposit).getByText("imported")).toBeTruthy();
    // An amount of 18 decimals reads rounded (issue 40), the whole of it on hover.
    expect(within(deposit).getByText("1,210.93812169").getAttribute("title")).toBe("1210.938121686452551931");
    expect(within(table).getByText("Value (USDT)")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe("/api/export/transfers.csv");
  });

  it("links a withdrawal's transaction to the block explorer page MEXC gives, and shows the id it was asked with", async () => {
    const explorerUrl = "https://tronscan.org/#/transaction/7f3a9c";
    const transfers: Page<TransferItem> = {
      items: [
        transferItem("3", T0 + 3_000, {
          type: "withdrawal",
          direction: "out",
          explorerUrl,
          withdrawOrderId: "client-withdraw-123",
        }),
        transferItem("4", T0 + 2_000, { type: "withdrawal", direction: "out", explorerUrl: "javascript:alert(1)" }),
        transferItem("5", T0 + 1_000),
      ],
      nextCursor: null,
      total: 3,
    };
    fakeGateway((url) => (url.startsWith("/api/transfers") ? transfers : LEDGER_PAGE_2));
    render(<HistoryPanel assets={[]} version={0} height={400} />);
    fireEvent.click(screen.getByRole("tab", { name: "Transfers" }));
    const table = screen.getByRole("table", { name: "Transfers" });
    await waitFor(() => expect(rowIds(table)).toEqual(["withdrawal:3", "withdrawal:4", "deposit:5"]));
    const row = (id: string) => table.querySelector(`tr[data-row-id='${id}']`) as HTMLElement;
    const link = within(row("withdrawal:3")).getByRole("link");
    expect(link.getAttribute("href")).toBe(explorerUrl);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.getAttribute("target")).toBe("_blank");
    // Its own id, shortened, the whole of it on hover.
    expect(within(row("withdrawal:3")).getByTitle("client-withdraw-123").textContent).toBe("client…aw-123");
    // Anything but an http(s) address is never a link; no own id is a dash.
    expect(within(row("withdrawal:4")).queryByRole("link")).toBeNull();
    expect(within(row("deposit:5")).queryByRole("link")).toBeNull();
  });

  it("reads the newest page again after a balance change, once, and never by itself", async () => {
    vi.useFakeTimers();
    let newest: Page<LedgerItem> = { items: [ledgerItem("1", T0)], nextCursor: null, total: 1 };
    const urls = fakeGateway(() => newest);
    const flush = () => act(() => vi.advanceTimersByTimeAsync(0));
    const { rerender } = render(<HistoryPanel assets={[]} version={0} height={400} />);
    await flush();
    const table = screen.getByRole("table", { name: "Ledger" });
    expect(rowIds(table)).toEqual(["1"]);
    expect(urls).toHaveLength(1);

    newest = { items: [ledgerItem("2", T0 + 1_000), ledgerItem("1", T0)], nextCursor: null, total: 2 };
    rerender(<HistoryPanel assets={[]} version={1} height={400} />);
    rerender(<HistoryPanel assets={[]} version={2} height={400} />); // a burst is one refresh
    await act(() => vi.advanceTimersByTimeAsync(HISTORY_REFRESH_MS));
    expect(urls).toEqual(["/api/ledger?limit=500", "/api/ledger?limit=100"]);
    expect(rowIds(table)).toEqual(["2", "1"]);
    expect(table.querySelector("tr.flash")?.getAttribute("data-row-id")).toBe("2");

    // Its own answer and re-renders change nothing: no request until the balances move again.
    rerender(<HistoryPanel assets={[]} version={2} height={400} />);
    await act(() => vi.advanceTimersByTimeAsync(10 * HISTORY_REFRESH_MS));
    expect(urls).toHaveLength(2);
  });

  it("starts again from the newest page when more arrived than one refresh holds, leaving no hole", async () => {
    vi.useFakeTimers();
    let newest: Page<LedgerItem> = { items: [ledgerItem("1", T0)], nextCursor: null, total: 1 };
    const urls = fakeGateway((url) =>
      url.includes("cursor=c8")
        ? { items: [ledgerItem("7", T0 + 7_000), ledgerItem("1", T0)], nextCursor: null, total: 4 }
        : newest,
    );
    const { rerender } = render(<HistoryPanel assets={[]} version={0} height={400} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const table = screen.getByRole("table", { name: "Ledger" });
    expect(rowIds(table)).toEqual(["1"]);

    // Rows 2..7 arrived too, beyond the newest page: what lies between 8 and 1 is not known yet.
    newest = { items: [ledgerItem("9", T0 + 9_000), ledgerItem("8", T0 + 8_000)], nextCursor: "c8", total: 4 };
    rerender(<HistoryPanel assets={[]} version={1} height={400} />);
    await act(() => vi.advanceTimersByTimeAsync(HISTORY_REFRESH_MS));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(rowIds(table)).toEqual(["9", "8", "7", "1"]);
    expect(urls).toEqual(["/api/ledger?limit=500", "/api/ledger?limit=100", "/api/ledger?limit=500&cursor=c8"]);
  });
});
