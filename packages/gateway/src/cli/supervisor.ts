/**
 * `mexc-live start` as two processes: this tiny parent, which never does any work, and the
 * gateway in a child. A signal handler cannot run while the gateway's event loop is busy (a
 * stuck computation, a stopped process), so the parent keeps the stop promise: it forwards
 * SIGTERM and SIGINT to the child and, HARD_STOP_MS after the first, kills it (SIGKILL) and exits 1
 * with one line saying so. Otherwise it exits with the child's code. The child runs in its own
 * process group (a terminal's Ctrl-C reaches the parent only, which forwards it once) and stops by
 * itself when the parent is gone, however it goes (orphanGuard.ts).
 */
import { spawn } from "node:child_process";
import { SHUTDOWN_TIMEOUT_MS } from "../config/defaults.js";

/**
 * How long after SIGTERM/SIGINT the gateway may run before it is killed: the gateway's own
 * SHUTDOWN_TIMEOUT_MS (7 s, after which it exits by itself with a line of its own) plus 1 s, well
 * inside the 10 s Docker (`docker stop`) and Kubernetes (terminationGracePeriodSeconds) wait
 * before they kill the whole container.
 */
export const HARD_STOP_MS = SHUTDOWN_TIMEOUT_MS + 1_000;

/** Set in the child's environment: it is the gateway, not another supervisor (internal). */
export const SUPERVISED_ENV = "MEXC_LIVE_SUPERVISED";

const FORWARDED = ["SIGTERM", "SIGINT"] as const;

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Runs `mexc-live start argv` in a child and returns the exit code to end with. */
export function superviseStart(binPath: string, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, binPath, "start", ...argv], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
    env: { ...process.env, [SUPERVISED_ENV]: "1" },
  });
  let killed: NodeJS.Signals | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
    deadline ??= setTimeout(() => {
      killed = signal;
      child.kill("SIGKILL");
    }, HARD_STOP_MS);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  return new Promise((resolve) => {
    child.once("error", (error) => {
      process.stderr.write(`mexc-live start: could not start the gateway process: ${error.message}\n`);
      resolve(1);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(deadline);
      for (const name of FORWARDED) process.off(name, forward);
      if (killed !== undefined) {
        process.stderr.write(
          `mexc-live start: the gateway did not stop within ${HARD_STOP_MS / 1000} s of ${killed}; killed it\n`,
        );
        resolve(1);
      } else resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ""] ?? 0));
    });
  });
}
