import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fillEvent } from "../../test/storeEvents.js";
import { openDatabase } from "./database.js";
import { FillsTable } from "./fills.js";
import { AHEAD, AHEAD_CHUNK, type FillChunks, fillsAhead, MAX_AHEAD_WORKERS } from "./fillsAhead.js";
import { type GatewayStore, openStore } from "./index.js";

const T0 = Date.UTC(2026, 0, 1);
const FILLS = 3 * AHEAD_CHUNK + 123;

/** FILLS fills, three to a millisecond (the same time: trade ids order them), stored out of time order. */
function fill(store: GatewayStore): void {
  const order = Array.from({ length: FILLS }, (_, i) => (i * 7919) % FILLS);
  for (const i of order) {
    const time = T0 + Math.floor(i / 3) * 1000;
    store.upsertFill(
      fillEvent({
        tradeId: `t${String(i).padStart(6, "0")}`,
        side: i % 2 === 0 ? "BUY" : "SELL",
        timestamp: time,
        localTimestamp: time,
      }),
      "0.01",
    );
  }
}

async function all(chunks: FillChunks) {
  const rows = [];
  for (let chunk = await chunks.next(); chunk !== undefined; chunk = await chunks.next()) rows.push(...chunk);
  chunks.close();
  return rows;
}

describe("the fills read ahead on a worker thread", () => {
  let dir: string;
  let store: GatewayStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-ahead-"));
    store = openStore({ path: join(dir, "account.db") });
    fill(store);
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are the figures' scan, row for row, within its bounds (a time, a rowid mark, a start)", async () => {
    const whole = [...store.figuresHistoryUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)];
    expect(whole).toHaveLength(FILLS);
    let fellBack = "";
    expect(
      await all(
        store.figuresChunksUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, undefined, (why) => (fellBack = why)),
      ),
    ).toEqual(whole);
    expect(fellBack).toBe("");
    const mark = store.fillsMark() - 500;
    const to = T0 + 400_000;
    const from = T0 + 90_000;
    expect(await all(store.figuresChunksUpTo(to, mark, from))).toEqual([...store.figuresHistoryUpTo(to, mark, from)]);
  });

  it("hold at most AHEAD chunks the walk has not taken, and stop when closed early", async () => {
    const chunks = store.figuresChunksUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const first = await chunks.next();
    expect(first).toHaveLength(AHEAD_CHUNK);
    await expect.poll(() => chunks.waiting, { timeout: 5_000 }).toBeGreaterThan(0);
    const most = chunks.waiting;
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(AHEAD);
    chunks.close();
    expect(await chunks.next()).toBeUndefined();
  });

  it("run on at most MAX_AHEAD_WORKERS workers at once: past them on the store's own connection", async () => {
    const whole = [...store.figuresHistoryUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)];
    const open = () => store.figuresChunksUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const walks = Array.from({ length: MAX_AHEAD_WORKERS + 1 }, open);
    // A worker reads ahead unasked; the store's own connection reads only what is asked for.
    const readingAhead = () => walks.filter((walk) => walk.waiting > 0).length;
    await expect.poll(readingAhead, { timeout: 5_000 }).toBeGreaterThanOrEqual(MAX_AHEAD_WORKERS);
    const ahead = walks.map((walk) => walk.waiting);
    expect(ahead.map((n) => n > 0)).toEqual([...Array(MAX_AHEAD_WORKERS).fill(true), false]);
    for (const walk of walks) expect(await all(walk)).toEqual(whole);
    // Closed, their places are free again.
    const again = open();
    await expect.poll(() => again.waiting, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(again.waiting).toBeGreaterThan(0);
    again.close();
  });

  it("go on from the store's own connection when the worker cannot run, and say why", async () => {
    const whole = [...store.figuresHistoryUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)];
    const reasons: string[] = [];
    // The fills table on a connection of its own, the worker given a driver that does not load.
    const db = openDatabase(join(dir, "account.db"));
    const broken = fillsAhead(
      new FillsTable(db),
      join(dir, "account.db"),
      { to: Number.MAX_SAFE_INTEGER, upToRow: Number.MAX_SAFE_INTEGER, from: Number.MIN_SAFE_INTEGER },
      (reason) => reasons.push(reason),
      join(dir, "no-such-driver.js"),
    );
    expect(await all(broken)).toEqual(whole);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/no-such-driver|Cannot find module/);
    db.close();
  });

  it("are read on the store's own connection for a database in memory", async () => {
    const memory = openStore({ path: ":memory:" });
    fill(memory);
    expect(await all(memory.figuresChunksUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))).toEqual([
      ...memory.figuresHistoryUpTo(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    ]);
    memory.close();
  });
});
