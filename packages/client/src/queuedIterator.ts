/**
 * The queue behind `for await` over a stream: made with the stream, so it holds every item from
 * the first ("connecting") on, however late the loop starts (`await user.live()` first, say).
 * Items are handed out in the order they were pushed. The queue is bounded: once `maxQueued`
 * items wait unread, later items are not kept but counted, and the loop, after reading the ones
 * kept, fails with a ClientError FELL_BEHIND that says how many were dropped (never a silent
 * drop). The failure, like leaving the loop, closes the stream. Listeners (`on(...)`) see every
 * item whatever the queue does; a stream with `maxQueued: 0` keeps no queue and cannot be iterated.
 */
import type { EventEmitter } from "node:events";
import { STREAM_MAX_QUEUED_LIMIT } from "./constants.js";
import { ClientError, FellBehindError } from "./errors.js";

/** Compact the queue once this many consumed items sit at its head. */
const COMPACT_AFTER = 1024;

export interface QueuedIteratorOptions {
  readonly maxQueued: number;
  /** Names the stream in the fell-behind error, e.g. "market stream". */
  readonly label: string;
  /** Closes the underlying stream (consumer left the loop, or fell behind). */
  readonly close: () => Promise<void>;
}

export class QueuedIterator<T> implements AsyncIterator<T> {
  private queue: T[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private finished = false;
  /** Items not kept since the queue filled up (counting starts at the first one). */
  private dropped = 0;
  private detach: () => void = () => {};

  constructor(private readonly options: QueuedIteratorOptions) {}

  /**
   * Feeds this iterator from the stream `emitter`: `listeners` are attached now and taken off
   * when it finishes.
   */
  listenTo<E extends Record<keyof E, unknown[]>>(
    emitter: EventEmitter<E>,
    listeners: { readonly [K in keyof E]?: (...args: E[K]) => void },
  ): void {
    const target = emitter as unknown as EventEmitter;
    const entries = Object.entries(listeners) as [string, (...args: unknown[]) => void][];
    for (const [name, listener] of entries) target.on(name, listener);
    this.detach = () => {
      for (const [name, listener] of entries) target.off(name, listener);
    };
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++] as T;
      if (this.head >= COMPACT_AFTER && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.dropped > 0) return Promise.reject(this.fellBehind());
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.finish();
    this.queue = [];
    this.head = 0;
    await this.options.close();
    return { value: undefined, done: true };
  }

  push(item: T): void {
    if (this.finished) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: item, done: false });
      return;
    }
    if (this.dropped > 0 || this.queue.length - this.head >= this.options.maxQueued) {
      this.dropped++;
      return;
    }
    this.queue.push(item);
  }

  /** Ends the iteration (stream closed): a waiting consumer gets `done`, a queued one its items first. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.detach();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  /** The consumer read every kept item and is owed the rest: its loop ends here, and the stream. */
  private fellBehind(): FellBehindError {
    const { label, maxQueued } = this.options;
    const error = new FellBehindError(label, maxQueued, this.dropped);
    this.finish();
    void this.options.close();
    return error;
  }
}

/** The `maxQueued` option checked: a whole number from 0 (no queue) to STREAM_MAX_QUEUED_LIMIT. */
export function checkMaxQueued(value: number | undefined, fallback: number, label: string): number {
  const maxQueued = value ?? fallback;
  if (!Number.isInteger(maxQueued) || maxQueued < 0 || maxQueued > STREAM_MAX_QUEUED_LIMIT) {
    throw new ClientError(
      "BAD_OPTION",
      `${label}: maxQueued must be a whole number from 0 to ${STREAM_MAX_QUEUED_LIMIT}, got ${maxQueued}`,
    );
  }
  return maxQueued;
}

/** `for await` over a stream made with `maxQueued: 0` (listeners only). */
export function notIterable(label: string): ClientError {
  return new ClientError(
    "BAD_OPTION",
    `${label}: made with maxQueued 0 (listeners only), so it keeps no queue to iterate; give maxQueued > 0`,
  );
}
