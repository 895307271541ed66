import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { Figures, PriceBook, taxRows } from "../derive/index.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createFieldMask } from "../ingest/fieldMask.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { storeQueries } from "./queries/storeQueries.js";
import { EXPORT_ROWS_PER_SLICE } from "./routes/exportStream.js";

/** Enough fills for several slices of every export. */
const FILLS = EXPORT_ROWS_PER_SLICE * 3 + 7;
const T = Date.UTC(2025, 0, 1);

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
function start(maskFields: ("tradeId" | "orderId" | "clientOrderId")[] = []) {
  store = openStore({ path: ":memory:" });
  store.batch(() => {
    for (let n = 0; n < FILLS; n++) {
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
  const figures = new Figures(book);
  figures.replay(store.fillHistory());
  app = buildApp({
    queries: storeQueries(store, figures, book, createFieldMask(maskFields)),
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
    const expected = taxRows({ fills: store.fillHistory(), openings: [], book, method: "fifo", year: 2025 });
    expect(expected.length).toBeGreaterThan(EXPORT_ROWS_PER_SLICE);
    const { status, body } = await get("/api/export/tax.csv?year=2025&method=fifo");
    expect(status).toBe(200);
    const lines = body.split("\r\n").filter((line) => line !== "");
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines[0]).toMatch(/^date,time,symbol,/);
    expect(lines.slice(1).map((line) => line.split(",").at(-1))).toEqual(expected.map((row) => row.tradeId));
    expect(lines[1]?.split(",")[7]).toBe(expected[0]?.gain);
  });

  it("tax.csv of a year without fills answers its header without walking the history", async () => {
    start();
    const walk = vi.spyOn(store, "figuresHistoryUpTo");
    const { status, body } = await get("/api/export/tax.csv?year=2031");
    expect(status).toBe(200);
    expect(body.split("\r\n").filter((line) => line !== "")).toHaveLength(1);
    expect(walk).not.toHaveBeenCalled();
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
    expect(tax.split(",").at(-1)).toMatch(/^masked-[0-9a-f]{12}$/);
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
