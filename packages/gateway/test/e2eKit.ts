/**
 * What the end-to-end tests share: a real simulator on 127.0.0.1 (admin routes on, a busy demo
 * trader), settings for a live-mode gateway pointed at it, a browser-like WebSocket client that
 * records every frame, a gateway run as a child process (`mexc-live start`), and bounded waits.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { ServerMessage, Topic, TopicUpdate } from "@mexc-live/contract";
import { BUSY_DEMO_TRADER, type RunningSimulator, type SimulatorOptions, startSimulator } from "@mexc-live/simulator";
import WebSocket from "ws";
import { loadSettings, type Settings } from "../src/config/settings.js";

export const BIN = fileURLToPath(new URL("../bin/mexc-live.js", import.meta.url));
export const REPO_DIR = fileURLToPath(new URL("../../../", import.meta.url));

/** A demo trader that acts every 100-300 ms: fills arrive several times a second. */
export const BUSY_MARKET: SimulatorOptions["market"] = {
  ...BUSY_DEMO_TRADER,
  demoTraderIntervalMs: [100, 300],
  seedHistoryMinutes: 60,
};

export async function startBusySimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ seed: 7, admin: true, demoTrader: true, market: BUSY_MARKET, ...options, port: 0 });
}

/** Environment for a live-mode gateway against the simulator's demo account. */
export function simulatorEnv(sim: RunningSimulator): Record<string, string> {
  return {
    MEXC_API_KEY: sim.apiKey,
    MEXC_API_SECRET: sim.secretKey,
    MEXC_REST_URL: sim.rest,
    MEXC_WS_URL: sim.ws,
  };
}

export function settingsFor(argv: string[], env: Record<string, string> = {}): Settings {
  const loaded = loadSettings({ argv, env, readFile: () => "{}" });
  if (loaded.help) throw new Error("help");
  return loaded.settings;
}

export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `mexc-live-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function ledger(sim: RunningSimulator): Promise<SimLedger> {
  const response = await fetch(`${sim.rest}/_sim/ledger?account=demo`);
  if (!response.ok) throw new Error(`ledger: HTTP ${response.status}`);
  return (await response.json()) as SimLedger;
}

export interface SimLedger {
  readonly balances: { asset: string; free: string; locked: string }[];
  readonly orders: {
    orderId: string;
    symbol: string;
    status: string;
    executedQty: string;
    cummulativeQuoteQty: string;
  }[];
  readonly trades: { id: string; orderId: string; symbol: string; price: string; qty: string; time: number }[];
}

export async function setTrader(sim: RunningSimulator, running: boolean): Promise<void> {
  const response = await fetch(`${sim.rest}/_sim/trader`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ running }),
  });
  if (!response.ok) throw new Error(`trader: HTTP ${response.status}`);
}

/**
 * Stops the demo trader and cancels its resting orders, so the account's ledger stops changing
 * (a resting order could otherwise still fill against the market's takers).
 */
export async function quiesce(sim: RunningSimulator, accounts: readonly string[] = ["demo"]): Promise<void> {
  await setTrader(sim, false);
  for (const account of accounts)
    for (const symbol of sim.exchange.symbols.keys()) sim.exchange.cancelAllOrders(account, symbol);
}

/**
 * A value that holds: read, wait `holdMs`, read again, until both reads are the same (within
 * `withinMs`). For a state that only shows it is still by not moving, such as the figures version
 * once the demo trader stopped (a version holds for three pushes' time).
 */
export function stillValue<T>(what: string, read: () => T | undefined, holdMs: number, withinMs = 60_000): Promise<T> {
  return waitFor(
    what,
    async () => {
      const was = read();
      await sleep(holdMs);
      const now = read();
      return was !== undefined && was === now ? now : undefined;
    },
    withinMs,
    0,
  );
}

/** Polls `check` every `everyMs` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`,
  );
}

