/**
 * Every read of the API table from one account's read models (ACCOUNT_READS, served by the
 * store's queries), and what noHistory says an account with no history answers: a web instance's
 * mirror gives those for the figures it does not hold, so they must be what the read models give
 * for a store with nothing in it.
 */
import { ACCOUNT_READ_NAMES, type AccountReadName } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { afterEach, describe, expect, it } from "vitest";
import { createFieldMask } from "../http/fieldMask.js";
import { askRead } from "../http/queries/gatewayQueries.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { storeQueries } from "../http/queries/storeQueries.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { noHistory } from "./accountReads.js";
import { standaloneKeeper } from "./keeper.js";
import { PriceBook } from "./priceBook.js";

const T = Date.UTC(2026, 0, 1);
/** A query each read takes, with its range fixed (a range left open ends at the moment of the read). */
const QUERIES: { readonly [K in AccountReadName]: ReadQuery<K> } = {
  equity: { from: T, to: T + 86_400_000 },
  fees: {},
  feeDays: { tz: "UTC" },
  pnl: {},
  assetPnl: {},
  pnlPeriods: { period: "day", from: T, to: T + 3 * 86_400_000 - 1 },
  realized: {},
  performance: { from: T, to: T + 86_400_000 },
  moneyWeighted: { from: T, to: T + 86_400_000 },
  volume: {},
  journalTrips: { limit: 50 },
  journal: { from: T, to: T + 86_400_000 },
  holdingTimes: {},
  orders: { status: "all", limit: 50 },
  fills: { limit: 50 },
  transfers: { limit: 50 },
  ledger: { limit: 50 },
  openingPositions: {},
  balances: {},
  precisions: {},
  alertRules: {},
  alertDeliveries: { limit: 50 },
};

let store: GatewayStore | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe("one account's reads of the API table", () => {
  it.each(ACCOUNT_READ_NAMES)("%s: a store with no history answers what noHistory says", async (name) => {
    store = openStore({ path: ":memory:" });
    const book = new PriceBook();
    const queries = storeQueries(store, standaloneKeeper(store, book), book, createFieldMask([]));
    const query = QUERIES[name] as ReadQuery<typeof name>;
    const none = noHistory(name, query, book.quote);
    const answer = await askRead(queries, name, query);
    expect(answer).toEqual(none);
  });

  it.each(ACCOUNT_READ_NAMES)("%s: a web instance's mirror holding nothing answers as noHistory says", async (name) => {
    const memory = new MemoryQueries({
      fees: { quote: "EUR", byCurrency: {}, valueByCurrency: {}, totalValue: "0" },
    });
    const query = QUERIES[name] as ReadQuery<typeof name>;
    const answer = await askRead(memory, name, query);
    const none = noHistory(name, query, "EUR");
    expect(answer).toEqual(none);
  });

  it("a mirror holding a fee summary gives its fee series the summary's total, as the collector's series ends at it", async () => {
    const fees = { quote: "USDT", byCurrency: { USDT: "1.5" }, valueByCurrency: { USDT: "1.5" }, totalValue: "1.5" };
    const memory = new MemoryQueries({ fees });
    expect((await askRead(memory, "feeDays", {})).total).toBe((await askRead(memory, "fees", {})).totalValue);
  });
});
