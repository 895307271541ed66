import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { minuteCandles } from "../../test/candles.js";
import { ECB_ZIP_FIXTURE } from "../../test/ecbRates.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { importHistory } from "../ingest/imports/importHistory.js";
import { importText } from "../ingest/imports/importRates.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { storeQueries } from "./queries/storeQueries.js";

let app: FastifyInstance;
let store: GatewayStore;
let rebuild: () => void;
afterEach(async () => {
  await app?.close();
  store?.close();
});

const T = 1_736_417_034_000;
const MARKETS = [{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }];

/** The history routes over a real in-memory store, wired as the service wires them. */
function start(options: { writes?: boolean; masked?: boolean } = {}) {
  store = openStore({ path: ":memory:" });
  const book = new PriceBook();
  book.setMarkets(MARKETS);
  book.update("BTCUSDT", "95000", T);
  // BTC's market price, at any moment: 90000.
  const keeper = standaloneKeeper(store, book, "avg", minuteCandles({ BTCUSDT: () => "90000" }));
  // What the store holds now worked out again, openings included (balances changed).
  rebuild = () => void keeper.openingsChanged();
  app = buildApp({
    queries: storeQueries(store, keeper, book, createFieldMask(options.masked ? ["tradeId"] : [])),
    ...(options.writes === false
      ? {}
      : {
          writes: {
            setOpeningCost: (asset, cost) => {
              store.setOpeningCost(asset, cost);
              return keeper.openingsChanged();
            },
            importFile: async (body) => importHistory(store, await importText(body)),
          },
        }),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
}

const call = async (method: "GET" | "PUT", url: string, payload?: Record<string, unknown>) => {
  const response = await app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body, json: () => response.json() };
};

describe("GET /api/transfers", () => {
  it("pages deposits, withdrawals and transfers newest first, filtered by type and asset", async () => {
    start();
    store.upsertTransfer(transferEvent({ id: "d1", time: T }));
    store.upsertTransfer(
      transferEvent({ id: "w1", type: "withdrawal", direction: "out", amount: "99", fee: "1", time: T + 1000 }),
    );
    store.upsertTransfer(
      transferEvent({ id: "t1", type: "transfer", asset: "BTC", amount: "0.1", network: "FUTURES", time: T + 2000 }),
    );
    const all = await call("GET", "/api/transfers?limit=2");
    expect(all.status).toBe(200);
    expect(all.json().items.map((t: { id: string }) => t.id)).toEqual(["t1", "w1"]);
    const rest = await call("GET", `/api/transfers?limit=2&cursor=${all.json().nextCursor}`);
    expect(rest.json()).toEqual({
      items: [expect.objectContaining({ id: "d1", amount: "1000", status: "completed" })],
      nextCursor: null,
      total: 3,
    });
    expect((await call("GET", "/api/transfers?type=withdrawal")).json().items).toEqual([
      expect.objectContaining({ id: "w1", amount: "99", fee: "1", direction: "out" }),
    ]);
    expect((await call("GET", "/api/transfers?asset=btc")).json().items.map((t: { id: string }) => t.id)).toEqual([
      "t1",
    ]);
  });

  it("returns internal transfers and dust conversions with their types, and filters by them", async () => {
    start();
    store.upsertTransfer(
      transferEvent({ id: "i1", type: "internal_transfer", direction: "out", amount: "250", network: "MEXC", time: T }),
    );
    store.upsertTransfer(
      transferEvent({
        id: "c1",
        type: "conversion",
        direction: "out",
        asset: "SOL",
        amount: "0.3",
        network: "MX",
        time: T + 1,
      }),
    );
    store.upsertTransfer(
      transferEvent({
        id: "MX:c1",
        type: "conversion",
        direction: "in",
        asset: "MX",
        amount: "4.5",
        fee: "0.09",
        time: T + 1,
      }),
    );
    const all = (await call("GET", "/api/transfers")).json().items;
    expect(all.map((t: { id: string; type: string }) => [t.id, t.type]).sort()).toEqual([
      ["MX:c1", "conversion"],
      ["c1", "conversion"],
      ["i1", "internal_transfer"],
    ]);
    const conversions = (await call("GET", "/api/transfers?type=conversion")).json().items;
    expect(conversions.map((t: { asset: string; direction: string }) => `${t.direction} ${t.asset}`).sort()).toEqual([
      "in MX",
      "out SOL",
    ]);
    expect((await call("GET", "/api/transfers?type=internal_transfer")).json().items).toEqual([
      expect.objectContaining({ id: "i1", direction: "out", amount: "250" }),
    ]);
  });

  it("refuses a bad parameter with a 400 naming it", async () => {
    start();
    const bad = await call("GET", "/api/transfers?type=gift");
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/^type:/);
    expect((await call("GET", "/api/transfers?cursor=nope")).status).toBe(400);
  });

  it("exports every transfer as CSV", async () => {
    start();
    for (let i = 0; i < 1_203; i++) store.upsertTransfer(transferEvent({ id: `d${i}`, time: T + i }));
    const csv = await call("GET", "/api/export/transfers.csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "time,timeIso,type,id,direction,asset,amount,fee,network,status,rawStatus,txId,explorerUrl,withdrawOrderId,source",
    );
    expect(lines).toHaveLength(1 + 1_203);
    expect(new Set(lines.slice(1).map((line) => line.split(",")[3])).size).toBe(1_203);
  });
});

