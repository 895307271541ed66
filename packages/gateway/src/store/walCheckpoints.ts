/**
 * WAL checkpoints off the event loop, for the accounts' databases (issue 31: history work never
 * stalls the gateway more than 50 ms).
 *
 * By default SQLite checkpoints inside the commit that takes the WAL past 1,000 pages
 * (`wal_autocheckpoint`): it copies those pages into the database file and syncs both files, on
 * the thread that committed. Measured in bench:store (import of 100k fills into a million), those
 * commits took 14-27 ms more than the others, and the first write after a WAL restart syncs its
 * header too; on a slow disk (an SD card) each of those syncs takes hundreds of milliseconds. All
 * of it was on the event loop. SQLite's own advice for such programs is to turn the automatic
 * checkpoints off and run them "in a separate thread or process" (sqlite.org/wal.html, "Automatic
 * Checkpoint"; sqlite.org/c3ref/wal_checkpoint_v2.html for PASSIVE).
 *
 * So a store's connection turns them off, and one worker thread per process, shared by every
 * account's store, opens each registered database and runs a PASSIVE checkpoint (it never blocks
 * the writer or a reader, and waits for no lock) whenever the WAL file has grown past
 * CHECKPOINT_AT_BYTES, looking every LOOK_EVERY_MS. `journal_size_limit` trims a WAL that a long
 * busy spell made big once SQLite starts it again. If the worker cannot start, stops, or a
 * checkpoint fails, that database goes back to SQLite's automatic checkpoints: slower turns of the
 * event loop, nothing lost. The store's close still checkpoints and truncates the WAL itself.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./database.js";

/** SQLite's default: 1,000 pages of 4,096 bytes. */
const CHECKPOINT_AT_BYTES = 1_000 * 4_096;
const LOOK_EVERY_MS = 200;
/** Checkpoints run back to back at most, to catch up with a writer that keeps adding frames. */
const PASSES_TO_CATCH_UP = 10;
/** What SQLite's automatic checkpoint is set back to on a failure (its default, in pages). */
const AUTOCHECKPOINT_PAGES = 1_000;
/** The WAL file is cut back to this when SQLite starts it again. */
const WAL_SIZE_LIMIT_BYTES = 64 * 2 ** 20;

/**
 * The worker, as CommonJS source: it needs only node: modules and better-sqlite3 (whose path it is
 * given), so it runs the same from the TypeScript sources, the tests and the built package.
 * Messages in: { add }, { remove } (a path), { settle, id }; out: { failed, message }, { settled }.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.driver);
const open = new Map();
// Checkpoints until every frame is in the database file (a writer that committed meanwhile
// added more): the writer starts the WAL over only once none is left. False on a failure.
function checkpoint(path, db) {
  try {
    for (let pass = 0; pass < workerData.passes; pass++) {
      const [done] = db.pragma("wal_checkpoint(PASSIVE)");
      if (done.log === done.checkpointed) break;
    }
    return true;
  } catch (error) {
    open.delete(path);
    db.close();
    parentPort.postMessage({ failed: path, message: String(error && error.message) });
    return false;
  }
}
parentPort.on("message", ({ add, remove, settle, id }) => {
  if (add !== undefined) {
    try {
      open.set(add, new Database(add, { fileMustExist: true }));
    } catch (error) {
      parentPort.postMessage({ failed: add, message: String(error && error.message) });
    }
  }
  if (remove !== undefined) {
    const db = open.get(remove);
    open.delete(remove);
    if (db !== undefined) db.close();
  }
  if (settle !== undefined) {
    const db = open.get(settle);
    if (db !== undefined) checkpoint(settle, db);
    parentPort.postMessage({ settled: id });
  }
});
setInterval(() => {
  for (const [path, db] of open) {
    let size = 0;
    try {
      size = statSync(path + "-wal").size;
    } catch {
      continue;
    }
    if (size >= workerData.atBytes) checkpoint(path, db);
  }
}, workerData.everyMs);
`;

interface Registered {
  readonly db: Db;
  count: number;
}

/** One database's checkpoints, run by the shared worker. */
export interface WalCheckpoints {
  /**
   * Resolves once the worker has checkpointed every frame written so far (or failed to, or runs
   * no more): a writer that writes in every turn (an import) awaits it now and then, else its
   * WAL never gets a moment with nothing new in it, and SQLite never starts it over (an import
   * of 100k fills grew it to 390 MB).
   */
  settle(): Promise<void>;
  /** Stops the worker's checkpoints of this database. */
  stop(): void;
}

let worker: Worker | undefined;
const registered = new Map<string, Registered>();
const settling = new Map<number, () => void>();
let nextSettle = 0;

/**
 * Hands the checkpoints of the database at `path` (opened as `db`, in WAL mode) to the shared
 * worker. `driver` is for the tests (a module that does not load makes the worker fail).
 */
export function checkpointOffThread(db: Db, path: string, driver = defaultDriver()): WalCheckpoints {
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma("wal_autocheckpoint = 0");
  const known = registered.get(path);
  if (known !== undefined) known.count++;
  else registered.set(path, { db, count: 1 });
  const running = worker ?? startWorker(driver);
  if (running !== undefined) running.postMessage({ add: path });
  let stopped = false;
  return {
    settle: () => {
      const current = worker;
      if (stopped || current === undefined || !registered.has(path)) return Promise.resolve();
      const id = nextSettle++;
      return new Promise<void>((resolve) => {
        // The answer is awaited: the worker keeps the process alive until it comes.
        if (settling.size === 0) current.ref();
        settling.set(id, resolve);
        current.postMessage({ settle: path, id });
      });
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      const entry = registered.get(path);
      if (entry === undefined || --entry.count > 0) return;
      registered.delete(path);
      worker?.postMessage({ remove: path });
    },
  };
}

function defaultDriver(): string {
  return createRequire(import.meta.url).resolve("better-sqlite3");
}

function startWorker(driver: string): Worker | undefined {
  let started: Worker;
  try {
    started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, atBytes: CHECKPOINT_AT_BYTES, everyMs: LOOK_EVERY_MS, passes: PASSES_TO_CATCH_UP },
    });
  } catch {
    backToAutomatic([...registered.keys()]);
    return undefined;
  }
  started.on("message", (message: { failed?: string; settled?: number }) => {
    if (message.failed !== undefined) backToAutomatic([message.failed]);
    if (message.settled !== undefined) {
      settling.get(message.settled)?.();
      settling.delete(message.settled);
      if (settling.size === 0) started.unref();
    }
  });
  const lost = () => {
    if (worker !== started) return;
    worker = undefined;
    backToAutomatic([...registered.keys()]);
    for (const resolve of settling.values()) resolve();
    settling.clear();
  };
  started.on("error", lost);
  started.on("exit", lost);
  // Never what keeps the process alive (after the listeners: a "message" listener refs it again);
  // once started it stays for the process's next stores.
  started.unref();
  worker = started;
  return started;
}

/** SQLite's own checkpoints again, on the connections at `paths` still open. */
function backToAutomatic(paths: readonly string[]): void {
  for (const path of paths) {
    const entry = registered.get(path);
    if (entry?.db.open) entry.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}

/** Whether the shared worker is running (tests). */
export function checkpointWorkerRunning(): boolean {
  return worker !== undefined;
}
