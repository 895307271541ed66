/**
 * The dashboard's one live store. Messages from the gateway are queued as they arrive and applied
 * together once per animation frame (a burst of 200 fills is one render, not 200); React reads it
 * through useSyncExternalStore. A hidden tab gets no animation frames, so a timer flushes too:
 * the queue never grows without bound.
 */
import type { EquityPoint, FillItem, OrderItem, ServerMessage } from "@mexc-live/contract";
import { MAX_LIVE_FILLS } from "./limits.js";
import { type ConnectionState, initialLiveState, type LiveState } from "./liveState.js";
import { DEFAULT_REDUCE_LIMITS, type ReduceLimits, reduceEvents, type StoreEvent } from "./reduce.js";

/** Flush at the latest this long after the first queued event (hidden tabs get no frames). */
export const FALLBACK_FLUSH_MS = 250;
/** Queued events that force a flush right away. */
export const MAX_QUEUED_EVENTS = 20_000;

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

export interface LiveStoreOptions {
  readonly now?: () => number;
  readonly schedule?: Scheduler;
  readonly limits?: Partial<ReduceLimits>;
}

export class LiveStore {
  private state: LiveState;
  private queue: StoreEvent[] = [];
  private cancelFlush: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly schedule: Scheduler;
  private readonly limits: ReduceLimits;

  constructor(options: LiveStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? frameScheduler;
    this.limits = { ...DEFAULT_REDUCE_LIMITS, maxLiveFills: MAX_LIVE_FILLS, ...options.limits };
    this.state = initialLiveState(this.limits.maxLiveFills);
  }

  readonly getState = (): LiveState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  receive(message: ServerMessage): void {
    this.enqueue({ kind: "message", message, at: this.now() });
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
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    const events = this.queue;
    this.queue = [];
    const next = reduceEvents(this.state, events, this.now(), this.limits);
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
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.queue = [];
  }

  private enqueue(event: StoreEvent): void {
    this.queue.push(event);
    if (this.queue.length >= MAX_QUEUED_EVENTS) this.flush();
    else this.cancelFlush ??= this.schedule(() => this.flush());
  }
}
