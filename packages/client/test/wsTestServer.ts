/**
 * Test scaffolding (not shipped code): a real `ws` server on 127.0.0.1 whose behaviour each test
 * controls, for what the simulator cannot force precisely (a socket that stalls on cue, an ack
 * that leaves out a channel, exact rejection texts, identical frames on every socket). By
 * default it acks subscriptions like MEXC (docs/mexc/protocol.md#subscribing-unsubscribing-ping) and answers PING with PONG.
 */

import { type AddressInfo, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { type WebSocket, WebSocketServer } from "ws";

export interface ServerSocket {
  readonly index: number;
  /** The request path and query, e.g. /ws?listenKey=... */
  readonly path: string;
  readonly ws: WebSocket;
  /** Every text message received, with its wall-clock time. */
  readonly messages: { readonly text: string; readonly at: number }[];
  /** Channels this socket was acked for (by the default reply). */
  readonly channels: Set<string>;
  /** When true the socket answers nothing and gets no broadcasts (a stall). */
  silent: boolean;
  closed: boolean;
}

export interface TestServerOptions {
  /** Default: a free port. */
  readonly port?: number;
  /** The reply `msg` to a SUBSCRIPTION; default: the channels comma-joined. Undefined: no reply. */
  readonly subscribeReply?: (socket: ServerSocket, channels: string[]) => string | undefined;
  /**
   * Delay of the ack (ms) per socket; its channels count as subscribed at once, so broadcasts
   * reach it before its ack (as they may on MEXC). Default none.
   */
  readonly ackDelayMs?: (socket: ServerSocket) => number;
  /** Called for each new socket before any message. */
  readonly onConnection?: (socket: ServerSocket) => void;
}

export interface TestServer {
  readonly url: string;
  readonly sockets: ServerSocket[];
  /** Sends `frame` to every open, non-silent socket subscribed to `channel` (all open ones when undefined). */
  broadcast(frame: Uint8Array, channel?: string): void;
  openSockets(): ServerSocket[];
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: options.port ?? 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const sockets: ServerSocket[] = [];
  wss.on("connection", (ws, request) => {
    const socket: ServerSocket = {
      index: sockets.length,
      path: request.url ?? "/",
      ws,
      messages: [],
      channels: new Set(),
      silent: false,
      closed: false,
    };
    sockets.push(socket);
    ws.on("close", () => {
      socket.closed = true;
    });
    ws.on("error", () => ws.terminate());
    options.onConnection?.(socket);
    ws.on("message", (data) => {
      const text = data.toString();
      socket.messages.push({ text, at: Date.now() });
      if (socket.silent || socket.closed) return;
      let request: { method?: string; params?: string[] };
      try {
        request = JSON.parse(text);
      } catch {
        return;
      }
      if (request.method === "PING") {
        ws.send(JSON.stringify({ id: 0, code: 0, msg: "PONG" }));
      } else if (request.method === "SUBSCRIPTION") {
        const channels = request.params ?? [];
        const reply = options.subscribeReply ? options.subscribeReply(socket, channels) : channels.join(",");
        if (reply === undefined) return;
        for (const channel of reply.split(",")) if (channels.includes(channel)) socket.channels.add(channel);
        const ack = JSON.stringify({ id: 0, code: 0, msg: reply });
        const delay = options.ackDelayMs?.(socket) ?? 0;
        if (delay > 0) setTimeout(() => !socket.closed && ws.send(ack), delay);
        else ws.send(ack);
      }
    });
  });
  const { port } = wss.address() as AddressInfo;
  const openSockets = () => sockets.filter((socket) => !socket.closed && socket.ws.readyState === socket.ws.OPEN);
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    sockets,
    openSockets,
    broadcast(frame, channel) {
      for (const socket of openSockets()) {
        if (socket.silent || (channel !== undefined && !socket.channels.has(channel))) continue;
        socket.ws.send(frame);
      }
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Polls `predicate` every few ms; rejects after `timeoutMs` naming what was awaited. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** A port that was just bound and closed: nothing answers there. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
