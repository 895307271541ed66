/**
 * Keeps a DepthBook equal to the exchange's, by MEXC's newer official procedure (docs/mexc/protocol.md#keeping-a-local-order-book):
 *   1. cache the aggre.depth pushes; 2. fetch a snapshot (limit 5000) once a push is cached;
 *   3. a snapshot older than the first cached push is fetched again; 4. cached pushes the
 *   snapshot already contains (toVersion <= lastUpdateId) are dropped; 5-6. load the snapshot,
 *   apply the rest and every live push in order; a push that leaves a hole (fromVersion >
 *   version + 1) means lost data: clear, count a resync and start over from that push.
 * A push that overlaps the book's version (fromVersion <= version + 1 < toVersion) is applied:
 * its quantities are absolute, so the result is the book at toVersion. Pushes the book already
 * has (toVersion <= version: duplicates, a second interval's copy) are dropped.
 * After a reconnect gap the book is `stale` until the next push proves continuity (no resync)
 * or shows the hole (resync): the version counter, not the socket, decides.
 */
import { EventEmitter } from "node:events";
import { type AggreInterval, buildChannel, type DepthDiff } from "@mexc-live/protocol";
import { type BackoffPolicy, backoffDelay } from "../backoff.js";
import {
  DEPTH_MAX_CACHED_DIFFS,
  DEPTH_SNAPSHOT_LIMIT,
  DEPTH_SNAPSHOT_RETRY_INITIAL_MS,
  DEPTH_SNAPSHOT_RETRY_MAX_MS,
} from "../constants.js";
import { ClientError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { StreamGap } from "../ws/streamConnection.js";
import { type BookLevel, type BookTop, DepthBook, type LevelInput } from "./depthBook.js";
import { MarketStream, type MarketStreamOptions } from "./marketStream.js";

/** What an order book starts from: GET /api/v3/depth as it answers (docs/mexc/rest.md#get-apiv3depth-public), `lastUpdateId` as a number or a string. */
export interface OrderBookSnapshot {
  readonly lastUpdateId: number | string;
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
}

export type FetchDepthSnapshot = (symbol: string, limit: number) => Promise<OrderBookSnapshot>;

/** What a depth push must carry (protocol's DepthDiff fits). */
export interface DepthDiffInput {
  readonly symbol?: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly bids: readonly LevelInput[];
  readonly asks: readonly LevelInput[];
}

export type OrderBookState = "syncing" | "synced" | "stale" | "closed";

export type OrderBookSyncEvents = {
  state: [state: OrderBookState];
  /** A snapshot was loaded and the cached pushes applied. */
  synced: [info: { readonly version: string; readonly resyncCount: number }];
  /** One push was applied. */
  update: [info: { readonly fromVersion: string; readonly toVersion: string }];
  /** Data was lost or unusable: the book was cleared and is being rebuilt. */
  resync: [info: { readonly reason: string; readonly resyncCount: number }];
  snapshotError: [info: { readonly message: string; readonly attempt: number }];
};

export interface OrderBookSyncOptions {
  readonly symbol: string;
  readonly fetchSnapshot: FetchDepthSnapshot;
  readonly snapshotLimit?: number;
  readonly snapshotRetry?: BackoffPolicy;
  readonly maxCachedDiffs?: number;
  readonly logger?: Logger;
  readonly random?: () => number;
}

export interface OrderBookStats {
  readonly state: OrderBookState;
  readonly version: string | undefined;
  readonly resyncCount: number;
  readonly applied: number;
  readonly staleDropped: number;
  readonly snapshots: number;
}

export class OrderBookSync extends EventEmitter<OrderBookSyncEvents> {
  readonly symbol: string;
  readonly book: DepthBook;
  private currentState: OrderBookState = "syncing";
  private cache: DepthDiffInput[] = [];
  private fetching = false;
  /** The book holds a snapshot and the pushes after it: pushes are applied, not cached. */
  private loaded = false;
  private counters = { resyncCount: 0, applied: 0, staleDropped: 0, snapshots: 0 };
  private retryTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: OrderBookSyncOptions) {
    super();
    this.symbol = options.symbol;
    this.book = new DepthBook(options.symbol);
  }

  get state(): OrderBookState {
    return this.currentState;
  }

  /**
   * Resolves when the book is synced (a snapshot plus the pushes after it), at once when it is;
   * rejects with a ClientError CLOSED when the book is closed first. After a resync, call it again.
   */
  synced(): Promise<void> {
    if (this.currentState === "synced") return Promise.resolve();
    if (this.currentState === "closed")
      return Promise.reject(new ClientError("CLOSED", `order book ${this.symbol}: closed`));
    return new Promise((resolve, reject) => {
      const onState = (state: OrderBookState): void => {
        if (state === "synced") resolve();
        else if (state === "closed")
          reject(new ClientError("CLOSED", `order book ${this.symbol}: closed before it synced`));
        else return;
        this.off("state", onState);
      };
      this.on("state", onState);
    });
  }

  /** Times the book was cleared and rebuilt because data was lost. */
  get resyncCount(): number {
    return this.counters.resyncCount;
  }

  bestBid(): BookLevel | undefined {
    return this.book.bestBid();
  }

  bestAsk(): BookLevel | undefined {
    return this.book.bestAsk();
  }

  top(n: number): BookTop {
    return this.book.top(n);
  }

  stats(): OrderBookStats {
    return { state: this.currentState, version: this.book.version, ...this.counters };
  }

  /** One aggre.depth push of this symbol (others are ignored). */
  handleDiff(diff: DepthDiffInput): void {
    if (this.currentState === "closed" || (diff.symbol !== undefined && diff.symbol !== this.symbol)) return;
    if (this.loaded) {
      this.applyLive(diff, []);
      return;
    }
    this.cache.push(diff);
    if (this.cache.length > (this.options.maxCachedDiffs ?? DEPTH_MAX_CACHED_DIFFS)) this.cache.shift();
    if (!this.fetching) void this.initialise();
  }

  /** The stream reported a gap: the book is stale until the next push shows whether data was lost. */
  handleGap(): void {
    if (this.currentState === "synced") this.setState("stale");
  }

  /** Feeds this book from a market stream carrying its depth channel; returns the detach function. */
  attach(stream: MarketStream, channel?: string): () => void {
    const onEvent = (event: { readonly type: string }) => {
      if (event.type !== "depthDiff") return;
      const diff = event as DepthDiff;
      if (channel === undefined || diff.channel === channel) this.handleDiff(diff);
    };
    const onGap = (gap: StreamGap) => {
      if (channel === undefined || gap.channels.includes(channel)) this.handleGap();
    };
    stream.on("event", onEvent);
    stream.on("gap", onGap);
    return () => {
      stream.off("event", onEvent);
      stream.off("gap", onGap);
    };
  }

  close(): void {
    this.setState("closed");
    this.loaded = false;
    this.cache = [];
    clearTimeout(this.retryTimer);
    this.wake?.();
  }

  /** Applies one push to a loaded book; on a hole, re-initialises from it (and `rest` after it). */
  private applyLive(diff: DepthDiffInput, rest: readonly DepthDiffInput[]): boolean {
    const version = BigInt(this.book.version!);
    const from = BigInt(diff.fromVersion);
    const to = BigInt(diff.toVersion);
    if (to <= version) {
      this.counters.staleDropped++;
      return true;
    }
    if (from > version + 1n) {
      this.reinitialise(`versions ${version + 1n}..${from - 1n} missing`, [diff, ...rest]);
      return false;
    }
    try {
      this.book.apply(diff);
    } catch (error) {
      this.reinitialise(`unusable push: ${(error as Error).message}`, [...rest]);
      return false;
    }
    this.counters.applied++;
    this.setState("synced");
    this.emit("update", { fromVersion: diff.fromVersion, toVersion: diff.toVersion });
    return true;
  }

  private reinitialise(reason: string, cache: DepthDiffInput[]): void {
    this.counters.resyncCount++;
    this.loaded = false;
    this.book.clear();
    this.cache = cache;
    this.setState("syncing");
    this.options.logger?.warn({ symbol: this.symbol, reason }, "order book resync");
    this.emit("resync", { reason, resyncCount: this.counters.resyncCount });
    if (this.cache.length > 0 && !this.fetching) void this.initialise();
  }

  private async initialise(): Promise<void> {
    this.fetching = true;
    let attempt = 0;
    while (this.currentState === "syncing") {
      const snapshot = await this.fetchSnapshot(attempt);
      if (this.currentState !== "syncing") break;
      const lastUpdateId = snapshot ? BigInt(snapshot.lastUpdateId) : undefined;
      const first = BigInt(this.cache[0]!.fromVersion);
      // Step 3: the snapshot must reach the first cached push (contain fromVersion - 1 at least).
      if (lastUpdateId === undefined || lastUpdateId + 1n < first) {
        await this.pause(backoffDelay(this.retryOptions(), attempt++, this.options.random));
        continue;
      }
      try {
        this.book.load({ version: String(snapshot!.lastUpdateId), bids: snapshot!.bids, asks: snapshot!.asks });
      } catch (error) {
        this.emit("snapshotError", { message: `unusable snapshot: ${(error as Error).message}`, attempt });
        await this.pause(backoffDelay(this.retryOptions(), attempt++, this.options.random));
        continue;
      }
      this.fetching = false;
      this.loaded = true;
      // Step 4-6: drop what the snapshot has, apply the rest in order (a hole re-initialises).
      const cached = this.cache.filter((diff) => BigInt(diff.toVersion) > lastUpdateId);
      this.counters.staleDropped += this.cache.length - cached.length;
      this.cache = [];
      for (let index = 0; index < cached.length; index++) {
        if (!this.applyLive(cached[index]!, cached.slice(index + 1))) return;
      }
      this.setState("synced");
      this.emit("synced", { version: this.book.version!, resyncCount: this.counters.resyncCount });
      return;
    }
    this.fetching = false;
  }

  private async fetchSnapshot(attempt: number): Promise<OrderBookSnapshot | undefined> {
    this.counters.snapshots++;
    try {
      return await this.options.fetchSnapshot(this.symbol, this.options.snapshotLimit ?? DEPTH_SNAPSHOT_LIMIT);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger?.warn({ symbol: this.symbol, attempt, err: message }, "depth snapshot failed");
      this.emit("snapshotError", { message, attempt });
      return undefined;
    }
  }

  private retryOptions(): BackoffPolicy {
    return (
      this.options.snapshotRetry ?? { initialMs: DEPTH_SNAPSHOT_RETRY_INITIAL_MS, maxMs: DEPTH_SNAPSHOT_RETRY_MAX_MS }
    );
  }

  /** Waits `ms`, or less if the book is closed meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.retryTimer = setTimeout(resolve, ms);
    });
  }

  private setState(state: OrderBookState): void {
    if (this.currentState === state || this.currentState === "closed") return;
    this.currentState = state;
    this.emit("state", state);
  }
}

export interface LocalOrderBookOptions extends Omit<OrderBookSyncOptions, "logger"> {
  /** WebSocket URL; default MEXC's. */
  readonly url?: string;
  /** Depth push interval; default 100ms. */
  readonly interval?: AggreInterval;
  readonly streamOptions?: Omit<MarketStreamOptions, "url">;
  readonly logger?: Logger;
}

