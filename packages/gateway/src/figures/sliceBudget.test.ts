import { describe, expect, it, vi } from "vitest";
import { forEachInSlices, nextTurn, SLICE_MS, Slicer } from "./sliceBudget.js";

/** Counts the turns of the event loop: a setImmediate that queues itself runs once a turn. */
function turnCounter(): { readonly now: () => number; readonly stop: () => void } {
  let turns = 0;
  let stopped = false;
  const tick = () => {
    turns++;
    if (!stopped) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turns, stop: () => (stopped = true) };
}

describe("slices of history work taking turns", () => {
  it("never runs two slices in one turn of the event loop, and lets each task go in its order", async () => {
    const turns = turnCounter();
    const ran: { task: string; turn: number }[] = [];
    const task = async (name: string, slices: number) => {
      for (let i = 0; i < slices; i++) {
        await nextTurn();
        ran.push({ task: name, turn: turns.now() });
      }
    };
    await Promise.all([task("rebuild", 20), task("import", 20), task("portfolio", 10)]);
    turns.stop();
    expect(ran).toHaveLength(50);
    const perTurn = new Map<number, number>();
    for (const slice of ran) perTurn.set(slice.turn, (perTurn.get(slice.turn) ?? 0) + 1);
    expect(Math.max(...perTurn.values())).toBe(1);
    // Oldest first: while all three wait, they go in turn.
    expect(ran.slice(0, 6).map((slice) => slice.task)).toEqual([
      "rebuild",
      "import",
      "portfolio",
      "rebuild",
      "import",
      "portfolio",
    ]);
  });

  it("lets a timer that fell due during one slice run before the next slice", async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push("timer");
        resolve();
      }, 2),
    );
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {}
    };
    await Promise.all([
      nextTurn().then(() => {
        order.push("rebuild slice");
        busy(10);
      }),
      nextTurn().then(() => order.push("import slice")),
    ]);
    await timer;
    expect(order).toEqual(["rebuild slice", "timer", "import slice"]);
  });
});

describe("forEachInSlices", () => {
  it("handles every item in order, giving the loop a turn whenever a slice is up, never more in a turn than a slice and a clock check hold", async () => {
    // The clock the slices read, moved 20 µs by each item: what a turn holds is then the same on
    // a loaded machine as on an idle one (a busy loop on the real clock was preempted on CI: a
    // 60 ms "turn" in CI on d0700a5).
    let clock = 0;
    const now = vi.spyOn(performance, "now").mockImplementation(() => clock);
    const turns = turnCounter();
    const seen: number[] = [];
    const items = Array.from({ length: 4_000 }, (_, n) => n);
    const perTurn = new Map<number, number>();
    try {
      await forEachInSlices(items, (n) => {
        clock += 0.02;
        seen.push(n);
        perTurn.set(turns.now(), (perTurn.get(turns.now()) ?? 0) + 1);
      });
    } finally {
      turns.stop();
      now.mockRestore();
    }
    expect(seen).toEqual(items);
    // 4,000 items of 20 µs: 80 ms of work, in more than 2 turns.
    expect(perTurn.size).toBeGreaterThan(2);
    // A slice of items (SLICE_MS / 20 µs), plus those up to the next look at the clock (every 256).
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(SLICE_MS / 0.02 + 256);
  });
});

describe("Slicer", () => {
  it("says a slice is up only at a look at the clock, every `checkEvery` items' worth, once its time has run", async () => {
    // The clock is the test's: a loaded machine's 5 ms between the pause and the look (CI, 2026-11-27).
    let clock = 0;
    const now = vi.spyOn(performance, "now").mockImplementation(() => clock);
    try {
      const slicer = new Slicer(5, 4);
      clock = 6;
      // The slice's time has run, but the clock is looked at every 4 items only.
      expect([slicer.up(), slicer.up(), slicer.up()]).toEqual([false, false, false]);
      expect(slicer.up()).toBe(true);
      expect(slicer.up(4)).toBe(true);
      expect(slicer.overdue()).toBe(true);
      const turns = turnCounter();
      const before = turns.now();
      await slicer.pause();
      turns.stop();
      // A turn of the loop went by, and the next slice starts afresh.
      expect(turns.now()).toBeGreaterThan(before);
      expect(slicer.slices).toBe(2);
      expect(slicer.overdue()).toBe(false);
      expect(slicer.up(4)).toBe(false);
      clock = 11;
      expect(slicer.up(4)).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  it("says when a share of the slice has run, for a large piece of work that had better begin a slice of its own", () => {
    let clock = 0;
    const now = vi.spyOn(performance, "now").mockImplementation(() => clock);
    try {
      const slicer = new Slicer(10);
      clock = 4;
      expect([slicer.overdue(0.5), slicer.overdue()]).toEqual([false, false]);
      clock = 5;
      expect([slicer.overdue(0.5), slicer.overdue()]).toEqual([true, false]);
      clock = 10;
      expect(slicer.overdue()).toBe(true);
    } finally {
      now.mockRestore();
    }
  });
});
