import { describe, expect, it } from "vitest";
import { BackfillTurns } from "./backfillTurns.js";

describe("one backfill at a time across accounts", () => {
  it("serves the waiting accounts in their configured order, whoever asked first, and says how many are ahead", async () => {
    const turns = new BackfillTurns(1);
    const never = new AbortController().signal;
    const served: number[] = [];
    const releaseOf = new Map<number, () => void>();
    const ask = (order: number) =>
      turns.take(order, never).then((release) => {
        served.push(order);
        releaseOf.set(order, release);
      });
    await ask(3);
    const waiting = [ask(2), ask(0), ask(1)];
    expect(served).toEqual([3]);
    expect([turns.ahead(0), turns.ahead(1), turns.ahead(2), turns.ahead(3)]).toEqual([1, 2, 3, undefined]);
    for (const order of [3, 0, 1]) {
      releaseOf.get(order)!();
      // A second release of the same turn changes nothing.
      releaseOf.get(order)!();
      await Promise.resolve();
      await Promise.resolve();
    }
    await Promise.all(waiting);
    expect(served).toEqual([3, 0, 1, 2]);
    expect(turns.ahead(2)).toBeUndefined();
  });

  it("runs as many at once as it has slots; the next waiting one starts as soon as one ends", async () => {
    const turns = new BackfillTurns(2);
    const never = new AbortController().signal;
    const first = await turns.take(0, never);
    await turns.take(1, never);
    let thirdStarted = false;
    const third = turns.take(2, never).then((release) => {
      thirdStarted = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    expect(turns.ahead(2)).toBe(2);
    first();
    await third;
    expect(thirdStarted).toBe(true);
    expect(turns.ahead(2)).toBeUndefined();
  });

  it("an account that closes while waiting leaves the queue, and the others move up", async () => {
    const turns = new BackfillTurns(1);
    const never = new AbortController().signal;
    const release = await turns.take(0, never);
    const closing = new AbortController();
    const first = turns.take(1, closing.signal);
    const second = turns.take(2, never);
    let moves = 0;
    turns.onMoved(() => moves++);
    expect(turns.ahead(2)).toBe(2);
    closing.abort();
    await first;
    expect(turns.ahead(1)).toBeUndefined();
    expect(turns.ahead(2)).toBe(1);
    release();
    await second;
    expect(turns.ahead(2)).toBeUndefined();
    expect(moves).toBe(2);
  });
});
