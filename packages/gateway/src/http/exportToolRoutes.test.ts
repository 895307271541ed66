/**
 * The files for other tools through their routes (issue 56 item 5), over a real store holding
 * docs/exports.md's worked example: each route answers its file with its type and name, and the
 * file read back by its tool's documented rules moves every balance as the stored history does;
 * bad ranges are refused naming the parameter; ids are masked under --mask; a long history
 * streams within the export bounds and holds the account's export slot; several accounts each
 * get their own file.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { EXPORTS, type FillItem } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleFill, sampleHealth } from "../../../contract/test/items.js";
import { balanceChanges, EXAMPLE_MARKETS } from "../../test/exportExample.js";
import { type ExampleStore, openExampleStore } from "../../test/exportKit.js";
import {
  checkGhostfolioActivities,
  ghostfolioHoldings,
  readCoinTracking,
  readGhostfolio,
  readKoinly,
  readRotki,
} from "../../test/exportReaders.js";
import { fillEvent } from "../../test/storeEvents.js";
import { TopicHub } from "../fanout/topicHub.js";
import { PriceBook } from "../figures/index.js";
import { standaloneKeeper } from "../figures/keeper.js";
import { createMetrics } from "../metrics.js";
import type { GatewayStore } from "../store/index.js";
import { AccountDirectory, type AccountEntry } from "./accountDirectory.js";
import { buildApp } from "./app.js";
import { createFieldMask } from "./fieldMask.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";
import { storeQueries } from "./queries/storeQueries.js";
import { MAX_UNKNOWN_SYMBOLS_NAMED, UNKNOWN_SYMBOLS_HEADER } from "./routes/exportToTool.js";

const examples: ExampleStore[] = [];
let app: FastifyInstance;
const open: IncomingMessage[] = [];
afterEach(async () => {
  for (const response of open.splice(0)) response.destroy();
  await app?.close();
  for (const example of examples.splice(0)) example.close();
  vi.restoreAllMocks();
});

const path = (name: "rotkiTrades" | "rotkiEvents" | "koinly" | "coinTracking" | "ghostfolio") => EXPORTS[name].path;

/** The example in a real store, and its queries as the collector makes them (the symbol list from the price book). */
function account(mask: Parameters<typeof createFieldMask>[0] = []): { store: GatewayStore; queries: GatewayQueries } {
  const example = openExampleStore();
  examples.push(example);
  const book = new PriceBook();
  book.setMarkets(
    Object.entries(EXAMPLE_MARKETS).map(([symbol, { base, quote }]) => ({
      symbol,
      baseAsset: base,
      quoteAsset: quote,
    })),
  );
  return {
    store: example.store,
    queries: storeQueries(example.store, standaloneKeeper(example.store, book), book, createFieldMask(mask)),
  };
}

