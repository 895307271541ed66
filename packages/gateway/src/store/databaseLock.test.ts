/**
 * One gateway per database, with a lock the operating system releases when its holder dies: a
 * second gateway is refused while the first runs, and a killed one leaves nothing that blocks the
 * next start (a pid left in a file, now some other process's, used to).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { StartupError } from "../errors.js";
import { lockDatabase } from "./databaseLock.js";

let dir: string;
let holder: ChildProcess | undefined;
afterEach(() => {
  holder?.kill("SIGKILL");
  holder = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Another process holding the lock of `path` (test/lockHolder.ts), once it says so. */
async function holdInAnotherProcess(path: string): Promise<ChildProcess> {
  const fixture = fileURLToPath(new URL("../../test/lockHolder.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", fixture, path], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`holder not ready: ${stderr}`)), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", () => reject(new Error(`holder exited early: ${stderr}`)));
  });
  return child;
}

describe("one gateway per database", () => {
  it("refuses a second lock in this process while the first is held, and takes it once released", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-lock-"));
    const path = join(dir, "demo.db");
    const lock = lockDatabase(path);
    expect(() => lockDatabase(path)).toThrow(StartupError);
    expect(() => lockDatabase(path)).toThrow(`${path} is in use by another mexc-live (pid ${process.pid})`);
    lock.release();
    lockDatabase(path).release();
  });

  it("refuses while another process holds it, and takes it the moment that process is killed", async () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-lock-"));
    const path = join(dir, "demo.db");
    holder = await holdInAnotherProcess(path);
    expect(() => lockDatabase(path)).toThrow(`${path} is in use by another mexc-live (pid ${holder.pid})`);
    const exited = new Promise((resolve) => holder!.once("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    // No clean-up ran in the killed process: the OS released its lock.
    lockDatabase(path).release();
  }, 30_000);

  it("takes over an older version's lock file whose pid now belongs to an unrelated, running process", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-lock-"));
    const path = join(dir, "demo.db");
    // Our parent: alive, and no mexc-live.
    writeFileSync(`${path}.lock`, String(process.ppid));
    const lock = lockDatabase(path);
    expect(() => lockDatabase(path)).toThrow(`(pid ${process.pid})`);
    lock.release();
  });

  it("refuses a lock file planted as a symbolic link", () => {
    dir = mkdtempSync(join(tmpdir(), "mexc-live-lock-"));
    const path = join(dir, "demo.db");
    symlinkSync(join(dir, "elsewhere"), `${path}.lock`);
    expect(() => lockDatabase(path)).toThrow(`${path}.lock is a symbolic link`);
  });
});
