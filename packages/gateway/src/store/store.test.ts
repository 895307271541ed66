import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BATCH_FILLS, writeBatch } from "../../test/crashWriter.js";
import { balanceEvent, fillEvent, orderEvent } from "../../test/storeEvents.js";
import { MIGRATIONS } from "./migrations.js";
import { openStore } from "./store.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mexc-live-store-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the store file", () => {
  it("opens in WAL mode with synchronous=NORMAL, creating its directory", () => {
    const path = join(dir, "data", "nested", "gateway.sqlite");
    const store = openStore({ path });
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    const again = openStore({ path });
    // synchronous is per connection: 1 = NORMAL.
    expect((again as unknown as { db: Database.Database }).db.pragma("synchronous", { simple: true })).toBe(1);
    again.close();
  });

  it("values again, once, the fills an older version left valued null (migration 16)", () => {
    const path = join(dir, "gateway.sqlite");
    const store = openStore({ path });
    const valued = { feeValue: "0.01", feePairValue: "0.01", amountValue: "20" };
    store.upsertFill(fillEvent({ tradeId: "priced" }), valued);
    store.upsertFill(fillEvent({ tradeId: "fee-unpriced" }), { ...valued, feeValue: null, feePairValue: null });
    store.upsertFill(fillEvent({ tradeId: "unpriced" }), { feeValue: null, feePairValue: null, amountValue: null });
    expect(store.pendingValuationCount()).toBe(0);
    store.close();
    const old = new Database(path);
    old.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    old.close();

    const again = openStore({ path });
    expect(again.pendingValuations(10).map((fill) => fill.tradeId)).toEqual(["fee-unpriced", "unpriced"]);
    again.close();
    // Once: a fill valued null again (no candle prices it) is not marked at the next start.
    const raw = new Database(path);
    raw.prepare("UPDATE fills SET valuation_pending = 0").run();
    raw.close();
    const third = openStore({ path });
    expect(third.pendingValuationCount()).toBe(0);
    third.close();
  });

  it("reopens after close with everything it held, and replays change nothing", () => {
    const path = join(dir, "gateway.sqlite");
    const first = openStore({ path });
    first.upsertFill(fillEvent(), "0.01");
    first.upsertOrder(orderEvent({ status: "FILLED", cumulativeQuantity: "0.0002" }));
    first.applyBalance(balanceEvent());
    first.addEquitySnapshot({ time: 5, equity: "1000", byAsset: { USDT: "1000" } });
    const counts = first.counts();
    first.close();
    first.close(); // idempotent

    const second = openStore({ path });
    expect(second.counts()).toEqual(counts);
    expect(second.upsertFill(fillEvent({ source: "rest" }), "0.01")).toBe(false);
    expect(second.upsertOrder(orderEvent({ source: "rest" }))).toBe(false);
    expect(second.applyBalance(balanceEvent())).toBe(false);
    expect(second.counts()).toEqual(counts);
    expect(second.fills().items[0]?.feeValue).toBe("0.01");
    second.close();
  });

  it("stores a batch whole or not at all", () => {
    const store = openStore({ path: ":memory:" });
    expect(() =>
      store.batch(() => {
        store.upsertFill(fillEvent({ tradeId: "1" }), null);
        store.applyBalance(balanceEvent());
        store.upsertFill(fillEvent({ tradeId: "2", price: "bad" }), null);
      }),
    ).toThrow(/price/);
    expect(store.counts()).toMatchObject({ fills: 0, balances: 0, balanceChanges: 0 });
    store.close();
  });

  it("survives kill -9 mid-write: no partial batch, and the file reopens", async () => {
    const path = join(dir, "crash.sqlite");
    const fixture = fileURLToPath(new URL("../../test/crashWriter.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", fixture, path], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer not ready: ${stderr}`)), 20_000);
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", () => reject(new Error(`writer exited early: ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const store = openStore({ path });
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const counts = store.counts();
    expect(counts.fills).toBeGreaterThanOrEqual(BATCH_FILLS);
    expect(counts.fills % BATCH_FILLS).toBe(0);
    const batches = counts.fills / BATCH_FILLS;
    expect(counts).toMatchObject({ orders: batches, orderHistory: batches, balanceChanges: batches });
    const perBatch = db
      .prepare("SELECT COUNT(*) AS n FROM fills GROUP BY time HAVING n != ?")
      .all(BATCH_FILLS) as unknown[];
    expect(perBatch).toEqual([]);
    expect(store.balance("USDT")?.free).toBe(String(batches - 1));

    // The restarted writer replays from the start: nothing is duplicated, the rest is added.
    for (let i = 0; i < batches + 2; i++) writeBatch(store, i);
    expect(store.counts().fills).toBe((batches + 2) * BATCH_FILLS);
    store.close();
  }, 30_000);
});
