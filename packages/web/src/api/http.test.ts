import { afterEach, describe, expect, it, vi } from "vitest";
import { setDisplayZone, zoneOf } from "../format/timeZone.js";
import {
  ALL_ACCOUNTS,
  apiPath,
  deleteResource,
  FIGURE_READS_IN_FLIGHT,
  getJson,
  getRead,
  NETWORK_RETRY_MS,
  postText,
  readForAccount,
  scopeRequests,
  sendJson,
} from "./http.js";

afterEach(() => {
  scopeRequests(undefined);
  setDisplayZone(zoneOf("UTC"));
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
      "/api/pnl/periods?period=day&account=sub1&tz=UTC",
    );
    scopeRequests(undefined);
    expect(apiPath("/api/pnl/periods", { period: "day" }, readForAccount("sub1"))).toBe(
      "/api/pnl/periods?period=day&account=sub1&tz=UTC",
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

describe("the page's zone on reads that group by day", () => {
  const LOS_ANGELES = zoneOf("browser", "America/Los_Angeles");
  const DAY_READS = ["/api/pnl/periods", "/api/fees/days", "/api/volume"];

  it("every period, fees-by-day and volume read names the zone the page shows, with no caller passing it", async () => {
    setDisplayZone(LOS_ANGELES);
    const sent = recordFetch();
    for (const path of DAY_READS) await getJson(path, { period: "day" });
    await getJson("/api/pnl/periods", {}, undefined, ALL_ACCOUNTS);
    await getJson("/api/pnl/periods", {}, undefined, readForAccount("sub1"));
    expect(sent).toHaveLength(DAY_READS.length + 2);
    for (const request of sent) {
      expect(new URL(request.slice(4), "http://x").searchParams.get("tz"), request).toBe("America/Los_Angeles");
    }
  });

  it("replaces a zone a caller passes that is not the page's, and follows the page's zone when it changes", () => {
    setDisplayZone(LOS_ANGELES);
    expect(apiPath("/api/volume", { tz: "UTC" })).toBe("/api/volume?tz=America%2FLos_Angeles");
    setDisplayZone(zoneOf("UTC"));
    expect(apiPath("/api/pnl/periods", { period: "day" })).toBe("/api/pnl/periods?period=day&tz=UTC");
  });

  it("adds no zone to routes that do not group by day", () => {
    setDisplayZone(LOS_ANGELES);
    expect(apiPath("/api/fills", { limit: 50 })).toBe("/api/fills?limit=50");
    expect(apiPath("/api/pnl", { method: "fifo" })).toBe("/api/pnl?method=fifo");
  });
});

describe("figure reads in flight", () => {
  const held = new Map<string, () => void>();
  // Every read answered after each test: the turns are the module's, shared by every test.
  afterEach(async () => {
    for (let round = 0; round < 10 && held.size > 0; round++) {
      for (const [path, answer] of [...held]) {
        held.delete(path);
        answer();
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  });

  /** fetch holding each answer until `answer(path)`; the paths asked, in order. */
  function heldFetch() {
    const asked: string[] = [];
    vi.stubGlobal("fetch", (url: string) => {
      const path = url.split("?")[0] as string;
      asked.push(path);
      return new Promise<Response>((resolve) => held.set(path, () => resolve(new Response('{"items":[]}'))));
    });
    const turns = () => new Promise((resolve) => setTimeout(resolve, 0));
    const answer = (path: string) => {
      held.get(path)?.();
      held.delete(path);
    };
    return { asked, answer, turns };
  }

  /** Figure reads enough to fill every turn and two more. */
  const FIGURES = ["journal", "performance", "moneyWeighted", "holdingTimes", "fees", "feeDays", "volume"] as const;
  const pathOf = (name: (typeof FIGURES)[number]) =>
    ({
      journal: "/api/journal",
      performance: "/api/performance",
      moneyWeighted: "/api/performance/money-weighted",
      holdingTimes: "/api/journal/holding-times",
      fees: "/api/fees",
      feeDays: "/api/fees/days",
      volume: "/api/volume",
    })[name];

  it(`at most ${FIGURE_READS_IN_FLIGHT} wait on the gateway at once, the rest queued; other reads never wait behind them`, async () => {
    const { asked, answer, turns } = heldFetch();
    const names = FIGURES.slice(0, FIGURE_READS_IN_FLIGHT + 2);
    const reads = names.map((name) => getRead(name));
    const list = getRead("fills");
    await turns();
    // The first figure reads and the list asked; two figure reads wait for a turn (a browser's 6
    // connections would hold the page's other requests behind them otherwise).
    const first = names.slice(0, FIGURE_READS_IN_FLIGHT).map(pathOf);
    expect([...asked].sort()).toEqual([...first, "/api/fills"].sort());
    answer("/api/fills");
    await list;
    answer(first[1] as string);
    await turns();
    expect(asked.slice(-1)).toEqual([pathOf(names[FIGURE_READS_IN_FLIGHT] as (typeof FIGURES)[number])]);
    for (const name of names.slice(0, -1)) answer(pathOf(name));
    await turns();
    answer(pathOf(names.at(-1) as (typeof FIGURES)[number]));
    await Promise.all(reads);
    expect(asked).toHaveLength(names.length + 1);
  });

  it("the All-accounts summary's reads, asked last, are handed a turn before the account's sections' reads waiting", async () => {
    const { asked, answer, turns } = heldFetch();
    const names = FIGURES.slice(0, FIGURE_READS_IN_FLIGHT);
    const first = names.map((name) => getRead(name));
    const section = getRead("volume");
    const summary = getRead("pnlPeriods", {}, undefined, readForAccount("sub1"));
    await turns();
    answer(pathOf(names[0] as (typeof FIGURES)[number]));
    await turns();
    expect(asked.slice(-1)).toEqual(["/api/pnl/periods"]);
    answer(pathOf(names[1] as (typeof FIGURES)[number]));
    await turns();
    expect(asked.slice(-1)).toEqual(["/api/volume"]);
    for (const path of [...names.slice(2).map(pathOf), "/api/pnl/periods", "/api/volume"]) answer(path);
    await Promise.all([...first, section, summary]);
  });

  it("a read aborted while it waits for its turn leaves the queue and is never sent", async () => {
    const { asked, answer, turns } = heldFetch();
    const names = FIGURES.slice(0, FIGURE_READS_IN_FLIGHT);
    const first = names.map((name) => getRead(name));
    const controller = new AbortController();
    const waiting = getRead("pnlPeriods", {}, controller.signal);
    const after = getRead("realized");
    controller.abort();
    await expect(waiting).rejects.toThrow();
    answer(pathOf(names[0] as (typeof FIGURES)[number]));
    await turns();
    expect([...asked].sort()).toEqual([...names.map(pathOf), "/api/pnl/realized"].sort());
    for (const path of [...names.slice(1).map(pathOf), "/api/pnl/realized"]) answer(path);
    await Promise.all([...first, after]);
  });
});

describe("a read the network dropped", () => {
  /** fetch failing as a dropped connection does (a TypeError) `drops` times, then answering `status`. */
  function droppingFetch(drops: number, status = 200): string[] {
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      if (init?.signal?.aborted) throw new DOMException("aborted", "AbortError");
      asked.push(url);
      if (asked.length <= drops) throw new TypeError("Failed to fetch");
      return new Response(status === 200 ? '{"items":[]}' : '{"message":"busy"}', { status });
    });
    return asked;
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it("is asked again after a moment, and answers as if nothing happened", async () => {
    vi.useFakeTimers();
    const asked = droppingFetch(NETWORK_RETRY_MS.length);
    const read = getJson("/api/fills");
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_MS[0] - 1);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
    await expect(read).resolves.toEqual({ items: [] });
    expect(asked).toHaveLength(NETWORK_RETRY_MS.length + 1);
  });

  it("fails once every try was dropped, and an answer with an error status is never asked again", async () => {
    vi.useFakeTimers();
    const dropped = droppingFetch(Number.POSITIVE_INFINITY);
    const read = getJson("/api/fills");
    const failed = expect(read).rejects.toThrow("Failed to fetch");
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
    await failed;
    expect(dropped).toHaveLength(NETWORK_RETRY_MS.length + 1);
    vi.unstubAllGlobals();
    const refused = droppingFetch(0, 503);
    await expect(getJson("/api/fills")).rejects.toThrow();
    expect(refused).toHaveLength(1);
  });

  it("a read aborted while it waits to be asked again is not asked again", async () => {
    vi.useFakeTimers();
    const asked = droppingFetch(1);
    const controller = new AbortController();
    const read = getJson("/api/fills", {}, controller.signal);
    const failed = expect(read).rejects.toBeDefined();
    await vi.advanceTimersByTimeAsync(1);
    controller.abort();
    await failed;
    await vi.advanceTimersByTimeAsync(NETWORK_RETRY_MS.reduce((sum, ms) => sum + ms, 0));
    expect(asked).toHaveLength(1);
  });
});
