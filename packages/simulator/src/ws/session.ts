/**
 * One client socket: the JSON control protocol (docs/mexc/protocol.md#subscribing-unsubscribing-ping), MEXC's limits and timers (docs/mexc/protocol.md#connection-limits-and-timers) and the
 * data frames the feeds hand it. Timers run on the SimClock; the inbound message rate is
 * measured on the wall clock, because it is a property of the client, not of simulated time.
 */

import { parseJsonObject } from "@mexc-live/protocol";
import { MAX_CLIENT_FRAME_BYTES } from "@mexc-live/protocol/limits";
import type { Logger } from "pino";
import WebSocket, { type RawData } from "ws";
import type { Behaviours } from "../behaviours.js";
import type { SimClock } from "../clock.js";
import type { SymbolConfig } from "../types.js";
import { admitChannel } from "./channelAdmission.js";
import { pongReply, subscriptionReply, unknownMessageReply, unsubscriptionReply } from "./controlReplies.js";
import type { Subscriber, Topic, TopicRegistry } from "./topics.js";
import { CLOSE, INBOUND_RATE_WINDOW_WALL_MS, MAX_BUFFERED_BYTES } from "./wsConstants.js";

export interface SessionLimits {
  readonly maxStreams: number;
  readonly maxInboundPerSecond: number;
  readonly noSubscriptionTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxConnectionAgeMs: number;
}

/** Counters shared by all sessions of one server. */
export interface FrameCounters {
  framesSent: number;
  bytesSent: number;
}

export interface SessionDeps {
  readonly ws: WebSocket;
  readonly id: number;
  /** The listen key's account; undefined on a public connection. */
  readonly account: string | undefined;
  readonly listenKey: string | undefined;
  readonly topics: TopicRegistry;
  readonly symbols: ReadonlyMap<string, SymbolConfig>;
  readonly clock: SimClock;
  readonly limits: SessionLimits;
  /** Which real-MEXC behaviours are on (frame limit, increase.depth.batch). */
  readonly behaviours: Pick<Behaviours, "clientFrameLimit" | "increaseDepthBatch" | "assessmentZone">;
  readonly counters: FrameCounters;
  readonly logger: Logger | undefined;
  /** Called once, when the session is over (closed by either side or terminated). */
  readonly onEnd: (session: Session) => void;
}

type CloseKind = (typeof CLOSE)[keyof typeof CLOSE];

interface ControlRequest {
  readonly method: string;
  readonly id: number;
  readonly params: readonly unknown[];
}

export class Session implements Subscriber {
  readonly id: number;
  readonly account: string | undefined;
  readonly listenKey: string | undefined;
  /** Fault `stall`: no data frames and no replies any more, but the socket stays open. */
  stalled = false;
  /** Client frames over 1 KB ignored (behaviour `clientFrameLimit`). */
  oversizedFrames = 0;
  private readonly subscribed = new Map<string, Topic>();
  private ended = false;
  private closing = false;
  private lastInboundAt: number;
  private rateWindowStart = 0;
  private rateCount = 0;
  private noSubscriptionTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly maxAgeTimer: NodeJS.Timeout;

  constructor(private readonly deps: SessionDeps) {
    this.id = deps.id;
    this.account = deps.account;
    this.listenKey = deps.listenKey;
    const { ws, clock, limits } = deps;
    this.lastInboundAt = clock.now();
    this.armNoSubscription();
    this.armIdle(limits.idleTimeoutMs);
    this.maxAgeTimer = clock.setTimeout(() => this.close(CLOSE.maxAge), limits.maxConnectionAgeMs);
    ws.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    // RFC 6455 pings are answered (unless stalled) but are not traffic: MEXC's 60 s rule counts
    // the JSON PING (docs/mexc/protocol.md#subscribing-unsubscribing-ping, docs/mexc/protocol.md#connection-limits-and-timers). Whether MEXC answers protocol pings at all is [UNCONFIRMED].
    ws.on("ping", (data) => {
      if (!this.stalled) ws.pong(data);
    });
    ws.on("close", () => this.end());
    ws.on("error", (error) => {
      deps.logger?.debug({ session: this.id, err: error.message }, "ws socket error");
      this.end();
    });
  }

  streamCount(): number {
    return this.subscribed.size;
  }

