/// <reference types="node" />
/**
 * A stand-in gateway on 127.0.0.1 for the render benchmark and the browser tests that need data
 * the demo gateway cannot give (several accounts): serves the built dashboard, answers the JSON
 * API with small fixed data (GET /api/accounts answers the given accounts and their total, one
 * "main" by default), records every API request, and speaks the /stream contract (hello, a
 * snapshot per subscribed topic, unsubscribe, then whatever `broadcast` pushes as `batch`
 * messages). No MEXC, no simulator: the load is exactly what the caller asks for.
 */
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import {
  type AccountsAnswer,
  type Health,
  parseTopic,
  type ServerMessage,
  type SnapshotMessage,
  type TopicUpdate,
} from "@mexc-live/contract";
import { type WebSocket, WebSocketServer } from "ws";
import { DIST_DIR } from "./buildWeb.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

export const FAKE_HEALTH: Health = {
  mode: "demo",
  quote: "USDT",
  upstream: {
    state: "live",
    lastEventAgeMs: 0,
    listenKeyAgeMs: 60_000,
    reconnects: 0,
    gaps: 0,
    reconciliations: 0,
    clockSkewMs: 3,
  },
};

const API: Record<string, unknown> = {
  "/api/health": FAKE_HEALTH,
  "/api/balances": { items: [] },
  "/api/equity": { items: [] },
  "/api/fees": { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "0" },
  "/api/volume": { items: [] },
  "/api/pnl": { items: [] },
  "/api/fills": { items: [], nextCursor: null },
  "/api/orders": { items: [], nextCursor: null },
  "/api/ledger": { items: [], nextCursor: null },
  "/api/transfers": { items: [], nextCursor: null },
  "/api/opening-positions": { items: [] },
  "/api/pnl/periods": { items: [] },
  "/api/performance": { from: 0, to: 0, startEquity: null, endEquity: null, netFlows: "0", twr: null, netDeposits: [] },
  "/api/alerts/rules": { items: [] },
  "/api/alerts/deliveries": { items: [] },
};

/** A single-account gateway's list (today's demo mode, or one MEXC_API_KEY), before its first equity point. */
const ONE_ACCOUNT: AccountsAnswer = {
  items: [{ name: "main", mode: "demo", default: true, topicPrefix: "", health: FAKE_HEALTH, equity: null }],
  total: { equity: "0", byAsset: {} },
};

export interface FakeGateway {
  readonly url: string;
  /** Every API request so far, as "METHOD /api/path?query". */
  readonly requests: readonly string[];
  /** Sockets subscribed so far, with their topics. */
  readonly clients: ReadonlySet<{ socket: WebSocket; topics: Set<string> }>;
  /** Sends one batch to every client, each getting the updates of the topics it subscribed. */
  broadcast(updates: readonly TopicUpdate[]): void;
  close(): Promise<void>;
}

export interface FakeGatewayOptions {
  /** Snapshot data per topic (default: empty). */
  readonly snapshot?: (topic: string) => unknown;
  /** Answers to API requests beyond the fixed GETs (e.g. the alert rules); undefined: the fixed ones. */
  readonly api?: (method: string, path: string, body: string) => { status: number; body?: unknown } | undefined;
  /** What GET /api/accounts answers (default: one account, "main"). */
  readonly accounts?: AccountsAnswer;
}

export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const requests: string[] = [];
  const api: Record<string, unknown> = { ...API, "/api/accounts": options.accounts ?? ONE_ACCOUNT };
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/api/")) {
      requests.push(`${request.method ?? "GET"} ${request.url ?? path}`);
      let sent = "";
      request.on("data", (chunk: Buffer) => {
        sent += chunk.toString();
      });
      request.on("end", () => {
        const custom = options.api?.(request.method ?? "GET", request.url ?? path, sent);
        const status = custom?.status ?? (api[path] === undefined ? 404 : 200);
        const body = custom ? custom.body : (api[path] ?? { message: "not found" });
        response.writeHead(status, { "content-type": "application/json" });
        response.end(body === undefined ? undefined : JSON.stringify(body));
      });
      return;
    }
    const file = normalize(join(DIST_DIR, path === "/" ? "index.html" : path));
    if (!file.startsWith(DIST_DIR) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<{ socket: WebSocket; topics: Set<string> }>();
  server.on("upgrade", (request, socket, head) => {
    if (request.url !== "/stream") return socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => {
      const client = { socket: ws, topics: new Set<string>() };
      clients.add(client);
      send(ws, { type: "hello", mode: "demo", quote: "USDT", serverTime: Date.now() });
      ws.on("message", (raw) => {
        const message = JSON.parse(String(raw)) as { type: string; topics?: string[] };
        if (message.type === "ping") send(ws, { type: "pong", time: Date.now() });
        if (message.type === "unsubscribe") for (const topic of message.topics ?? []) client.topics.delete(topic);
        if (message.type !== "subscribe" || !message.topics) return;
        for (const topic of message.topics) {
          client.topics.add(topic);
          const data = options.snapshot?.(topic) ?? defaultSnapshot(topic);
          send(ws, { type: "snapshot", topic, data, exchangeTime: 0, receiveTime: Date.now() } as SnapshotMessage);
        }
      });
      ws.on("close", () => clients.delete(client));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    clients,
    broadcast(updates) {
      for (const client of clients) {
        const mine = updates.filter((u) => client.topics.has(u.topic));
        if (mine.length > 0) send(client.socket, { type: "batch", updates: mine });
      }
    },
    async close() {
      for (const client of clients) client.socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Any account's health is FAKE_HEALTH; a ticker or depth has none yet; every list is empty. */
function defaultSnapshot(topic: string): unknown {
  const parsed = parseTopic(topic);
  if (parsed?.kind === "account" && parsed.topic === "health") return FAKE_HEALTH;
  return topic.endsWith(".ticker") || topic.endsWith(".depth") ? null : [];
}

function send(socket: WebSocket, message: ServerMessage): void {
  socket.send(JSON.stringify(message));
}
