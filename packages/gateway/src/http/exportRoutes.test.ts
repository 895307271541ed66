import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook, type TaxLine, taxRows } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { storeQueries } from "./queries/storeQueries.js";
import { EXPORT_ROWS_PER_SLICE } from "./routes/exportStream.js";

/** Enough fills for several slices of every export. */
const FILLS = EXPORT_ROWS_PER_SLICE * 3 + 7;
const T = Date.UTC(2025, 0, 1);
/** The tax file's closing lines: the totals' heading, their columns, short, long; the counts; the history. */
const TAX_CLOSING_LINES = 6;

let app: FastifyInstance;
let store: GatewayStore;
afterEach(async () => {
  await app?.close();
  store?.close();
});

const tradeId = (n: number) => `T${String(n).padStart(6, "0")}`;
const orderId = (n: number) => `C02__${String(n).padStart(9, "0")}`;
const clientOrderId = (n: number) => `bot_${n}`;

/** A buy then a sell, over and over, through 2025 (every sell is a disposal of the tax year). */
function start(maskFields: ("tradeId" | "orderId" | "clientOrderId")[] = [], fills = FILLS) {
  store = openStore({ path: ":memory:" });
  store.batch(() => {
    for (let n = 0; n < fills; n++) {
      store.upsertFill(
        fillEvent({
          tradeId: tradeId(n),
          orderId: orderId(n),
          clientOrderId: clientOrderId(n),
          side: n % 2 === 0 ? "BUY" : "SELL",
          price: n % 2 === 0 ? "90000" : "91000.5",
          amount: n % 2 === 0 ? "9" : "9.10005",
          feeCurrency: "USDT",
          timestamp: T + n * 60_000,
        }),
      );
    }
  });
  store.applyBalance(balanceEvent({ timestamp: T + 60_000, changeType: "ENTRUST" }));
  store.upsertTransfer(transferEvent({ time: T + 1 }));
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  const keeper = standaloneKeeper(store, book);
  app = buildApp({
    queries: storeQueries(store, keeper, book, createFieldMask(maskFields)),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return { book };
}

const get = async (url: string) => {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, body: response.body };
};

describe("CSV exports over the real store", () => {
  it("tax.csv walked in slices is the report made in one go, line for line", async () => {
    const { book } = start();
    const portfolio = standaloneKeeper(store, book).queries;
    const { events } = await portfolio.history({ to: Date.UTC(2026, 0, 1) - 1, upToRow: store.fillsMark() });
    const expected = taxRows({ events, method: "fifo", year: 2025, quote: book.quote }).filter(
      (row): row is TaxLine => row.section !== "end",
    );
    expect(expected.length).toBeGreaterThan(EXPORT_ROWS_PER_SLICE);
    const { status, body } = await get("/api/export/tax.csv?year=2025&method=fifo");
    expect(status).toBe(200);
    const lines = body.split("\r\n").filter((line) => line !== "");
    const rows = lines.slice(1, -TAX_CLOSING_LINES);
    expect(rows).toHaveLength(expected.length);
    expect(lines[0]).toMatch(/^date,time,symbol,/);
    expect(rows.map((line) => line.split(",")[16])).toEqual(expected.map((row) => row.tradeId));
    expect(lines[1]?.split(",")[7]).toBe(expected[0]?.gain);
    expect(lines.slice(-2)).toEqual([
      `# ${expected.length} disposal rows (one per disposal) and 0 withdrawal or transfer rows in 2025; cost basis by fifo; amounts in USDT`,
      "# history from 2025-01-01 (the first fill known); older history can be imported (docs/imports.md)",
    ]);
  });

  it("tax.csv sells a deposited coin with its whole quantity, and lists a withdrawal apart, not as a gain", async () => {
    start();
    // 2 BTC deposited, 0.5 withdrawn, 1.2 sold on BTCUSDT, where nothing was bought.
    store.upsertTransfer(transferEvent({ id: "dep-btc", asset: "BTC", amount: "2", time: Date.UTC(2025, 5, 1) }));
    store.upsertTransfer(
      transferEvent({
        id: "wd-btc",
        type: "withdrawal",
        direction: "out",
        asset: "BTC",
        amount: "0.5",
        time: Date.UTC(2025, 5, 2),
      }),
    );
    store.upsertFill(
      fillEvent({
        tradeId: "sell-deposited",
        symbol: "BTCUSDT",
        side: "SELL",
        quantity: "1.2",
        price: "100000",
        amount: "120000",
        timestamp: Date.UTC(2025, 5, 3),
      }),
    );
    const { body } = await get("/api/export/tax.csv?year=2025&method=fifo");
    const lines = body.split("\r\n");
    const sold = lines.find((line) => line.includes(",sell-deposited,"))?.split(",");
    expect([sold?.[3], sold?.[4], sold?.[5], sold?.[17]]).toEqual(["BTC", "1.2", "120000", "sell"]);
    const heading = lines.indexOf(
      "# Withdrawals and transfers out of 2025 and movements in that covered coins sold before (not gains)",
    );
    expect(heading).toBeGreaterThan(lines.findIndex((line) => line.includes(",sell-deposited,")));
    const withdrawn = lines.findIndex((line) => line.includes(",withdrawal:wd-btc,"));
    expect(withdrawn).toBeGreaterThan(heading);
    expect(lines[withdrawn]?.split(",").slice(3, 5)).toEqual(["BTC", "0.5"]);
    expect(lines[withdrawn]?.split(",")[17]).toBe("withdrawal");
  });

  it("tax.csv by LIFO and HIFO too, each its own cost basis; another method is refused naming method", async () => {
    start([], 0);
    // What the account holds at the end: no BTC before the history, so no opening position.
    store.applyBalance(balanceEvent({ asset: "BTC", free: "1", source: "rest", timestamp: Date.UTC(2025, 5, 4) }));
    // 1 BTC deposited (no price known: no cost), 1 bought at 100,000, then 1 sold: LIFO and HIFO sell the bought one.
    store.upsertTransfer(transferEvent({ id: "dep-btc", asset: "BTC", amount: "1", time: Date.UTC(2025, 5, 1) }));
    const fill = (tradeId: string, side: "BUY" | "SELL", day: number) =>
      fillEvent({
        tradeId,
        symbol: "BTCUSDT",
        side,
        quantity: "1",
        price: "100000",
        amount: "100000",
        fee: "0",
        timestamp: Date.UTC(2025, 5, day),
      });
    store.upsertFill(fill("buy-1", "BUY", 2));
    store.upsertFill(fill("sell-1", "SELL", 3));
    const costOf = async (method: string) => {
      const { status, body } = await get(`/api/export/tax.csv?year=2025&method=${method}`);
      expect(status).toBe(200);
      const line = body
        .split("\r\n")
        .find((l) => l.includes(",sell-1,"))
        ?.split(",");
      return [line?.[6], line?.[15]];
    };
    expect(await costOf("lifo")).toEqual(["100000", "lifo"]);
    expect(await costOf("hifo")).toEqual(["100000", "hifo"]);
    // Average cost mixes in the deposited coin, carried at no known cost.
    expect((await costOf("avg"))[0]).not.toBe("100000");
    const refused = await get("/api/export/tax.csv?year=2025&method=lofi");
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("method");
  });

  it("tax.csv names at its end the pair it left out, one nothing can split into base and quote, with the reason", async () => {
    start([], 0);
    const sell = (tradeId: string, symbol: string) =>
      fillEvent({ tradeId, symbol, side: "SELL", quantity: "1", price: "2", amount: "2", fee: "0", timestamp: T });
    store.upsertFill(sell("known", "BTCUSDT"));
    // Missing from the symbol list, but split by its spelling: placed.
    store.upsertFill(sell("delisted", "GONEUSDT"));
    store.upsertFill(sell("unknown", "NOPETRY"));
    const { body } = await get("/api/export/tax.csv?year=2025");
    expect(body.trim().split("\r\n").slice(-2)).toEqual([
      "# history from 2025-01-01 (the first fill known); older history can be imported (docs/imports.md)",
      "# left out: 1 fill of NOPETRY: not in MEXC's symbol list; never seen in it nor named by an import of MEXC's trade export (BASE_QUOTE); it ends in no known quote asset (USDT USDC USDE USD1 USDF BTC ETH EUR BRL) (docs/troubleshooting.md#fills-left-out)",
    ]);
  });

  it("tax.csv of a year without fills answers its header and its closing line without walking the history", async () => {
    start();
    const scans = vi.spyOn(store, "fillHistory");
    const { status, body } = await get("/api/export/tax.csv?year=2031");
    expect(status).toBe(200);
    expect(body.split("\r\n").filter((line) => line !== "")).toEqual([
      expect.stringMatching(/^date,time,symbol,/),
      "# Totals of the 2031 disposals per term (long: lots held more than 365 days; short: the rest and what was sold before it was held)",
      "term,proceeds,costBasis,gain,currency",
      "short,0,0,0,USDT",
      "long,0,0,0,USDT",
      "# 0 disposal rows (one per disposal) and 0 withdrawal or transfer rows in 2031; cost basis by avg; amounts in USDT",
      "# history from 2025-01-01 (the first fill known); older history can be imported (docs/imports.md)",
    ]);
    // One read, of the first fill; a walk would read up to the year's end.
    expect(scans.mock.calls.every(([scan]) => scan?.to === undefined)).toBe(true);
  });

  it("with --mask, no CSV holds a raw trade, order or client order id (tax.csv included)", async () => {
    start(["tradeId", "orderId", "clientOrderId"]);
    const raw = [tradeId(1), orderId(1), clientOrderId(1), tradeId(FILLS - 1), orderId(FILLS - 1)];
    for (const url of [
      "/api/export/fills.csv",
      "/api/export/tax.csv?year=2025",
      "/api/export/ledger.csv",
      "/api/export/transfers.csv",
    ]) {
      const { status, body } = await get(url);
      expect(status, url).toBe(200);
      for (const id of raw) expect(body.includes(id), `${url} holds ${id}`).toBe(false);
    }
    const tax = (await get("/api/export/tax.csv?year=2025")).body.split("\r\n")[1] ?? "";
    expect(tax.split(",")[16]).toMatch(/^masked-[0-9a-f]{12}$/);
  });

  it("fills.csv keeps to its symbol and time range, ends inclusive", async () => {
    start();
    const lines = async (url: string) => (await get(url)).body.split("\r\n").filter((line) => line !== "");
    expect(await lines("/api/export/fills.csv?symbol=ETHUSDT")).toHaveLength(1);
    const ranged = await lines(`/api/export/fills.csv?symbol=BTCUSDT&from=${T + 60_000}&to=${T + 180_000}`);
    expect(ranged.slice(1).map((line) => line.split(",")[2])).toEqual([tradeId(1), tradeId(2), tradeId(3)]);
    expect(await lines(`/api/export/fills.csv?to=${T + 60_000}`)).toHaveLength(3);
  });

  it("fills.csv holds the fills stored when it began, none stored while it streams", async () => {
    start();
    await app.listen({ host: "127.0.0.1", port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/api/export/fills.csv" }, (response) => {
        // The export has begun (its head is here): a fill stored now, newest of all, is not in it.
        store.upsertFill(fillEvent({ tradeId: "LATE", timestamp: T + FILLS * 60_000 }));
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end();
    });
    const lines = body.split("\r\n").filter((line) => line !== "");
    expect(lines).toHaveLength(FILLS + 1);
    expect(body.includes("LATE")).toBe(false);
    expect((await get("/api/export/fills.csv")).body.includes("LATE")).toBe(true);
  });
});
