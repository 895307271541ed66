import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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

/** A uid that is not ours (nobody's), for folders and files only root can give away. */
const OTHER_UID = 65534;
const isRoot = process.getuid?.() === 0;

describe("the data folder's trust", () => {
  it.skipIf(!isRoot)("refuses a folder that belongs to another user, with one line saying why", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-trust-"));
    const data = join(dir, "data");
    mkdirSync(data, { mode: 0o755 });
    chownSync(data, OTHER_UID, OTHER_UID);
    expect(() => openStore({ path: join(data, "demo.db") })).toThrow(
      new RegExp(
        `^${data} belongs to uid ${OTHER_UID}, not to this user \\(uid 0\\): its owner could move the database away`,
      ),
    );
    // Refused before anything was changed or written.
    expect(statSync(data).mode & 0o777).toBe(0o755);
    expect(existsSync(join(data, "demo.db"))).toBe(false);
  });

  it.skipIf(!isRoot)("refuses a folder inside one that another user owns (they could move it away)", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-trust-"));
    const theirs = join(dir, "theirs");
    mkdirSync(join(theirs, "data"), { recursive: true });
    chownSync(theirs, OTHER_UID, OTHER_UID);
    expect(() => openStore({ path: join(theirs, "data", "demo.db") })).toThrow(
      `${theirs}, above the data folder ${join(theirs, "data")}, belongs to uid ${OTHER_UID}`,
    );
  });

  it("refuses a folder inside one every user may write to without the sticky bit", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-trust-"));
    const open = join(dir, "open");
    mkdirSync(join(open, "data"), { recursive: true });
    chmodSync(open, 0o777);
    expect(() => openStore({ path: join(open, "data", "demo.db") })).toThrow(/is writable by every user/);
    chmodSync(open, 0o1777);
    openStore({ path: join(open, "data", "demo.db") }).close();
  });

  it("refuses a shared folder every user may write to as the data folder, and leaves it as it was", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-trust-"));
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    expect(() => openStore({ path: join(shared, "demo.db") })).toThrow(
      `${shared} is writable by every user (a shared folder): give mexc-live a folder of its own as --data`,
    );
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });

  it("refuses a database planted as a symbolic link, and leaves its target alone", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-trust-"));
    const data = join(dir, "data");
    mkdirSync(data, { mode: 0o700 });
    const target = join(dir, "elsewhere.db");
    writeFileSync(target, "not yours\n");
    for (const suffix of ["", "-wal", "-shm"]) {
      const planted = join(data, `demo.db${suffix}`);
      symlinkSync(target, planted);
      expect(() => openStore({ path: join(data, "demo.db") }), suffix).toThrow(
        `${planted} is a symbolic link: mexc-live follows no links in its data folder; remove it`,
      );
      rmSync(planted);
    }
    expect(statSync(target).size).toBe("not yours\n".length);
  });
});
