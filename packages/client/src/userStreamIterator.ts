/**
 * `for await (const item of userStream)`: events and state notices in the order they were
 * emitted, queued while the consumer is busy. Nothing is dropped: a consumer that falls behind
 * by more than `maxQueued` items gets an error from its loop (and the stream closes) instead of
 * silently missing a fill. Leaving the loop closes the stream.
 */
import type { UserEvent } from "./executionRecord.js";
import type { UserStream, UserStreamItem, UserStreamNotice } from "./userStream.js";

/** Compact the queue once this many consumed items sit at its head. */
const COMPACT_AFTER = 1024;

export class UserStreamIterator implements AsyncIterator<UserStreamItem> {
  private queue: UserStreamItem[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<UserStreamItem>) => void) | undefined;
  private finished = false;
  private failure: Error | undefined;
  private readonly detach: () => void;

  constructor(
    private readonly stream: UserStream,
    private readonly maxQueued: number,
  ) {
    const onEvent = (event: UserEvent) => this.push(event);
    const onState = (notice: UserStreamNotice) => {
      this.push(notice);
      if (notice.state === "closed") this.finish();
    };
    stream.on("event", onEvent);
    stream.on("state", onState);
    this.detach = () => {
      stream.off("event", onEvent);
      stream.off("state", onState);
    };
  }

  next(): Promise<IteratorResult<UserStreamItem>> {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++]!;
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

  async return(): Promise<IteratorResult<UserStreamItem>> {
    this.finish();
    await this.stream.close();
    return { value: undefined, done: true };
  }

  private push(item: UserStreamItem): void {
    if (this.finished) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: item, done: false });
      return;
    }
    if (this.queue.length - this.head >= this.maxQueued) {
      this.failure = new Error(`user stream consumer fell behind by more than ${this.maxQueued} items`);
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
