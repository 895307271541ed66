/**
 * One socket of a stream: connect, subscribe (through the outbound limiter), match the acks,
 * PING on a timer, and decide when the socket is dead. It reports and ends; it never reconnects
 * (StreamConnection does that). Every wait is bounded: the TCP connection and the upgrade by
 * upgradeTimeoutMs (UPGRADE_TIMEOUT, naming the host), the acks by ackTimeoutMs, silence after
 * that by deadAfterMs. Events:
 *   open          the upgrade came: the subscriptions are sent;
 *   live          every requested channel was answered (accepted, rejected or timed out) and
 *                 at least one was accepted;
 *   frame         a binary data frame, as received;
 *   channelError  a channel was rejected ("Blocked!", docs/mexc/protocol.md#rejections) or never acked within ackTimeoutMs;
 *   authRejected  the listen key was refused (text "Invalid listen key", or a close that says so);
 *   text          a text frame that is none of the above;
 *   end           once, when the socket is over for any reason but our own close().
 */
import { EventEmitter } from "node:events";
import { PING_MESSAGE, subscriptionMessages } from "@mexc-live/protocol";
import WebSocket, { type RawData } from "ws";
import { MAX_FRAME_BYTES, SOCKET_CLOSE_GRACE_MS } from "../constants.js";
import type { Logger } from "../logger.js";
import { hasListenKey, redactUrl } from "../redact.js";
import { AckMatcher } from "./ackMatcher.js";
import { parseControlReply } from "./controlReply.js";
import { OutboundLimiter } from "./outboundLimiter.js";

export interface ChannelError {
  readonly channel: string;
  readonly reason: "blocked" | "ackTimeout";
  readonly message: string;
}

export type SocketEndReason = "closed" | "stall" | "authRejected" | "ackTimeout" | "allBlocked" | "upgradeTimeout";

export interface SocketEnd {
  readonly reason: SocketEndReason;
  readonly message: string;
  /** When the end was noticed. */
  readonly at: number;
  /** The last time anything arrived (or the socket was created, then upgraded): frames may be missing after it. */
  readonly lastReceivedAt: number;
  /** The socket error's code (ECONNREFUSED, ...; HTTP_<status> for a refused upgrade; UPGRADE_TIMEOUT), if one came. */
  readonly code?: string;
  /** Whether the socket had been live (every channel answered) before it ended. */
  readonly wasLive: boolean;
}

export type SubscribedSocketEvents = {
  open: [];
  live: [accepted: readonly string[]];
  frame: [bytes: Uint8Array, receivedAt: number];
  channelError: [error: ChannelError];
  authRejected: [message: string];
  text: [value: unknown];
  end: [end: SocketEnd];
};

export interface SubscribedSocketOptions {
  readonly url: string;
  readonly channels: readonly string[];
  readonly pingIntervalMs: number;
  readonly deadAfterMs: number;
  readonly upgradeTimeoutMs: number;
  readonly ackTimeoutMs: number;
  readonly maxOutboundPerSecond: number;
  readonly channelsPerRequest: number;
  /** Largest SUBSCRIPTION frame, bytes (docs/mexc/undocumented.md#websocket item 11.4: 1 KB). */
  readonly maxFrameBytes: number;
  readonly now: () => number;
  readonly logger: Logger | undefined;
  readonly label: string;
}

/** An upgrade refused with one of these on a ?listenKey= URL is a refused key. */
const AUTH_HTTP_STATUS = /Unexpected server response: 40[13]\b/;
/** A close reason that says the key itself is no good (MEXC's wording is undocumented, docs/mexc/protocol.md#rejections). */
const KEY_REFUSED_REASON = /invalid\s*listen\s*key|listen\s*key\s*(is\s*)?(invalid|expired|deleted|not\s*exist)/i;
/** ws's close code when the connection died without a close frame. */
const ABNORMAL_CLOSE = 1006;

export class SubscribedSocket extends EventEmitter<SubscribedSocketEvents> {
  readonly createdAt: number;
  private readonly ws: WebSocket;
  private readonly limiter: OutboundLimiter;
  private readonly acks = new AckMatcher();
  private readonly accepted = new Set<string>();
  private lastReceivedAt: number;
  private receivedAny = false;
  private opened = false;
  private isLive = false;
  private ended = false;
  private timedOut = 0;
  private authRejectedSent = false;
  private pingQueued = false;
  private lastError: string | undefined;
  private lastErrorCode: string | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly checkTimer: NodeJS.Timeout;
  private readonly upgradeTimer: NodeJS.Timeout;

  constructor(private readonly options: SubscribedSocketOptions) {
    super();
    this.createdAt = options.now();
    this.lastReceivedAt = this.createdAt;
    // No handshakeTimeout of ws's own: upgradeTimer bounds the connection and the upgrade, and
    // says so (a handshake timeout of ws's read as a plain "closed").
    this.ws = new WebSocket(options.url, {
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
    });
    this.limiter = new OutboundLimiter((text) => this.ws.send(text), options.maxOutboundPerSecond, options.now);
    this.ws.on("open", () => this.onOpen());
    this.ws.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on("error", (error) => {
      this.lastError = error.message;
      this.lastErrorCode = errorCode(error);
    });
    this.ws.on("close", (code, reason) => this.onClose(code, reason.toString("utf8")));
    const checkEvery = Math.max(5, Math.min(options.pingIntervalMs, options.deadAfterMs, options.ackTimeoutMs) / 4);
    this.checkTimer = setInterval(() => this.check(), checkEvery);
    this.upgradeTimer = setTimeout(() => {
      this.lastErrorCode = UPGRADE_TIMEOUT;
      this.end(
        "upgradeTimeout",
        `no WebSocket upgrade from ${hostOf(options.url)} within ${options.upgradeTimeoutMs} ms`,
      );
    }, options.upgradeTimeoutMs);
  }

