/**
 * A running simulator on 127.0.0.1 with the client's user stream on it, its timers scaled to the
 * simulator's speed, and the end-of-run check against the simulator's ledger. Used by the soak,
 * the client benchmark and the integration tests (always the real simulator, never a mock).
 *
 * With `sim.accounts` N > 1 it watches every funded account ("demo", "sub1", ...) with a client of
 * its own (watchedAccount.ts), the clients sharing one REST budget as a gateway's do; `client`,
 * `stream`, `view` and `notices` are then the demo account's, and each account is checked against
 * its own ledger.
 */

import { setTimeout as sleep } from "node:timers/promises";
import { BUSY_DEMO_TRADER, type RunningSimulator, type SimulatorOptions, startSimulator } from "@mexc-live/simulator";
import type { ClientUserStreamOptions, MexcClient } from "../../src/client.js";
import { WeightBudget } from "../../src/rest/weightBudget.js";
import type { UserStream, UserStreamNotice } from "../../src/user/userStream.js";
import { type ClientView, diffAgainstLedger, type Ledger } from "./ledgerDiff.js";
import { type WatchClientOptions, type WatchedAccount, watchAccount } from "./watchedAccount.js";

export { scaledConnection } from "./watchedAccount.js";

export interface HarnessOptions {
  readonly sim?: SimulatorOptions;
  readonly client?: WatchClientOptions;
  readonly stream?: ClientUserStreamOptions;
  /** Start the user stream(s) at once (default true). */
  readonly startStream?: boolean;
}

/** One account's differences from its own ledger (none: equal). */
export interface AccountDifferences {
  readonly account: string;
  readonly differences: string[];
}

export interface Harness {
  readonly sim: RunningSimulator;
  /** Every watched account, the demo account first (one unless `sim.accounts` > 1). */
  readonly accounts: readonly WatchedAccount[];
  /** The demo account's client, stream, view and notices. */
  readonly client: MexcClient;
  readonly stream: UserStream;
  /** What downstream was told, folded. */
  readonly view: ClientView;
  /** Every state notice, in order. */
  readonly notices: UserStreamNotice[];
  admin(path: string, body?: unknown): Promise<unknown>;
  /** The demo account's ledger. */
  ledger(): Promise<Ledger>;
  /** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
  waitFor(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves once the simulator has made `count` more fills of the demo account; throws after `timeoutMs`. */
  ledgerFills(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Faults off, demo trader stopped, every account's resting orders cancelled (so nothing can
   * trade any more), every stream quiet and live, one more reconciliation each; the differences
   * from the ledgers (prefixed with the account's name when there are several).
   */
  settle(options?: SettleOptions): Promise<string[]>;
  /** The same, account by account, each against its own ledger. */
  settleEach(options?: SettleOptions): Promise<AccountDifferences[]>;
  close(): Promise<void>;
}

export interface SettleOptions {
  readonly quietMs?: number;
  readonly timeoutMs?: number;
}

const POLL_MS = 50;
const DEFAULT_QUIET_MS = 1_000;
const DEFAULT_SETTLE_TIMEOUT_MS = 30_000;
const CANCEL_ROUNDS = 5;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const speed = options.sim?.speed ?? 1;
  // A busy demo trader (the user's demo keeps its history's pace, ~25 fills a day): these tests watch fills come.
  const sim = await startSimulator({ port: 0, admin: true, market: BUSY_DEMO_TRADER, ...options.sim });
  const admin = async (path: string, body?: unknown) => {
    const response = await fetch(
      `${sim.rest}${path}`,
      body === undefined
        ? {}
        : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    );
    return response.json();
  };
  // The funded accounts (the extra accounts of tests come after them and are not watched).
  const funded = sim.accounts.slice(0, options.sim?.accounts ?? 1);
  // One account keeps a budget of its own inside its client, as it always did.
  const budget = funded.length > 1 ? new WeightBudget(options.client?.rateLimit) : undefined;
  const accounts = funded.map((credentials) =>
    watchAccount(sim, credentials, {
      speed,
      client: options.client,
      stream: options.stream,
      startStream: options.startStream,
      budget,
      admin,
    }),
  );
  const demo = accounts[0]!;

  const waitFor = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(POLL_MS);
    }
  };

  const ledgerFills = (count: number, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      let made = 0;
      const stop = sim.exchange.onEvent((event) => {
        if (event.kind !== "fill" || event.account !== demo.name || ++made < count) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out waiting for ${count} fills of ${demo.name} (${made} made)`));
      }, timeoutMs);
    });

  const settleEach = async ({ quietMs = DEFAULT_QUIET_MS, timeoutMs = DEFAULT_SETTLE_TIMEOUT_MS } = {}) => {
    const streams = accounts.map((account) => account.stream); // opens any not started yet
    await admin("/_sim/faults", { spec: "" });
    await admin("/_sim/trader", { running: false });
    // The market's own takers keep trading against resting orders: without this a fill can
    // land between reading the ledger and comparing with it.
    for (const account of accounts) await cancelEverything(account.client);
    const noisy = () => accounts.filter((account) => !account.isQuiet(quietMs)).map((account) => account.name);
    await waitFor(
      accounts.length === 1 ? "a quiet, live user stream" : "quiet, live user streams",
      () => noisy().length === 0,
      timeoutMs,
    ).catch((error: Error) => {
      throw accounts.length === 1 ? error : new Error(`${error.message} (not yet: ${noisy().join(", ")})`);
    });
    await Promise.all(streams.map((stream) => stream.reconcileNow("settle")));
    await sleep(quietMs / 2);
    return Promise.all(
      accounts.map(async (account) => ({
        account: account.name,
        differences: diffAgainstLedger(account.view, await account.ledger()),
      })),
    );
  };

  return {
    sim,
    accounts,
    client: demo.client,
    get stream() {
      return demo.stream;
    },
    view: demo.view,
    notices: demo.notices,
    admin,
    ledger: () => demo.ledger(),
    waitFor,
    ledgerFills,
    settleEach,
    async settle(settleOptions) {
      const each = await settleEach(settleOptions);
      if (each.length === 1) return each[0]!.differences;
      return each.flatMap(({ account, differences }) => differences.map((line) => `${account}: ${line}`));
    },
    async close() {
      await Promise.all(accounts.map((account) => account.client.close()));
      budget?.close();
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
