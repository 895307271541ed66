/// <reference types="node" />
/**
 * `mexc-live start` in demo mode as a child process on a free port with a fresh data directory,
 * for the browser test. Resolves with the dashboard URL the command prints.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_DIR } from "./buildWeb.js";
import { assertGatewayBuildFresh } from "./gatewayBuild.js";

/** Starting the gateway (simulator, database, first reconciliation) on a loaded CI machine. */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const URL_LINE = /dashboard at (http:\/\/\S+)/;
/**
 * Flags for a demo whose traders fill an order every few seconds, for tests that watch live fills
 * (the user's demo keeps its history's pace: about one fill an hour per account).
 */
export const BUSY_DEMO: readonly string[] = ["--demo-fills-per-day", "20000"];

export interface GatewayProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** `live`: the keys and addresses of a MEXC (the simulator) to watch; without it, demo mode. */
export async function startGatewayProcess(
  extraArgs: readonly string[] = [],
  live?: Readonly<Record<string, string>>,
): Promise<GatewayProcess> {
  assertGatewayBuildFresh(); // the process runs dist/: never code older than the sources
  const data = mkdtempSync(join(tmpdir(), "mexc-live-e2e-"));
  const bin = join(REPO_DIR, "packages", "gateway", "bin", "mexc-live.js");
  // Demo mode: no API keys, whatever the environment of the test run holds.
  const env = { ...process.env };
  delete env.MEXC_API_KEY;
  delete env.MEXC_API_SECRET;
  delete env.MEXC_LIVE_TOKEN;
  Object.assign(env, live);
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, "start", "--port", "0", "--data", data, "--log-level", "warn", ...extraArgs],
    { cwd: REPO_DIR, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`mexc-live start printed no URL within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`mexc-live start exited (${code}) before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** How long a test waits at most for the demo's month of history (its backfill paces itself: ~25 s quiet, bound by MEXC's REST weights). */
export const HISTORY_WAIT_MS = 300_000;

/** Whether the gateway at `url` says its first history backfill is complete (/api/health). */
export async function historyComplete(url: string): Promise<boolean> {
  const health = (await (await fetch(new URL("/api/health", url))).json()) as { history?: { state?: string } };
  return health.history?.state === "complete";
}

/**
 * Whether every account of the gateway at `url` has its first history and figures that hold all of
 * it (/api/accounts: no figure still "valuing fills at the prices of their time" or "working out
 * the figures again"): the page is loaded, and what it shows side by side is of one version.
 */
export async function figuresSettled(url: string): Promise<boolean> {
  const answer = (await (await fetch(new URL("/api/accounts", url))).json()) as {
    items: { health: { history?: { state?: string }; figures?: { updating?: string[] } } }[];
  };
  return answer.items.every(
    ({ health }) => health.history?.state === "complete" && (health.figures?.updating ?? []).length === 0,
  );
}

/** Waits, a look a second, until the gateway at `url` has its month of history; throws after HISTORY_WAIT_MS. */
export async function waitForHistory(url: string): Promise<void> {
  const until = Date.now() + HISTORY_WAIT_MS;
  while (!(await historyComplete(url))) {
    if (Date.now() > until) throw new Error(`the demo's history was not complete within ${HISTORY_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
