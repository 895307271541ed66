import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ALL_ACCOUNTS,
  apiPath,
  deleteResource,
  getJson,
  postText,
  readForAccount,
  scopeRequests,
  sendJson,
} from "./http.js";

afterEach(() => {
  scopeRequests(undefined);
  vi.unstubAllGlobals();
});

/** fetch answering `{}`, recording "METHOD url" of each request. */
function recordFetch(): string[] {
  const sent: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    sent.push(`${init?.method ?? "GET"} ${url}`);
    return new Response("{}", { status: 200 });
  });
  return sent;
}

describe("apiPath", () => {
  it("leaves empty values out and adds no account while requests are not scoped (one account)", () => {
    expect(apiPath("/api/fills", { symbol: "BTCUSDT", from: undefined, to: null, side: "" })).toBe(
      "/api/fills?symbol=BTCUSDT",
    );
    expect(apiPath("/api/balances")).toBe("/api/balances");
  });

  it("names the account shown after the route's own parameters, with ? or &", () => {
    scopeRequests("sub1");
    expect(apiPath("/api/balances")).toBe("/api/balances?account=sub1");
    expect(apiPath("/api/fills", { symbol: "BTCUSDT", limit: 50 })).toBe(
      "/api/fills?symbol=BTCUSDT&limit=50&account=sub1",
    );
    expect(apiPath("/api/export/tax.csv", { year: 2025, method: "fifo" })).toBe(
      "/api/export/tax.csv?year=2025&method=fifo&account=sub1",
    );
  });

  it("never scopes the list of accounts, and stops naming one when requests are no longer scoped", () => {
    scopeRequests("sub1");
    expect(apiPath("/api/accounts")).toBe("/api/accounts");
    scopeRequests(undefined);
    expect(apiPath("/api/fills", { limit: 5 })).toBe("/api/fills?limit=5");
  });

  it("names no account in a read for all accounts, while every other request names the one shown", () => {
    scopeRequests("main");
    expect(apiPath("/api/fills", { limit: 10 }, ALL_ACCOUNTS)).toBe("/api/fills?limit=10");
    expect(apiPath("/api/fills", { limit: 10 })).toBe("/api/fills?limit=10&account=main");
  });

  it("names the account a read is for, whichever account is shown or whether requests are scoped", () => {
    scopeRequests("main");
    expect(apiPath("/api/pnl/periods", { period: "day" }, readForAccount("sub1"))).toBe(
      "/api/pnl/periods?period=day&account=sub1",
    );
    scopeRequests(undefined);
    expect(apiPath("/api/pnl/periods", { period: "day" }, readForAccount("sub1"))).toBe(
      "/api/pnl/periods?period=day&account=sub1",
    );
  });
});

describe("requests", () => {
  it("a read for all accounts goes without the account shown", async () => {
    const sent = recordFetch();
    scopeRequests("main");
    await getJson("/api/fills", { limit: 10 }, undefined, ALL_ACCOUNTS);
    await getJson("/api/fills", { limit: 10 });
    expect(sent).toEqual(["GET /api/fills?limit=10", "GET /api/fills?limit=10&account=main"]);
  });

  it("every kind of request carries the account shown", async () => {
    const sent = recordFetch();
    scopeRequests("sub-2");
    await getJson("/api/pnl", { method: "fifo" });
    await sendJson("POST", "/api/alerts/rules", { event: "fill" });
    await sendJson("PUT", "/api/opening-positions/BTC", { cost: "1" });
    await deleteResource("/api/alerts/rules/r1");
    await postText("/api/import", { name: "fills.csv" }, "a,b\n", "text/csv");
    expect(sent).toEqual([
      "GET /api/pnl?method=fifo&account=sub-2",
      "POST /api/alerts/rules?account=sub-2",
      "PUT /api/opening-positions/BTC?account=sub-2",
      "DELETE /api/alerts/rules/r1?account=sub-2",
      "POST /api/import?name=fills.csv&account=sub-2",
    ]);
  });
});
