/**
 * Public market data as protocol events: `marketStream(channels)` opens as many sockets as the
 * channels need (StreamPool), decodes every frame (decodePush + toEvent) and hands out typed
 * events, either as an emitter (`on("event", ...)`) or as an async iterable that also carries
 * the stream's state, gap and channel-error notices in order. A frame that does not decode is
 * counted, logged and skipped: it never ends the stream.
 */
import { EventEmitter } from "node:events";
import { decodePush, isProtocolError, type MexcEvent, toEvent } from "@mexc-live/protocol";
import { DEFAULT_WS_URL, MARKET_STREAM_MAX_QUEUED } from "./constants.js";
import type { ChannelError, StreamGap, StreamState } from "./ws/streamConnection.js";
import { StreamPool, type StreamPoolOptions, type StreamPoolStats } from "./ws/streamPool.js";

export type StreamNotice =
  | { readonly type: "state"; readonly state: StreamState; readonly detail?: string }
  | ({ readonly type: "gap" } & StreamGap)
  | ({ readonly type: "channelError" } & ChannelError);

/** What the async iterator yields: market events and, in order with them, stream notices. */
export type MarketStreamItem = MexcEvent | StreamNotice;

export interface MalformedFrame {
  /** ProtocolError code (TRUNCATED, MALFORMED, MISSING_BODY, ...). */
  readonly code: string;
  readonly message: string;
  readonly bytes: number;
}

export type MarketStreamEvents = {
  event: [event: MexcEvent];
  state: [state: StreamState, detail?: string];
  gap: [gap: StreamGap];
  channelError: [error: ChannelError];
  malformed: [frame: MalformedFrame];
};

export interface MarketStreamOptions extends Omit<StreamPoolOptions, "channels" | "url"> {
  /** Default wss://wbs-api.mexc.com/ws. */
  readonly url?: string | (() => string | Promise<string>);
  /** Events an iterator consumer may fall behind by before its loop fails. */
  readonly maxQueued?: number;
}

export interface MarketStreamStats extends StreamPoolStats {
  readonly events: number;
  readonly malformed: number;
}

export class MarketStream extends EventEmitter<MarketStreamEvents> implements AsyncIterable<MarketStreamItem> {
  private readonly pool: StreamPool;
  private readonly maxQueued: number;
  private readonly logger: MarketStreamOptions["logger"];
  private eventCount = 0;
  private malformedCount = 0;

  constructor(channels: readonly string[], options: MarketStreamOptions = {}) {
    super();
    const url = options.url ?? DEFAULT_WS_URL;
    this.pool = new StreamPool({
      ...options,
      label: options.label ?? "market",
      channels,
      url: typeof url === "string" ? () => url : url,
    });
    this.maxQueued = options.maxQueued ?? MARKET_STREAM_MAX_QUEUED;
    this.logger = options.logger;
    this.pool.on("frame", (bytes, at) => this.onFrame(bytes, at));
    this.pool.on("state", (state, detail) =>
      detail === undefined ? this.emit("state", state) : this.emit("state", state, detail),
    );
    this.pool.on("gap", (gap) => this.emit("gap", gap));
    this.pool.on("channelError", (error) => this.emit("channelError", error));
  }

  get channels(): readonly string[] {
    return this.pool.channels;
  }

  get state(): StreamState {
    return this.pool.state;
  }

  start(): void {
    this.pool.start();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  stats(): MarketStreamStats {
    return { ...this.pool.stats(), events: this.eventCount, malformed: this.malformedCount };
  }

  /** Iterates events and notices until the stream closes; leaving the loop closes the stream. */
  [Symbol.asyncIterator](): AsyncIterator<MarketStreamItem> {
    return new StreamIterator(this, this.maxQueued);
  }

  private onFrame(bytes: Uint8Array, receivedAt: number): void {
    let event: MexcEvent;
    try {
      event = toEvent(decodePush(bytes), receivedAt);
    } catch (error) {
      const frame: MalformedFrame = {
        code: isProtocolError(error) ? error.code : "DECODE_FAILED",
        message: error instanceof Error ? error.message : String(error),
        bytes: bytes.length,
      };
      this.malformedCount++;
      this.logger?.warn(frame, "malformed market frame skipped");
      this.emit("malformed", frame);
      return;
    }
    this.eventCount++;
    this.emit("event", event);
  }
}

/** Opens a market stream over `channels` (started). */
export function marketStream(channels: readonly string[], options: MarketStreamOptions = {}): MarketStream {
  const stream = new MarketStream(channels, options);
  stream.start();
  return stream;
}

class StreamIterator implements AsyncIterator<MarketStreamItem> {
  private readonly queue: MarketStreamItem[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<MarketStreamItem>) => void) | undefined;
  private finished = false;
  private failure: Error | undefined;
  private readonly detach: () => void;

  constructor(
    private readonly stream: MarketStream,
    private readonly maxQueued: number,
  ) {
    const onEvent = (event: MexcEvent) => this.push(event);
    const onState = (state: StreamState, detail?: string) => {
      this.push(detail === undefined ? { type: "state", state } : { type: "state", state, detail });
      if (state === "closed") this.finish();
    };
    const onGap = (gap: StreamGap) => this.push({ type: "gap", ...gap });
    const onChannelError = (error: ChannelError) => this.push({ type: "channelError", ...error });
    stream.on("event", onEvent);
    stream.on("state", onState);
    stream.on("gap", onGap);
    stream.on("channelError", onChannelError);
    this.detach = () => {
      stream.off("event", onEvent);
      stream.off("state", onState);
      stream.off("gap", onGap);
      stream.off("channelError", onChannelError);
    };
  }

  next(): Promise<IteratorResult<MarketStreamItem>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<MarketStreamItem>> {
    this.finish();
    await this.stream.close();
    return { value: undefined, done: true };
  }

  private push(item: MarketStreamItem): void {
    if (this.finished) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: item, done: false });
      return;
    }
    if (this.queue.length - this.head >= this.maxQueued) {
      this.failure = new Error(`market stream consumer fell behind by more than ${this.maxQueued} events`);
      this.finish();
      void this.stream.close();
      return;
    }
    this.queue.push(item);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.detach();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }
}
