/**
 * One logical stream (at most 30 channels, docs/mexc/protocol.md#connection-limits-and-timers) over one socket at a time, kept alive for as
 * long as the owner wants it: reconnect with capped, jittered back-off when the socket dies or
 * stalls; rotate before MEXC's 24 h cut with an overlap (open the new socket, subscribe, wait for
 * its acks, switch, close the old one) and drop the frames both sockets delivered. Whenever data
 * may have been missed, a `gap` event says from when to when, so the owner can re-sync.
 *
 * Every failed try says why (`reconnecting`: host and code), and the try under way says what it
 * waits for (tryUnderWay()). A try whose listen key the server refused is followed at once by one
 * with a fresh key (the owner replaces it on `authRejected`), not after the back-off: the cause is
 * gone (issue 54 item 2: after a simulator restart the stale key cost 5-10 s of back-off). Never
 * twice in a row: a fresh key refused too waits the back-off, so keys refused on end are asked
 * for at most twice per back-off step.
 */
import { EventEmitter } from "node:events";
import { MAX_STREAMS_PER_CONNECTION } from "@mexc-live/protocol/limits";
import { backoffDelay } from "../backoff.js";
import { ROTATION_MAX_BUFFERED_FRAMES } from "../constants.js";
import { ClientError } from "../errors.js";
import { redactSecrets, redactUrl } from "../redact.js";
import { FrameDedup } from "./frameDedup.js";
import {
  type ChannelError,
  type ConnectFailure,
  type GapReason,
  type ResolvedStreamOptions,
  resolveStreamOptions,
  type StreamConnectionOptions,
  type StreamEvents,
  type StreamState,
  type StreamStats,
  type TryUnderWay,
  type UrlSource,
} from "./streamTypes.js";
import { type SocketEnd, SubscribedSocket } from "./subscribedSocket.js";

export type {
  ChannelError,
  ConnectFailure,
  StreamConnectionOptions,
  StreamEvents,
  StreamGap,
  StreamState,
  StreamStats,
  TryUnderWay,
} from "./streamTypes.js";

/** What a failed try is known by before the next one is timed. */
type Cause = Pick<ConnectFailure, "host" | "code" | "message">;

interface Down {
  readonly since: number;
  readonly reason: GapReason;
}

export class StreamConnection extends EventEmitter<StreamEvents> {
  private readonly options: ResolvedStreamOptions;
  private active: string[];
  private current: SubscribedSocket | undefined;
  /** A rotation candidate and the frames it received before its acks completed. */
  private next: { socket: SubscribedSocket; buffered: { bytes: Uint8Array; at: number }[] } | undefined;
  private dedup: { filter: FrameDedup; until: number | undefined } | undefined;
  private currentState: StreamState | undefined;
  private everLive = false;
  private down: Down | undefined;
  private attempt = 0;
  /** The try under way (from its url() to its acks); undefined between tries and once live. */
  private underWay: Omit<TryUnderWay, "attempt"> | undefined;
  /** The last try was started at once after a refused listen key (at most one such in a row). */
  private retriedRefusedKey = false;
  private started = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private rotateTimer: NodeJS.Timeout | undefined;
  private counters = {
    framesDelivered: 0,
    duplicatesDropped: 0,
    reconnects: 0,
    failedConnects: 0,
    rotations: 0,
    gaps: 0,
  };
  /** host:port and listen key (to mask) of the URL the current socket was opened on. */
  private target: { host: string | undefined; secret: string | undefined } = { host: undefined, secret: undefined };
  private lastFrameAt: number | undefined;

  constructor(options: StreamConnectionOptions) {
    super();
    if (options.channels.length > MAX_STREAMS_PER_CONNECTION) {
      throw new ClientError(
        "BAD_OPTION",
        `a connection carries at most ${MAX_STREAMS_PER_CONNECTION} channels, got ${options.channels.length}; use StreamPool`,
      );
    }
    if (options.channels.length === 0) throw new ClientError("BAD_OPTION", "a connection needs at least one channel");
    this.options = resolveStreamOptions(options);
    this.active = [...new Set(options.channels)];
  }

  /** The channels still carried (rejected ones are dropped). */
  get channels(): readonly string[] {
    return this.active;
  }

  get state(): StreamState {
    return this.currentState ?? "connecting";
  }

  get label(): string {
    return this.options.label;
  }

  /** The try to connect under way, if one is: what it waits for, from which host, since when. */
  tryUnderWay(): TryUnderWay | undefined {
    return this.underWay && { ...this.underWay, attempt: this.attempt + 1 };
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect();
  }

  async close(): Promise<void> {
    await this.shutdown();
  }

  stats(): StreamStats {
    return {
      label: this.options.label,
      state: this.state,
      channels: this.active.length,
      ...this.counters,
      lastFrameAt: this.lastFrameAt,
    };
  }

