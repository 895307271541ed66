/**
 * WebSocket /stream: attachStream(server, deps) takes over HTTP upgrades on `server` (ws in
 * noServer mode). At the upgrade: Host, Origin and token are checked with the same AccessPolicy
 * as HTTP (token from the Authorization header or the cookie, never the URL; a client with too
 * many wrong tokens lately gets 429 with Retry-After; behind a trusted reverse proxy the client
 * is the address it forwarded, as for HTTP), and the client count is capped. Each
 * connection gets a `hello` and a hub session (snapshot, then batches).
 *
 * A client message that is not JSON, not a ClientMessage, names an unknown topic, asks for too
 * many topics or comes too fast gets an `error` message and that socket is closed with 1008; a
 * message over MAX_CLIENT_MESSAGE_BYTES is closed by ws with 1009. Other clients are untouched.
 * Dead peers are found by a ping/isAlive sweep every BROWSER_IDLE_TIMEOUT_MS.
 *
 * Shutdown: call close() before app.close(); upgraded sockets keep the HTTP server open.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Health } from "@mexc-live/contract";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { CLOSE_CODES, StreamMessageError } from "../errors.js";
import type { GatewayMetrics } from "../metrics.js";
import { AccessPolicy, type SecuritySettings } from "../security/accessPolicy.js";
import { parseClientMessage } from "./clientMessages.js";
import {
  BROWSER_IDLE_TIMEOUT_MS,
  MAX_BROWSER_MESSAGES_PER_SECOND,
  MAX_CLIENT_MESSAGE_BYTES,
  MAX_CLIENTS,
  MAX_CONNECTIONS_PER_ADDRESS,
} from "./limits.js";
import type { StreamSession } from "./streamSession.js";
import type { ConnectionOrigin, TopicHub } from "./topicHub.js";

const STREAM_PATH = "/stream";
/** RFC 6455 close codes. */
/** On shutdown, connections that have not finished the closing handshake by then are cut. */
const SHUTDOWN_GRACE_MS = 1000;

export interface StreamDeps {
  readonly hub: TopicHub;
  readonly settings: SecuritySettings;
  /** The HTTP app's policy, so wrong tokens here and there count together; default: one from `settings`. */
  readonly policy?: AccessPolicy;
  readonly health: () => Health;
  readonly metrics?: GatewayMetrics;
  /** Ping sweep interval; a client that missed the previous ping is terminated. */
  readonly idleTimeoutMs?: number;
  /** A bug while handling a client message (that socket is closed with 1011). */
  readonly onError?: (error: unknown) => void;
}

export interface StreamServer {
  readonly wss: WebSocketServer;
  /** Stops accepting upgrades, closes every connection (1001) and their sessions. */
  close(): Promise<void>;
}

interface Connection {
  readonly session: StreamSession;
  alive: boolean;
  windowStart: number;
  messagesInWindow: number;
}

