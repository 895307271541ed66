import type { ReadQuery } from "@mexc-live/contract/api";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleBalance, sampleFill, sampleHealth, sampleOrder, T0 } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import { buildApp } from "./app.js";
import type { AppSettings } from "./deps.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

let app: FastifyInstance;
afterEach(() => app?.close());

function start(queries: GatewayQueries = seeded(), settings: AppSettings = { requireToken: false }) {
  app = buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { webDist: "/nonexistent", ...settings },
  });
  return app;
}

/** Remembers the query each route passed on, to check how the route read its parameters. */
class RecordingQueries extends MemoryQueries {
  readonly lastQuery: { fills?: ReadQuery<"fills">; equity?: ReadQuery<"equity"> } = {};
  override fills(query: ReadQuery<"fills">) {
    this.lastQuery.fills = query;
    return super.fills(query);
  }
  override equity(query: ReadQuery<"equity">) {
    this.lastQuery.equity = query;
    return super.equity(query);
  }
}

function seeded(): RecordingQueries {
  return new RecordingQueries({
    balances: [sampleBalance("USDT", "1000.5", { value: "1000.5", price: "1" }), sampleBalance("BTC", "0.0103")],
    orders: [
      sampleOrder(1, { status: "FILLED", executedQuantity: "0.001" }),
      sampleOrder(2),
      sampleOrder(3, { symbol: "ETHUSDT", status: "PARTIALLY_FILLED" }),
    ],
    fills: [1, 2, 3, 4, 5].map((n) => sampleFill(n, n === 5 ? { symbol: "ETHUSDT" } : {})),
    equity: [0, 1, 2, 3].map((n) => ({
      time: T0 + n * 60_000,
      equity: `${1000 + n}`,
      byAsset: { USDT: `${1000 + n}` },
    })),
    fees: { quote: "USDT", byCurrency: { MX: "0.01" }, valueByCurrency: { MX: "0.025" }, totalValue: "0.025" },
    pnl: [
      { symbol: "BTCUSDT", realized: "1.5", unrealized: "-0.2", position: "0.001", averageCost: "97000" },
      { symbol: "ETHUSDT", realized: "0", unrealized: null, position: "0", averageCost: "0" },
    ],
    volume: [{ day: "2025-01-02", symbol: "BTCUSDT", quoteVolume: "49.95", value: "49.95", fills: 5 }],
  });
}

