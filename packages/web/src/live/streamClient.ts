/**
 * The one WebSocket from the page to the gateway's /stream. Subscribes to the wanted topics on
 * every (re)connect, reconnects by itself with capped exponential back-off and jitter, and treats
 * a silent socket as dead. It only parses frames and reports them; the store does the rest.
 */
import type { ClientMessage, ServerMessage } from "@mexc-live/contract";
import { backoffDelay } from "@mexc-live/protocol";
import type { ConnectionState } from "../store/liveState.js";
import { GATEWAY_PING_INTERVAL_MS, GATEWAY_RECONNECT, SILENCE_TIMEOUT_MS } from "./limits.js";

/** The part of the browser WebSocket this client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface StreamClientOptions {
  readonly url: string;
  readonly onMessage: (message: ServerMessage) => void;
  readonly onState: (state: ConnectionState) => void;
  readonly createSocket?: (url: string) => SocketLike;
  readonly random?: () => number;
}

const OPEN = 1;

/** Delay before reconnect attempt `attempt` (0-based): protocol's back-off with GATEWAY_RECONNECT. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return backoffDelay(GATEWAY_RECONNECT, attempt, random);
}

export class StreamClient {
  private socket: SocketLike | undefined;
  private topics = new Set<string>();
  private attempt = 0;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastMessageAt = 0;

  constructor(private readonly options: StreamClientOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.teardown();
  }

  /**
   * The topics wanted from now on; (un)subscribes the difference on the open socket. Those of
   * `renew` already subscribed are unsubscribed and subscribed again: the gateway sends a
   * snapshot only of a topic new to the connection, and a reader that starts following a topic
   * another part of the page already follows (the account shown becoming one the "All accounts"
   * summary follows) needs one.
   */
  setTopics(topics: Iterable<string>, renew: Iterable<string> = []): void {
    const next = new Set(topics);
    const added = [...next].filter((t) => !this.topics.has(t));
    const renewed = [...new Set(renew)].filter((t) => this.topics.has(t) && next.has(t));
    const removed = [...this.topics].filter((t) => !next.has(t));
    this.topics = next;
    if (removed.length + renewed.length > 0) this.send({ type: "unsubscribe", topics: [...removed, ...renewed] });
    if (added.length + renewed.length > 0) this.send({ type: "subscribe", topics: [...added, ...renewed] });
  }

  private connect(): void {
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    if (this.attempt === 0) this.options.onState("connecting");
    let socket: SocketLike;
    try {
      socket = create(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastMessageAt = Date.now();
      if (this.topics.size > 0) this.send({ type: "subscribe", topics: [...this.topics] });
      this.pingTimer = setInterval(() => this.heartbeat(), GATEWAY_PING_INTERVAL_MS);
    };
    socket.onmessage = (event) => {
      this.lastMessageAt = Date.now();
      const message = parseServerMessage(event.data);
      if (!message) return;
      if (message.type === "hello") {
        this.attempt = 0;
        this.options.onState("open");
      }
      this.options.onMessage(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.teardown();
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
  }

  private heartbeat(): void {
    if (Date.now() - this.lastMessageAt > SILENCE_TIMEOUT_MS) {
      this.teardown();
      this.scheduleReconnect();
      return;
    }
    this.send({ type: "ping" });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.options.onState("reconnecting");
    const delay = reconnectDelay(this.attempt, this.options.random);
    this.attempt += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private teardown(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    if (socket.readyState <= OPEN) socket.close(1000, "bye");
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }
}

/** A frame as a ServerMessage, or undefined when it is not JSON with a `type`. */
function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== "string") return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string") {
      return value as ServerMessage;
    }
  } catch {
    // Not JSON: ignored (the gateway only sends JSON text frames).
  }
  return undefined;
}
