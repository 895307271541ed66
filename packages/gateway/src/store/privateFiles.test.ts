import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StartupError } from "../errors.js";
import { lockDatabase } from "./databaseLock.js";
import { openStore } from "./store.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the database's files", () => {
  it("are private to their owner whatever the umask: folder 0700, database, -wal and -shm 0600", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-perm-"));
    const data = join(dir, "data", "nested");
    const previous = process.umask(0o022);
    try {
      const store = openStore({ path: join(data, "demo.db") });
      store.applyBalance({
        asset: "USDT",
        free: "1",
        locked: "0",
        freeChange: "1",
        lockedChange: "0",
        changeType: "DEPOSIT",
        timestamp: 1,
        source: "stream",
      });
      expect(mode(data)).toBe(0o700);
      for (const suffix of ["", "-wal", "-shm"]) expect(mode(join(data, `demo.db${suffix}`)), suffix).toBe(0o600);
      store.close();
    } finally {
      process.umask(previous);
    }
  });

  it("makes an existing folder and database that others could read private", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-perm-"));
    const path = join(dir, "old.db");
    writeFileSync(path, "", { mode: 0o644 });
    openStore({ path }).close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
  });

  it("refuses a folder that cannot be made, at once (a --data under /proc spun forever)", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-perm-"));
    const started = Date.now();
    expect(() => openStore({ path: "/proc/mexc-live-test/demo.db" })).toThrow(/proc/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("one gateway per database", () => {
  it("refuses a second lock while the first is held, and takes over one whose process is gone", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-lock-"));
    const path = join(dir, "demo.db");
    const lock = lockDatabase(path);
    // Held by a process that is alive (our parent, standing in for another gateway).
    writeFileSync(`${path}.lock`, String(process.ppid));
    expect(() => lockDatabase(path)).toThrow(StartupError);
    expect(() => lockDatabase(path)).toThrow(/in use by another mexc-live \(pid \d+\)/);
    lock.release();
    // A crashed gateway's lock: no such process.
    writeFileSync(`${path}.lock`, "999999999");
    lockDatabase(path).release();
  });
});
