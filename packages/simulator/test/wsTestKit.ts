/**
 * Test support for the ws/ tests (not shipped code): the real engine, market, listen-key store
 * and fault plan behind a plain HTTP server on 127.0.0.1, and a `ws` client that records what
 * it receives. Waits are bounded; nothing here mocks the simulator's own parts.
 */

import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodePush } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import WebSocket from "ws";
import { type Behaviours, resolveBehaviours } from "../src/behaviours.js";
import { createClock, type SimClock } from "../src/clock.js";
import { createExchange, type EngineExchange } from "../src/engine/exchange.js";
import { createFaultPlan } from "../src/faults.js";
import { type MarketOptions, startMarket } from "../src/market/market.js";
import { createRandom } from "../src/random.js";
import { DEFAULT_SYMBOLS } from "../src/symbols.js";
import type { FaultPlan, ListenKeyStore, Market } from "../src/types.js";
import { createListenKeyStore } from "../src/ws/listenKeys.js";
import { attachWebSocket, type WsOptions, type WsServerHandle } from "../src/ws/wsServer.js";

/** A market that fills its books once and then stays still (no requotes, no taker flow). */
export const QUIET_MARKET: MarketOptions = { makerRequoteMs: 1e12, takerIntervalMs: 1e12, seedHistoryMinutes: 0 };
/** A busy market: frequent requotes and trades. */
export const BUSY_MARKET: MarketOptions = { makerRequoteMs: 20, takerIntervalMs: 30, seedHistoryMinutes: 0 };

export interface WsHarness {
  readonly url: string;
  readonly port: number;
  readonly clock: SimClock;
  readonly exchange: EngineExchange;
  readonly market: Market;
  readonly listenKeys: ListenKeyStore;
  readonly faults: FaultPlan;
  readonly ws: WsServerHandle;
  /** A funded trading account (USDT, BTC, ETH, MX) with a fresh listen key. */
  account(name: string): { account: string; listenKey: string };
  close(): Promise<void>;
}

export async function startWsHarness(
  setup: {
    speed?: number;
    seed?: number;
    faults?: string;
    market?: MarketOptions;
    options?: WsOptions;
    behaviours?: Partial<Behaviours>;
  } = {},
): Promise<WsHarness> {
  const seed = setup.seed ?? 7;
  const clock = createClock(setup.speed ?? 1);
  const random = createRandom(seed);
  const exchange = createExchange({ symbols: [...DEFAULT_SYMBOLS], clock, random });
  const market = startMarket({
    exchange,
    clock,
    random,
    demo: { account: "demo", trader: false },
    options: setup.market ?? QUIET_MARKET,
  });
  const listenKeys = createListenKeyStore({ clock, random: createRandom(seed + 1) });
  const faults = createFaultPlan(setup.faults ?? "", createRandom(seed + 2));
  const server = http.createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const ws = attachWebSocket(server, {
    exchange,
    market,
    listenKeys,
    faults,
    clock,
    random: createRandom(seed + 3),
    options: setup.options,
    behaviours: resolveBehaviours(setup.behaviours),
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    port,
    clock,
    exchange,
    market,
    listenKeys,
    faults,
    ws,
    account(name) {
      if (!exchange.hasAccount(name)) {
        exchange.createAccount(name);
        for (const [asset, amount] of Object.entries({ USDT: "1000000", BTC: "10", ETH: "100", MX: "10000" })) {
          exchange.credit(name, asset, amount);
        }
      }
      return { account: name, listenKey: listenKeys.create(name) };
    },
    async close() {
      await ws.close();
      market.stop();
      listenKeys.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** A recording client. Text replies and binary frames are kept in arrival order. */
export class TestClient {
  readonly texts: string[] = [];
  readonly frames: Buffer[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data: Buffer, isBinary) => {
      if (isBinary) this.frames.push(data);
      else this.texts.push(data.toString("utf8"));
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString("utf8") });
        this.wake();
      });
    });
    socket.on("error", () => {});
  }

  /** Opens a socket; resolves once it is open (rejects on an HTTP refusal). */
  static connect(url: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const client = new TestClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("unexpected-response", (_request, response) => {
        reject(new Error(`HTTP ${response.statusCode}`));
        socket.terminate();
      });
      socket.once("error", reject);
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  subscribe(params: string[], id?: number): void {
    this.send(id === undefined ? { method: "SUBSCRIPTION", params } : { method: "SUBSCRIPTION", params, id });
  }

  /** The next text reply after the `already` first ones. */
  async text(index: number, timeoutMs = 2_000): Promise<string> {
    await this.until(() => this.texts.length > index, timeoutMs, `text reply #${index}`);
    return this.texts[index]!;
  }

  /** Decoded frames (ones that do not decode are skipped). */
  pushes(channel?: string): PushWrapper[] {
    const out: PushWrapper[] = [];
    for (const frame of this.frames) {
      try {
        const push = decodePush(frame);
        if (channel === undefined || push.channel === channel) out.push(push);
      } catch {
        // malformed frames are counted by the tests that look for them
      }
    }
    return out;
  }

  async pushCount(channel: string, count: number, timeoutMs = 5_000): Promise<PushWrapper[]> {
    await this.until(() => this.pushes(channel).length >= count, timeoutMs, `${count} pushes on ${channel}`);
    return this.pushes(channel);
  }

  async waitClosed(timeoutMs = 5_000): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("socket did not close in time")), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when `condition` holds (checked on every message), rejects after `timeoutMs`. */
  async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Waits `ms` real milliseconds. */
