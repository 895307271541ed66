/**
 * A gateway under `mexc-live start`'s supervisor (supervisor.ts) ends when the supervisor goes,
 * however it goes (issue 54 item 5: a gateway stuck in its start-up outlived its SIGKILLed
 * supervisor as an orphan). Two parts:
 *
 * - the main thread takes the IPC channel's closing as a stop request (start.ts: a running gateway
 *   stops gracefully; one still starting stops as soon as its start-up is over);
 * - a worker thread, which runs while the main thread is stuck, looks every SUPERVISOR_POLL_MS at
 *   the process's parent: once it is no longer the supervisor (the orphan was handed to init or a
 *   subreaper), the process has HARD_STOP_MS to end by itself, as it has after a signal the
 *   supervisor forwards, and is then killed (SIGKILL) with one line on stderr, the promise the
 *   supervisor would have kept.
 */
import { Worker } from "node:worker_threads";
import { HARD_STOP_MS } from "./supervisor.js";

/** How often the worker looks at the parent (our choice: cheap, and small beside HARD_STOP_MS). */
const SUPERVISOR_POLL_MS = 500;

// The worker, as a script: process.ppid is read anew each time (uv_os_getppid).
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const { supervisor, pollMs, graceMs } = workerData;
const poll = setInterval(() => {
  if (process.ppid === supervisor) return;
  clearInterval(poll);
  setTimeout(() => {
    const line = "mexc-live start: the supervisor is gone and the gateway did not stop within " + graceMs / 1000 + " s; killed it\\n";
    try { writeSync(2, line); } catch {}
    process.kill(process.pid, "SIGKILL");
  }, graceMs);
}, pollMs);
`;

/** Starts the worker that ends this process once its supervisor is gone; it keeps nothing alive. */
export function guardAgainstOrphaning(options: { graceMs?: number } = {}): void {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { supervisor: process.ppid, pollMs: SUPERVISOR_POLL_MS, graceMs: options.graceMs ?? HARD_STOP_MS },
  });
  worker.unref();
}