describe("GET /api/ledger", () => {
  it("explains each balance change and names its fill, with the id masked like the fill's", async () => {
    start({ masked: true });
    store.upsertFill(fillEvent({ tradeId: "t1", timestamp: T, fee: "0.0095", feeCurrency: "USDT" }));
    store.applyBalance(
      balanceEvent({ changeType: "ENTRUST", freeChange: "-9.395039", free: "990.604961", timestamp: T + 2 }),
    );
    store.applyBalance(
      balanceEvent({ changeType: "TRADE_FEE", freeChange: "-0.0095", free: "990.595461", timestamp: T + 3 }),
    );
    const page = (await call("GET", "/api/ledger")).json();
    expect(page.items.map((e: { type: string; change: string }) => [e.type, e.change])).toEqual([
      ["trade_fee", "-0.0095"],
      ["trade", "-9.395039"],
    ]);
    const fills = (await call("GET", "/api/fills")).json();
    expect(page.items[0].ref).toEqual({ kind: "fill", id: fills.items[0].tradeId });
    expect(page.items[0].ref.id).not.toBe("t1");
    expect((await call("GET", "/api/ledger?type=trade_fee")).json().items).toHaveLength(1);
    expect((await call("GET", "/api/ledger?type=lottery")).status).toBe(400);
    const csv = await call("GET", "/api/export/ledger.csv?type=trade");
    expect(csv.body.trim().split("\r\n")).toHaveLength(2);
  });
});

describe("opening positions", () => {
  it("counts BTC held before the history at its market price when the history starts, then at the cost the user gives", async () => {
    start();
    // 0.5 BTC held now; the known history bought 0.2 of it: 0.3 was there before.
    store.upsertFill(
      fillEvent({
        tradeId: "t1",
        side: "BUY",
        price: "90000",
        quantity: "0.2",
        amount: "18000",
        fee: "0",
        feeCurrency: "USDT",
        timestamp: T,
      }),
    );
    store.applyBalance(balanceEvent({ asset: "BTC", free: "0.5", freeChange: "0.2", timestamp: T + 1 }));
    store.applyBalance(balanceEvent({ asset: "USDT", free: "2000", freeChange: "-18000", timestamp: T + 2 }));
    rebuild();
    const first = (await call("GET", "/api/opening-positions")).json().items;
    expect(first).toEqual([
      expect.objectContaining({
        asset: "BTC",
        quantity: "0.3",
        costPrice: "90000",
        source: "market_price",
        quote: "USDT",
      }),
    ]);
    const pnl = (await call("GET", "/api/pnl")).json();
    expect(pnl.items ?? pnl).toEqual(
      expect.arrayContaining([expect.objectContaining({ symbol: "BTCUSDT", position: "0.5", averageCost: "90000" })]),
    );

    const set = await call("PUT", "/api/opening-positions/btc", { costPrice: "60000" });
    expect(set.status).toBe(200);
    expect(set.json().items[0]).toMatchObject({ asset: "BTC", costPrice: "60000", source: "user" });
    const after = (await call("GET", "/api/pnl")).json();
    // (0.3 x 60000 + 18000) / 0.5 = 72000
    expect(after.items ?? after).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          symbol: "BTCUSDT",
          averageCost: "72000",
          opening: { quantity: "0.3", costPrice: "60000", source: "user" },
        }),
      ]),
    );
    expect((await call("PUT", "/api/opening-positions/BTC", { costPrice: "-5" })).status).toBe(400);
    expect((await call("PUT", "/api/opening-positions/BTC", { costPrice: null })).json().items[0].source).toBe(
      "market_price",
    );
  });

  it("says a web instance cannot change what the collector keeps", async () => {
    start({ writes: false });
    const refused = await call("PUT", "/api/opening-positions/BTC", { costPrice: "1" });
    expect(refused.status).toBe(503);
    expect(refused.json().error).toBe("NOT_ON_WEB_INSTANCE");
  });
});

