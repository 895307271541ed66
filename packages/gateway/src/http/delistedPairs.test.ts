/**
 * A pair MEXC delisted (issue 56 item 1): its fills, imported from MEXC's export or stored while it
 * was listed, are in every figure (PnL by asset, the journal, the tax report) whatever today's
 * symbol list says, across a restart; a pair nothing can split is named with its reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAY_MS } from "@mexc-live/protocol";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { minuteCandles } from "../../test/candles.js";
import { balanceEvent, fillEvent } from "../../test/storeEvents.js";
import { marketAssets } from "../exports/exportHistory.js";
import { PriceBook } from "../figures/index.js";
import { type FiguresKeeper, standaloneKeeper } from "../figures/keeper.js";
import type { CandleSource } from "../figures/pastPrices.js";
import { importHistory } from "../ingest/imports/importHistory.js";
import { createMetrics } from "../metrics.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import { storeQueries } from "./queries/storeQueries.js";

/** AZC/USDT, disabled in MEXC's December 2024 notice, traded in 2025 as MEXC's trade export has it. */
const AZC_EXPORT = [
  "UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
  "11122233,AZC_USDT,2025-03-01 10:00:00,Sell,0.8,1000,800,0.8USDT,Taker",
  "11122233,AZC_USDT,2025-02-01 10:00:00,Buy,0.5,1000,500,0USDT,Taker",
].join("\r\n");

