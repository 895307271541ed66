/**
 * The dashboard's one live store. Messages from the gateway are queued as they arrive and applied
 * together once per animation frame (a burst of 200 fills is one render, not 200); React reads it
 * through useSyncExternalStore. A hidden tab gets no animation frames, so a timer flushes too:
 * the queue never grows without bound.
 *
 * Two lanes (issue 17, a light tab): the account's updates (balances, orders, fills, equity,
 * alerts) are on screen at the next frame; the market's (ticker, book, trades, candles: dozens a
 * second even at demo pace) and the health topic's (isBackground) at most every MARKET_FLUSH_MS,
 * in a timer's task, unless an account update brings them along sooner. What is not seen (a
 * hidden tab, a section scrolled away) does not re-render: LivePaused, in LiveContext; the store
 * folds everything in either way.
 *
 * Under a flood of account updates (more than FLOOD_UPDATES in one frame: a burst of fills, 10k
 * a second in the benchmark) the account lane too renders at most every FLOOD_FLUSH_MS until a
 * second passes without one: no one reads 60 pages of fills a second, and the frames stay smooth.
 */
import type { EquityPoint, FillItem, OrderItem, ServerMessage, Topic } from "@mexc-live/contract";
import { MAX_LIVE_FILLS } from "./limits.js";
import { type ConnectionState, initialLiveState, type LiveState } from "./liveState.js";
import { DEFAULT_REDUCE_LIMITS, type ReduceLimits, reduceEvents, type StoreEvent } from "./reduce.js";

/** Flush at the latest this long after the first queued event (hidden tabs get no frames). */
const FALLBACK_FLUSH_MS = 250;
/** Queued events that force a flush right away. */
export const MAX_QUEUED_EVENTS = 20_000;
/** Market updates reach the screen at most this often on their own (4 a second: readable, and cheap). */
const MARKET_FLUSH_MS = 250;
/** Account updates applied in one flush above which the page is flooded. */
const FLOOD_UPDATES = 50;
/** While flooded, account updates are rendered at most this often (20 a second). */
const FLOOD_FLUSH_MS = 50;
/** A flood is over when this long passed since the last flooded flush. */
export const FLOOD_HOLD_MS = 1_000;

export type Scheduler = (flush: () => void) => () => void;

