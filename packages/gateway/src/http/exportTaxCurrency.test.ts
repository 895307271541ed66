/**
 * The tax report in the trader's currency (issue 56 item 2), through the route over a real store
 * and the ECB's rates: docs/figures.md's worked example by hand (a lot bought in 2025, sold on a
 * Saturday of 2026 at Friday's rate), the refusal of a year whose rates are missing, USD at par.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { ECB_LINES, ecbFile } from "../../test/ecbRates.js";
import { balanceEvent, fillEvent, transferEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { importRates } from "../ingest/imports/importRates.js";
import { createMetrics } from "../metrics.js";
import { ExchangeRateStore } from "../store/exchangeRates.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { USDT_AT_PAR_NOTE } from "../store/usdConversion.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { storeQueries } from "./queries/storeQueries.js";

const page = readFileSync(fileURLToPath(new URL("../../../../docs/figures.md", import.meta.url)), "utf8");

let app: FastifyInstance | undefined;
let store: GatewayStore | undefined;
let rates: ExchangeRateStore | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await app?.close();
  store?.close();
  rates?.close();
});

/** docs/figures.md's example: 2,000 USDT deposited on Monday 2025-12-22, 0.02 BTC bought on the 23rd, 0.015 sold on Saturday 2026-01-03. */
async function start(now: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(now));
  store = openStore({ path: ":memory:" });
  store.upsertTransfer(
    transferEvent({ id: "dep-usdt", asset: "USDT", amount: "2000", time: Date.UTC(2025, 11, 22, 10) }),
  );
  const fill = (tradeId: string, side: "BUY" | "SELL", quantity: string, amount: string, timestamp: number) =>
    fillEvent({ tradeId, symbol: "BTCUSDT", side, quantity, price: "90000", amount, fee: "0", timestamp });
  store.upsertFill(fill("buy-2025", "BUY", "0.02", "1800", Date.UTC(2025, 11, 23, 10)));
  store.upsertFill(fill("sell-saturday", "SELL", "0.015", "1350", Date.UTC(2026, 0, 3, 10)));
  // What the account holds after them (else the figures would take the difference to be held before the history).
  const held = (asset: string, free: string) =>
    balanceEvent({ asset, free, freeChange: "0", timestamp: Date.UTC(2026, 0, 3, 11) });
  store.applyBalance(held("USDT", "1550"));
  store.applyBalance(held("BTC", "0.005"));
  rates = new ExchangeRateStore(":memory:");
  await importRates(rates, ecbFile(ECB_LINES));
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  app = buildApp({
    queries: storeQueries(store, standaloneKeeper(store, book), book, createFieldMask([]), { rates }),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return app;
}

async function csv(url: string) {
  const response = await (app as FastifyInstance).inject({ method: "GET", url });
  const lines = response.body.split("\r\n").filter((line) => line !== "");
  const header = lines[0]?.split(",") ?? [];
  const row = (id: string) => {
    const cells = lines.find((line) => line.includes(`,${id},`))?.split(",") ?? [];
    return Object.fromEntries(header.map((name, at) => [name, cells[at]]));
  };
  return { status: response.statusCode, body: response.body, lines, row };
}

describe("the tax report in EUR: docs/figures.md's worked example", () => {
  it("sells on Saturday at Friday's rate, at the cost of a lot bought in 2025 at its day's rate", async () => {
    await start("2026-01-05T18:00:00Z");
    const { status, row, body } = await csv("/api/export/tax.csv?year=2026&method=fifo&currency=EUR&lots=split");
    expect(status).toBe(200);
    const sale = row("sell-saturday");
    expect(sale).toMatchObject({
      date: "2026-01-03",
      asset: "BTC",
      quantity: "0.015",
      currency: "EUR",
      quote: "USDT",
      acquired: "2025-12-23",
      heldDays: "11",
      term: "short",
    });
    // The digits the page works out by hand.
    expect(page).toContain(`proceeds                 1350 / 1.1721 = ${sale.proceeds} EUR`);
    expect(page).toContain(`cost basis               1527.235703376887833022 × 0.015 / 0.02 = ${sale.costBasis}`);
    expect(page).toContain(`gain                     ${sale.proceeds} - ${sale.costBasis} = ${sale.gain}`);
    expect([sale.proceeds, sale.costBasis, sale.gain]).toEqual([
      "1151.778858459175838239",
      "1145.426777532665874766",
      "6.352080926509963473",
    ]);
    // The file says what it counts in, and that USDT is taken at par with USD.
    expect(body).toContain(`# ${USDT_AT_PAR_NOTE}`);
    expect(body).toContain("short,1151.778858459175838239,1145.426777532665874766,6.352080926509963473,EUR");
  });

  it("2025's report: the USDT spent on the lot, bought at another rate, realizes the difference", async () => {
    await start("2026-01-05T18:00:00Z");
    const spend = (await csv("/api/export/tax.csv?year=2025&method=fifo&currency=EUR")).row("buy-2025");
    expect(spend).toMatchObject({ kind: "spend", asset: "USDT", quantity: "1800" });
    expect(page).toContain(
      `(2025's report: a spend of 1,800 USDT, proceeds ${spend.proceeds},\n                     cost 1702.852277564921244 × 1800 / 2000 = ${spend.costBasis}, gain ${spend.gain})`,
    );
  });

  it("refuses a year whose rates are missing, naming the days; another currency unknown, naming it", async () => {
    await start("2026-04-13T18:00:00Z");
    // The rates held: to 2026-01-05 (lent to the 15th), then from 2026-04-09.
    const refused = await csv("/api/export/tax.csv?year=2026&currency=EUR");
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).message).toMatch(/^currency: no EUR rate for 2026-01-16 to 2026-04-08 \(83 days/);
    const unknown = await csv("/api/export/tax.csv?year=2026&currency=XYZ");
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).message).toMatch(/^currency: no rates for XYZ/);
    const bad = await csv("/api/export/tax.csv?year=2026&currency=EURO");
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("currency");
  });

  it("USD needs no rates: the amounts of USDT, at par, said so", async () => {
    await start("2026-04-13T18:00:00Z");
    const usdt = (await csv("/api/export/tax.csv?year=2026")).row("sell-saturday");
    const usd = await csv("/api/export/tax.csv?year=2026&currency=USD");
    expect(usd.row("sell-saturday")).toEqual({ ...usdt, currency: "USD" });
    expect(usd.body).toContain(`# ${USDT_AT_PAR_NOTE}`);
  });
});
