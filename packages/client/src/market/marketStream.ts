/**
 * Public market data as protocol events: `marketStream(channels)` opens as many sockets as the
 * channels need (StreamPool), decodes every frame (decodeEvent) and hands out typed
 * events, either as an emitter (`on("event", ...)`) or as an async iterable that also carries
 * the stream's state, gap and channel-error notices in order. A frame that does not decode is
 * counted, logged and skipped: it never ends the stream.
 */
import { EventEmitter } from "node:events";
import { decodeEvent, isProtocolError, type MexcEvent } from "@mexc-live/protocol";
import { MEXC_WS_URL } from "@mexc-live/protocol/limits";
import { MARKET_STREAM_MAX_QUEUED } from "../constants.js";
import { checkMaxQueued, notIterable, QueuedIterator } from "../queuedIterator.js";
import { handOutRawFrame, type RawFrameHandler } from "../rawFrame.js";
import { refusalOf, refusedValue } from "../user/refusedValues.js";
import { UnknownValues } from "../user/unknownValues.js";
import type { ChannelError, ConnectFailure, StreamGap, StreamState } from "../ws/streamConnection.js";
import { StreamPool, type StreamPoolOptions, type StreamPoolStats } from "../ws/streamPool.js";

export type StreamNotice =
  | { readonly type: "state"; readonly state: StreamState; readonly detail?: string }
  | ({ readonly type: "gap" } & StreamGap)
  | ({ readonly type: "channelError" } & ChannelError)
  /** A try to connect failed (or a live socket went down): the host, the error code, the next try's time. */
  | ({ readonly type: "reconnecting" } & ConnectFailure);

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
  reconnecting: [failure: ConnectFailure];
  malformed: [frame: MalformedFrame];
};

export interface MarketStreamOptions extends Omit<StreamPoolOptions, "channels" | "url"> {
  /** Default wss://wbs-api.mexc.com/ws. */
  readonly url?: string | (() => string | Promise<string>);
  /**
   * Items queued for `for await` from the stream's creation on before the loop falls behind
   * (FELL_BEHIND). Default MARKET_STREAM_MAX_QUEUED (10,000), at most 1,000,000; 0 keeps no queue
   * (listeners only: the stream then cannot be iterated).
   */
  readonly maxQueued?: number;
  /** Recording for replay: every binary frame as received, before decoding, malformed ones included. */
  readonly onRawFrame?: RawFrameHandler;
}

export interface MarketStreamStats extends StreamPoolStats {
  readonly events: number;
  readonly malformed: number;
}

export class MarketStream extends EventEmitter<MarketStreamEvents> implements AsyncIterable<MarketStreamItem> {
  private readonly pool: StreamPool;
  /** What `for await` reads: every item from the creation on, bounded (none with maxQueued 0). */
  private readonly queue: QueuedIterator<MarketStreamItem> | undefined;
  private readonly logger: MarketStreamOptions["logger"];
  private readonly onRawFrame: RawFrameHandler | undefined;
  private eventCount = 0;
  private malformedCount = 0;
  /** Malformed frames said once per field and reason (the user stream's and REST's counter), not once per frame. */
  private readonly refused: UnknownValues | undefined;

  constructor(channels: readonly string[], options: MarketStreamOptions = {}) {
    super();
    const maxQueued = checkMaxQueued(options.maxQueued, MARKET_STREAM_MAX_QUEUED, "market stream");
    const url = options.url ?? MEXC_WS_URL;
    this.pool = new StreamPool({
      ...options,
      label: options.label ?? "market",
      channels,
      url: typeof url === "string" ? () => url : url,
    });
    this.logger = options.logger;
    this.refused = options.logger === undefined ? undefined : new UnknownValues({ logger: options.logger });
    this.onRawFrame = options.onRawFrame;
    this.pool.on("frame", (bytes, at) => this.onFrame(bytes, at));
    this.pool.on("state", (state, detail) =>
      detail === undefined ? this.emit("state", state) : this.emit("state", state, detail),
    );
    this.pool.on("gap", (gap) => this.emit("gap", gap));
    this.pool.on("channelError", (error) => this.emit("channelError", error));
    this.pool.on("reconnecting", (failure) => this.emit("reconnecting", failure));
    this.queue = maxQueued > 0 ? queueMarketStream(this, maxQueued) : undefined;
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

  /**
   * Iterates events and notices in order, from the stream's creation on, until the stream closes;
   * leaving the loop closes it. One queue per stream (a second loop goes on where the first left).
   */
  [Symbol.asyncIterator](): AsyncIterator<MarketStreamItem> {
    if (!this.queue) throw notIterable("market stream");
    return this.queue;
  }

  private onFrame(bytes: Uint8Array, receivedAt: number): void {
    if (this.onRawFrame) handOutRawFrame(this.onRawFrame, bytes, receivedAt, this.logger);
    let event: MexcEvent;
    try {
      // toEvent(decodePush(bytes)), with the aggregated streams' frames read straight into events.
      event = decodeEvent(bytes, receivedAt);
    } catch (error) {
      const frame: MalformedFrame = {
        code: isProtocolError(error) ? error.code : "DECODE_FAILED",
        message: error instanceof Error ? error.message : String(error),
        bytes: bytes.length,
      };
      this.malformedCount++;
      const refusal = refusalOf(error) ?? { field: "frame", reason: `malformed (${frame.code})` };
      this.refused?.note(`market ${refusal.field}`, refusedValue(refusal.reason), false);
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

/** The queue `for await` reads, attached at the stream's creation: events and notices in order (see QueuedIterator). */
function queueMarketStream(stream: MarketStream, maxQueued: number): QueuedIterator<MarketStreamItem> {
  const iterator = new QueuedIterator<MarketStreamItem>({
    maxQueued,
    label: "market stream",
    close: () => stream.close(),
  });
  iterator.listenTo(stream, {
    event: (event) => iterator.push(event),
    state: (state, detail) => {
      iterator.push(detail === undefined ? { type: "state", state } : { type: "state", state, detail });
      if (state === "closed") iterator.finish();
    },
    gap: (gap) => iterator.push({ type: "gap", ...gap }),
    channelError: (error) => iterator.push({ type: "channelError", ...error }),
    reconnecting: (failure) => iterator.push({ type: "reconnecting", ...failure }),
  });
  return iterator;
}
