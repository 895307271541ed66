import { describe, expect, it } from "vitest";
import { Passes, type PassRequest } from "./passes.js";

/** Passes whose runs wait until the test lets each go, recording what each was asked. */
function gatedPasses() {
  const ran: PassRequest[] = [];
  const gates: (() => void)[] = [];
  const errors: unknown[] = [];
  const passes = new Passes(
    (pass) => {
      ran.push(pass);
      return new Promise<void>((resolve, reject) =>
        gates.push(() => (pass.from === -1 ? reject(new Error("pass failed")) : resolve())),
      );
    },
    (error) => errors.push(error),
  );
  /** Lets the running pass end, then gives the loop its turns. */
  const finish = async () => {
    gates.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { passes, ran, errors, finish };
}

describe("a read model's passes", () => {
  it("merges requests made while a pass runs into one next pass, the earliest point winning", async () => {
    const { passes, ran, finish } = gatedPasses();
    const first = passes.request(500);
    let secondDone = false;
    const second = passes.request(300).then(() => (secondDone = true));
    void passes.request(400, true);
    expect(ran).toEqual([{ from: 500, wholly: false }]);
    expect(passes.busy).toBe(true);
    expect(passes.dueFrom).toBe(300);
    await finish();
    await first;
    // The second request waits for the pass that takes it in, not the one that was running.
    expect(secondDone).toBe(false);
    expect(ran).toEqual([
      { from: 500, wholly: false },
      { from: 300, wholly: true },
    ]);
    await finish();
    await second;
    await passes.idle();
    expect(passes.busy).toBe(false);
    expect(passes.passes).toBe(2);
  });

  it("settles once the pass under way and the one due end, while requests keep coming after", async () => {
    const { passes, ran, finish } = gatedPasses();
    void passes.request(500);
    void passes.request(400);
    let settled = false;
    const done = passes.settled().then(() => (settled = true));
    // A backfill storing slice after slice: a request after each pass begins.
    for (let round = 0; round < 2; round++) {
      await finish();
      void passes.request(300 - round);
    }
    await done;
    expect(settled).toBe(true);
    // The first two passes ended; the loop still runs (idle() would still be waiting).
    expect(passes.passes).toBe(2);
    expect(passes.busy).toBe(true);
    expect(ran).toHaveLength(3);
    let idle = false;
    const stopped = passes.idle().then(() => (idle = true));
    await finish();
    expect(idle).toBe(false);
    await finish();
    await stopped;
    expect(ran).toHaveLength(4);
  });

  it("settles at once when no pass runs, and when held before the one due begins", async () => {
    const { passes, finish } = gatedPasses();
    await passes.settled();
    void passes.request(100);
    const release = passes.hold();
    void passes.request(50);
    const done = passes.settled();
    await finish();
    // The loop stopped at the hold: the pass due cannot begin, so nothing is left to wait on.
    await done;
    expect(passes.busy).toBe(false);
    expect(passes.due).toBe(true);
    release();
    await finish();
    await passes.idle();
  });

  it("begins no pass while held, then one for every request made meanwhile", async () => {
    const { passes, ran, finish } = gatedPasses();
    const release = passes.hold();
    const done = passes.request(50);
    void passes.request();
    await Promise.resolve();
    expect(ran).toEqual([]);
    expect(passes.due).toBe(true);
    release();
    release(); // a second call does nothing
    expect(ran).toEqual([{ from: 50, wholly: false }]);
    await finish();
    await done;
    expect(ran).toHaveLength(1);
  });

  it("reports a pass that throws and runs the next request", async () => {
    const { passes, ran, errors, finish } = gatedPasses();
    const failing = passes.request(-1);
    await finish();
    await failing;
    expect(errors.map((error) => (error as Error).message)).toEqual(["pass failed"]);
    const next = passes.request(7);
    await finish();
    await next;
    expect(ran.map((pass) => pass.from)).toEqual([-1, 7]);
  });

  it("resolves waiting requests when closed, and begins none after", async () => {
    const { passes, ran } = gatedPasses();
    const release = passes.hold();
    const waiting = passes.request(1);
    passes.close();
    await waiting;
    await passes.request(2);
    release();
    expect(ran).toEqual([]);
  });
});
