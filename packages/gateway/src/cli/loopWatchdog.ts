/**
 * Names a stalled gateway in its log: the main thread stores a heartbeat every HEARTBEAT_MS in
 * shared memory; a worker thread (which runs while the main thread is stuck) reads it and, when
 * it is older than STALL_WARN_MS, writes one warning line straight to the log's file descriptor:
 * "event loop blocked for N s". One line per stall; a new stall after the loop ran again gets
 * its own. The worker cannot end the process (a worker receives no signals): supervisor.ts does.
 */
import { Worker } from "node:worker_threads";

/** How often the main thread beats (our choice: cheap, and fine enough for seconds). */
const HEARTBEAT_MS = 500;
/** A heartbeat older than this is a stall worth a warning (a healthy loop answers in ms; the 5 s leave room for a slow host). */
const STALL_WARN_MS = 5_000;

export interface LoopWatchdogOptions {
  /** Where the warning goes: a file descriptor (2: stderr). */
  readonly fd: number;
  readonly format: "text" | "json";
  readonly stallWarnMs?: number;
  readonly heartbeatMs?: number;
}

export interface LoopWatchdog {
  /** Resolves once the worker runs (a stall before then goes unnamed). */
  readonly online: Promise<void>;
  stop(): Promise<void>;
}

// The worker, as a script: it checks the beat every heartbeat and writes with writeSync (no
// event loop of the main thread involved).
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const { beat, fd, format, stallWarnMs, heartbeatMs } = workerData;
const last = new BigInt64Array(beat);
let warned = false;
setInterval(() => {
  const now = Date.now();
  const blockedMs = now - Number(Atomics.load(last, 0));
  if (blockedMs < stallWarnMs) { warned = false; return; }
  if (warned) return;
  warned = true;
  const seconds = Math.round(blockedMs / 1000);
  const msg = "event loop blocked for " + seconds + " s";
  const line = format === "json"
    ? JSON.stringify({ level: 40, time: now, name: "mexc-live", msg, blockedMs }) + "\\n"
    : new Date(now).toISOString().slice(11, 19) + " WARN  " + msg + "\\n";
  try { writeSync(fd, line); } catch {}
}, heartbeatMs);
`;

/** Starts the heartbeat and its watching worker; neither keeps the process alive. */
export function startLoopWatchdog(options: LoopWatchdogOptions): LoopWatchdog {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const beat = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
  const last = new BigInt64Array(beat);
  Atomics.store(last, 0, BigInt(Date.now()));
  const timer = setInterval(() => Atomics.store(last, 0, BigInt(Date.now())), heartbeatMs);
  timer.unref();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      beat,
      fd: options.fd,
      format: options.format,
      stallWarnMs: options.stallWarnMs ?? STALL_WARN_MS,
      heartbeatMs,
    },
  });
  worker.unref();
  const online = new Promise<void>((resolve) => worker.once("online", () => resolve()));
  return {
    online,
    async stop() {
      clearInterval(timer);
      await worker.terminate();
    },
  };
}
