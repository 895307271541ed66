/**
 * The fills as the figures read them (fills.ts figuresScanUpTo: oldest first, up to a time and a
 * rowid mark), in chunks, for a walk over the whole history (a portfolio built from scratch).
 *
 * Read on a worker thread with a connection of its own, a few chunks ahead of the walk: SQLite's
 * walk of the index and the rows of a million fills took 1.4 s of the event loop's time (bench
 * /store, issue 39, session 17); the loop now takes in each chunk as the worker's message (its
 * structured clone). At most AHEAD chunks wait in memory: the worker reads the next one when the
 * walk takes one.
 *
 * The same chunks on the store's own connection, read as they are asked for, when the database
 * is in memory (no file for a second connection) or MAX_AHEAD_WORKERS run already, and from where
 * the worker stopped if it cannot start or fails: a walk never depends on the worker, only its
 * speed does.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { BUSY_TIMEOUT_MS } from "./database.js";
import {
  FIGURES_UP_TO_SQL,
  type FiguresColumns,
  type FiguresRow,
  type FillKeyOf,
  type FillsTable,
  keyAfter,
  toFiguresRow,
} from "./fills.js";

/** Rows a chunk of the worker holds (the store's own chunks hold FIGURES_CHUNK). */
export const AHEAD_CHUNK = 512;
/** Chunks read ahead of the walk, at most. */
export const AHEAD = 3;
/**
 * Read-ahead workers running at once in the process, at most (each an isolate and a connection:
 * tens of MB): fifty accounts built from scratch at one start read on their own connections past
 * the first two, as before the worker.
 */
export const MAX_AHEAD_WORKERS = 2;
let workersRunning = 0;

/** A walk's fills in chunks; `next()` resolves undefined after the last. */
export interface FillChunks {
  next(): Promise<FiguresRow[] | undefined>;
  /** Chunks read and not taken yet (at most AHEAD). */
  readonly waiting: number;
  /** Stops reading (the worker ends); the walk may end early. */
  close(): void;
}

/** The walk's bounds, as figuresScanUpTo takes them. */
export interface ChunkBounds {
  readonly to: number;
  readonly upToRow: number;
  /** Inclusive (ms). */
  readonly from: number;
}

/**
 * The worker, as CommonJS source (as walCheckpoints.ts's): only node: modules and better-sqlite3,
 * whose path it is given. Reads a chunk at start AHEAD times, then one per message; posts
 * { rows, done } or { failed }.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const { path, sql, to, upToRow, limit, ahead, busyMs } = workerData;
let db;
let statement;
let key = { time: workerData.from, tradeId: "" };
let done = false;
function send() {
  if (done) return;
  try {
    if (db === undefined) {
      db = new Database(path, { readonly: true, fileMustExist: true });
      db.pragma("busy_timeout = " + busyMs);
      statement = db.prepare(sql).raw();
    }
    const rows = statement.all({ time: key.time, tradeId: key.tradeId, to, upToRow, limit });
    const last = rows[rows.length - 1];
    if (last !== undefined) key = { time: last[11], tradeId: last[0] };
    done = rows.length < limit;
    parentPort.postMessage({ rows, done });
  } catch (error) {
    done = true;
    parentPort.postMessage({ failed: String(error && error.message) });
  }
  if (done && db !== undefined) db.close();
}
parentPort.on("message", send);
for (let i = 0; i < ahead; i++) send();
`;

/** The chunks on the store's own connection, each read when asked for. */
function ownChunks(fills: FillsTable, bounds: ChunkBounds, after: FillKeyOf): FillChunks {
  let key: FillKeyOf | undefined = after;
  return {
    next: async () => {
      if (key === undefined) return undefined;
      const rows = fills.figuresChunkUpTo(key, bounds.to, bounds.upToRow);
      key = rows.length === 0 ? undefined : keyAfter(rows);
      return rows.length === 0 ? undefined : rows.map(toFiguresRow);
    },
    waiting: 0,
    close: () => {
      key = undefined;
    },
  };
}

/**
 * The fills within `bounds` in chunks, read ahead on a worker when the database at `path` is a
 * file; `onFallback` is told why the store's own connection reads them instead (the worker could
 * not start or failed).
 */
export function fillsAhead(
  fills: FillsTable,
  path: string,
  bounds: ChunkBounds,
  onFallback?: (reason: string) => void,
  driver = createRequire(import.meta.url).resolve("better-sqlite3"),
): FillChunks {
  const start: FillKeyOf = { time: bounds.from, tradeId: "" };
  if (path === ":memory:" || workersRunning >= MAX_AHEAD_WORKERS) return ownChunks(fills, bounds, start);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        path,
        sql: FIGURES_UP_TO_SQL,
        ...bounds,
        limit: AHEAD_CHUNK,
        ahead: AHEAD,
        busyMs: BUSY_TIMEOUT_MS,
      },
    });
  } catch (error) {
    onFallback?.(String((error as Error).message));
    return ownChunks(fills, bounds, start);
  }
  workersRunning++;
  const ready: FiguresColumns[][] = [];
  /** Where the chunks taken so far end: the store's own connection goes on from there. */
  let taken: FillKeyOf = start;
  let done = false;
  let closed = false;
  let fallback: FillChunks | undefined;
  let wake: (() => void) | undefined;
  const stop = () => {
    if (!closed) workersRunning--;
    closed = true;
    void worker.terminate();
  };
  const lost = (reason: string) => {
    if (done || closed || fallback !== undefined) return;
    // The chunks received are whole: the rest is read on the store's connection, after them.
    const received = ready.length === 0 ? taken : (keyAfter(ready[ready.length - 1] as FiguresColumns[]) ?? taken);
    fallback = ownChunks(fills, bounds, received);
    onFallback?.(reason);
    stop();
    wake?.();
  };
  worker.on("message", (message: { rows?: FiguresColumns[]; done?: boolean; failed?: string }) => {
    if (message.failed !== undefined) return lost(message.failed);
    if (message.rows !== undefined && message.rows.length > 0) ready.push(message.rows);
    if (message.done === true) done = true;
    wake?.();
  });
  worker.on("error", (error) => lost(error.message));
  worker.on("exit", () => lost("the read-ahead worker stopped"));
  // Never what keeps the process alive but while a chunk is awaited (a walk given up ends it at close).
  worker.unref();
  return {
    next: async () => {
      for (;;) {
        if (closed && fallback === undefined) return undefined;
        const rows = ready.shift();
        if (rows !== undefined) {
          taken = keyAfter(rows) ?? taken;
          if (!done && !closed) worker.postMessage(0);
          return rows.map(toFiguresRow);
        }
        if (fallback !== undefined) return fallback.next();
        if (done) {
          stop();
          return undefined;
        }
        // Awaited: the worker keeps the process alive until its chunk comes, and no longer.
        worker.ref();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        worker.unref();
      }
    },
    get waiting() {
      return ready.length;
    },
    close: () => {
      fallback?.close();
      if (!closed) stop();
    },
  };
}