/**
 * `client.orderBook(symbol)`: `await book.synced()`, then read it with `book.bestBid()`,
 * `book.bestAsk()` and `book.top(n)` (decimal strings, best first). `book.sync` is the machinery
 * (state, resync count, its events), `book.stream` the depth stream feeding it.
 */
export interface LocalOrderBook {
  readonly sync: OrderBookSync;
  readonly stream: MarketStream;
  readonly channel: string;
  /** Resolves when the book is synced from a snapshot and the pushes after it (OrderBookSync.synced). */
  synced(): Promise<void>;
  /** The highest bid, undefined while the side is empty (before the first sync). */
  bestBid(): BookLevel | undefined;
  /** The lowest ask, undefined while the side is empty. */
  bestAsk(): BookLevel | undefined;
  /** The best `n` levels of each side, best first (fewer when a side has fewer). */
  top(n: number): BookTop;
  close(): Promise<void>;
}

/** A started local order book: its own depth stream feeding an OrderBookSync. */
export function openOrderBook(options: LocalOrderBookOptions): LocalOrderBook {
  const channel = buildChannel({ stream: "aggreDepth", symbol: options.symbol, interval: options.interval ?? "100ms" });
  const sync = new OrderBookSync(options);
  const stream = new MarketStream([channel], {
    label: `depth:${options.symbol}`,
    logger: options.logger,
    // The book reads the stream through a listener: no queue for a loop nobody runs.
    maxQueued: 0,
    ...options.streamOptions,
    ...(options.url === undefined ? {} : { url: options.url }),
  });
  const detach = sync.attach(stream, channel);
  stream.start();
  return {
    sync,
    stream,
    channel,
    synced: () => sync.synced(),
    bestBid: () => sync.bestBid(),
    bestAsk: () => sync.bestAsk(),
    top: (n) => sync.top(n),
    async close() {
      detach();
      sync.close();
      await stream.close();
    },
  };
}
