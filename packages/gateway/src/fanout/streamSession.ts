/**
 * One browser connection's view of the hub: its topics, the updates waiting for the next batch,
 * and the back-pressure rules that keep what it can make us hold bounded.
 *
 * - On subscribe the client gets a `snapshot` of the topic first; deltas published after it follow.
 * - Deltas leave as one `batch` message: at once when the browser got nothing for a display
 *   frame, else at the next frame (adaptive, the default: at most one batch per frame), or every
 *   `batchIntervalMs` when that is set (`--batch-ms`).
 * - State-like topics keep only the latest update per key while waiting (conflation.ts).
 * - Log-like topics keep a bounded queue; on overflow the queue is dropped and the topic gets a
 *   fresh snapshot at the next flush instead (the snapshot is taken then, so it holds every update
 *   published so far and nothing is lost or repeated).
 * - While the connection's socket buffer is above `maxBufferedBytes`, nothing is written: updates
 *   keep conflating under the same bounds until it drains.
 */
import { noDataSnapshot, type SnapshotMessage, type Topic, type TopicSnapshot } from "@mexc-live/contract";
import type { GatewayMetrics, Transport } from "../metrics.js";
import { isStateTopic } from "./conflation.js";
import type { SessionLimits } from "./limits.js";

/** A client this far behind (socket buffer) is disconnected rather than buffered for. */
const HARD_BUFFER_FACTOR = 8;
/** Close code for a client dropped for being too slow (RFC 6455: try again later). */
const CLOSE_TOO_SLOW = 1013;

/** Where a session writes: a WebSocket or an SSE response. */
export interface StreamSink {
  /** Writes one serialized ServerMessage. */
  send(frame: string): void;
  /** Bytes written but not yet handed to the network (ws.bufferedAmount, res.writableLength). */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
}

/** A published update, serialized once by the hub and shared by every session. */
export interface PublishedUpdate {
  readonly topic: Topic;
  /** Conflation key; undefined for log-like entries. */
  readonly key: string | undefined;
  readonly json: string;
  readonly bytes: number;
  readonly exchangeTime: number;
  readonly receiveTime: number;
}

/** What a session needs from its hub. */
export interface SessionHost {
  snapshot(topic: Topic): TopicSnapshot | undefined;
  track(session: StreamSession, topic: Topic, subscribed: boolean): void;
  forget(session: StreamSession): void;
  now(): number;
}

export interface SessionStats {
  readonly topics: number;
  readonly queuedItems: number;
  readonly queuedBytes: number;
  readonly pendingSnapshots: number;
  readonly backpressured: boolean;
  readonly resnapshots: number;
}

interface TopicQueue {
  readonly entries: Map<string, PublishedUpdate>;
  bytes: number;
}

