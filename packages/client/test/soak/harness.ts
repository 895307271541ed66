/**
 * A running simulator on 127.0.0.1 with the client's user stream on it, its timers scaled to the
 * simulator's speed, and the end-of-run check against the simulator's ledger. Used by the soak,
 * the client benchmark and the integration tests (always the real simulator, never a mock).
 */

import { setTimeout as sleep } from "node:timers/promises";
import { LISTEN_KEY_KEEPALIVE_MS, LISTEN_KEY_TTL_MS } from "@mexc-live/protocol";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@mexc-live/simulator";
import {
  type ClientUserStreamOptions,
  createMexcClient,
  type MexcClient,
  type MexcClientOptions,
} from "../../src/client.js";
import { PING_INTERVAL_MS, ROTATE_AFTER_MS } from "../../src/constants.js";
import type { UserEvent } from "../../src/user/executionRecord.js";
import type { UserStream, UserStreamNotice } from "../../src/user/userStream.js";
import type { StreamConnectionOptions } from "../../src/ws/streamConnection.js";
import { ClientView, diffAgainstLedger, type Ledger } from "./ledgerDiff.js";

export interface HarnessOptions {
  readonly sim?: SimulatorOptions;
  readonly client?: Omit<MexcClientOptions, "apiKey" | "apiSecret" | "restUrl" | "wsUrl">;
  readonly stream?: ClientUserStreamOptions;
  /** Start the user stream at once (default true). */
  readonly startStream?: boolean;
}

export interface Harness {
  readonly sim: RunningSimulator;
  readonly client: MexcClient;
  readonly stream: UserStream;
  /** What downstream was told, folded. */
  readonly view: ClientView;
  /** Every state notice, in order. */
  readonly notices: UserStreamNotice[];
  admin(path: string, body?: unknown): Promise<unknown>;
  ledger(): Promise<Ledger>;
  /** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
  waitFor(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Faults off, demo trader stopped, its resting orders cancelled (so nothing can trade any
   * more), stream quiet and live, one more reconciliation; the differences from the ledger.
   */
  settle(options?: { quietMs?: number; timeoutMs?: number }): Promise<string[]>;
  close(): Promise<void>;
}

/** The client's connection timers for a simulator running `speed` times faster (MEXC's idle cut is 60 s). */
export function scaledConnection(speed: number): Omit<StreamConnectionOptions, "url" | "channels" | "logger"> {
  return {
    pingIntervalMs: PING_INTERVAL_MS / speed,
    deadAfterMs: 30_000 / speed,
    reconnect: { initialMs: 100, maxMs: 2_000 },
    ackTimeoutMs: 2_000,
    rotateAfterMs: ROTATE_AFTER_MS / speed,
  };
}

const POLL_MS = 50;
const DEFAULT_QUIET_MS = 1_000;
const DEFAULT_SETTLE_TIMEOUT_MS = 30_000;
const CANCEL_ROUNDS = 5;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const speed = options.sim?.speed ?? 1;
  const sim = await startSimulator({ port: 0, admin: true, ...options.sim });
  const client = createMexcClient({
    connection: scaledConnection(speed),
    ...options.client,
    apiKey: sim.apiKey,
    apiSecret: sim.secretKey,
    restUrl: sim.rest,
    wsUrl: sim.ws,
  });
  const view = new ClientView();
  const notices: UserStreamNotice[] = [];
  let lastEventAt = Date.now();
  let stream: UserStream | undefined;
  const openStream = () => {
    stream = client.userStream({
      keepaliveMs: LISTEN_KEY_KEEPALIVE_MS / speed,
      listenKeyTtlMs: LISTEN_KEY_TTL_MS / speed,
      ...options.stream,
    });
    stream.on("event", (event: UserEvent) => {
      lastEventAt = Date.now();
      view.add(event);
    });
    stream.on("state", (notice) => notices.push(notice));
    return stream;
  };
  if (options.startStream !== false) openStream();

  const admin = async (path: string, body?: unknown) => {
    const response = await fetch(
      `${sim.rest}${path}`,
      body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
    );
    return response.json();
  };
  const waitFor = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(POLL_MS);
    }
  };

  return {
    sim,
    client,
    get stream() {
      return stream ?? openStream();
    },
    view,
    notices,
    admin,
    ledger: async () => (await admin("/_sim/ledger?account=demo")) as Ledger,
    waitFor,
    async settle({ quietMs = DEFAULT_QUIET_MS, timeoutMs = DEFAULT_SETTLE_TIMEOUT_MS } = {}) {
      const active = stream ?? openStream();
      await admin("/_sim/faults", { spec: "" });
      await admin("/_sim/trader", { running: false });
      // The market's own takers keep trading against resting orders: without this a fill can
      // land between reading the ledger and comparing with it.
      await cancelEverything(client);
      await waitFor(
        "a quiet, live user stream",
        () => active.stats().connection?.state === "live" && Date.now() - lastEventAt > quietMs,
        timeoutMs,
      );
      await active.reconcileNow("settle");
      await sleep(quietMs / 2);
      return diffAgainstLedger(view, await admin("/_sim/ledger?account=demo").then((body) => body as Ledger));
    },
    async close() {
      await client.close();
      await sim.close();
    },
  };
}

/** Cancels every open order of the account (through the client), a few rounds at most. */
export async function cancelEverything(client: MexcClient): Promise<void> {
  for (let round = 0; round < CANCEL_ROUNDS; round++) {
    const open = await client.openOrders();
    if (open.length === 0) return;
    for (const order of open) {
      await client.cancelOrder({ symbol: order.symbol, orderId: order.orderId }).catch(() => {});
    }
  }
  throw new Error(`orders still open after ${CANCEL_ROUNDS} rounds of cancelling`);
}
