import { describe, expect, it } from "vitest";
import { createClock, type SimClock } from "../clock.js";
import { createActivityScheduler } from "./activityScheduler.js";

/** A clock whose one interval timer is beaten by hand. */
function manualClock(): SimClock & { beat(): void; cleared: boolean } {
  let beat: (() => void) | undefined;
  const clock = {
    ...createClock(1),
    cleared: false,
    setInterval: (fn: () => void) => {
      beat = fn;
      return setTimeout(() => {}, 0);
    },
    clear: () => {
      clock.cleared = true;
    },
    beat: () => beat?.(),
  };
  return clock;
}

describe("activity scheduler", () => {
  it("runs the tasks that came due on each beat in time order, passing the time since their last run", () => {
    const clock = manualClock();
    const scheduler = createActivityScheduler(clock, 100);
    const runs: string[] = [];
    scheduler.every(
      () => 70,
      (since) => runs.push(`a+${since}@${scheduler.elapsed()}`),
    );
    scheduler.every(
      () => 40,
      (since) => runs.push(`b+${since}`),
    );
    clock.beat(); // 0..100: b at 40, a at 70, b at 80
    expect(runs).toEqual(["b+40", "a+70@100", "b+40"]);
    runs.length = 0;
    clock.beat(); // 100..200: b at 120, a at 140, b at 160 and 200
    expect(runs).toEqual(["b+40", "a+70@200", "b+40", "b+40"]);
  });

  it("stops running tasks and clears its timer on stop()", () => {
    const clock = manualClock();
    const scheduler = createActivityScheduler(clock, 100);
    let runs = 0;
    const cancel = scheduler.every(
      () => 10,
      () => runs++,
    );
    clock.beat();
    expect(runs).toBe(10);
    cancel();
    clock.beat();
    expect(runs).toBe(10);
    scheduler.every(
      () => 10,
      () => runs++,
    );
    scheduler.stop();
    clock.beat();
    expect(runs).toBe(10);
    expect(clock.cleared).toBe(true);
  });
});