export class StreamSession {
  private readonly topics = new Set<Topic>();
  private readonly queues = new Map<Topic, TopicQueue>();
  /** Topics owed a snapshot at the next flush (new while back-pressured, or dropped on overflow). */
  private readonly owedSnapshots = new Set<Topic>();
  private queuedBytes = 0;
  private queuedItems = 0;
  private sequence = 0;
  private resnapshotCount = 0;
  private backpressured = false;
  /** The flush due, if any: a timer, or an immediate (adaptive batching, idle browser). */
  private timer: { cancel(): void } | undefined;
  /** host.now() of the last batch written. */
  private lastBatchAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly host: SessionHost,
    private readonly sink: StreamSink,
    private readonly limits: SessionLimits,
    readonly transport: Transport,
    private readonly metrics?: GatewayMetrics,
  ) {}

  get topicCount(): number {
    return this.topics.size;
  }

  subscribedTopics(): Topic[] {
    return [...this.topics];
  }

  /** True when subscribing to `topics` would pass the per-client topic limit. */
  wouldExceedTopicLimit(topics: readonly Topic[]): boolean {
    const added = new Set(topics.filter((topic) => !this.topics.has(topic)));
    return this.topics.size + added.size > this.limits.maxTopicsPerClient;
  }

  /** Subscribes; acknowledges with `subscribed`, then sends a snapshot of each new topic. */
  subscribe(topics: readonly Topic[]): void {
    if (this.closed) return;
    const added = [...new Set(topics)].filter((topic) => !this.topics.has(topic));
    if (this.topics.size + added.length > this.limits.maxTopicsPerClient) {
      throw new RangeError(`topics: at most ${this.limits.maxTopicsPerClient} per connection`);
    }
    for (const topic of added) {
      this.topics.add(topic);
      this.host.track(this, topic, true);
    }
    this.write(JSON.stringify({ type: "subscribed", topics: [...new Set(topics)] }));
    for (const topic of added) this.owedSnapshots.add(topic);
    if (this.isBackpressured()) this.schedule();
    else this.sendOwedSnapshots();
  }

  unsubscribe(topics: readonly Topic[]): void {
    if (this.closed) return;
    for (const topic of topics) {
      if (!this.topics.delete(topic)) continue;
      this.host.track(this, topic, false);
      this.dropQueue(topic);
      this.owedSnapshots.delete(topic);
    }
    this.write(JSON.stringify({ type: "unsubscribed", topics: [...new Set(topics)] }));
  }

  /** Sends a message now (hello, pong, error). A pong is skipped while the client is behind. */
  sendNow(message: object, { skipWhenBehind = false } = {}): void {
    if (this.closed || (skipWhenBehind && this.isBackpressured())) return;
    this.write(JSON.stringify(message));
  }

  /** Called by the hub for every update of a subscribed topic. */
  enqueue(update: PublishedUpdate): void {
    if (this.closed || !this.topics.has(update.topic)) return;
    // A snapshot taken at the next flush will hold this update already.
    if (this.owedSnapshots.has(update.topic)) return;
    let queue = this.queues.get(update.topic);
    if (queue === undefined) {
      queue = { entries: new Map(), bytes: 0 };
      this.queues.set(update.topic, queue);
    }
    const key = update.key ?? `#${this.sequence++}`;
    const replaced = queue.entries.get(key);
    if (replaced !== undefined) {
      // Delete first so the latest update takes the newest place in the batch order.
      queue.entries.delete(key);
      this.account(queue, -replaced.bytes, -1);
    }
    queue.entries.set(key, update);
    this.account(queue, update.bytes, 1);

    const maxItems = isStateTopic(update.topic) ? this.limits.maxStateKeysPerTopic : this.limits.maxLogQueueItems;
    if (queue.entries.size > maxItems) this.resnapshot(update.topic);
    while (this.queuedBytes > this.limits.maxQueuedBytes) this.resnapshot(this.biggestQueue());
    this.schedule();
  }

  /** Writes owed snapshots and the waiting batch, unless the socket buffer is over the limit. */
  flush(): void {
    this.timer = undefined;
    if (this.closed) return;
    if (this.isBackpressured()) {
      if (this.sink.bufferedBytes() > this.limits.maxBufferedBytes * HARD_BUFFER_FACTOR) {
        this.sink.close(CLOSE_TOO_SLOW, "client too slow");
        return;
      }
      // Look again a frame (or a batch interval) later, not on the next turn of the loop.
      if (this.owedSnapshots.size > 0 || this.queuedItems > 0) this.scheduleIn(this.pollIntervalMs());
      return;
    }
    this.sendOwedSnapshots();
    if (this.queuedItems === 0) return;

    const parts: string[] = [];
    let oldest: PublishedUpdate | undefined;
    for (const queue of this.queues.values()) {
      for (const update of queue.entries.values()) {
        parts.push(update.json);
        if (oldest === undefined || update.receiveTime < oldest.receiveTime) oldest = update;
      }
    }
    this.queues.clear();
    this.queuedBytes = 0;
    this.queuedItems = 0;
    this.lastBatchAt = this.host.now();
    this.write(`{"type":"batch","updates":[${parts.join(",")}]}`);
    this.metrics?.eventsOut.inc({ transport: this.transport }, parts.length);
    if (oldest !== undefined) this.observeLag(oldest);
  }

  stats(): SessionStats {
    return {
      topics: this.topics.size,
      queuedItems: this.queuedItems,
      queuedBytes: this.queuedBytes,
      pendingSnapshots: this.owedSnapshots.size,
      backpressured: this.backpressured,
      resnapshots: this.resnapshotCount,
    };
  }

  /** Closes the connection with `code` and stops the session. */
  end(code: number, reason: string): void {
    if (this.closed) return;
    this.sink.close(code, reason);
    this.close();
  }

  /** Stops the session and releases everything it holds; the hub forgets it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelTimer();
    for (const topic of this.topics) this.host.track(this, topic, false);
    this.topics.clear();
    this.queues.clear();
    this.owedSnapshots.clear();
    this.queuedBytes = 0;
    this.queuedItems = 0;
    this.host.forget(this);
  }

  // ---------------------------------------------------------------------------- internals

  private isBackpressured(): boolean {
    this.backpressured = this.sink.bufferedBytes() > this.limits.maxBufferedBytes;
    return this.backpressured;
  }

  private sendOwedSnapshots(): void {
    for (const topic of [...this.owedSnapshots]) {
      this.owedSnapshots.delete(topic);
      // Deltas that waited are older than the snapshot taken now, which holds them.
      this.dropQueue(topic);
      const snapshot = this.host.snapshot(topic);
      const message: SnapshotMessage =
        snapshot === undefined ? noDataSnapshot(topic, this.host.now()) : { type: "snapshot", ...snapshot };
      this.write(JSON.stringify(message));
      this.metrics?.eventsOut.inc({ transport: this.transport });
    }
  }

  /** The client fell behind on `topic`: drop what waits and owe it a fresh snapshot. */
  private resnapshot(topic: Topic): void {
    this.dropQueue(topic);
    this.owedSnapshots.add(topic);
    this.resnapshotCount++;
    this.metrics?.resnapshots.inc({ transport: this.transport });
  }

  private biggestQueue(): Topic {
    let biggest: Topic | undefined;
    let bytes = -1;
    for (const [topic, queue] of this.queues) {
      if (queue.bytes > bytes) {
        biggest = topic;
        bytes = queue.bytes;
      }
    }
    return biggest as Topic;
  }

  private dropQueue(topic: Topic): void {
    const queue = this.queues.get(topic);
    if (queue === undefined) return;
    this.queuedBytes -= queue.bytes;
    this.queuedItems -= queue.entries.size;
    this.queues.delete(topic);
  }

  private account(queue: TopicQueue, bytes: number, items: number): void {
    queue.bytes += bytes;
    this.queuedBytes += bytes;
    this.queuedItems += items;
  }

  /** A flush is due: after the fixed interval, or (adaptive) now if the last batch is a frame old. */
  private schedule(): void {
    if (this.timer !== undefined || this.closed) return;
    const fixed = this.limits.batchIntervalMs;
    const { frameIntervalMs } = this.limits;
    // At most a frame, whatever the wall clock did since (it may have been set back).
    const wait = fixed ?? Math.min(this.lastBatchAt + frameIntervalMs - this.host.now(), frameIntervalMs);
    if (wait > 0) {
      this.scheduleIn(wait);
      return;
    }
    // Idle: leave on the next turn of the loop, with whatever else this turn publishes.
    const immediate = setImmediate(() => this.flush());
    immediate.unref();
    this.timer = { cancel: () => clearImmediate(immediate) };
  }

  /** Whole ms, rounded up: timers truncate, and a frame cut short would allow more than 60 batches/s. */
  private scheduleIn(ms: number): void {
    if (this.timer !== undefined || this.closed) return;
    const timeout = setTimeout(() => this.flush(), Math.ceil(ms));
    timeout.unref();
    this.timer = { cancel: () => clearTimeout(timeout) };
  }

  private pollIntervalMs(): number {
    return this.limits.batchIntervalMs ?? this.limits.frameIntervalMs;
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private write(frame: string): void {
    this.sink.send(frame);
  }

  private observeLag(update: PublishedUpdate): void {
    if (this.metrics === undefined) return;
    const now = this.host.now();
    if (update.exchangeTime > 0) this.metrics.lag.observe({ since: "exchange" }, (now - update.exchangeTime) / 1000);
    this.metrics.lag.observe({ since: "receive" }, (now - update.receiveTime) / 1000);
  }
}
