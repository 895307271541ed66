import { DAY_MS } from "@mexc-live/protocol";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { minuteCandles } from "../../test/candles.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook, valueFill } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { MAX_PERIODS } from "../figures/timeZones.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { storeQueries } from "./queries/storeQueries.js";

let app: FastifyInstance;
let store: GatewayStore;
afterEach(async () => {
  await app?.close();
  store?.close();
});

const T0 = Date.UTC(2025, 4, 5);

/** The store of a short history, then `more` stored, then the keeper started on it and the routes. */
function start(more: (store: GatewayStore) => void = () => {}) {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  ]);
  const fills = [
    fillEvent({
      tradeId: "a",
      side: "BUY",
      price: "100",
      quantity: "1",
      amount: "100",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0,
    }),
    fillEvent({
      tradeId: "b",
      side: "BUY",
      price: "200",
      quantity: "1",
      amount: "200",
      fee: "0",
      feeCurrency: "USDT",
      timestamp: T0 + DAY_MS,
    }),
    fillEvent({
      tradeId: "c",
      side: "SELL",
      price: "180",
      quantity: "1",
      amount: "180",
      fee: "0.18",
      feeCurrency: "USDT",
      timestamp: T0 + 2 * DAY_MS,
    }),
  ];
  for (const fill of fills) store.upsertFill(fill, valueFill(fill, book));
  store.upsertTransfer(transferEvent({ id: "dep", amount: "500", time: T0 - DAY_MS }));
  // What the account holds after all that: 500 - 100 - 200 + 180 - 0.18 USDT, and 1 BTC.
  store.applyBalance(balanceEvent({ asset: "USDT", free: "379.82", source: "rest", timestamp: T0 + 3 * DAY_MS }));
  store.applyBalance(balanceEvent({ asset: "BTC", free: "1", source: "rest", timestamp: T0 + 3 * DAY_MS }));
  more(store);
  // BTC's market: 150 until the third day, 190 from then on.
  const candles = minuteCandles({ BTCUSDT: (time) => (time <= T0 + 3 * DAY_MS ? "150" : "190"), MXUSDT: () => "9" });
  app = buildApp({
    queries: storeQueries(store, standaloneKeeper(store, book, "avg", candles), book, createFieldMask([])),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.body, json: () => response.json() };
};