describe("POST /api/import", () => {
  const TRADES = [
    "UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
    "12345678,BTC_USDT,2025-10-02 08:00:01,Buy,61000.5,0.01,610.005,0.61000500USDT,Taker",
    "12345678,BTCUSDT,2025-10-03 09:30:00,Sell,62000,0.005,310,0.31USDT,Maker",
  ].join("\r\n");
  const post = (body: string) =>
    app.inject({
      method: "POST",
      url: "/api/import?name=trades.csv",
      headers: { "content-type": "text/csv" },
      payload: body,
    });

  it("imports MEXC's trade export once, and the fills appear in /api/fills", async () => {
    start();
    const first = await post(TRADES);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ format: "trades", rows: 2, added: 2, duplicates: 0 });
    expect((await post(TRADES)).json()).toEqual({ format: "trades", rows: 2, added: 0, duplicates: 2 });
    const fills = (await call("GET", "/api/fills")).json().items;
    expect(fills.map((f: { side: string; price: string; source: string }) => [f.side, f.price, f.source])).toEqual([
      ["SELL", "62000", "import"],
      ["BUY", "61000.5", "import"],
    ]);
  });

  it("refuses a file with a bad row, naming its line, and imports nothing", async () => {
    start();
    const broken = `${TRADES}\r\n12345678,BTC_USDT,yesterday,Buy,1,1,1,0USDT,Taker\r\n12345678,BTC_USDT,2025-10-04 00:00:00,Hold,1,1,1,0USDT,Taker`;
    const refused = await post(broken);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().problems).toEqual([
      { line: 4, message: expect.stringMatching(/^Time: "yesterday"/) },
      { line: 5, message: expect.stringMatching(/^Side: "Hold"/) },
    ]);
    expect((await call("GET", "/api/fills")).json().items).toEqual([]);
  });

  it("refuses a date that does not exist or is older than any exchange, naming the line (it answered 500)", async () => {
    start();
    const dates = `${TRADES}\r\n12345678,BTC_USDT,0001-01-01 00:00:00,Buy,1,1,1,0USDT,Taker\r\n12345678,BTC_USDT,2026-13-45 10:00:00,Buy,1,1,1,0USDT,Taker`;
    const refused = await post(dates);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().problems).toEqual([
      { line: 4, message: 'Time: "0001-01-01 00:00:00" is before 2010, older than any MEXC history' },
      { line: 5, message: 'Time: "2026-13-45 10:00:00" is not a date and time that exists' },
    ]);
    expect((await call("GET", "/api/fills")).json().items).toEqual([]);
  });

  it("refuses a zip sent as text (its bytes damaged), saying how to send it", async () => {
    start();
    const zipped = await app.inject({
      method: "POST",
      url: "/api/import?name=eurofxref-hist.zip",
      headers: { "content-type": "text/csv" },
      payload: readFileSync(ECB_ZIP_FIXTURE),
    });
    expect(zipped.statusCode).toBe(400);
    expect(zipped.json().message).toMatch(/zip archive sent as text.*Content-Type: application\/zip/);
  });

  it("refuses what is not a MEXC export, and a web instance", async () => {
    start();
    const other = await post("date,amount\r\n2025-01-01,5");
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toMatch(/not a MEXC export/);
    await app.close();
    start({ writes: false });
    expect((await post(TRADES)).statusCode).toBe(503);
  });
});