  private async shutdown(detail?: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.rotateTimer);
    const sockets = [this.current, this.next?.socket].filter((socket) => socket !== undefined);
    this.current = undefined;
    this.next = undefined;
    this.setState("closed", detail);
    await Promise.all(sockets.map((socket) => socket.close()));
  }

  private async connect(): Promise<void> {
    const opened = await this.openSocket(); // awaits url() first: listeners attached after start() see every state
    if (!(opened instanceof SubscribedSocket)) return opened && this.scheduleReconnect(opened);
    const socket = opened;
    this.setState(this.everLive ? "reconnecting" : "connecting");
    this.current = socket;
    socket.on("open", () => {
      if (socket === this.current) this.waitFor("subscribe", this.target.host, this.options.ackTimeoutMs);
    });
    socket.on("frame", (bytes, at) => {
      if (socket === this.current) this.deliverFromCurrent(bytes, at);
    });
    socket.on("live", () => {
      if (socket === this.current) this.onCurrentLive();
    });
    socket.on("end", (end) => {
      if (socket === this.current) this.onCurrentEnd(end);
    });
  }

  /** A socket with the shared listeners; why not when the URL could not be had; undefined once we closed. */
  private async openSocket(): Promise<SubscribedSocket | Cause | undefined> {
    const { logger, label, urlSource } = this.options;
    const rotating = this.current !== undefined;
    if (!rotating) this.waitFor("url", urlSource?.host, undefined);
    let url: string;
    try {
      url = await this.options.url();
    } catch (error) {
      logger?.warn({ label, err: (error as Error).message }, "ws url unavailable");
      return urlFailure(error, urlSource);
    }
    if (this.closed) return undefined;
    this.target = targetOf(url);
    if (!rotating) this.waitFor("upgrade", this.target.host, this.options.upgradeTimeoutMs);
    logger?.debug({ label, url: redactUrl(url), channels: this.active.length }, "ws connecting");
    const socket = new SubscribedSocket({ ...this.options, url, channels: this.active });
    socket.on("channelError", (error) => this.onChannelError(error));
    socket.on("authRejected", (message) => this.emit("authRejected", { message }));
    socket.on("text", (value) => this.emit("textMessage", value));
    return socket;
  }

  /** The try under way waits for `stage` now. */
  private waitFor(stage: TryUnderWay["stage"], host: string | undefined, boundMs: number | undefined): void {
    const waitingFor = stage === "url" ? (this.options.urlSource?.what ?? "the URL") : WAITING_FOR[stage];
    this.underWay = { stage, host, waitingFor, since: this.options.now(), boundMs };
  }

  private onCurrentLive(): void {
    const now = this.options.now();
    this.attempt = 0;
    this.underWay = undefined;
    this.retriedRefusedKey = false;
    this.everLive = true;
    this.setState("live");
    if (this.down) {
      this.counters.gaps++;
      const gap = { reason: this.down.reason, downSince: this.down.since, liveAt: now, label: this.options.label };
      this.down = undefined;
      this.emit("gap", { ...gap, channels: this.active });
    }
    this.armRotation();
  }

  private onCurrentEnd(end: SocketEnd): void {
    this.current = undefined;
    clearTimeout(this.rotateTimer);
    this.options.logger?.info({ label: this.options.label, reason: end.reason, message: end.message }, "ws down");
    if (this.everLive && !this.down) {
      const reason = end.reason === "stall" ? "stall" : end.reason === "authRejected" ? "authRejected" : "reconnect";
      this.down = { since: Math.min(end.lastReceivedAt, end.at), reason: this.next ? "rotation" : reason };
    }
    if (this.active.length === 0) {
      void this.shutdown("every channel was rejected");
      return;
    }
    if (this.next) {
      // The old socket died mid-rotation: the candidate takes over (its frames so far included).
      this.promoteCandidate();
      return;
    }
    this.counters.reconnects++;
    if (!end.wasLive) this.counters.failedConnects++;
    const message = redactSecrets(end.message, [this.target.secret]);
    // The owner replaced the refused key on `authRejected`: the next try is not the same one.
    const atOnce = end.reason === "authRejected" && !this.retriedRefusedKey;
    this.retriedRefusedKey = atOnce;
    this.scheduleReconnect({ host: this.target.host, code: end.code ?? end.reason, message }, atOnce);
  }

  /** Times the next try (after the back-off, or `atOnce`), then says why it is needed (`reconnecting`, after the state). */
  private scheduleReconnect(cause: Cause, atOnce = false): void {
    if (this.closed) return;
    this.underWay = undefined;
    this.setState(this.everLive ? "reconnecting" : "connecting");
    const attempt = this.attempt++;
    const delay = atOnce ? 0 : backoffDelay(this.options.reconnect, attempt, this.options.random);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    // One reading of the clock: a try at once is timed at the very moment the failure is stamped.
    const at = this.options.now();
    this.emit("reconnecting", { ...cause, attempt: this.attempt, at, nextTryAt: at + delay });
  }

  private onChannelError(error: ChannelError): void {
    if (error.reason === "blocked") this.active = this.active.filter((channel) => channel !== error.channel);
    this.options.logger?.warn({ label: this.options.label, ...error }, "ws channel error");
    this.emit("channelError", error);
  }

  // ------------------------------------------------------------------------------ rotation

  private armRotation(): void {
    clearTimeout(this.rotateTimer);
    this.rotateTimer = setTimeout(() => void this.rotate(), this.options.rotateAfterMs);
  }

  private async rotate(): Promise<void> {
    if (this.closed || !this.current || this.next) return;
    const socket = await this.openSocket();
    if (!(socket instanceof SubscribedSocket) || !this.current || this.closed) {
      if (socket instanceof SubscribedSocket) void socket.close();
      if (!this.closed && this.current) this.retryRotation();
      return;
    }
    const candidate = { socket, buffered: [] as { bytes: Uint8Array; at: number }[] };
    this.next = candidate;
    this.dedup = { filter: new FrameDedup(this.options.rotationDedupWindowMs), until: undefined };
    socket.on("frame", (bytes, at) => {
      if (socket === this.current) this.deliverFromCurrent(bytes, at);
      else if (this.next === candidate) {
        candidate.buffered.push({ bytes, at });
        if (candidate.buffered.length > ROTATION_MAX_BUFFERED_FRAMES)
          this.abandonCandidate("too many frames before acks");
      }
    });
    socket.on("live", () => {
      if (this.next === candidate) this.switchToCandidate();
      else if (socket === this.current) this.onCurrentLive();
    });
    socket.on("end", (end) => {
      if (socket === this.current) this.onCurrentEnd(end);
      else if (this.next === candidate) this.abandonCandidate(end.message);
    });
  }

  /** The candidate is live: it becomes the socket, its early frames go out minus copies. */
  private switchToCandidate(): void {
    const candidate = this.next!;
    const old = this.current;
    this.next = undefined;
    this.current = candidate.socket;
    if (this.dedup) this.dedup.until = this.options.now() + this.options.rotationDedupWindowMs;
    for (const { bytes, at } of candidate.buffered) this.deliverFromCurrent(bytes, at);
    this.counters.rotations++;
    this.options.logger?.debug({ label: this.options.label }, "ws rotated");
    void old?.close();
    this.armRotation();
  }

  private promoteCandidate(): void {
    const candidate = this.next!;
    this.next = undefined;
    this.current = candidate.socket;
    if (this.dedup) this.dedup.until = this.options.now() + this.options.rotationDedupWindowMs;
    for (const { bytes, at } of candidate.buffered) this.deliverFromCurrent(bytes, at);
    if (candidate.socket.live) this.onCurrentLive();
  }

  private abandonCandidate(why: string): void {
    const candidate = this.next;
    if (!candidate) return;
    this.next = undefined;
    this.dedup = undefined;
    this.options.logger?.warn({ label: this.options.label, why }, "ws rotation attempt failed");
    void candidate.socket.close();
    this.retryRotation();
  }

  private retryRotation(): void {
    clearTimeout(this.rotateTimer);
    const delay = backoffDelay(this.options.reconnect, 0, this.options.random);
    this.rotateTimer = setTimeout(() => void this.rotate(), delay);
  }

  // ------------------------------------------------------------------------------ delivery

  private deliverFromCurrent(bytes: Uint8Array, at: number): void {
    const dedup = this.dedup;
    if (dedup) {
      if (this.next) {
        dedup.filter.remember(bytes, at);
      } else if (dedup.until !== undefined && at > dedup.until) {
        this.dedup = undefined;
      } else if (dedup.filter.isDuplicate(bytes, at)) {
        this.counters.duplicatesDropped++;
        return;
      }
    }
    this.counters.framesDelivered++;
    this.lastFrameAt = at;
    this.emit("frame", bytes, at);
  }

  private setState(state: StreamState, detail?: string): void {
    if (this.currentState === state) return;
    this.currentState = state;
    if (detail === undefined) this.emit("state", state);
    else this.emit("state", state, detail);
  }
}

/** What a try waits for at each stage after its URL. */
const WAITING_FOR = { upgrade: "the WebSocket upgrade", subscribe: "the subscription acks" } as const;

/** A try that got no URL: named by the URL's source (a listen key's REST host and its code) when there is one. */
function urlFailure(error: unknown, source: UrlSource | undefined): Cause {
  const detail = error instanceof Error ? error.message : String(error);
  if (source !== undefined) {
    return { host: source.host, code: source.codeOf(error), message: `${source.what}: ${detail}` };
  }
  const code = (error as { code?: unknown } | null)?.code;
  return {
    host: undefined,
    code: "URL_UNAVAILABLE",
    message: `no URL to connect to${typeof code === "string" ? ` (${code})` : ""}`,
  };
}

/** host:port of a WebSocket URL, and its listen key (masked wherever a message repeats it). */
function targetOf(url: string): { host: string | undefined; secret: string | undefined } {
  try {
    const parsed = new URL(url);
    return { host: parsed.host, secret: parsed.searchParams.get("listenKey") ?? undefined };
  } catch {
    return { host: undefined, secret: undefined };
  }
}
