import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

let sim: SimulatorParts;
beforeAll(() => {
  sim = testSimulator();
});
afterAll(() => sim.close());

const get = async (url: string) => {
  const response = await sim.app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json() };
};
const DECIMAL = /^\d+(\.\d+)?$/;
/** What an unsigned read sees: every pair but the Assessment Zone ones (docs/mexc/undocumented.md#fills-and-keys item 11.29). */
const publicSymbols = () => [...sim.exchange.symbols.values()].filter((config) => !config.assessmentZone);

describe("general endpoints", () => {
  it("GET /api/v3/ping answers {}", async () => {
    expect(await get("/api/v3/ping")).toEqual({ status: 200, body: {} });
  });

  it("GET /api/v3/time answers the server time in ms", async () => {
    const before = Date.now();
    const { body } = await get("/api/v3/time");
    expect(Object.keys(body)).toEqual(["serverTime"]);
    expect(body.serverTime).toBeGreaterThanOrEqual(before);
    expect(body.serverTime).toBeLessThanOrEqual(Date.now());
  });

  it("GET /api/v3/exchangeInfo lists every public symbol with MEXC's fields", async () => {
    const { body } = await get("/api/v3/exchangeInfo");
    expect(body).toMatchObject({ timezone: "CST", rateLimits: [], exchangeFilters: [] });
    expect(body.symbols.map((entry: { symbol: string }) => entry.symbol)).toEqual(
      publicSymbols().map((config) => config.symbol),
    );
    expect(body.symbols[0]).toEqual({
      symbol: "BTCUSDT",
      status: "1",
      baseAsset: "BTC",
      baseAssetPrecision: 6,
      quoteAsset: "USDT",
      quotePrecision: 2,
      quoteAssetPrecision: 2,
      baseCommissionPrecision: 6,
      quoteCommissionPrecision: 2,
      orderTypes: ["LIMIT", "MARKET", "LIMIT_MAKER"],
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      quoteAmountPrecision: "1",
      baseSizePrecision: "0.000001",
      permissions: ["SPOT"],
      filters: [{ filterType: "PERCENT_PRICE_BY_SIDE", bidMultiplierUp: "5", askMultiplierDown: "0.2" }],
      maxQuoteAmount: "2000000",
      makerCommission: "0",
      takerCommission: "0.0005",
      quoteAmountPrecisionMarket: "1",
      maxQuoteAmountMarket: "100000",
      fullName: "Bitcoin",
      tradeSideType: 1,
      contractAddress: "",
      st: false,
    });
  });

  it("filters exchangeInfo by symbol or symbols, and shows the API-disabled pair as not tradable", async () => {
    const one = await get("/api/v3/exchangeInfo?symbol=FROPUSDT");
    expect(one.body.symbols).toHaveLength(1);
    expect(one.body.symbols[0]).toMatchObject({ symbol: "FROPUSDT", status: "1", isSpotTradingAllowed: false });
    const two = await get("/api/v3/exchangeInfo?symbols=ETHUSDT,MXUSDT");
    expect(two.body.symbols.map((entry: { symbol: string }) => entry.symbol)).toEqual(["ETHUSDT", "MXUSDT"]);
    expect(await get("/api/v3/exchangeInfo?symbol=NOPEUSDT")).toEqual({
      status: 400,
      body: { code: -1121, msg: "Invalid symbol." },
    });
  });

  it("GET /api/v3/defaultSymbols lists the API-tradable symbols in MEXC's envelope", async () => {
    const { body } = await get("/api/v3/defaultSymbols");
    expect(body.code).toBe(200);
    expect(body.msg).toBeNull();
    expect(body.data).toContain("BTCUSDT");
    expect(body.data).not.toContain("FROPUSDT");
  });

  it("GET /api/v1/contract/detail answers an empty contract list", async () => {
    expect(await get("/api/v1/contract/detail")).toEqual({ status: 200, body: { success: true, code: 0, data: [] } });
  });

  it("answers an unknown route with 404 and MEXC's error JSON", async () => {
    expect(await get("/api/v3/nothing")).toEqual({ status: 404, body: { code: 404, msg: "Not Found" } });
  });
});

