/**
 * The simulator's WebSocket endpoint (docs/mexc/protocol.md#the-websocket-protocol) on the REST server's port: `/ws`
 * for market streams, `/ws?listenKey=KEY` for a user's private streams as well. Upgrades are
 * checked here (path, refuse fault, listen key, sockets per key); sessions speak the control
 * protocol; feeds turn engine and market data into pushes for the subscribed topics.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import {
  IDLE_TIMEOUT_MS,
  MAX_CLIENT_MESSAGES_PER_SECOND,
  MAX_CONNECTION_AGE_MS,
  MAX_SOCKETS_PER_LISTEN_KEY,
  MAX_STREAMS_PER_CONNECTION,
  NO_SUBSCRIPTION_TIMEOUT_MS,
} from "@mexc-live/protocol/limits";
import type { Logger } from "pino";
import { type WebSocket, WebSocketServer } from "ws";
import type { Behaviours } from "../behaviours.js";
import type { SimClock } from "../clock.js";
import type { Random } from "../random.js";
import type { TrafficCounter } from "../traffic.js";
import type { Exchange, FaultPlan, ListenKeyStore, Market } from "../types.js";
import { Fanout } from "./fanout.js";
import { startAggreFeed } from "./feeds/aggreFeed.js";
import { startIncreaseDepthBatchFeed } from "./feeds/increaseDepthBatchFeed.js";
import { startKlineTickerFeed } from "./feeds/klineTickerFeed.js";
import { startLimitDepthFeed } from "./feeds/limitDepthFeed.js";
import { startPrivateFeed } from "./feeds/privateFeed.js";
import { type FrameCounters, Session, type SessionLimits } from "./session.js";
import { TopicRegistry } from "./topics.js";
import {
  CLOSE,
  INVALID_LISTEN_KEY_TEXT,
  MAX_INBOUND_PAYLOAD_BYTES,
  SHUTDOWN_GRACE_WALL_MS,
  TOO_MANY_SOCKETS_TEXT,
  WS_PATH,
} from "./wsConstants.js";
import { WsFaults } from "./wsFaults.js";

/** Overrides of MEXC's limits (docs/mexc/protocol.md#connection-limits-and-timers), for tests and experiments; durations in simulated ms. */
export interface WsOptions {
  readonly maxStreams?: number;
  readonly maxInboundPerSecond?: number;
  readonly noSubscriptionTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly maxConnectionAgeMs?: number;
  readonly maxSocketsPerListenKey?: number;
}

export interface WsStats {
  /** Open sessions (public and private). */
  readonly connections: number;
  /** Socket-channel pairs. */
  readonly subscriptions: number;
  /** Binary data frames sent since start, and their bytes. */
  readonly framesSent: number;
  readonly bytesSent: number;
}

export interface WsServerHandle {
  /** Closes every socket (1001), stops the feeds and detaches from the HTTP server. */
  close(): Promise<void>;
  stats(): WsStats;
}

export interface WsDeps {
  exchange: Exchange;
  market: Market;
  listenKeys: ListenKeyStore;
  faults: FaultPlan;
  clock: SimClock;
  random: Random;
  logger?: Logger;
  options?: WsOptions;
  behaviours: Behaviours;
  /** Counts public and private sessions (GET /_sim/traffic). */
  traffic?: TrafficCounter;
}

const WS_SERVER_OPTIONS = {
  noServer: true,
  clientTracking: true,
  perMessageDeflate: false,
  autoPong: false,
  maxPayload: MAX_INBOUND_PAYLOAD_BYTES,
} as const;

export function attachWebSocket(server: http.Server, deps: WsDeps): WsServerHandle {
  const { exchange, listenKeys, faults, clock, random } = deps;
  const logger = deps.logger?.child({ component: "ws" });
  const limits = sessionLimits(deps.options);
  const maxSocketsPerKey = deps.options?.maxSocketsPerListenKey ?? MAX_SOCKETS_PER_LISTEN_KEY;
  // Upgrades come through the REST server; pings are answered by the session (autoPong off).
  const wss = new WebSocketServer(WS_SERVER_OPTIONS);
  const open = new OpenSessions();
  const { sessions } = open;
  const topics = new TopicRegistry();
  const counters: FrameCounters = { framesSent: 0, bytesSent: 0 };
  const fanout = new Fanout(faults, random);
  const feeds = startFeeds(deps, topics, fanout, logger);
  const wsFaults = new WsFaults({ faults, clock, listenKeys, sessions: () => sessions, logger });
  const stopListening = listenKeys.onInvalidated((key, _account, why) => {
    const close = why === "deleted" ? CLOSE.listenKeyDeleted : CLOSE.listenKeyExpired;
    for (const session of open.ofKey(key)) session.close(close);
  });
  let nextSessionId = 1;
  let closed = false;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    const url = upgradeUrl(request, socket, () => closed || wsFaults.refuseUpgrade());
    if (url !== undefined) {
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, url.searchParams.get("listenKey")));
    }
  };

  const onConnection = (ws: WebSocket, listenKey: string | null): void => {
    const account =
      listenKey === null ? undefined : listenKeyAccount(ws, listenKey, listenKeys, open, maxSocketsPerKey);
    if (account === null) return;
    const key = listenKey ?? undefined;
    const ended = deps.traffic?.socketOpened(key === undefined ? "market" : "user");
    const session = new Session({
      ws,
      id: nextSessionId++,
      account,
      listenKey: key,
      topics,
      symbols: exchange.symbols,
      clock,
      limits,
      behaviours: deps.behaviours,
      counters,
      logger,
      onEnd: (session) => {
        ended?.();
        open.remove(session, key);
      },
    });
    open.add(session, key);
    logger?.debug({ session: session.id, private: account !== undefined }, "ws session opened");
  };

  server.on("upgrade", onUpgrade);

  return {
    async close() {
      if (closed) return;
      closed = true;
      server.off("upgrade", onUpgrade);
      for (const feed of feeds) feed.stop();
      wsFaults.stop();
      stopListening();
      for (const session of [...sessions]) session.close(CLOSE.serverShutdown);
      await allClosed([...wss.clients], SHUTDOWN_GRACE_WALL_MS);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    stats: () => ({
      connections: sessions.size,
      subscriptions: topics.subscriptions(),
      framesSent: counters.framesSent,
      bytesSent: counters.bytesSent,
    }),
  };
}

