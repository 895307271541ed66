import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Db, openDatabase } from "./database.js";

/** A fresh copy of the module (its worker is one per process): each test starts with none. */
async function freshModule() {
  vi.resetModules();
  return import("./walCheckpoints.js");
}

/** Polls `check` every 50 ms for at most 10 s (the worker looks every 200 ms). */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let tries = 0; tries < 200; tries++) {
    if (check()) return true;
    await sleep(50);
  }
  return false;
}

const MB = 2 ** 20;

/** `megabytes` of rows in transactions of 256 KB, a turn of the event loop between them. */
async function write(db: Db, megabytes: number): Promise<void> {
  const insert = db.prepare("INSERT INTO scratch (bytes) VALUES (?)");
  const row = Buffer.alloc(16 * 1024, 7);
  for (let n = 0; n < megabytes * 4; n++) {
    db.transaction(() => {
      for (let i = 0; i < 16; i++) insert.run(row);
    })();
    await sleep(0);
  }
}

describe("the WAL's checkpoints, off the event loop", () => {
  let dir: string;
  let path: string;
  let db: Db;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-wal-"));
    path = join(dir, "account.db");
    db = openDatabase(path);
    db.exec("CREATE TABLE scratch (bytes BLOB)");
  });

  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves the checkpoints to the worker: the store's commits run none, the data still reaches the database file and the WAL stays bounded", async () => {
    const { checkpointOffThread } = await freshModule();
    const checkpoints = checkpointOffThread(db, path);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const fileSize = () => statSync(path).size;
    const walSize = () => statSync(`${path}-wal`).size;
    // Bytes 12-15 of the WAL's header count its restarts: SQLite starts the WAL over at the first
    // write after a checkpoint has put every frame in the database file, and only then.
    const restarts = () => readFileSync(`${path}-wal`).readUInt32BE(12);
    const probe = db.prepare("INSERT INTO scratch (bytes) VALUES (x'00')");
    for (let round = 0; round < 4; round++) {
      const before = fileSize();
      await write(db, 6);
      const seen = restarts();
      // A small write now and then, as a live account makes: one of them starts the WAL over.
      const startedOver = await eventually(() => {
        probe.run();
        return restarts() !== seen;
      });
      expect(startedOver, `round ${round}: the WAL was checkpointed and started over`).toBe(true);
      expect(fileSize(), `round ${round}: the pages are in the database file`).toBeGreaterThanOrEqual(before + 6 * MB);
    }
    // 24 MB written: a WAL never checkpointed would hold all of it; started over each round, a round's worth.
    expect(walSize()).toBeLessThan(8 * MB);
    checkpoints.stop();
  });

  it("settles: once it resolves, every frame written is in the database file and the next write starts the WAL over", async () => {
    const { checkpointOffThread } = await freshModule();
    const checkpoints = checkpointOffThread(db, path);
    for (let round = 0; round < 4; round++) {
      await write(db, 3);
      await checkpoints.settle();
    }
    // 12 MB in rounds of 3, each settled before the next: the WAL never held more than a round.
    expect(statSync(`${path}-wal`).size).toBeLessThan(4 * MB);
    checkpoints.stop();
    // Stopped: nothing to wait for.
    await checkpoints.settle();
  });

  it("never keeps the process alive: a script that opens a store, writes and closes it exits", () => {
    const script = join(dir, "exits.ts");
    writeFileSync(
      script,
      [
        `import { openStore } from ${JSON.stringify(join(import.meta.dirname, "index.ts"))};`,
        `const store = openStore({ path: ${JSON.stringify(join(dir, "child.db"))} });`,
        "store.completeBackfill(1);",
        "store.close();",
      ].join("\n"),
    );
    const child = spawnSync(process.execPath, ["--conditions=@mexc-live/source", "--import", "tsx", script], {
      encoding: "utf8",
      // A process kept alive by the worker would run until this, and fail the test.
      timeout: 60_000,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
  });

  it("goes back to SQLite's own checkpoints when the worker cannot run", async () => {
    const { checkpointOffThread, checkpointWorkerRunning } = await freshModule();
    checkpointOffThread(db, path, join(dir, "no-such-driver.js"));
    expect(await eventually(() => db.pragma("wal_autocheckpoint", { simple: true }) === 1_000)).toBe(true);
    expect(checkpointWorkerRunning()).toBe(false);
  });
});
