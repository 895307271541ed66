/**
 * One simulator account watched by a client of its own, as the gateway watches each of its
 * accounts: the account's keys, its user stream (timers scaled to the simulator's speed), what
 * the stream told downstream folded into a ClientView, its state notices, and its own ledger
 * (GET /_sim/ledger?account=NAME) to compare with. Several accounts' clients may share one REST
 * budget, as a gateway's do (MEXC counts public calls per machine, signed ones per account).
 */
import { LISTEN_KEY_KEEPALIVE_MS, LISTEN_KEY_TTL_MS } from "@mexc-live/protocol/limits";
import type { AccountCredentials, RunningSimulator } from "@mexc-live/simulator";
import type { BackoffPolicy } from "../../src/backoff.js";
import {
  type ClientUserStreamOptions,
  createMexcClient,
  type MexcClient,
  type MexcClientOptions,
} from "../../src/client.js";
import { MAINTENANCE_RETRY, PING_INTERVAL_MS, REFUSED_RETRY, ROTATE_AFTER_MS } from "../../src/constants.js";
import type { WeightBudget } from "../../src/rest/weightBudget.js";
import type { UserEvent } from "../../src/user/executionRecord.js";
import type { UserStream, UserStreamNotice } from "../../src/user/userStream.js";
import type { StreamConnectionOptions } from "../../src/ws/streamConnection.js";
import { ClientView, type Ledger } from "./ledgerDiff.js";

/** Client options the harness leaves to the caller (keys and addresses are the simulator's). */
export type WatchClientOptions = Omit<MexcClientOptions, "apiKey" | "apiSecret" | "restUrl" | "wsUrl">;

export interface WatchedAccount {
  /** The simulator's account name: "demo", "sub1", ... */
  readonly name: string;
  readonly client: MexcClient;
  /** The account's user stream (opened now if it was not started). */
  readonly stream: UserStream;
  /** What downstream was told, folded. */
  readonly view: ClientView;
  /** Every state notice, in order. */
  readonly notices: UserStreamNotice[];
  /** The stream is live and told nothing for `quietMs`. */
  isQuiet(quietMs: number): boolean;
  /** The account's own books in the simulator. */
  ledger(): Promise<Ledger>;
}

export interface WatchOptions {
  readonly speed: number;
  readonly client?: WatchClientOptions;
  readonly stream?: ClientUserStreamOptions;
  /** Start the user stream at once (default true). */
  readonly startStream?: boolean;
  /** Shared with other accounts' clients; the caller closes it. */
  readonly budget?: WeightBudget;
  readonly admin: (path: string) => Promise<unknown>;
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

function scaledPolicy(policy: BackoffPolicy, speed: number): BackoffPolicy {
  return { initialMs: policy.initialMs / speed, maxMs: policy.maxMs / speed };
}

export function watchAccount(
  sim: RunningSimulator,
  credentials: AccountCredentials,
  options: WatchOptions,
): WatchedAccount {
  const { speed } = options;
  const client = createMexcClient({
    connection: scaledConnection(speed),
    ...options.client,
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    apiKey: credentials.apiKey,
    apiSecret: credentials.secretKey,
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
      // A refused key or maintenance is asked about again on the simulator's clock too.
      slowRetry: {
        refused: scaledPolicy(REFUSED_RETRY, speed),
        maintenance: scaledPolicy(MAINTENANCE_RETRY, speed),
      },
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

  return {
    name: credentials.name,
    client,
    get stream() {
      return stream ?? openStream();
    },
    view,
    notices,
    isQuiet: (quietMs) =>
      stream !== undefined && stream.stats().connection?.state === "live" && Date.now() - lastEventAt > quietMs,
    ledger: async () => (await options.admin(`/_sim/ledger?account=${encodeURIComponent(credentials.name)}`)) as Ledger,
  };
}