async function get(url: string) {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

describe("GET /api/health", () => {
  it("answers the Health of the contract", async () => {
    start();
    const { status, body } = await get("/api/health");
    expect(status).toBe(200);
    expect(body).toEqual(sampleHealth());
  });
});

describe("GET /api/balances", () => {
  it("lists balances as items with decimal strings", async () => {
    start();
    const { body } = await get("/api/balances");
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toEqual({
      asset: "USDT",
      free: "1000.5",
      locked: "0",
      value: "1000.5",
      price: "1",
      apiTradingDisabled: false,
    });
  });
});

describe("GET /api/orders", () => {
  it("lists all orders by default, open ones with status=open", async () => {
    start();
    expect((await get("/api/orders")).body.items).toHaveLength(3);
    const open = (await get("/api/orders?status=open")).body;
    expect(open.items.map((o: { status: string }) => o.status).sort()).toEqual(["NEW", "PARTIALLY_FILLED"]);
    expect(open.nextCursor).toBeNull();
  });

  it("counts an order in a status MEXC added later (UNKNOWN) as open, as the store and the dashboard do", async () => {
    start(
      new MemoryQueries({ orders: [sampleOrder(1, { status: "UNKNOWN" }), sampleOrder(2, { status: "CANCELED" })] }),
    );
    const open = (await get("/api/orders?status=open")).body;
    expect(open.items.map((o: { status: string }) => o.status)).toEqual(["UNKNOWN"]);
  });

  it("filters by symbol, accepting lower case", async () => {
    start();
    const { body } = await get("/api/orders?symbol=ethusdt");
    expect(body.items.map((o: { symbol: string }) => o.symbol)).toEqual(["ETHUSDT"]);
  });

  it("pages with nextCursor until it is null, each order once", async () => {
    start();
    const seen: string[] = [];
    let url = "/api/orders?limit=2";
    for (let i = 0; i < 5; i++) {
      const { body } = await get(url);
      seen.push(...body.items.map((o: { orderId: string }) => o.orderId));
      if (body.nextCursor === null) break;
      url = `/api/orders?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it("refuses a bad status naming the parameter", async () => {
    start();
    const { status, body } = await get("/api/orders?status=closed");
    expect(status).toBe(400);
    expect(body).toEqual({ error: "BAD_REQUEST", message: 'status: must be "open" or "all"' });
  });

  it("refuses a cursor the store did not issue, naming cursor", async () => {
    start();
    const { status, body } = await get("/api/orders?cursor=bogus");
    expect(status).toBe(400);
    expect(body.message).toMatch(/^cursor: /);
  });
});

describe("GET /api/fills", () => {
  it("pages fills newest first with the contract's fields", async () => {
    start();
    const { body } = await get("/api/fills?symbol=BTCUSDT&limit=3");
    expect(body.items.map((f: { tradeId: string }) => f.tradeId)).toEqual(["5044000004", "5044000003", "5044000002"]);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        "amount",
        "fee",
        "feeCurrency",
        "feeValue",
        "isMaker",
        "orderId",
        "price",
        "quantity",
        "side",
        "source",
        "symbol",
        "time",
        "tradeId",
      ].sort(),
    );
    expect(body.items[0].quantity).toBe("0.00010300");
    expect(typeof body.nextCursor).toBe("string");
  });

  it("passes from/to as ms, from numbers or ISO dates", async () => {
    const queries = seeded();
    start(queries);
    await get(`/api/fills?from=2025-01-02T00:00:02Z&to=${T0 + 3000}`);
    expect(queries.lastQuery.fills).toEqual({ from: T0 + 2000, to: T0 + 3000, limit: 100 });
  });

  it.each([
    ["limit=0", "limit: must be an integer from 1 to 1000"],
    ["limit=1001", "limit: must be an integer from 1 to 1000"],
    ["limit=ten", "limit: must be an integer from 1 to 1000"],
    ["from=yesterday", "from: must be ms since the epoch or an ISO date such as 2025-01-31"],
    ["from=2000&to=1000", "to: must not be before from"],
    ["symbol=BTC-USDT", "symbol: must be 2-20 letters or digits, such as BTCUSDT"],
    ["symbol=BTCUSDT&symbol=ETHUSDT", "symbol: must be given once"],
    ["symbl=BTCUSDT", "symbl: not a parameter of this route"],
  ])("refuses %s naming the parameter", async (query, message) => {
    start();
    const { status, body } = await get(`/api/fills?${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: "BAD_REQUEST", message });
  });
});

describe("GET /api/equity", () => {
  it("returns points and passes step as ms (2m -> 120000)", async () => {
    const queries = seeded();
    start(queries);
    const { body } = await get("/api/equity?step=2m");
    expect(queries.lastQuery.equity).toEqual({ step: 120_000 });
    expect(body.items).toEqual([
      { time: T0 + 60_000, equity: "1001", byAsset: { USDT: "1001" } },
      { time: T0 + 180_000, equity: "1003", byAsset: { USDT: "1003" } },
    ]);
  });

  it("refuses a step that is not a duration, naming step", async () => {
    start();
    const { status, body } = await get("/api/equity?step=often");
    expect(status).toBe(400);
    expect(body.message).toMatch(/^step: must be a duration/);
  });
});

describe("GET /api/fees, /api/pnl, /api/volume", () => {
  it("answers the fee summary", async () => {
    start();
    expect((await get("/api/fees")).body).toEqual({
      quote: "USDT",
      byCurrency: { MX: "0.01" },
      valueByCurrency: { MX: "0.025" },
      totalValue: "0.025",
    });
  });

  it("answers PnL per symbol, one symbol with ?symbol=", async () => {
    start();
    expect((await get("/api/pnl")).body.items).toHaveLength(2);
    expect((await get("/api/pnl?symbol=ETHUSDT")).body.items).toEqual([
      { symbol: "ETHUSDT", realized: "0", unrealized: null, position: "0", averageCost: "0" },
    ]);
  });

  it("answers volume per day and symbol", async () => {
    start();
    expect((await get("/api/volume?symbol=BTCUSDT")).body.items).toEqual([
      { day: "2025-01-02", symbol: "BTCUSDT", quoteVolume: "49.95", value: "49.95", fills: 5 },
    ]);
  });

  it("refuses parameters a route does not take", async () => {
    start();
    const { status, body } = await get("/api/fees?from=1");
    expect(status).toBe(400);
    expect(body.message).toBe("from: not a parameter of this route");
  });
});

describe("errors", () => {
  it("answers an unknown API route with a JSON 404", async () => {
    start();
    const { status, body } = await get("/api/nothing");
    expect(status).toBe(404);
    expect(body.error).toBe("NOT_FOUND");
  });

  it("hides what a failing query said (500 INTERNAL, no details)", async () => {
    const queries = seeded();
    queries.fees = () => {
      throw new Error("database at /home/trader/secret.db is locked");
    };
    start(queries);
    const { status, body } = await get("/api/fees");
    expect(status).toBe(500);
    expect(body).toEqual({ error: "INTERNAL", message: "internal error" });
  });

  it("refuses a body over the size limit with 413", async () => {
    start(seeded(), { requireToken: true, token: "t0ken" });
    const response = await app.inject({
      method: "POST",
      url: "/api/login",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ token: "x".repeat(10_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("GET /metrics", () => {
  it("serves Prometheus text with the gateway's metrics", async () => {
    start();
    const response = await app.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    for (const name of [
      "gateway_events_in_total",
      "gateway_events_out_total",
      "gateway_upstream_reconnects_total",
      "gateway_upstream_gaps_total",
      "gateway_reconciliations_total",
      "gateway_decode_errors_total",
      "gateway_clients",
      "gateway_end_to_end_lag_seconds",
    ]) {
      expect(response.body).toContain(`# TYPE ${name} `);
    }
  });
});
