import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAY_MS } from "@mexc-live/protocol";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { type GatewayStore, openStore } from "../store/index.js";
import { sumStoredFills } from "./fillSums.js";

const T0 = Date.UTC(2026, 5, 1);

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A store in a file of a temporary folder (another connection can write to it), and its path. */
type StoreTestOptions = Omit<Parameters<typeof openStore>[0], "path">;

function fileStore(name: string, options: StoreTestOptions = {}): { store: GatewayStore; path: string } {
  dir ??= mkdtempSync(join(tmpdir(), "mexc-live-sums-"));
  const path = join(dir, name);
  return { store: openStore({ ...options, path }), path };
}

function storeFill(
  store: GatewayStore,
  n: number,
  time: number,
  overrides: Partial<Parameters<typeof fillEvent>[0]> = {},
) {
  store.upsertFill(
    fillEvent({
      tradeId: `t${n}`,
      symbol: n % 3 === 0 ? "ETHUSDT" : "BTCUSDT",
      side: n % 2 === 0 ? "BUY" : "SELL",
      quantity: `0.${n}`,
      amount: `${n}.5`,
      fee: `0.00${n}`,
      feeCurrency: n % 4 === 0 ? "MX" : "USDT",
      timestamp: time,
      localTimestamp: time,
      ...overrides,
    }),
    "0",
  );
}

/** The sums as a fresh read of every fill gives them, and how many fills it read. */
async function summed(store: GatewayStore) {
  let read = 0;
  const result = await sumStoredFills(
    store,
    async (fills) => {
      read += fills;
      return false;
    },
    (sums) => ({ fills: sums.fills, first: sums.first }),
  );
  return { result, read };
}

