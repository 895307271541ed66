/// <reference types="node" />
/**
 * A stand-in gateway on 127.0.0.1 for the render benchmark and the browser tests that need data
 * the demo gateway cannot give (several accounts): serves the built dashboard, answers the JSON
 * API with small fixed data (GET /api/accounts answers the given accounts and their total, one
 * "main" by default), records every API request, and speaks the /stream contract (hello, a
 * snapshot per subscribed topic, unsubscribe, then whatever `broadcast` pushes as `batch`
 * messages). No MEXC, no simulator: the load is exactly what the caller asks for.
 *
 * With several accounts it keeps the gateway's rule for `?account=` (issue 16), so a dashboard
 * that forgets to name its account is caught: a write (and every /api/alerts/ route) without it
 * is refused with 400 ACCOUNT_REQUIRED, and a read without it answers for all accounts together
 * (a history list merges every account's items, newest first, each with its `account`; the
 * other reads answer the default account's, as the gateway's do). Such reads are recorded. An
 * account it does not list is answered 404.
 */
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import {
  type AccountsAnswer,
  type Health,
  type JournalSummary,
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

/**
 * GET /api/accounts of two demo accounts, "main" (the default) and "sub1", each with `health` and
 * an equity point of 1000 USDT at `time`.
 */
export function twoAccounts(time: number, health: Health = FAKE_HEALTH): AccountsAnswer {
  return {
    items: ["main", "sub1"].map((name, i) => ({
      name,
      mode: "demo" as const,
      default: i === 0,
      topicPrefix: i === 0 ? "" : `account.${name}.`,
      health,
      equity: { time, equity: "1000", byAsset: { USDT: "1000" }, unrealized: "0" },
    })),
    total: { equity: "2000", byAsset: { USDT: "2000" } },
  };
}

/** GET /api/journal of an account without a round trip (the gateway's answer, contract JournalSummary). */
const EMPTY_JOURNAL: JournalSummary = {
  from: null,
  to: null,
  method: "avg",
  stats: {
    count: 0,
    wins: 0,
    losses: 0,
    breakeven: 0,
    winRate: null,
    profitFactor: null,
    averageWin: null,
    averageLoss: null,
    expectancy: null,
    best: null,
    worst: null,
    longestWinStreak: 0,
    longestLossStreak: 0,
    realized: "0",
    unpriced: 0,
  },
  byStrategy: [],
  drawdown: null,
  againstHolding: null,
  againstBenchmark: null,
};

const API: Record<string, unknown> = {
  "/api/health": FAKE_HEALTH,
  "/api/balances": { items: [] },
  "/api/equity": { items: [] },
  "/api/fees": { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "0" },
  "/api/fees/days": { quote: "USDT", items: [], total: "0" },
  "/api/volume": { items: [] },
  "/api/pnl": { items: [] },
  "/api/fills": { items: [], nextCursor: null, total: 0 },
  "/api/orders": { items: [], nextCursor: null, total: 0 },
  "/api/ledger": { items: [], nextCursor: null, total: 0 },
  "/api/transfers": { items: [], nextCursor: null, total: 0 },
  "/api/opening-positions": { items: [] },
  "/api/pnl/periods": { items: [] },
  "/api/pnl/realized": { quote: "USDT", method: "avg", byAsset: "0", byPair: "0", causes: [] },
  "/api/performance": { from: 0, to: 0, startEquity: null, endEquity: null, netFlows: "0", twr: null, netDeposits: [] },
  "/api/alerts/rules": { items: [] },
  "/api/alerts/deliveries": { items: [] },
  "/api/precisions": { assets: {}, symbols: {} },
  // As an account with no history answers (figures/portfolio/moneyWeightedAnswer.ts).
  "/api/performance/money-weighted": {
    from: 0,
    to: 0,
    startEquity: null,
    endEquity: null,
    flows: [],
    annual: null,
    period: null,
    noRate: "noEquity",
    unpriced: [],
    coverage: { status: "noHistory", historyStartsAt: null },
  },
  "/api/journal/holding-times": { items: [] },
  "/api/journal/trips": { items: [], nextCursor: null, total: 0 },
  "/api/journal": EMPTY_JOURNAL,
};

/** Account-scoped GET routes answering a page `{items, nextCursor, total}` of one account's history, newest first. */
const HISTORY_LISTS: ReadonlySet<string> = new Set(["/api/fills", "/api/orders", "/api/ledger", "/api/transfers"]);
/** Routes about the whole gateway: `?account=` means nothing to them. */
const GATEWAY_WIDE: ReadonlySet<string> = new Set(["/api/accounts", "/api/health", "/api/login", "/api/precisions"]);

/** A single-account gateway's list (today's demo mode, or one MEXC_API_KEY), before its first equity point. */
const ONE_ACCOUNT: AccountsAnswer = {
  items: [{ name: "main", mode: "demo", default: true, topicPrefix: "", health: FAKE_HEALTH, equity: null }],
  total: { equity: "0", byAsset: {} },
};

export interface FakeGateway {
  readonly url: string;
  /** Every API request so far, as "METHOD /api/path?query". */
  readonly requests: readonly string[];
  /** With several accounts, the account-scoped reads that named none (answered for all accounts). */
  readonly allAccountsReads: readonly string[];
  /** Requests refused with ACCOUNT_REQUIRED (writes that named no account). */
  readonly refused: readonly string[];
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
  /** One account's items of a history list route (HISTORY_LISTS), newest first; default: none. */
  readonly history?: (path: string, account: string) => readonly { readonly time: number }[] | undefined;
}

export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const requests: string[] = [];
  const allAccountsReads: string[] = [];
  const refused: string[] = [];
  const accounts = options.accounts ?? ONE_ACCOUNT;
  const api: Record<string, unknown> = { ...API, "/api/accounts": accounts };
  /** What a request that passed the account rule is answered. */
  const answer = (method: string, url: URL, sent: string): { status: number; body?: unknown } => {
    const path = url.pathname;
    const custom = options.api?.(method, `${path}${url.search}`, sent);
    if (custom) return custom;
    if (method === "GET" && HISTORY_LISTS.has(path)) {
      const named = url.searchParams.get("account");
      const limit = Number(url.searchParams.get("limit") ?? 100);
      return { status: 200, body: historyPage(accounts, named, limit, (name) => options.history?.(path, name) ?? []) };
    }
    return api[path] === undefined ? { status: 404, body: { message: "not found" } } : { status: 200, body: api[path] };
  };
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/api/")) {
      const method = request.method ?? "GET";
      const line = `${method} ${request.url ?? path}`;
      requests.push(line);
      let sent = "";
      request.on("data", (chunk: Buffer) => {
        sent += chunk.toString();
      });
      request.on("end", () => {
        const url = new URL(request.url ?? path, "http://127.0.0.1");
        const named = url.searchParams.get("account");
        const unnamed = accounts.items.length > 1 && named === null && !GATEWAY_WIDE.has(path);
        let result: { status: number; body?: unknown };
        if (named !== null && !accounts.items.some((item) => item.name === named)) {
          result = { status: 404, body: { error: "NOT_FOUND", message: `account: no account "${named}" here` } };
        } else if (unnamed && (method !== "GET" || path.startsWith("/api/alerts/"))) {
          refused.push(line);
          result = {
            status: 400,
            body: { error: "ACCOUNT_REQUIRED", message: "account: several accounts here; name one with ?account=NAME" },
          };
        } else {
          if (unnamed) allAccountsReads.push(line);
          result = answer(method, url, sent);
        }
        response.writeHead(result.status, { "content-type": "application/json" });
        response.end(result.body === undefined ? undefined : JSON.stringify(result.body));
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
    allAccountsReads,
    refused,
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

/**
 * A history list's first page: the named account's items; with none named, every account's, each
 * with its `account`, newest first (several accounts) or the one account's (one account).
 */
function historyPage(
  accounts: AccountsAnswer,
  named: string | null,
  limit: number,
  itemsOf: (account: string) => readonly { readonly time: number }[],
): { items: unknown[]; nextCursor: null; total: number } {
  const defaultName = accounts.items.find((item) => item.default)?.name ?? "main";
  if (named !== null || accounts.items.length < 2) {
    const items = itemsOf(named ?? defaultName);
    return { items: [...items].slice(0, limit), nextCursor: null, total: items.length };
  }
  const merged = accounts.items.flatMap((item) => itemsOf(item.name).map((one) => ({ ...one, account: item.name })));
  merged.sort((a, b) => b.time - a.time);
  return { items: merged.slice(0, limit), nextCursor: null, total: merged.length };
}

/** Any account's health is FAKE_HEALTH; a ticker or depth has none yet; every list is empty. */
function defaultSnapshot(topic: string): unknown {
  const parsed = parseTopic(topic);
  if (parsed?.kind === "account" && parsed.topic === "health") return FAKE_HEALTH;
  // As the gateway before its figures' first version (contract messages.ts: FiguresVersion | null);
  // an empty list here was a figures state no gateway sends, and the page took it as one.
  if (parsed?.kind === "account" && parsed.topic === "figures") return null;
  return topic.endsWith(".ticker") || topic.endsWith(".depth") ? null : [];
}

function send(socket: WebSocket, message: ServerMessage): void {
  socket.send(JSON.stringify(message));
}