describe("market data", () => {
  it("GET /api/v3/depth: lastUpdateId on the depth version counter, padded levels, best first", async () => {
    sim.exchange.placeOrder({
      account: "docs",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "1000",
      quantity: "0.01",
    });
    const { body } = await get("/api/v3/depth?symbol=BTCUSDT&limit=5");
    expect(Object.keys(body)).toEqual(["lastUpdateId", "bids", "asks", "timestamp"]);
    expect(body.lastUpdateId).toBe(sim.exchange.depthVersion("BTCUSDT"));
    expect(body.lastUpdateId).toBeGreaterThan(0);
    expect(body.bids).toHaveLength(5);
    expect(body.asks).toHaveLength(5);
    for (const [price, quantity] of [...body.bids, ...body.asks]) {
      expect(price).toMatch(/^\d+\.\d{2}$/);
      expect(quantity).toMatch(/^\d+\.\d{6}$/);
    }
    const bidPrices = body.bids.map(([price]: string[]) => Number(price));
    const askPrices = body.asks.map(([price]: string[]) => Number(price));
    expect(bidPrices).toEqual([...bidPrices].sort((a, b) => b - a));
    expect(askPrices).toEqual([...askPrices].sort((a, b) => a - b));
    expect(bidPrices[0]).toBeLessThan(askPrices[0]);
  });

  it("GET /api/v3/depth defaults to 100 levels per side at most and caps limit at 5000", async () => {
    const byDefault = await get("/api/v3/depth?symbol=BTCUSDT");
    expect(byDefault.body.bids.length).toBeLessThanOrEqual(100);
    expect((await get("/api/v3/depth?symbol=BTCUSDT&limit=9999")).status).toBe(200);
    expect((await get("/api/v3/depth?symbol=BTCUSDT&limit=abc")).body).toMatchObject({ code: 33333 });
    expect((await get("/api/v3/depth")).body).toEqual({ code: 44444, msg: "symbol cannot be null" });
    expect((await get("/api/v3/depth?symbol=btcusdt")).body).toEqual({ code: -1121, msg: "Invalid symbol." });
  });

  it("GET /api/v3/trades lists public trades with MEXC's fields", async () => {
    sim.exchange.placeOrder({ account: "docs", symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001" });
    const { body } = await get("/api/v3/trades?symbol=BTCUSDT&limit=3");
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThanOrEqual(3);
    const trade = body.at(-1);
    expect(Object.keys(trade)).toEqual([
      "id",
      "price",
      "qty",
      "quoteQty",
      "time",
      "isBuyerMaker",
      "isBestMatch",
      "tradeType",
    ]);
    expect(trade).toMatchObject({ id: null, isBuyerMaker: false, isBestMatch: true, tradeType: "BID" });
    expect(trade.price).toMatch(DECIMAL);
    expect(Number(trade.quoteQty)).toBeCloseTo(Number(trade.price) * Number(trade.qty), 6);
  });

  it("GET /api/v3/klines maps REST intervals and answers 8-element rows", async () => {
    const { body } = await get("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3");
    expect(body).toHaveLength(3);
    for (const row of body) {
      expect(row).toHaveLength(8);
      const [openTime, open, high, low, close, volume, closeTime, amount] = row;
      expect(closeTime - openTime).toBe(60_000);
      for (const value of [open, high, low, close, volume, amount]) expect(value).toMatch(DECIMAL);
      expect(Number(high)).toBeGreaterThanOrEqual(Number(low));
    }
    const hourly = await get("/api/v3/klines?symbol=BTCUSDT&interval=60m&limit=1");
    expect(hourly.body[0][6] - hourly.body[0][0]).toBe(3_600_000);
    expect((await get("/api/v3/klines?symbol=BTCUSDT&interval=1h")).body).toMatchObject({ code: 33333 });
  });

  it("GET /api/v3/klines refuses 8h, which MEXC's REST does not offer (WebSocket Hour8 only, docs/mexc/undocumented.md#market-data item 11.10)", async () => {
    expect((await get("/api/v3/klines?symbol=BTCUSDT&interval=8h")).body).toMatchObject({ code: 33333 });
  });

  it("GET /api/v3/ticker/price: one object with symbol, an array for all", async () => {
    const one = await get("/api/v3/ticker/price?symbol=ETHUSDT");
    expect(Object.keys(one.body)).toEqual(["symbol", "price"]);
    expect(one.body.price).toMatch(DECIMAL);
    const all = await get("/api/v3/ticker/price");
    expect(all.body).toHaveLength(publicSymbols().length);
  });

  it("GET /api/v3/ticker/bookTicker answers the best bid and ask", async () => {
    const { body } = await get("/api/v3/ticker/bookTicker?symbol=BTCUSDT");
    const best = sim.exchange.bestBidAsk("BTCUSDT")!;
    expect(body).toEqual({ symbol: "BTCUSDT", ...best });
    expect((await get("/api/v3/ticker/bookTicker")).body).toHaveLength(publicSymbols().length);
  });

  it("GET /api/v3/ticker/24hr answers MEXC's 24 h statistics", async () => {
    const { body } = await get("/api/v3/ticker/24hr?symbol=SOLUSDT");
    expect(Object.keys(body).sort()).toEqual(
      [
        "symbol",
        "priceChange",
        "priceChangePercent",
        "prevClosePrice",
        "lastPrice",
        "bidPrice",
        "bidQty",
        "askPrice",
        "askQty",
        "openPrice",
        "highPrice",
        "lowPrice",
        "volume",
        "quoteVolume",
        "openTime",
        "closeTime",
        "count",
      ].sort(),
    );
    expect(body.symbol).toBe("SOLUSDT");
    expect((await get("/api/v3/ticker/24hr")).body).toHaveLength(publicSymbols().length);
  });
});
