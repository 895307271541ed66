import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeResizeObserver, resetFakes } from "../test/fakeCharts.js";
import { App } from "./App.js";
import { COST_METHOD_STORAGE_KEY } from "./pnl/costMethod.js";

// The chart libraries draw on canvas, which happy-dom lacks: they are replaced by recorders.
vi.mock("lightweight-charts", async () => (await import("../test/fakeCharts.js")).lightweightModule);
vi.mock("echarts/core", async () => (await import("../test/fakeCharts.js")).echartsCoreModule);
vi.mock("echarts/charts", () => ({ PieChart: {}, BarChart: {}, LineChart: {} }));
vi.mock("echarts/components", () => ({ GridComponent: {}, TooltipComponent: {}, LegendComponent: {} }));
vi.mock("echarts/features", () => ({ LabelLayout: {} }));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

const TOKEN = "gateway-token-0123456789abcdef";

/** What a gateway with an empty account answers. */
function emptyAnswer(url: string): unknown {
  if (url.startsWith("/api/fees/days")) return { quote: "USDT", items: [], total: "0" };
  if (url.startsWith("/api/fees")) return { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "0" };
  if (url.startsWith("/api/performance")) {
    return { from: 0, to: 0, startEquity: null, endEquity: null, netFlows: "0", twr: null, netDeposits: [] };
  }
  if (url.startsWith("/api/fills") || url.startsWith("/api/orders")) return { items: [], nextCursor: null };
  return { items: [] };
}

/** A gateway that wants a token until POST /api/login gets it; records requests and sockets. */
function fakeGateway() {
  let loggedIn = false;
  const requests: string[] = [];
  const sockets: string[] = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const url = String(input);
    requests.push(`${init?.method ?? "GET"} ${url}`);
    if (url === "/api/login") {
      loggedIn = JSON.parse(String(init?.body)).token === TOKEN;
      return new Response("{}", { status: loggedIn ? 200 : 401 });
    }
    if (!loggedIn) return new Response('{"message":"token required"}', { status: 401 });
    return new Response(JSON.stringify(emptyAnswer(url)), { status: 200 });
  });
  vi.stubGlobal(
    "WebSocket",
    class {
      readyState = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      constructor(url: string) {
        sockets.push(url);
      }
      send() {}
      close() {}
    },
  );
  return { requests, sockets };
}

beforeEach(() => {
  resetFakes();
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("App", () => {
  it("asks for the token when the gateway answers 401, then loads the dashboard with the cookie", async () => {
    const gateway = fakeGateway();
    render(<App />);
    const form = await screen.findByRole("form", { name: "Log in" });
    expect(form).toBeTruthy();
    expect(gateway.sockets).toEqual([]);

    fireEvent.change(screen.getByLabelText("Token"), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));

    await screen.findByRole("table", { name: "Fills" });
    await waitFor(() => expect(gateway.sockets).toHaveLength(1));
    expect(gateway.sockets[0]).toMatch(/^wss?:\/\/[^/]*\/stream$/);
    for (const url of [...gateway.requests, ...gateway.sockets]) expect(url).not.toContain(TOKEN);
    expect(gateway.requests).toContain("POST /api/login");
  });

  it("reads every PnL figure again by the cost basis picked, and remembers it", async () => {
    const gateway = fakeGateway();
    const view = render(<App />);
    fireEvent.change(await screen.findByLabelText("Token"), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    const group = await screen.findByRole("group", { name: "Cost basis" });
    await waitFor(() => expect(gateway.requests).toContain("GET /api/pnl/periods?period=day&tz=UTC"));
    expect(gateway.requests.filter((r) => r.includes("method="))).toEqual([]);

    fireEvent.click(within(group).getByRole("button", { name: "FIFO" }));
    await waitFor(() =>
      expect(gateway.requests).toEqual(
        expect.arrayContaining([
          "GET /api/pnl?method=fifo",
          "GET /api/pnl?by=asset&method=fifo",
          "GET /api/pnl/periods?period=day&method=fifo&tz=UTC",
          expect.stringMatching(/^GET \/api\/performance\?from=\d+&method=fifo$/),
        ]),
      ),
    );
    expect(within(group).getByRole("button", { name: "FIFO" }).getAttribute("aria-pressed")).toBe("true");
    expect(localStorage.getItem(COST_METHOD_STORAGE_KEY)).toBe("fifo");

    // The next visit asks for FIFO from the start.
    view.unmount();
    gateway.requests.length = 0;
    render(<App />);
    await waitFor(() => expect(gateway.requests).toContain("GET /api/pnl?method=fifo"));
    expect(gateway.requests.filter((r) => r.startsWith("GET /api/pnl?"))).toEqual([
      "GET /api/pnl?method=fifo",
      "GET /api/pnl?by=asset&method=fifo",
    ]);
  });
});