describe("each pair's sums of every fill, summed by the store as it stores them", () => {
  it("reads none of the fills a store summed as it stored them, and gives what summing every fill gives", async () => {
    const store = openStore({ path: ":memory:" });
    for (let n = 1; n <= 20; n++) storeFill(store, n, T0 + n * DAY_MS);
    store.batch(() => {
      for (let n = 21; n <= 40; n++) storeFill(store, n, T0 + n * DAY_MS);
      // Stored again: changes nothing, and is not summed twice.
      storeFill(store, 7, T0 + 7 * DAY_MS);
    });
    storeFill(store, 41, T0 - DAY_MS);
    const kept = await summed(store);
    expect(kept.read).toBe(0);
    expect(kept.result?.first).toBe(T0 - DAY_MS);

    // The same fills, the sums read from every fill (kept text that does not parse).
    const opened = fileStore("fresh.db");
    for (let n = 1; n <= 41; n++) storeFill(opened.store, n, n === 41 ? T0 - DAY_MS : T0 + n * DAY_MS);
    const fresh = spoiled(opened.store, opened.path);
    const whole = await summed(fresh);
    expect(whole.read).toBe(41);
    expect(kept.result).toEqual(whole.result);
    expect(sumsOf(store)).toEqual(sumsOf(fresh));
    fresh.close();
    store.close();
  });

  it("reads the fills after a write that rolled back, then sums as it stores again", async () => {
    const store = openStore({ path: ":memory:" });
    // A thousand fills: the sums are written to the table.
    const kept = Array.from({ length: 1_000 }, (_, n) => n + 1);
    for (const n of kept) storeFill(store, n, T0 + n * 60_000);
    const failed = new Error("the window failed");
    expect(() =>
      store.batch(() => {
        storeFill(store, 1_001, T0 + 1_001 * 60_000);
        throw failed;
      }),
    ).toThrow(failed);
    // Nothing of the rolled-back fill is summed; the next fill is read, not summed as stored.
    storeFill(store, 1_002, T0 + 1_002 * 60_000);
    expect((await summed(store)).read).toBe(1);
    storeFill(store, 1_003, T0 + 1_003 * 60_000);
    expect((await summed(store)).read).toBe(0);

    const fresh = openStore({ path: ":memory:" });
    for (const n of [...kept, 1_002, 1_003]) storeFill(fresh, n, T0 + n * 60_000);
    expect(sumsOf(store)).toEqual(sumsOf(fresh));
    fresh.close();
    store.close();
  });

  it("sums a database of before once (no sums kept), then keeps summing as it stores", async () => {
    const { store: before, path } = fileStore("gateway.db");
    for (let n = 1; n <= 30; n++) storeFill(before, n, T0 + n * DAY_MS);
    before.close();
    const raw = new Database(path);
    raw.prepare("DELETE FROM fill_sums").run();
    raw.close();
    const store = openStore({ path });
    storeFill(store, 31, T0 + 31 * DAY_MS);
    expect((await summed(store)).read).toBe(31);
    storeFill(store, 32, T0 + 32 * DAY_MS);
    expect((await summed(store)).read).toBe(0);
    store.close();
    // Kept across a restart.
    const again = openStore({ path });
    storeFill(again, 33, T0 + 33 * DAY_MS);
    expect((await summed(again)).read).toBe(0);
    again.close();
  });

  it("writes its sums to the table every thousand fills and at close, not at each live fill", async () => {
    const { store, path } = fileStore("gateway.db");
    for (let n = 1; n < 1_000; n++) storeFill(store, n, T0 + n * 60_000);
    expect(savedRow(path)?.fills ?? 0).toBe(0);
    storeFill(store, 1_000, T0 + 1_000 * 60_000);
    expect(savedRow(path)).toEqual({ up_to_row: 1_000, fills: 1_000 });
    storeFill(store, 1_001, T0 + 1_001 * 60_000);
    expect((await summed(store)).read).toBe(0);
    expect(savedRow(path)?.fills).toBe(1_000);
    // The files as a crash would leave them now: the table a fill behind.
    const crashed = `${path}.crashed`;
    copyFileSync(path, crashed);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${crashed}-wal`);
    const whole = sumsOf(store);
    store.close();
    expect(savedRow(path)).toEqual({ up_to_row: 1_001, fills: 1_001 });
    const again = openStore({ path: crashed });
    expect((await summed(again)).read).toBe(1);
    expect(sumsOf(again)).toEqual(whole);
    again.close();
  });

  it("sums every fill again once retention deleted fills the sums hold", async () => {
    const store = openStore({ path: ":memory:", retention: { fillsDays: 30 } });
    for (let n = 1; n <= 42; n++) storeFill(store, n, T0 + n * DAY_MS);
    expect((await summed(store)).read).toBe(0);
    const deleted = (await store.applyRetention(T0 + 40 * DAY_MS)).fills;
    expect(deleted).toBeGreaterThan(0);
    // A fill stored after the deletion is not summed onto sums that no longer stand.
    storeFill(store, 43, T0 + 43 * DAY_MS);
    expect((await summed(store)).read).toBe(43 - deleted);
    expect((await summed(store)).read).toBe(0);
    store.close();
  });

  it("keeps no sums when fills are deleted while it reads (retention between two chunks)", async () => {
    const opened = fileStore("gateway.db", { retention: { fillsDays: 30 } });
    for (let n = 1; n <= 40; n++) storeFill(opened.store, n, T0 + n * DAY_MS);
    const store = spoiled(opened.store, opened.path, { retention: { fillsDays: 30 } });
    let deleted = 0;
    await sumStoredFills(
      store,
      async () => {
        deleted += (await store.applyRetention(T0 + 40 * DAY_MS)).fills;
        return false;
      },
      (sums) => sums,
    );
    expect(deleted).toBeGreaterThan(0);
    expect(store.fillSums.kept()).toBeUndefined();
    const next = await summed(store);
    expect(next.read).toBe(40 - deleted);
    store.close();
  });
});

/**
 * The store closed, its kept sums made text that does not parse (through a connection of its
 * own), and opened again: every fill is summed again.
 */
function spoiled(store: GatewayStore, path: string, options: StoreTestOptions = {}): GatewayStore {
  store.close();
  const raw = new Database(path);
  raw.prepare("UPDATE fill_sums SET sums = '{not json'").run();
  raw.close();
  return openStore({ ...options, path });
}

/** The sums row as the table holds it. */
function savedRow(path: string): { up_to_row: number; fills: number } | undefined {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare("SELECT up_to_row, fills FROM fill_sums").get() as { up_to_row: number; fills: number };
  } finally {
    raw.close();
  }
}

/** The store's kept sums, as numbers' text. */
function sumsOf(store: GatewayStore) {
  const kept = store.fillSums.kept();
  if (kept === undefined) throw new Error("no sums kept");
  return {
    fills: kept.fills,
    first: kept.first,
    pairs: [...kept.pairs].map(([symbol, pair]) => [symbol, { ...pair, fees: [...pair.fees] }]),
  };
}