function start(queries: GatewayQueries, accounts?: AccountDirectory): FastifyInstance {
  app = buildApp({
    queries,
    accounts,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return app;
}

const get = (url: string) => app.inject({ method: "GET", url });

describe("the files for other tools, served", () => {
  it("each route answers its file, read back by its tool's rules to the stored history's balances", async () => {
    start(account().queries);
    const files = {
      rotkiTrades: ["text/csv; charset=utf-8", "mexc-live-rotki-trades.csv"],
      rotkiEvents: ["text/csv; charset=utf-8", "mexc-live-rotki-events.csv"],
      koinly: ["text/csv; charset=utf-8", "mexc-live-koinly.csv"],
      coinTracking: ["text/csv; charset=utf-8", "mexc-live-cointracking.csv"],
      ghostfolio: ["application/json; charset=utf-8", "mexc-live-ghostfolio.json"],
    } as const;
    const bodies: Record<string, string> = {};
    for (const [name, [type, filename]] of Object.entries(files)) {
      const response = await get(path(name as keyof typeof files));
      expect(response.statusCode, name).toBe(200);
      expect(response.headers["content-type"], name).toBe(type);
      expect(response.headers["content-disposition"], name).toBe(`attachment; filename="${filename}"`);
      expect(response.headers["cache-control"], name).toBe("no-store");
      expect(response.headers[UNKNOWN_SYMBOLS_HEADER.toLowerCase()], name).toBeUndefined();
      bodies[name] = response.body;
    }
    const all = balanceChanges();
    expect(readRotki(bodies.rotkiTrades as string, bodies.rotkiEvents as string)).toEqual(all);
    expect(readKoinly(bodies.koinly as string)).toEqual(all);
    expect(readCoinTracking(bodies.coinTracking as string)).toEqual(all);
    const ghostfolio = readGhostfolio(bodies.ghostfolio as string);
    checkGhostfolioActivities(ghostfolio);
    // Ghostfolio holds the fills of the dollar-stablecoin pairs, nothing else.
    const usdPairs = balanceChanges({ symbols: ["BTCUSDT", "ETHUSDT"], movements: false });
    expect(ghostfolioHoldings(ghostfolio)).toEqual(
      new Map([
        ["BTC", usdPairs.get("BTC")],
        ["ETH", usdPairs.get("ETH")],
      ]),
    );
  });

  it("keeps to from and to, ends inclusive, and refuses a bad range or another parameter naming it", async () => {
    start(account().queries);
    // 10:00 to 12:00 of the example: the first three fills, no movement.
    const from = Date.UTC(2025, 2, 3, 10);
    const to = Date.UTC(2025, 2, 3, 12);
    const ranged = readKoinly((await get(`${path("koinly")}?from=${from}&to=${to}`)).body);
    expect(ranged).toEqual(new Map([...balanceChanges({ symbols: ["BTCUSDT", "ETHUSDT"], movements: false })]));
    const iso = await get(`${path("coinTracking")}?from=2025-03-03T10:00:00Z&to=2025-03-03T12:00:00Z`);
    expect(readCoinTracking(iso.body)).toEqual(ranged);
    for (const [query, field] of [
      ["from=soon", "from"],
      [`from=${to}&to=${from}`, "to"],
      ["symbol=BTCUSDT", "symbol"],
    ]) {
      const refused = await get(`${path("rotkiEvents")}?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().message, query).toMatch(new RegExp(`^${field}: `));
    }
  });

  it("names the pairs it cannot place in a header, at most MAX_UNKNOWN_SYMBOLS_NAMED, and leaves their fills out", async () => {
    const { store, queries } = account();
    start(queries);
    // Pairs nothing can split into base and quote (a pair missing from the list but ending in USDT is placed).
    const unknown = Array.from({ length: MAX_UNKNOWN_SYMBOLS_NAMED + 3 }, (_, n) => `GONE${n}TRY`);
    for (const [n, symbol] of unknown.entries()) {
      store.upsertFill(fillEvent({ symbol, tradeId: `gone-${n}`, timestamp: Date.UTC(2025, 3, 1) + n }));
    }
    const response = await get(path("koinly"));
    expect(response.statusCode).toBe(200);
    const named = [...unknown].sort().slice(0, MAX_UNKNOWN_SYMBOLS_NAMED);
    expect(response.headers[UNKNOWN_SYMBOLS_HEADER.toLowerCase()]).toBe(`${named.join(",")},+3 more`);
    expect(response.body).not.toContain("gone-");
    expect(readKoinly(response.body)).toEqual(balanceChanges());
  });

  it("with --mask, holds no raw trade or order id", async () => {
    start(account(["tradeId", "orderId"]).queries);
    for (const name of ["rotkiTrades", "koinly", "coinTracking", "ghostfolio"] as const) {
      const { statusCode, body } = await get(path(name));
      expect(statusCode, name).toBe(200);
      expect(body, name).not.toContain("741000000000000001");
      expect(body, name).toMatch(/trade masked-[0-9a-f]{12}/);
    }
  });

  it("gives the named account's file, the default account's without a name, each file named by its account", async () => {
    const main = account();
    const sub = account();
    // sub1 bought something main did not.
    sub.store.upsertFill(
      fillEvent({
        symbol: "BTCUSDT",
        tradeId: "sub-only",
        quantity: "1",
        amount: "90000",
        timestamp: Date.UTC(2025, 4, 1),
      }),
    );
    const entry = (name: string, queries: GatewayQueries, topicAccount?: string): AccountEntry => ({
      name,
      mode: "live",
      topicAccount,
      queries,
      writes: undefined,
      alerts: undefined,
      health: () => sampleHealth(),
      equity: () => null,
    });
    const entries = [entry("main", main.queries), entry("sub1", sub.queries, "sub1")];
    start(main.queries, new AccountDirectory(() => entries));
    const named = await get(`${path("koinly")}?account=sub1`);
    expect(named.headers["content-disposition"]).toBe('attachment; filename="mexc-live-sub1-koinly.csv"');
    expect(named.body).toContain("trade sub-only");
    const unnamed = await get(path("koinly"));
    expect(unnamed.headers["content-disposition"]).toBe('attachment; filename="mexc-live-main-koinly.csv"');
    expect(unnamed.body).not.toContain("sub-only");
    expect(readKoinly(unnamed.body)).toEqual(balanceChanges());
    expect((await get(`${path("koinly")}?account=nobody`)).statusCode).toBe(404);
  });
});

describe("a long history, streamed", () => {
  /** More fills than every buffer between the gateway and a client holds (~150 bytes a Koinly line). */
  const LONG = 1_000_000;

  /** The store's fills made as read: `LONG` of them, counting those read; `closed` settles when the walk is closed. */
  function longHistory(store: GatewayStore) {
    let close = () => {};
    const walk = { read: 0, closed: new Promise<void>((resolve) => (close = resolve)) };
    vi.spyOn(store, "fillHistory").mockImplementation(function* () {
      try {
        for (let n = 0; n < LONG; n++) {
          walk.read++;
          const fill: FillItem = sampleFill(n);
          yield { ...fill, feePairValue: fill.fee, amountValue: fill.amount };
        }
      } finally {
        close();
      }
    });
    return walk;
  }

  async function listen(): Promise<number> {
    await app.listen({ host: "127.0.0.1", port: 0 });
    return (app.server.address() as AddressInfo).port;
  }

  /** A GET whose body is not read (the client stops reading): resolves at the response's head. */
  function getPaused(port: number, url: string): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const request = httpRequest({ host: "127.0.0.1", port, path: url }, (response) => {
        response.pause();
        open.push(response);
        resolve(response);
      });
      request.on("error", reject);
      request.end();
    });
  }

  /** Lets the event loop turn until `read()` has not moved for 2,000 turns (the buffers are full), at most `turns`. */
  async function settled(read: () => number, turns = 1_000_000): Promise<number> {
    let still = 0;
    let before = read();
    for (let n = 0; n < turns && still < 2_000; n++) {
      await new Promise((resolve) => setImmediate(resolve));
      still = read() === before ? still + 1 : 0;
      before = read();
    }
    return before;
  }

  it("reads a bounded part of it for a client that stops reading, holds the slot meanwhile, and ends the walk when the client goes away", async () => {
    const { store, queries } = account();
    const walk = longHistory(store);
    start(queries);
    const port = await listen();
    const response = await getPaused(port, path("koinly"));
    expect(response.statusCode).toBe(200);
    const read = await settled(() => walk.read);
    expect(read).toBeGreaterThan(0);
    // Whatever the socket buffers hold, far from the million rows there are.
    expect(read).toBeLessThan(LONG / 10);
    // One export per account at a time: another file of this account waits for this one.
    for (const url of [path("ghostfolio"), EXPORTS.fills.path]) {
      const second = await get(url);
      expect(second.statusCode, url).toBe(409);
      expect(second.json().error, url).toBe("EXPORT_RUNNING");
    }
    response.destroy();
    await walk.closed;
    // The slot is given back: the account's next export runs (over the example alone).
    vi.mocked(store.fillHistory).mockRestore();
    expect(readKoinly((await get(path("koinly"))).body)).toEqual(balanceChanges());
  });
});
