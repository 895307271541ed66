/**
 * bench/store, issues 31 and 55: how long the event loop stalls while history work runs, the
 * figures kept by the one keeper (figures/keeper.ts: its passes in slices):
 *
 *   (a) an import of IMPORT_ROWS fills (MEXC's CSV export, older than the whole history: the worst
 *       case, every figure worked out again from scratch) into a copy of the database the bench
 *       built, with the sliced importer the gateway uses, then the pass that follows;
 *   (b) a first backfill, simulated: a month of fills stored in 3-day windows, newest first, a
 *       symbol's window in one transaction (as ingest/backfill.ts stores a myTrades window), a
 *       turn of the event loop between windows (the next REST answer), the keeper told of each
 *       (collector.ts). Not the real Backfill against the simulator: at this size the simulator's
 *       REST pacing, not the figures, would set the time. The fills are stored valued.
 *
 * Event-loop delay is perf_hooks.monitorEventLoopDelay at a 2 ms resolution (p99 and max).
 */
import { createHash } from "node:crypto";
import { closeSync, copyFileSync, fsyncSync, openSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { marketAssets } from "../../packages/gateway/src/exports/exportHistory.js";
import { type PriceBook, valueFill } from "../../packages/gateway/src/figures/index.js";
import { importHistory } from "../../packages/gateway/src/ingest/imports/importHistory.js";
import { openStore } from "../../packages/gateway/src/store/index.js";
import { testKeeper } from "../../packages/gateway/test/figuresKeeper.js";
import { tradeExport } from "../../packages/gateway/test/tradeExport.js";
import { watchStalls } from "./stalls.js";
import { HISTORY_START, SyntheticAccount } from "./synthetic.js";

const RESOLUTION_MS = 2;
setFlagsFromString("--expose-gc");
/** V8's full collection, without starting node with --expose-gc. */
const collectGarbage = runInNewContext("gc") as () => void;
const DAY_MS = 86_400_000;
const BACKFILL_DAYS = 30;
const WINDOW_DAYS = 3;

export interface LoopFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The longest garbage-collection pause in the phase (a stall the code's slices cannot shorten). */
  readonly gcMaxMs: number;
  /**
   * The longest stall the process spent running (its CPU time across the stall at least
   * ON_CPU_SHARE of it: the code or the collector), and the longest it spent waiting for a core
   * (the rest: on a loaded machine, the scheduler). stalls.ts.
   */
  readonly onCpuMaxMs: number;
  readonly offCpuMaxMs: number;
  readonly cpuInStallMaxMs: number;
  /**
   * The sha256 of the figures' state after it (old and new must be equal): the state of a million
   * fills' figures is tens of MB of text, and three of them kept until the end of the run made
   * the later phases' collections longer than the gateway's ever are.
   */
  readonly state: string;
}

/**
 * Runs `work` with the event loop watched. `work` hands back how to read the figures' state: the
 * bench's own JSON of a million fills' figures (a second and more in one go) is made after the
 * watch, not counted as the gateway's stall (the gateway writes its checkpoint a day at a time).
 */
export async function watched(work: () => Promise<() => string>): Promise<LoopFigures> {
  // A full collection first: a phase does not pay for the garbage the one before left (the
  // import phase's figures of a million fills, collected during the backfill's watch otherwise).
  collectGarbage();
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let gcMax = 0;
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMax = Math.max(gcMax, entry.duration);
  });
  collections.observe({ entryTypes: ["gc"] });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const stalls = watchStalls();
  histogram.enable();
  // One turn first, so the monitor's timer runs before the work starts.
  await yieldToLoop();
  const stateOf = await work();
  await yieldToLoop();
  histogram.disable();
  const stalled = stalls.stop();
  collections.disconnect();
  const used = process.cpuUsage(cpu);
  const wallMs = Math.round(performance.now() - started);
  const state = createHash("sha256").update(stateOf()).digest("hex");
  return {
    wallMs,
    cpuMs: Math.round((used.user + used.system) / 1000),
    p99Ms: round1(histogram.percentile(99) / 1e6),
    maxMs: round1(histogram.max / 1e6),
    gcMaxMs: round1(gcMax),
    onCpuMaxMs: round1(stalled.onCpuMaxMs),
    offCpuMaxMs: round1(stalled.offCpuMaxMs),
    cpuInStallMaxMs: round1(stalled.cpuInStallMaxMs),
    state,
  };
}

function syncFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** (a) The import into a copy of the database at `path` (its models checkpointed), and the pass after it. */
export async function importPhase(path: string, book: PriceBook, rows: number): Promise<LoopFigures> {
  const text = tradeExport({ rows, newest: HISTORY_START - DAY_MS });
  const copy = `${path}.import`;
  copyFileSync(path, copy);
  // The copy is the bench's set-up: its pages not yet on disk were written out by the first sync
  // inside the watch, which a running gateway never has to do.
  syncFile(copy);
  const store = openStore({ path: copy });
  const keeper = testKeeper(store, book);
  keeper.load();
  keeper.start();
  await keeper.ready();
  const result = await watched(async () => {
    // As startAccount's importFile: no pass while the file is stored, one after it.
    const release = keeper.hold();
    try {
      await importHistory(store, text, { marketOf: marketAssets(book) });
    } finally {
      release();
    }
    keeper.stored();
    await keeper.ready();
    return () => "";
  });
  keeper.close();
  store.close();
  return result;
}

/** (b) A first backfill of a month of `perYear`'s fills into a fresh database. */
export async function backfillPhase(dir: string, book: PriceBook, perYear: number, seed: number) {
  const total = Math.round((perYear * BACKFILL_DAYS) / 365);
  const end = HISTORY_START + 365 * DAY_MS;
  const from = end - BACKFILL_DAYS * DAY_MS;
  const store = openStore({ path: `${dir}/backfill.db` });
  const account = new SyntheticAccount(seed, from, BACKFILL_DAYS * DAY_MS, "m");
  const fills = Array.from({ length: total }, (_, n) => account.fillAt(n, total));
  const keeper = testKeeper(store, book);
  keeper.load();
  keeper.start();
  const loop = await watched(async () => {
    for (let windowEnd = end; windowEnd > from; windowEnd -= WINDOW_DAYS * DAY_MS) {
      const inWindow = fills.filter((f) => f.timestamp < windowEnd && f.timestamp >= windowEnd - WINDOW_DAYS * DAY_MS);
      for (const symbol of new Set(inWindow.map((f) => f.symbol))) {
        store.batch(() => {
          for (const fill of inWindow) if (fill.symbol === symbol) store.upsertFill(fill, valueFill(fill, book));
        });
        // The next REST answer comes back on a later turn.
        await yieldToLoop();
      }
      keeper.stored();
      await yieldToLoop();
    }
    await keeper.ready();
    return () => "";
  });
  keeper.close();
  store.close();
  return { fills: total, loop };
}
