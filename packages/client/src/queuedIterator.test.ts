import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { STREAM_MAX_QUEUED_LIMIT } from "./constants.js";
import { FellBehindError } from "./errors.js";
import { checkMaxQueued, QueuedIterator } from "./queuedIterator.js";

function queue(maxQueued: number): { iterator: QueuedIterator<number>; closes: () => number } {
  let closes = 0;
  const iterator = new QueuedIterator<number>({
    maxQueued,
    label: "test stream",
    close: async () => {
      closes++;
    },
  });
  return { iterator, closes: () => closes };
}

/** A consumer that awaits between items (a store write, say): every item it got, or its error. */
async function slowConsumer(iterator: QueuedIterator<number>, seen: number[]): Promise<unknown> {
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return undefined;
      seen.push(next.value);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    return error;
  }
}

describe("the queue behind for await", () => {
  it("takes its listeners off the stream when it finishes, and queues what they pushed until then", async () => {
    const { iterator } = queue(10);
    const stream = new EventEmitter<{ item: [number]; end: [] }>();
    iterator.listenTo(stream, { item: (item) => iterator.push(item), end: () => iterator.finish() });
    stream.emit("item", 1);
    expect(stream.listenerCount("item") + stream.listenerCount("end")).toBe(2);
    stream.emit("end");
    stream.emit("item", 2);
    expect(stream.listenerCount("item") + stream.listenerCount("end")).toBe(0);
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    expect((await iterator.next()).done).toBe(true);
  });

  it("hands a consumer slower than the stream every item, in order, while it stays at the bound", async () => {
    const { iterator } = queue(100);
    const seen: number[] = [];
    const consumer = slowConsumer(iterator, seen);
    for (let item = 0; item < 100; item++) iterator.push(item);
    iterator.finish();
    expect(await consumer).toBeUndefined();
    expect(seen).toEqual(Array.from({ length: 100 }, (_, index) => index));
  });

  it("past the bound, hands out what it kept, then fails with FELL_BEHIND naming how many were dropped, and closes the stream", async () => {
    const { iterator, closes } = queue(100);
    const seen: number[] = [];
    for (let item = 0; item < 130; item++) iterator.push(item);
    iterator.finish();
    const error = await slowConsumer(iterator, seen);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, index) => index));
    expect(error).toBeInstanceOf(FellBehindError);
    expect(error).toMatchObject({ code: "FELL_BEHIND", class: "not_retryable", dropped: 30, maxQueued: 100 });
    expect((error as Error).message).toBe(
      "test stream: the loop fell behind; 30 item(s) dropped after 100 queued unread (maxQueued), stream closed",
    );
    expect(closes()).toBe(1);
  });

  it("keeps nothing after the first dropped item, even once the consumer has made room", async () => {
    const { iterator } = queue(2);
    for (const item of [1, 2, 3]) iterator.push(item);
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    iterator.push(4);
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    await expect(iterator.next()).rejects.toMatchObject({ code: "FELL_BEHIND", dropped: 2 });
  });

  it("leaving the loop closes the stream and lets the queue go", async () => {
    const { iterator, closes } = queue(10);
    iterator.push(1);
    expect(await iterator.return()).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(closes()).toBe(1);
  });

  it("takes maxQueued from 0 (no queue) to STREAM_MAX_QUEUED_LIMIT, a whole number, and names the option otherwise", () => {
    expect(checkMaxQueued(undefined, 7, "s")).toBe(7);
    expect(checkMaxQueued(0, 7, "s")).toBe(0);
    expect(checkMaxQueued(STREAM_MAX_QUEUED_LIMIT, 7, "s")).toBe(STREAM_MAX_QUEUED_LIMIT);
    for (const bad of [STREAM_MAX_QUEUED_LIMIT + 1, -1, 1.5, Number.NaN]) {
      expect(() => checkMaxQueued(bad, 7, "user stream")).toThrow(
        expect.objectContaining({ code: "BAD_OPTION", message: expect.stringContaining("user stream: maxQueued") }),
      );
    }
  });
});