  get live(): boolean {
    return this.isLive;
  }

  /** Closes with 1000 and waits for the close handshake (bounded). No `end` event follows. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.stop();
    const ws = this.ws;
    if (ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
    const grace = setTimeout(() => ws.terminate(), SOCKET_CLOSE_GRACE_MS);
    ws.close(1000, "client closing");
    await closed;
    clearTimeout(grace);
  }

  private onOpen(): void {
    if (this.ended) return;
    this.opened = true;
    clearTimeout(this.upgradeTimer);
    // Silence is measured from the upgrade: before it, upgradeTimeoutMs is the bound.
    this.lastReceivedAt = this.options.now();
    const { channels, channelsPerRequest, maxFrameBytes, pingIntervalMs } = this.options;
    const split = { maxBytes: maxFrameBytes, maxChannels: channelsPerRequest };
    for (const message of subscriptionMessages("SUBSCRIPTION", channels, split)) {
      const id = this.acks.request(message.channels);
      this.limiter.push(message.text, (at) => this.acks.sent(id, at));
    }
    this.pingTimer = setInterval(() => this.ping(), pingIntervalMs);
    this.emit("open");
    this.settle();
  }

  /** One PING at a time: when the outbound budget is spent, pings do not pile up behind each other. */
  private ping(): void {
    if (this.pingQueued) return;
    this.pingQueued = true;
    this.limiter.push(PING_MESSAGE, () => {
      this.pingQueued = false;
    });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.ended) return;
    const now = this.options.now();
    this.lastReceivedAt = now;
    this.receivedAny = true;
    if (isBinary) {
      this.emit("frame", toBytes(data), now);
      return;
    }
    const reply = parseControlReply(toBytes(data).toString());
    switch (reply.kind) {
      case "pong":
        return;
      case "invalidListenKey":
        this.rejectAuth(reply.text);
        return;
      case "other":
        this.emit("text", reply.value);
        return;
      case "subscription": {
        const outcome = this.acks.onReply(reply.accepted, reply.rejected);
        for (const channel of outcome.accepted) this.accepted.add(channel);
        for (const channel of outcome.rejected) {
          const reason = reply.reason || "Blocked!";
          this.emit("channelError", { channel, reason: "blocked", message: `subscription rejected: ${reason}` });
        }
        if (outcome.accepted.length === 0 && outcome.rejected.length === 0) this.emit("text", reply);
        this.settle();
      }
    }
  }

  private check(): void {
    if (this.ended) return;
    const now = this.options.now();
    const { deadAfterMs, ackTimeoutMs } = this.options;
    if (this.opened && now - this.lastReceivedAt > deadAfterMs) {
      this.end("stall", `no data and no PONG for ${now - this.lastReceivedAt} ms`);
      return;
    }
    for (const channel of this.acks.expire(now, ackTimeoutMs)) {
      this.timedOut++;
      this.emit("channelError", {
        channel,
        reason: "ackTimeout",
        message: `no subscription ack within ${ackTimeoutMs} ms`,
      });
    }
    this.settle();
  }

  /** Once every request is answered or expired: live, or over when nothing was accepted. */
  private settle(): void {
    if (this.isLive || this.ended || !this.opened || !this.acks.settled) return;
    if (this.accepted.size > 0) {
      this.isLive = true;
      this.emit("live", [...this.accepted]);
    } else if (this.timedOut > 0) {
      this.end("ackTimeout", "no channel was acked");
    } else {
      this.end("allBlocked", "every channel was rejected");
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.ended) return;
    const { url } = this.options;
    const keyRefused =
      hasListenKey(url) &&
      (KEY_REFUSED_REASON.test(reason) ||
        AUTH_HTTP_STATUS.test(this.lastError ?? "") ||
        (this.opened && !this.receivedAny && code !== ABNORMAL_CLOSE));
    if (keyRefused) this.rejectAuth(reason || `closed with ${code} before any reply`);
    const detail = reason ? `${code} ${reason}` : this.lastError ? `${code} (${this.lastError})` : `${code}`;
    this.end(this.authRejectedSent ? "authRejected" : "closed", `socket closed: ${detail}`);
  }

  private rejectAuth(message: string): void {
    if (this.authRejectedSent) return;
    this.authRejectedSent = true;
    this.emit("authRejected", message);
  }

  private end(reason: SocketEndReason, message: string): void {
    if (this.ended) return;
    this.stop();
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
    const at = this.options.now();
    this.options.logger?.debug(
      { label: this.options.label, url: redactUrl(this.options.url), reason, message },
      "ws socket ended",
    );
    const code = this.lastErrorCode;
    const wasLive = this.isLive;
    this.emit("end", { reason, message, at, lastReceivedAt: this.lastReceivedAt, wasLive, ...(code ? { code } : {}) });
  }

  private stop(): void {
    this.ended = true;
    this.limiter.clear();
    clearInterval(this.pingTimer);
    clearInterval(this.checkTimer);
    clearTimeout(this.upgradeTimer);
  }
}

/** The code of a try whose upgrade did not come within upgradeTimeoutMs. */
const UPGRADE_TIMEOUT = "UPGRADE_TIMEOUT";

/** host:port of a WebSocket URL (never its query: a listen key travels there). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the WebSocket host";
  }
}

/** A socket error's code: the system's (ECONNREFUSED, ...) or HTTP_<status> for a refused upgrade. */
function errorCode(error: Error): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
  const status = /Unexpected server response: (\d{3})\b/.exec(error.message);
  return status ? `HTTP_${status[1]}` : undefined;
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
