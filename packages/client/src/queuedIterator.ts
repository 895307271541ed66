/**
 * The async iterator behind `for await` over a stream's events: items are queued while the
 * consumer is busy and handed out in the order they were pushed. Nothing is dropped silently:
 * a consumer that falls behind by more than `maxQueued` items gets an error from its loop (and
 * the stream closes). Leaving the loop closes the stream.
 */
import { ClientError } from "./errors.js";

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
  private failure: Error | undefined;
  private detach: () => void = () => {};

  constructor(private readonly options: QueuedIteratorOptions) {}

  /** Registers what removes the stream listeners feeding this iterator, run when it finishes. */
  onFinish(detach: () => void): void {
    this.detach = detach;
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
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.finish();
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
    const { maxQueued, label } = this.options;
    if (this.queue.length - this.head >= maxQueued) {
      this.failure = new ClientError(
        "CONSUMER_TOO_SLOW",
        `${label} consumer fell behind by more than ${maxQueued} items`,
      );
      this.finish();
      void this.options.close();
      return;
    }
    this.queue.push(item);
  }

  /** Ends the iteration (stream closed): a waiting consumer gets `done`. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.detach();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }
}