/** A browser: a WebSocket on /stream that records every frame and message. */
export class BrowserClient {
  readonly frames: string[] = [];
  readonly messages: ServerMessage[] = [];
  closeCode: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = data.toString();
      this.frames.push(text);
      this.messages.push(JSON.parse(text) as ServerMessage);
    });
    ws.on("close", (code) => {
      this.closeCode = code;
    });
  }

  static open(baseUrl: string, headers: Record<string, string> = {}): Promise<BrowserClient> {
    const url = `${baseUrl.replace(/^http/, "ws").replace(/\/$/, "")}/stream`;
    const ws = new WebSocket(url, { headers });
    const client = new BrowserClient(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      ws.once("error", reject);
    });
  }

  subscribe(topics: readonly Topic[]): void {
    this.ws.send(JSON.stringify({ type: "subscribe", topics }));
  }

  /** The topic's snapshot data (first snapshot), or undefined before it arrived. */
  snapshot(topic: Topic): unknown {
    for (const message of this.messages)
      if (message.type === "snapshot" && message.topic === topic) return message.data;
    return undefined;
  }

  /** Every delta of the topic, in arrival order. */
  updates(topic: Topic): TopicUpdate[] {
    const out: TopicUpdate[] = [];
    for (const message of this.messages) {
      if (message.type !== "batch") continue;
      for (const update of message.updates) if (update.topic === topic) out.push(update);
    }
    return out;
  }

  /** Snapshot items then delta items of a list topic (fills, trades), in arrival order. */
  items<T>(topic: Topic): T[] {
    const out: T[] = [];
    for (const message of this.messages) {
      if (message.type === "snapshot" && message.topic === topic) {
        out.length = 0;
        out.push(...((message.data as T[] | null) ?? []));
      } else if (message.type === "batch") {
        for (const update of message.updates) if (update.topic === topic) out.push(update.data as T);
      }
    }
    return out;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close();
      setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 1_000).unref();
    });
  }
}

/** `mexc-live start` as a child process; resolves with its URL once it printed it. */
export class GatewayProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private exitPromise: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    private readonly group = false,
  ) {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split("\n");
      out = lines.pop()!;
      this.stdout.push(...lines);
    });
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const lines = err.split("\n");
      err = lines.pop()!;
      this.stderr.push(...lines);
    });
    this.exitPromise = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  static spawn(args: string[], env: Record<string, string>): GatewayProcess {
    const child = spawn(process.execPath, [BIN, "start", ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new GatewayProcess(child);
  }

  /**
   * `mexc-live start` with stderr written into stdout's pipe (`2>&1`), so `stdout` holds the log
   * and the command's own lines in the order the process wrote them (both are synchronous pipes).
   */
  static merged(args: string[], env: Record<string, string>): GatewayProcess {
    const child = spawn("sh", ["-c", 'exec "$0" "$@" 2>&1', process.execPath, BIN, "start", ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new GatewayProcess(child);
  }

  /**
   * `npx mexc-live start` in the repository, as a user types it after `npm ci`. npx runs the
   * command as its child, so signals go to the whole process group.
   */
  static npx(args: string[], env: Record<string, string>): GatewayProcess {
    const child = spawn("npx", ["--no-install", "mexc-live", "start", ...args], {
      cwd: REPO_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    return new GatewayProcess(child, true);
  }

  /**
   * `npm start` in the repository (without its prestart build: the tests run after one), as a user
   * types it; signals go to the whole process group, as a terminal's Ctrl-C does.
   */
  static npmStart(args: string[], env: Record<string, string>): GatewayProcess {
    const child = spawn("npm", ["start", "--ignore-scripts", "--", ...args], {
      cwd: REPO_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    return new GatewayProcess(child, true);
  }

  async url(timeoutMs = 20_000): Promise<string> {
    return waitFor(
      "the dashboard URL on stdout",
      () => {
        if (this.child.exitCode !== null)
          throw new Error(`gateway exited ${this.child.exitCode}: ${this.stderr.join("\n")}`);
        // "dashboard at URL (mode)" in a JSON line, or "  Dashboard: URL" on a terminal (--log-format text).
        const line = this.stdout.find((text) => /dashboard at |Dashboard: /.test(text));
        return line ? /(?:dashboard at|Dashboard:) (\S+)/.exec(line)![1] : undefined;
      },
      timeoutMs,
      50,
    );
  }

  exited(): Promise<number | null> {
    return this.exitPromise;
  }

  /** SIGKILL: no shutdown at all. */
  async kill9(): Promise<void> {
    this.signal("SIGKILL");
    await this.exitPromise;
  }

  async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.signal(signal);
    const timer = setTimeout(() => this.signal("SIGKILL"), timeoutMs);
    const code = await this.exitPromise;
    clearTimeout(timer);
    return code;
  }

  private signal(signal: NodeJS.Signals): void {
    // `mexc-live start` is a supervisor with the gateway in a child (cli/supervisor.ts): a SIGKILL,
    // which the supervisor cannot pass on, goes to the gateway too, as a crash would.
    if (signal === "SIGKILL" && this.child.pid !== undefined) {
      for (const pid of descendantsOf(this.child.pid)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone already
        }
      }
    }
    if (!this.group || this.child.pid === undefined) this.child.kill(signal);
    else {
      try {
        process.kill(-this.child.pid, signal);
      } catch {
        // the group is gone already
      }
    }
  }
}

/** Every process below `pid`, from Linux's /proc (none elsewhere). */
function descendantsOf(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