describe("PnL and performance routes", () => {
  it("GET /api/pnl follows the method asked for", async () => {
    start();
    expect((await get("/api/pnl")).json().items[0]).toMatchObject({ method: "avg", realized: "29.82" });
    expect((await get("/api/pnl?method=fifo")).json().items[0]).toMatchObject({ method: "fifo", realized: "79.82" });
    const bad = await get("/api/pnl?method=lifo");
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/^method:/);
  });

  it("GET /api/pnl/periods gives realized PnL (fees apart) and fees per day, the unrealized at each day's market close", async () => {
    start();
    const days = (await get(`/api/pnl/periods?period=day&from=${T0}&to=${T0 + 3 * DAY_MS - 1}&method=fifo`)).json()
      .items;
    expect(
      days.map((d: { period: string; realized: string; unrealized: string; fees: string }) => [
        d.period,
        d.realized,
        d.unrealized,
        d.fees,
      ]),
    ).toEqual([
      // Day 1: 1 BTC bought at 100, worth 150 at the close. Day 2: another at 200 (FIFO: lots 100, 200).
      ["2025-05-05", "0", "50", "0"],
      ["2025-05-06", "0", "0", "0"],
      // Day 3: the 100 lot sold at 180; the 200 lot worth 150.
      ["2025-05-07", "80", "-50", "0.18"],
    ]);
    expect((await get("/api/pnl/periods?period=year")).status).toBe(400);
    const berlin = (await get(`/api/pnl/periods?period=day&from=${T0}&to=${T0 + DAY_MS - 1}&tz=Europe/Berlin`)).json();
    expect(berlin.items[0]).toMatchObject({ period: "2025-05-05", from: T0 - 2 * 3_600_000 });
    const badZone = await get("/api/pnl/periods?tz=Mars/Olympus");
    expect(badZone.status).toBe(400);
    expect(badZone.json().message).toMatch(/^tz:/);
  });

  it("GET /api/pnl/periods answers for a zone whose midnight does not exist (Santiago, 2026-09-06), in any letter case", async () => {
    start();
    for (const tz of ["America/Santiago", "AMERICA/santiago"]) {
      const answer = await get(`/api/pnl/periods?period=day&tz=${tz}&from=2026-09-05&to=2026-09-08`);
      expect(answer.status).toBe(200);
      expect(answer.json().items.map((item: { period: string }) => item.period)).toEqual([
        "2026-09-04",
        "2026-09-05",
        "2026-09-06",
        "2026-09-07",
      ]);
      // The 6th starts at 01:00 -03 (04:00 UTC), the first instant of that date.
      expect(answer.json().items[2]).toMatchObject({ from: Date.UTC(2026, 8, 6, 4), to: Date.UTC(2026, 8, 7, 3) - 1 });
    }
    expect((await get("/api/health")).status).toBe(200);
  });

  it("GET /api/pnl/periods lists at most MAX_PERIODS (3,700) periods, and refuses one more naming from", async () => {
    start();
    const from = Date.UTC(2015, 0, 1);
    const atBound = await get(`/api/pnl/periods?period=day&from=${from}&to=${from + MAX_PERIODS * DAY_MS - 1}`);
    expect(atBound.status).toBe(200);
    const over = await get(`/api/pnl/periods?period=day&from=${from}&to=${from + (MAX_PERIODS + 1) * DAY_MS - 1}`);
    expect(over.status).toBe(400);
    expect(over.json().message).toMatch(/^from: at most 3700 periods/);
    const longName = await get(`/api/pnl/periods?tz=${"A".repeat(65)}`);
    expect(longName.status).toBe(400);
    expect(longName.json().message).toMatch(/^tz:/);
  });

  it("GET /api/pnl/realized?from&to: the causes over the days asked, byAsset their realized by asset summed", async () => {
    start();
    const range = `from=${T0 - 2 * 3_600_000}&to=${T0 + 3 * DAY_MS - 2 * 3_600_000 - 1}`;
    const days = (await get(`/api/pnl/periods?period=day&${range}&tz=Europe/Berlin&method=fifo`)).json().items;
    expect(days.map((day: { realized: string }) => day.realized)).toEqual(["0", "0", "80"]);
    const answer = (await get(`/api/pnl/realized?${range}&method=fifo`)).json();
    // By pair the sale realized 180 - 0.18 - 100 on the 100 lot; by asset 80, its fee apart.
    expect(answer).toMatchObject({
      method: "fifo",
      from: T0 - 2 * 3_600_000,
      to: T0 + 3 * DAY_MS - 2 * 3_600_000 - 1,
      byAsset: "80",
      byPair: "79.82",
      causes: [{ cause: "quotePairs", realized: "0.18", names: ["BTCUSDT"], unpriced: [] }],
    });
    // Its first two days hold the buys alone.
    const buys = (await get(`/api/pnl/realized?from=${T0}&to=${T0 + 2 * DAY_MS - 1}`)).json();
    expect(buys).toMatchObject({ byAsset: "0", byPair: "0", causes: [] });
    // Without a range: the whole history, as before.
    expect((await get("/api/pnl/realized?method=fifo")).json()).not.toHaveProperty("from");
  });

  it.each([
    ["to=1000", "from: must be given with to"],
    ["from=yesterday", "from: must be ms since the epoch or an ISO date such as 2025-01-31"],
    ["from=2000&to=1000", "to: must not be before from"],
    [`from=0&to=${MAX_PERIODS * DAY_MS + 1}`, "from: at most 3700 days before to"],
    ["from=1000&from=2000", "from: must be given once"],
    ["from=1000&tz=UTC", "tz:"],
  ])("GET /api/pnl/realized?%s is refused, naming the field", async (query, message) => {
    start();
    const answer = await get(`/api/pnl/realized?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json().message.slice(0, message.length)).toBe(message);
  });

  it("GET /api/pnl/realized takes a range of MAX_PERIODS (3,700) days (one ms more is refused, above)", async () => {
    start();
    expect((await get(`/api/pnl/realized?from=0&to=${MAX_PERIODS * DAY_MS}`)).status).toBe(200);
  });

  it("GET /api/performance: the deposit is set apart, and the bridge adds up to the end equity exactly", async () => {
    start();
    const summary = (await get(`/api/performance?from=${T0 - 2 * DAY_MS}&to=${T0 + 4 * DAY_MS}`)).json();
    // The range starts where the history does (the deposit's day); 1 BTC at 190 and 379.82 USDT at the end.
    expect(summary).toMatchObject({
      from: T0 - DAY_MS,
      to: T0 + 4 * DAY_MS,
      netFlows: "500",
      startEquity: "0",
      endEquity: "569.82",
      pnl: "69.82",
      unpriced: [],
      method: "avg",
      coverage: { status: "startsBeforeHistory", historyStartsAt: T0 - DAY_MS },
    });
    // Average cost 150: 30 realized on the sale, 40 unrealized on the BTC left, 0.18 fees.
    expect(summary.bridge).toEqual({
      startEquity: "0",
      deposits: "500",
      withdrawals: "0",
      transfers: "0",
      realized: "30",
      unrealized: "40",
      fees: "-0.18",
      endEquity: "569.82",
    });
    expect(summary.byAsset).toEqual([
      { asset: "BTC", realized: "30", unrealized: "40", fees: "0", pnl: "70" },
      { asset: "USDT", realized: "0", unrealized: "0", fees: "-0.18", pnl: "-0.18" },
    ]);
    expect(summary.netDeposits).toEqual([{ time: T0 - DAY_MS, value: "500" }]);
    const fifo = (await get(`/api/performance?to=${T0 + 4 * DAY_MS}&method=fifo`)).json();
    expect(fifo.bridge).toMatchObject({ realized: "80", unrealized: "-10", endEquity: "569.82" });
  });

  it("GET /api/performance: a day asked as midnight to the next midnight - 1 ms ends at that midnight, not at 23:45", async () => {
    start();
    const day = T0 + 2 * DAY_MS;
    const asDay = (await get(`/api/performance?from=${day}&to=${day + DAY_MS - 1}`)).json();
    const toMidnight = (await get(`/api/performance?from=${day}&to=${day + DAY_MS}`)).json();
    expect(asDay.to).toBe(day + DAY_MS);
    expect(asDay).toEqual(toMidnight);
    expect(asDay.coverage).toEqual({ status: "covered", historyStartsAt: T0 - DAY_MS });
  });

  it("GET /api/performance: a range before the history has no figure and says when the history starts", async () => {
    start();
    const summary = (await get(`/api/performance?from=${T0 - 10 * DAY_MS}&to=${T0 - 5 * DAY_MS - 1}`)).json();
    expect(summary).toMatchObject({
      from: T0 - 10 * DAY_MS,
      to: T0 - 5 * DAY_MS,
      startEquity: null,
      endEquity: null,
      pnl: null,
      bridge: null,
      twr: null,
      coverage: { status: "beforeHistory", historyStartsAt: T0 - DAY_MS },
    });
    // Ending on the history's first mark is still before it: nothing was known by then.
    const edge = (await get(`/api/performance?from=${T0 - 3 * DAY_MS}&to=${T0 - DAY_MS - 1}`)).json();
    expect(edge.coverage.status).toBe("beforeHistory");
  });

  it("GET /api/performance: a range starting after now has no figure and keeps its own start; a reversed one is refused naming to", async () => {
    start();
    const later = Date.now() + 2 * DAY_MS;
    const summary = (await get(`/api/performance?from=${later}`)).json();
    expect(summary).toMatchObject({ startEquity: null, endEquity: null, pnl: null, bridge: null });
    expect(summary.coverage.status).toBe("future");
    expect(summary.from).toBeGreaterThan(Date.now());
    const reversed = await get(`/api/performance?from=${T0 + DAY_MS}&to=${T0}`);
    expect(reversed.status).toBe(400);
    expect(reversed.json().message).toMatch(/^to: /);
  });

  it("GET /api/performance: a dust conversion to MX is a trade, a transfer to another MEXC user a flow", async () => {
    // Stored before the keeper starts: nothing here tells it of a write, as ingest does.
    const at = T0 + 3 * DAY_MS + 3_600_000;
    const stored = (store: GatewayStore) => {
      // The legs of one conversion as the client reads them from the dust log: one txId links them.
      const link = "MX:d1";
      store.upsertTransfer(
        transferEvent({
          type: "conversion",
          id: "d1",
          direction: "out",
          asset: "BTC",
          amount: "0.5",
          txId: link,
          time: at,
        }),
      );
      store.upsertTransfer(
        transferEvent({
          type: "conversion",
          id: link,
          direction: "in",
          asset: "MX",
          amount: "10",
          txId: link,
          time: at,
        }),
      );
      store.upsertTransfer(
        transferEvent({
          type: "internal_transfer",
          id: "i1",
          direction: "out",
          amount: "50",
          txId: "",
          time: at + 60_000,
        }),
      );
      store.applyBalance(balanceEvent({ asset: "USDT", free: "329.82", source: "rest", timestamp: at + 120_000 }));
      store.applyBalance(balanceEvent({ asset: "BTC", free: "0.5", source: "rest", timestamp: at + 120_000 }));
      store.applyBalance(balanceEvent({ asset: "MX", free: "10", source: "rest", timestamp: at + 120_000 }));
    };
    start(stored);
    const summary = (await get(`/api/performance?to=${T0 + 4 * DAY_MS}`)).json();
    // 329.82 USDT + 0.5 BTC at 190 + 10 MX at 9; the deposit in, the 50 USDT out, and no flow for the conversion.
    expect(summary).toMatchObject({ endEquity: "514.82", netFlows: "450", pnl: "64.82", unpriced: [] });
    // The half BTC given at 190 realizes 20 over its cost of 150; the MX got costs the 95 given and is worth 90.
    expect(summary.bridge).toEqual({
      startEquity: "0",
      deposits: "500",
      withdrawals: "0",
      transfers: "-50",
      realized: "50",
      unrealized: "15",
      fees: "-0.18",
      endEquity: "514.82",
    });
    const byAsset = Object.fromEntries(
      summary.byAsset.map((row: { asset: string; pnl: string }) => [row.asset, row.pnl]),
    );
    expect(byAsset).toEqual({ BTC: "70", MX: "-5", USDT: "-0.18" });
  });

  it("GET /api/pnl?by=asset: what is held, its cost basis, realized and unrealized at the live price", async () => {
    start();
    const items = (await get("/api/pnl?by=asset")).json().items;
    expect(items.map((item: { asset: string }) => item.asset)).toEqual(["BTC", "USDT"]);
    // No live price of BTC in this book: held and costed, but not valued.
    expect(items[0]).toMatchObject({
      asset: "BTC",
      quantity: "1",
      costBasis: "150",
      averageCost: "150",
      realized: "30",
      unrealized: null,
      value: null,
      method: "avg",
    });
    expect(items[1]).toMatchObject({ asset: "USDT", quantity: "379.82", value: "379.82", fees: "0.18" });
    expect((await get("/api/pnl?by=pair")).status).toBe(400);
  });

  it("GET /api/fees/days: the fee series by day, its last cumulative the total of /api/fees", async () => {
    start();
    const days = (await get(`/api/fees/days?to=${T0 + 3 * DAY_MS}`)).json();
    expect(
      days.items.map((d: { day: string; fees: string; cumulative: string }) => [d.day, d.fees, d.cumulative]),
    ).toEqual([
      ["2025-05-04", "0", "0"],
      ["2025-05-05", "0", "0"],
      ["2025-05-06", "0", "0"],
      ["2025-05-07", "0.18", "0.18"],
      ["2025-05-08", "0", "0.18"],
    ]);
    expect(days.total).toBe((await get("/api/fees")).json().totalValue);
  });

  it("GET /api/export/tax.csv lists the year's disposals by the method asked for", async () => {
    start();
    const csv = await get("/api/export/tax.csv?year=2025&method=fifo");
    expect(csv.status).toBe(200);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "date,time,symbol,asset,quantity,proceeds,costBasis,gain,currency,fee,feeCurrency,proceedsValue,costBasisValue,gainValue,quote,method,tradeId,kind,uncovered,acquiredFirst,acquiredLast,shortQuantity,longQuantity",
    );
    // By asset: the sell brings 180; its fee, paid in the quote currency, is a fee (PnL by asset's fees), not a disposal.
    // Its lot was bought on 2025-05-05: short term.
    expect(lines.slice(1)).toEqual([
      "2025-05-07,2025-05-07T00:00:00.000Z,BTCUSDT,BTC,1,180,100,80,USDT,0.18,USDT,180,100,80,USDT,fifo,c,sell,0,2025-05-05,2025-05-05,1,0",
      "",
      "# Totals of the 2025 disposals per term (long: lots held more than 365 days; short: the rest and what was sold before it was held)",
      "term,proceeds,costBasis,gain,currency",
      "short,180,100,80,USDT",
      "long,0,0,0,USDT",
      "",
      "# 1 disposal rows (one per disposal) and 0 withdrawal or transfer rows in 2025; cost basis by fifo; amounts in USDT",
      "# history from 2025-05-05 (the first fill known); older history can be imported (docs/imports.md)",
    ]);
    // The header, the totals (heading, columns, two terms) and the closing two lines.
    expect(
      (await get("/api/export/tax.csv?year=2024")).body
        .trim()
        .split("\r\n")
        .filter((line) => line !== ""),
    ).toHaveLength(7);
    expect((await get("/api/export/tax.csv")).status).toBe(400);
  });
});