/** requestAnimationFrame, with a timer in case frames do not come (hidden tab). */
export const frameScheduler: Scheduler = (flush) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(run) : undefined;
  const timer = setTimeout(run, FALLBACK_FLUSH_MS);
  return () => {
    done = true;
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

/** A timer: market updates wait this long before asking for a frame. */
function delayScheduler(ms: number): Scheduler {
  return (flush) => {
    const timer = setTimeout(flush, ms);
    return () => clearTimeout(timer);
  };
}

export interface LiveStoreOptions {
  readonly now?: () => number;
  readonly schedule?: Scheduler;
  /** When the market lane asks for a flush (default: MARKET_FLUSH_MS later). */
  readonly marketSchedule?: Scheduler;
  /** When the account lane asks for a flush while flooded (default: FLOOD_FLUSH_MS later). */
  readonly floodSchedule?: Scheduler;
  readonly limits?: Partial<ReduceLimits>;
}

export class LiveStore {
  private state: LiveState;
  private queue: StoreEvent[] = [];
  private marketQueue: StoreEvent[] = [];
  private cancelFlush: (() => void) | undefined;
  private cancelMarketFlush: (() => void) | undefined;
  private cancelFloodFlush: (() => void) | undefined;
  /** Account updates queued since the last flush. */
  private queuedUpdates = 0;
  /** Until when (this.now()) the account lane renders at the flood pace. */
  private floodedUntil = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly schedule: Scheduler;
  private readonly marketSchedule: Scheduler;
  private readonly floodSchedule: Scheduler;
  private readonly limits: ReduceLimits;

  constructor(options: LiveStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? frameScheduler;
    this.marketSchedule = options.marketSchedule ?? delayScheduler(MARKET_FLUSH_MS);
    this.floodSchedule = options.floodSchedule ?? delayScheduler(FLOOD_FLUSH_MS);
    this.limits = { ...DEFAULT_REDUCE_LIMITS, maxLiveFills: MAX_LIVE_FILLS, ...options.limits };
    this.state = initialLiveState(this.limits.maxLiveFills);
  }

  readonly getState = (): LiveState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  receive(message: ServerMessage): void {
    const at = this.now();
    if (message.type !== "batch") {
      this.enqueue({ kind: "message", message, at });
      return;
    }
    const market = message.updates.filter((update) => isBackground(update.topic));
    this.queuedUpdates += message.updates.length - market.length;
    if (market.length === 0) {
      this.enqueue({ kind: "message", message, at });
      return;
    }
    const account = message.updates.filter((update) => !isBackground(update.topic));
    this.enqueueMarket({ kind: "message", message: { type: "batch", updates: market }, at });
    if (account.length > 0) this.enqueue({ kind: "message", message: { type: "batch", updates: account }, at });
  }

  setConnection(state: ConnectionState): void {
    this.enqueue({ kind: "connection", state, at: this.now() });
  }

  /** Older fills from GET /api/fills, kept behind the live ones. */
  addOlderFills(items: readonly FillItem[]): void {
    this.enqueue({ kind: "olderFills", items });
  }

  /** Applies everything queued now (also what the scheduler calls). */
  flush(): void {
    this.cancelFlushes();
    // The market's first: the two lanes hold different slices, and each keeps its own order.
    const events = this.marketQueue.length === 0 ? this.queue : [...this.marketQueue, ...this.queue];
    this.queue = [];
    this.marketQueue = [];
    const now = this.now();
    if (this.queuedUpdates > FLOOD_UPDATES) this.floodedUntil = now + FLOOD_HOLD_MS;
    this.queuedUpdates = 0;
    const next = reduceEvents(this.state, events, now, this.limits);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Older orders from GET /api/orders (order history scrolled back). */
  addOlderOrders(items: readonly OrderItem[]): void {
    this.enqueue({ kind: "olderOrders", items });
  }

  /** Equity points from GET /api/equity (a longer range than the stream's snapshot). */
  addEquityHistory(items: readonly EquityPoint[]): void {
    this.enqueue({ kind: "equityHistory", items });
  }

  /**
   * Shows another account: forgets every account slice of the previous one and from now on
   * takes only the account topics starting with `topicPrefix` (late messages of the previous
   * account's topics are dropped). Applied at once, so the previous account is never rendered
   * again.
   */
  switchAccount(topicPrefix: string): void {
    this.enqueue({ kind: "account", topicPrefix });
    this.flush();
  }

  /** Cancels a pending flush (when the page goes away). */
  dispose(): void {
    this.cancelFlushes();
    this.queue = [];
    this.marketQueue = [];
  }

  private cancelFlushes(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.cancelMarketFlush?.();
    this.cancelMarketFlush = undefined;
    this.cancelFloodFlush?.();
    this.cancelFloodFlush = undefined;
  }

  private enqueue(event: StoreEvent): void {
    this.queue.push(event);
    if (this.queue.length + this.marketQueue.length >= MAX_QUEUED_EVENTS) this.flush();
    else if (this.now() < this.floodedUntil) this.scheduleAfter("flood");
    else this.cancelFlush ??= this.schedule(() => this.flush());
  }

  private enqueueMarket(event: StoreEvent): void {
    this.marketQueue.push(event);
    if (this.queue.length + this.marketQueue.length >= MAX_QUEUED_EVENTS) this.flush();
    else this.scheduleAfter("market");
  }

  /**
   * The market's: a flush when its delay has run, in that timer's task (asking for an animation
   * frame of its own would make the browser run one even when nothing seen changed: the market
   * panel scrolled away). The account's while flooded: a frame flush once its delay has run.
   */
  private scheduleAfter(lane: "market" | "flood"): void {
    if (this.cancelFlush !== undefined) return; // a frame flush is due anyway: it takes everything
    if (lane === "market")
      this.cancelMarketFlush ??= this.marketSchedule(() => {
        this.cancelMarketFlush = undefined;
        this.flush();
      });
    else
      this.cancelFloodFlush ??= this.floodSchedule(() => {
        this.cancelFloodFlush = undefined;
        this.cancelFlush ??= this.schedule(() => this.flush());
      });
  }
}

/**
 * Updates on the slower lane: the market's, and the health topic (its second beat changes
 * nothing on screen until the header's clock ticks; a new upstream state waits MARKET_FLUSH_MS
 * at most), so neither asks the browser for a frame of its own.
 */
function isBackground(topic: Topic): boolean {
  return topic.startsWith("market.") || topic === "health" || topic.endsWith(".health");
}
