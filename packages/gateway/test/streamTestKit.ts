/**
 * For tests of /stream and /events over real sockets on 127.0.0.1: a gateway HTTP side with the
 * stream attached and in-memory queries, and a WebSocket client that collects what it receives.
 */
import type { AddressInfo } from "node:net";
import type { ServerMessage } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";
import { sampleHealth } from "../../contract/test/items.js";
import type { SessionLimits } from "../src/fanout/limits.js";
import { TopicHub } from "../src/fanout/topicHub.js";
import { attachStream, type StreamServer } from "../src/fanout/wsServer.js";
import { buildApp } from "../src/http/app.js";
import type { AppSettings } from "../src/http/deps.js";
import { MemoryQueries } from "../src/http/queries/memoryQueries.js";
import { createMetrics, type GatewayMetrics } from "../src/metrics.js";
import { AccessPolicy } from "../src/security/accessPolicy.js";

export interface TestGateway {
  readonly app: FastifyInstance;
  readonly hub: TopicHub;
  readonly stream: StreamServer;
  readonly metrics: GatewayMetrics;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly wsUrl: string;
  close(): Promise<void>;
}

export async function startTestGateway(
  options: { settings?: AppSettings; limits?: Partial<SessionLimits>; idleTimeoutMs?: number } = {},
): Promise<TestGateway> {
  const metrics = createMetrics({ defaultMetrics: false });
  const hub = new TopicHub({ metrics, limits: options.limits });
  const settings: AppSettings = { requireToken: false, webDist: "/nonexistent", ...options.settings };
  const health = () => sampleHealth("demo");
  const policy = new AccessPolicy(settings);
  const app = buildApp({ queries: new MemoryQueries(), hub, health, metrics, settings, policy });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const stream = attachStream(app.server, {
    hub,
    settings,
    policy,
    health,
    metrics,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    hub,
    stream,
    metrics,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/stream`,
    close: async () => {
      await stream.close();
      hub.close();
      await app.close();
    },
  };
}

/** A /stream client that keeps every message and the close code. */
export class StreamClient {
  readonly messages: ServerMessage[] = [];
  closeCode: number | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.messages.push(JSON.parse(String(data)));
      this.wake();
    });
    ws.on("close", (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new StreamClient(ws);
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      ws.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Resolves when `predicate` holds over the messages so far; rejects after `timeoutMs`. */
  until(predicate: (messages: ServerMessage[]) => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate(this.messages)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.messages)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms with ${this.messages.length} messages`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  closed(timeoutMs = 5000): Promise<number> {
    return this.until(() => this.closeCode !== undefined, timeoutMs).then(() => this.closeCode as number);
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Logs in at `baseUrl` (http://host:port) with `token`; the Cookie header value the browser would send. */
export async function loginCookie(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(new URL("/api/login", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 200 || cookie === null) throw new Error(`login refused: ${response.status}`);
  return cookie.split(";")[0] as string;
}