let dir: string | undefined;
let open: { app: FastifyInstance; store: GatewayStore; keeper: FiguresKeeper } | undefined;
afterEach(async () => {
  await shut();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function shut(): Promise<void> {
  if (open === undefined) return;
  await open.app.close();
  open.keeper.close();
  open.store.close();
  open = undefined;
}

/** The gateway on the account's database, MEXC's symbol list today being `symbols` (BTCUSDT's alone by default). */
async function start(symbols = [{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }], candles?: CandleSource) {
  dir ??= mkdtempSync(join(tmpdir(), "delisted-"));
  const store = openStore({ path: join(dir, "account.db") });
  const book = new PriceBook();
  book.setMarkets(symbols);
  const keeper = standaloneKeeper(store, book, "avg", candles);
  const app = buildApp({
    queries: storeQueries(store, keeper, book, createFieldMask([])),
    hub: new (await import("../fanout/topicHub.js")).TopicHub(),
    health: () => ({ ...sampleHealth(), figures: { updating: [], unplaced: keeper.unplaced() } }),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  open = { app, store, keeper };
  return open;
}

/** The import as the gateway runs it (startAccount.ts importFile): held, stored, then taken in. */
async function importFile(text: string) {
  const { store, keeper } = open!;
  const release = keeper.hold();
  let added = 0;
  try {
    ({ added } = await importHistory(store, text, { marketOf: marketAssets(keeper.pairs) }));
  } finally {
    release();
  }
  if (added > 0) {
    keeper.stored();
    await keeper.request();
  }
  await keeper.placeNewlyKnown();
}

async function get(path: string) {
  const reply = await open!.app.inject({ method: "GET", url: path });
  expect(reply.statusCode, path).toBe(200);
  return reply;
}

/** The year's tax file as lines, its header and the blank line before its end left out. */
async function taxLines(year = 2025): Promise<string[]> {
  return (await get(`/api/export/tax.csv?year=${year}`)).body
    .trim()
    .split("\r\n")
    .slice(1)
    .filter((line) => line !== "");
}

/** What every figure says of the AZC sale: PnL by asset, performance, the journal's trip, the tax file, Koinly's file. */
async function azcEverywhere() {
  const byAsset = (await get("/api/pnl?by=asset")).json().items as { asset: string; realized: string }[];
  const trips = (await get("/api/journal/trips")).json().items as { symbol: string; realized: string }[];
  const range = `from=${Date.UTC(2025, 0, 1)}&to=${Date.UTC(2025, 11, 31)}`;
  const performance = (await get(`/api/performance?${range}`)).json() as {
    byAsset: { asset: string; realized: string; fees: string }[];
  };
  return {
    byAsset: byAsset.filter((item) => item.asset === "AZC").map((item) => [item.asset, item.realized]),
    performance: performance.byAsset.filter((part) => part.asset === "AZC").map((part) => [part.realized, part.fees]),
    trips: trips.map((trip) => [trip.symbol, trip.realized]),
    tax: await taxLines(),
    koinly: (await get("/api/export/koinly.csv")).body.split("\r\n").filter((line) => line.includes("AZC")),
  };
}

const AZC_FIGURES = {
  // The file for Koinly (and the other tools'): the sale is a trade of AZC for USDT.
  koinly: [
    expect.stringMatching(/^2025-02-01 10:00:00 UTC,500,USDT,1000,AZC,/),
    expect.stringMatching(/^2025-03-01 10:00:00 UTC,1000,AZC,800,USDT,0.8,USDT,/),
  ],
  // Bought 1,000 AZC for 500 USDT, sold them for 800 less a fee of 0.8 USDT.
  byAsset: [["AZC", "300"]],
  // The fee, paid in USDT, is a fee of USDT by asset.
  performance: [["300", "0"]],
  trips: [["AZCUSDT", "299.2"]],
  tax: [
    expect.stringMatching(
      /^2025-03-01,2025-03-01T10:00:00.000Z,AZCUSDT,AZC,1000,800,500,300,USDT,0.8,USDT,800,500,300,USDT,avg,import:[0-9a-f]{24},sell,0,2025-02-01,2025-02-01,1000,0$/,
    ),
    "# Totals of the 2025 disposals per term (long: lots held more than 365 days; short: the rest and what was sold before it was held)",
    "term,proceeds,costBasis,gain,currency",
    "short,800,500,300,USDT",
    "long,0,0,0,USDT",
    "# 1 disposal rows (one per disposal) and 0 withdrawal or transfer rows in 2025; cost basis by avg; amounts in USDT",
    "# history from 2025-02-01 (the first fill known); older history can be imported (docs/imports.md)",
  ],
};

describe("a pair MEXC no longer lists", () => {
  it("imported from MEXC's export (AZC_USDT), is in PnL by asset, the journal, the tax report and the files for other tools, and stays after a restart", async () => {
    await start();
    open!.store.applyBalance(
      balanceEvent({ asset: "USDT", free: "299.2", source: "rest", timestamp: Date.UTC(2025, 5) }),
    );
    await importFile(AZC_EXPORT);
    expect(await azcEverywhere()).toEqual(AZC_FIGURES);

    // A restart: the figures from their checkpoint, today's symbol list still without AZCUSDT.
    await shut();
    await start();
    expect(await azcEverywhere()).toEqual(AZC_FIGURES);
    expect((await get("/api/health")).json().figures.unplaced).toEqual([]);
  });

  it("keeps the split it learnt from the symbol list, or from an export, when a later list has not the pair", async () => {
    // ABCTRY: a quote asset no rule of spelling knows; listed at first, its fills stored then.
    await start([
      { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
      { symbol: "ABCTRY", baseAsset: "ABC", quoteAsset: "TRY" },
    ]);
    const at = Date.UTC(2025, 3, 1);
    open!.store.upsertFill(fill("abc-buy", "ABCTRY", "BUY", at), null);
    open!.store.upsertFill(fill("abc-sell", "ABCTRY", "SELL", at + 86_400_000), null);
    expect((await taxLines()).filter((line) => line.includes(",ABCTRY,ABC,"))).toHaveLength(1);
    // DEF_TRY named by an export, never listed.
    await importFile(
      [
        "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
        "DEF_TRY,2025-05-01 10:00:00,Sell,2,10,20,0TRY,Maker",
      ].join("\n"),
    );

    await shut();
    await start();
    const tax = await taxLines();
    expect(
      tax.filter((line) => /,(ABCTRY,ABC|DEFTRY,DEF),/.test(line)).map((line) => line.split(",").slice(2, 5)),
    ).toEqual([
      ["ABCTRY", "ABC", "1"],
      ["DEFTRY", "DEF", "10"],
    ]);
    expect(tax.some((line) => line.startsWith("# left out"))).toBe(false);
  });

  it("places, at the next start, a pair left out whose assets `mexc-live import` named while the gateway was stopped", async () => {
    await start();
    const at = Date.UTC(2025, 3, 1);
    // Valued live as a pair with no known assets is (figures/fees.ts valueFill): its USDT fee alone.
    const live = { feeValue: "0.1", feePairValue: null, amountValue: null };
    open!.store.upsertFill({ ...fill("j1", "JKLTRY", "BUY", at), fee: "0.1", feeCurrency: "USDT" }, live);
    open!.store.upsertFill({ ...fill("j2", "JKLTRY", "SELL", at + 1_000), fee: "0.1", feeCurrency: "USDT" }, live);
    // Later days: the models' checkpoints stand after those fills, so a restart resumes past them.
    for (let day = 1; day <= 3; day++)
      open!.store.upsertFill(fill(`b${day}`, "BTCUSDT", "BUY", at + day * DAY_MS), null);
    await open!.keeper.ready();
    expect((await get("/api/health")).json().figures.unplaced).toMatchObject([{ symbol: "JKLTRY", fills: 2 }]);
    expect(open!.keeper.headTotals().has("JKL")).toBe(false);
    await shut();
    // The command's import: the store alone, no figures running.
    const offline = openStore({ path: join(dir!, "account.db") });
    await importHistory(
      offline,
      [
        "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
        "JKL_TRY,2025-04-01 00:00:01,Sell,1,1,1,0TRY,Taker",
      ].join("\n"),
    );
    offline.close();
    await start();
    await open!.keeper.ready();
    expect((await get("/api/health")).json().figures.unplaced).toEqual([]);
    expect((await taxLines()).filter((line) => line.includes(",JKLTRY,JKL,1,"))).toHaveLength(1);
    // The figures by asset hold its fills: JKL and TRY moved (held before the history as much as they moved).
    expect([...open!.keeper.headTotals().keys()].filter((asset) => asset === "JKL" || asset === "TRY")).toEqual([
      "JKL",
      "TRY",
    ]);
  });

  it("values again the fills a version before this one valued with no pair known (a fee in MX)", async () => {
    dir = mkdtempSync(join(tmpdir(), "delisted-"));
    const before = openStore({ path: join(dir, "account.db") });
    const at = Date.UTC(2025, 3, 1);
    // As stored before: no amount value, no fee value (valueFillAt without a market).
    before.upsertFill(
      { ...fill("azc-mx", "AZCUSDT", "SELL", at), fee: "1", feeCurrency: "MX" },
      { feeValue: null, feePairValue: null, amountValue: null },
    );
    before.close();
    await start(
      [
        { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
        { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
      ],
      minuteCandles({ MXUSDT: () => "2" }),
    );
    await open!.keeper.ready();
    const [item] = (await get("/api/fills")).json().items as { feeValue: string | null; amountValue?: string }[];
    expect(item?.feeValue).toBe("2");
    expect((await get("/api/fees")).json().totalValue).toBe("2");
  });

  it("names a pair nothing can split, with its reason, in the tax file and in health", async () => {
    await start();
    const at = Date.UTC(2025, 3, 1);
    open!.store.upsertFill(fill("x1", "GHITRY", "BUY", at), null);
    open!.store.upsertFill(fill("x2", "GHITRY", "SELL", at + 1_000), null);
    const reason =
      "not in MEXC's symbol list; never seen in it nor named by an import of MEXC's trade export (BASE_QUOTE); it ends in no known quote asset (USDT USDC USDE USD1 USDF BTC ETH EUR BRL)";
    expect((await taxLines()).at(-1)).toBe(
      `# left out: 2 fills of GHITRY: ${reason} (docs/troubleshooting.md#fills-left-out)`,
    );
    expect((await get("/api/health")).json().figures.unplaced).toEqual([{ symbol: "GHITRY", fills: 2, reason }]);

    // The export of those fills names both assets: nothing new is stored, the pair is placed.
    await importFile(
      [
        "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role",
        "GHI_TRY,2025-04-01 00:00:01,Sell,1,1,1,0TRY,Taker",
        "GHI_TRY,2025-04-01 00:00:00,Buy,1,1,1,0TRY,Taker",
      ].join("\n"),
    );
    const tax = await taxLines();
    expect(tax.filter((line) => line.includes(",GHITRY,GHI,1,"))).toHaveLength(1);
    expect(tax.some((line) => line.startsWith("# left out"))).toBe(false);
    expect((await get("/api/health")).json().figures.unplaced).toEqual([]);
  });
});

function fill(tradeId: string, symbol: string, side: "BUY" | "SELL", timestamp: number) {
  return fillEvent({
    tradeId,
    symbol,
    side,
    price: "1",
    quantity: "1",
    amount: "1",
    fee: "0",
    feeCurrency: "",
    timestamp,
    localTimestamp: timestamp,
    source: "rest",
  });
}