  sendData(frame: Buffer): void {
    const { ws, counters } = this.deps;
    if (this.stalled || this.closing || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.slowConsumer);
      return;
    }
    ws.send(frame);
    counters.framesSent++;
    counters.bytesSent += frame.length;
  }

  /** A clean close with a code and reason; data stops at once. */
  close(kind: CloseKind): void {
    if (this.closing || this.ended) return;
    this.closing = true;
    this.deps.logger?.debug({ session: this.id, code: kind.code, reason: kind.reason }, "closing ws session");
    this.release();
    this.deps.ws.close(kind.code, kind.reason);
  }

  /** Fault `drop`: the connection just dies (the client sees 1006). */
  terminate(): void {
    this.deps.ws.terminate();
    this.end();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closing || this.ended) return;
    if (!this.countInbound()) {
      this.close(CLOSE.rateLimit);
      return;
    }
    this.lastInboundAt = this.deps.clock.now();
    if (this.deps.behaviours.clientFrameLimit && byteLength(data) > MAX_CLIENT_FRAME_BYTES) {
      // docs/mexc/undocumented.md#websocket item 11.4: MEXC fails client frames over about 1 KB (a SUBSCRIPTION of ~25 channels failed,
      // 20 worked: skip-mev/connect; Mexc.Net caps its frames at 1024 bytes). How it fails is not
      // reported: we ignore the frame, no reply, so its channels never come [UNCONFIRMED form].
      this.deps.logger?.debug({ session: this.id, bytes: byteLength(data) }, "client frame over 1 KB ignored");
      this.oversizedFrames++;
      return;
    }
    const request = isBinary ? undefined : parseRequest(rawText(data));
    if (request === undefined) {
      this.sendText(unknownMessageReply(0));
      return;
    }
    switch (request.method) {
      case "SUBSCRIPTION":
        this.subscribe(request);
        return;
      case "UNSUBSCRIPTION":
        this.unsubscribe(request);
        return;
      case "PING":
      case "ping":
        this.sendText(pongReply(request.id));
        return;
      default:
        this.sendText(unknownMessageReply(request.id));
    }
  }

  private subscribe(request: ControlRequest): void {
    const { topics, symbols, limits, logger } = this.deps;
    const accepted: string[] = [];
    const rejected: string[] = [];
    for (const param of new Set(request.params)) {
      const channel = typeof param === "string" ? param : JSON.stringify(param);
      if (typeof param === "string" && this.subscribed.has(channel)) {
        accepted.push(channel);
        continue;
      }
      const admission =
        typeof param === "string"
          ? admitChannel(channel, {
              privateAllowed: this.account !== undefined,
              symbols,
              increaseDepthBatch: this.deps.behaviours.increaseDepthBatch,
              assessmentZone: this.deps.behaviours.assessmentZone,
            })
          : { ok: false as const, reason: "channel is not a string" };
      if (!admission.ok) {
        logger?.debug({ session: this.id, reason: admission.reason }, "ws channel blocked");
        rejected.push(channel);
      } else if (this.subscribed.size >= limits.maxStreams) {
        // MEXC: "subscriptions beyond the limit are invalid" (docs/mexc/protocol.md#connection-limits-and-timers); the exact reply is
        // [UNCONFIRMED] — the simulator rejects them with the usual Blocked text.
        rejected.push(channel);
      } else {
        const isPrivate = admission.spec.stream.startsWith("private");
        const topic = topics.add(channel, admission.spec, isPrivate ? this.account : undefined, this);
        this.subscribed.set(channel, topic);
        accepted.push(channel);
      }
    }
    if (this.subscribed.size > 0) {
      this.deps.clock.clear(this.noSubscriptionTimer);
      this.noSubscriptionTimer = undefined;
    }
    this.sendText(subscriptionReply(request.id, accepted, rejected));
  }

  private unsubscribe(request: ControlRequest): void {
    const channels = request.params.filter((param): param is string => typeof param === "string");
    for (const channel of channels) {
      const topic = this.subscribed.get(channel);
      if (!topic) continue;
      this.subscribed.delete(channel);
      this.deps.topics.remove(topic, this);
    }
    if (this.subscribed.size === 0 && this.noSubscriptionTimer === undefined) this.armNoSubscription();
    this.sendText(unsubscriptionReply(request.id, channels));
  }

  private sendText(text: string): void {
    const { ws } = this.deps;
    if (this.stalled || this.closing || ws.readyState !== WebSocket.OPEN) return;
    ws.send(text);
  }

  /** False when this message is one too many in the current rate window. */
  private countInbound(): boolean {
    const now = this.deps.clock.now();
    if (now - this.rateWindowStart >= INBOUND_RATE_WINDOW_WALL_MS) {
      this.rateWindowStart = now;
      this.rateCount = 0;
    }
    return ++this.rateCount <= this.deps.limits.maxInboundPerSecond;
  }

  /** Restarted whenever the socket has no subscription left (docs/mexc/protocol.md#connection-limits-and-timers: 30 s without a valid one). */
  private armNoSubscription(): void {
    this.noSubscriptionTimer = this.deps.clock.setTimeout(
      () => this.close(CLOSE.noSubscription),
      this.deps.limits.noSubscriptionTimeoutMs,
    );
  }

  /** Fires when the idle time may be up; re-arms for the rest if traffic came meanwhile. */
  private armIdle(simMs: number): void {
    const { clock, limits } = this.deps;
    this.idleTimer = clock.setTimeout(() => {
      const idleSimMs = (clock.now() - this.lastInboundAt) * clock.speed;
      if (idleSimMs >= limits.idleTimeoutMs - 1) this.close(CLOSE.idle);
      else this.armIdle(limits.idleTimeoutMs - idleSimMs);
    }, simMs);
  }

  /** Stops timers and leaves every topic: no more frames are produced for this socket. */
  private release(): void {
    const { clock, topics } = this.deps;
    clock.clear(this.noSubscriptionTimer);
    clock.clear(this.idleTimer);
    clock.clear(this.maxAgeTimer);
    for (const topic of this.subscribed.values()) topics.remove(topic, this);
    this.subscribed.clear();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.release();
    this.deps.onEnd(this);
  }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

/** A control frame, or undefined for anything that is not a JSON object with a string method. */
function parseRequest(text: string): ControlRequest | undefined {
  const value = parseJsonObject(text);
  if (value === undefined) return undefined;
  const { method, id, params } = value;
  if (typeof method !== "string") return undefined;
  return {
    method,
    // MEXC: an unsigned integer; echoed when sent, 0 otherwise (docs/mexc/protocol.md#subscribing-unsubscribing-ping).
    id: typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? id : 0,
    params: Array.isArray(params) ? params : [],
  };
}