export function attachStream(server: Server, deps: StreamDeps): StreamServer {
  const policy = deps.policy ?? new AccessPolicy(deps.settings);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });
  const connections = new Map<WebSocket, Connection>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const verdict = admit(request, policy, deps.hub);
    if (typeof verdict === "string") {
      socket.end(`HTTP/1.1 ${verdict}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => connect(ws, verdict));
  };

  const connect = (ws: WebSocket, from: ConnectionOrigin) => {
    const session = deps.hub.openSession(
      {
        send: (frame) => {
          if (ws.readyState === ws.OPEN) ws.send(frame);
        },
        bufferedBytes: () => ws.bufferedAmount,
        close: (code, reason) => ws.close(code, reason),
      },
      "ws",
      from,
    );
    const connection: Connection = { session, alive: true, windowStart: Date.now(), messagesInWindow: 0 };
    connections.set(ws, connection);
    ws.on("pong", () => {
      connection.alive = true;
    });
    ws.on("message", (data, isBinary) => onMessage(ws, connection, data, isBinary, deps));
    // ws closes the socket itself after a protocol error (1009 for an oversized message, 1002 ...).
    ws.on("error", (error: Error & { code?: string }) => {
      deps.metrics?.clientErrors.inc({ code: error.code ?? "SOCKET_ERROR" });
    });
    ws.on("close", () => {
      connections.delete(ws);
      session.close();
    });
    const health = deps.health();
    session.sendNow({ type: "hello", mode: health.mode, quote: health.quote, serverTime: Date.now() });
  };

  const sweep = setInterval(() => {
    for (const [ws, connection] of connections) {
      if (!connection.alive) {
        ws.terminate();
        continue;
      }
      connection.alive = false;
      ws.ping();
    }
  }, deps.idleTimeoutMs ?? BROWSER_IDLE_TIMEOUT_MS);
  sweep.unref();

  server.on("upgrade", onUpgrade);

  return {
    wss,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.off("upgrade", onUpgrade);
        for (const ws of connections.keys()) ws.close(CLOSE_CODES.GOING_AWAY, "server shutting down");
        const cut = setTimeout(() => {
          for (const ws of connections.keys()) ws.terminate();
        }, SHUTDOWN_GRACE_MS);
        cut.unref();
        wss.close(() => {
          clearTimeout(cut);
          resolve();
        });
      }),
  };
}

/** The status (and any header lines after it) to refuse the upgrade with, or who is let in. */
function admit(request: IncomingMessage, policy: AccessPolicy, hub: StreamDeps["hub"]): string | ConnectionOrigin {
  if ((request.url ?? "").split("?")[0] !== STREAM_PATH) return "404 Not Found";
  if (!policy.hostAllowed(request.headers) || !policy.originAllowed(request)) return "403 Forbidden";
  // Behind a trusted reverse proxy, the client it forwarded: the address HTTP counts too.
  const address = policy.clientAddress(request);
  const check = policy.checkRequest(request.headers, address);
  if (!check.ok && check.reason === "blocked") return `429 Too Many Requests\r\nRetry-After: ${check.retryAfterS}`;
  if (!check.ok) return "401 Unauthorized";
  if (hub.sessionCount >= MAX_CLIENTS) return "503 Service Unavailable";
  if (hub.sessionsFrom(address) >= MAX_CONNECTIONS_PER_ADDRESS) return "429 Too Many Requests";
  return { address, login: check.session };
}

/** One message from a browser: ping, subscribe or unsubscribe; a bad one closes that socket, naming why. */
function onMessage(ws: WebSocket, connection: Connection, data: RawData, isBinary: boolean, deps: StreamDeps): void {
  try {
    if (isBinary)
      throw new StreamMessageError("BAD_MESSAGE", "message: binary frames are not accepted; send JSON text");
    countMessage(connection);
    const message = parseClientMessage(rawText(data));
    const { session } = connection;
    if (message.type === "ping") {
      session.sendNow({ type: "pong", time: Date.now() }, { skipWhenBehind: true });
    } else if (message.type === "unsubscribe") {
      session.unsubscribe(message.topics);
    } else {
      const max = deps.hub.limits.maxTopicsPerClient;
      if (session.wouldExceedTopicLimit(message.topics)) {
        throw new StreamMessageError("TOO_MANY_TOPICS", `topics: at most ${max} per connection`);
      }
      // A topic the gateway cannot serve (a symbol MEXC does not list) is refused, the socket kept.
      const refused = message.topics.flatMap((topic) => {
        const reason = deps.hub.refusal(topic);
        return reason === undefined ? [] : [[topic, reason] as const];
      });
      for (const [topic, reason] of refused) {
        deps.metrics?.clientErrors.inc({ code: "UNKNOWN_TOPIC" });
        session.sendNow({ type: "error", code: "UNKNOWN_TOPIC", message: `topics: ${topic}: ${reason}` });
      }
      const accepted = message.topics.filter((topic) => !refused.some(([name]) => name === topic));
      if (accepted.length > 0) session.subscribe(accepted);
    }
  } catch (error) {
    connection.session.close();
    if (error instanceof StreamMessageError) {
      deps.metrics?.clientErrors.inc({ code: error.code });
      if (ws.readyState === ws.OPEN)
        ws.send(JSON.stringify({ type: "error", code: error.code, message: error.message }));
      ws.close(error.closeCode, error.code);
      return;
    }
    // Our bug, not the client's: that socket only, never the process.
    deps.metrics?.clientErrors.inc({ code: "INTERNAL" });
    deps.onError?.(error);
    ws.close(CLOSE_CODES.INTERNAL_ERROR, "internal error");
  }
}

function countMessage(connection: Connection): void {
  const now = Date.now();
  if (now - connection.windowStart >= 1000) {
    connection.windowStart = now;
    connection.messagesInWindow = 0;
  }
  if (++connection.messagesInWindow > MAX_BROWSER_MESSAGES_PER_SECOND) {
    throw new StreamMessageError("BAD_MESSAGE", `message: more than ${MAX_BROWSER_MESSAGES_PER_SECOND} per second`);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