/**
 * The account of a user stream's socket; null when it is refused (the socket then told and
 * closed): an unknown listen key, or one with maxSocketsPerKey sockets open.
 */
function listenKeyAccount(
  ws: WebSocket,
  listenKey: string,
  listenKeys: ListenKeyStore,
  open: OpenSessions,
  maxSocketsPerKey: number,
): string | null {
  const account = listenKeys.resolve(listenKey);
  // docs/mexc/protocol.md#rejections: ccxt sees a plain-text "Invalid listen key", then the socket closes. [3P]
  if (account === undefined) {
    refuseSocket(ws, INVALID_LISTEN_KEY_TEXT, CLOSE.invalidListenKey);
    return null;
  }
  if (open.ofKey(listenKey).length >= maxSocketsPerKey) {
    refuseSocket(ws, TOO_MANY_SOCKETS_TEXT, CLOSE.tooManySockets);
    return null;
  }
  return account;
}

/**
 * The URL of an upgrade to accept (the WebSocket path); undefined once the upgrade is refused:
 * 400 for a URL that does not parse, 404 for another path, 503 while `unavailable()` (closing, or
 * the fault that refuses upgrades; asked last).
 */
function upgradeUrl(request: http.IncomingMessage, socket: Duplex, unavailable: () => boolean): URL | undefined {
  let url: URL;
  try {
    url = new URL(request.url ?? "/", "http://127.0.0.1");
  } catch {
    refuseUpgrade(socket, 400, "Bad Request");
    return undefined;
  }
  if (url.pathname !== WS_PATH) {
    refuseUpgrade(socket, 404, "Not Found");
    return undefined;
  }
  if (unavailable()) {
    refuseUpgrade(socket, 503, "Service Unavailable");
    return undefined;
  }
  return url;
}

/** Every feed the sessions' topics are fed by (the increased-depth batches with their behaviour). */
function startFeeds(deps: WsDeps, topics: TopicRegistry, fanout: Fanout, logger: Logger | undefined) {
  const { exchange, market, faults, clock } = deps;
  return [
    startAggreFeed({ exchange, topics, fanout, faults, clock }),
    startLimitDepthFeed({ exchange, topics, fanout, clock }),
    startKlineTickerFeed({
      exchange,
      market,
      topics,
      fanout,
      clock,
      logger,
      hideAssessmentZone: deps.behaviours.assessmentZone,
    }),
    startPrivateFeed({ exchange, topics, fanout, clock, faults }),
    ...(deps.behaviours.increaseDepthBatch ? [startIncreaseDepthBatchFeed({ exchange, topics, fanout, clock })] : []),
  ];
}

/** The sessions open, and by listen key those of the user streams. */
class OpenSessions {
  readonly sessions = new Set<Session>();
  private readonly byKey = new Map<string, Set<Session>>();

  ofKey(key: string): Session[] {
    return [...(this.byKey.get(key) ?? [])];
  }

  add(session: Session, key: string | undefined): void {
    this.sessions.add(session);
    if (key === undefined) return;
    let ofKey = this.byKey.get(key);
    if (!ofKey) {
      ofKey = new Set();
      this.byKey.set(key, ofKey);
    }
    ofKey.add(session);
  }

  remove(session: Session, key: string | undefined): void {
    this.sessions.delete(session);
    if (key === undefined) return;
    const ofKey = this.byKey.get(key);
    ofKey?.delete(session);
    if (ofKey?.size === 0) this.byKey.delete(key);
  }
}

function sessionLimits(options: WsOptions | undefined): SessionLimits {
  return {
    maxStreams: options?.maxStreams ?? MAX_STREAMS_PER_CONNECTION,
    maxInboundPerSecond: options?.maxInboundPerSecond ?? MAX_CLIENT_MESSAGES_PER_SECOND,
    noSubscriptionTimeoutMs: options?.noSubscriptionTimeoutMs ?? NO_SUBSCRIPTION_TIMEOUT_MS,
    idleTimeoutMs: options?.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
    maxConnectionAgeMs: options?.maxConnectionAgeMs ?? MAX_CONNECTION_AGE_MS,
  };
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function refuseSocket(ws: WebSocket, text: string, close: { code: number; reason: string }): void {
  ws.on("error", () => ws.terminate());
  ws.send(text);
  ws.close(close.code, close.reason);
}

/** Resolves when every socket has closed, or after `graceMs` real ms, whichever comes first. */
function allClosed(sockets: WebSocket[], graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  const closes: Promise<unknown> = Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) resolve();
          else ws.once("close", () => resolve());
        }),
    ),
  );
  return Promise.race([closes, grace]).then(() => clearTimeout(timer));
}
