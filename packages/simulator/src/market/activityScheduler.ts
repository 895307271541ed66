/**
 * One heartbeat drives all market activity. Each beat advances a virtual market time by a fixed
 * number of simulated ms and runs, in (due time, registration) order, every task that came due.
 * Because the order of actions depends only on beats and the seeded PRNG — not on how Node
 * happens to interleave many timers — the same --seed replays the same sequence of orders.
 * If the process is busy, beats come late and the market runs a little slower; it never bursts.
 */
import type { SimClock } from "../clock.js";

/** The shortest beat in simulated ms (at --speed 1: 20 beats per second). */
const MIN_BEAT_MS = 50;
/** Real ms between beats at high speeds (Node timers do not go below 1 ms). */
const MIN_REAL_BEAT_MS = 2;
/** Shortest delay a task may ask for, so a beat always ends. */
const MIN_TASK_DELAY_MS = 1;

export interface ActivityScheduler {
  /**
   * Runs `task` after `nextDelay()` simulated ms, then again after each new `nextDelay()`, passing
   * the simulated ms since its previous run. Returns a cancel function.
   */
  every(nextDelay: () => number, task: (sinceLastMs: number) => void): () => void;
  /** Virtual market time (simulated ms since start). */
  elapsed(): number;
  stop(): void;
}

interface Entry {
  due: number;
  lastRun: number;
  readonly order: number;
  readonly nextDelay: () => number;
  readonly task: (sinceLastMs: number) => void;
}

export function createActivityScheduler(
  clock: SimClock,
  beatMs = Math.max(MIN_BEAT_MS, clock.speed * MIN_REAL_BEAT_MS),
): ActivityScheduler {
  let elapsed = 0;
  let registered = 0;
  const entries: Entry[] = [];

  const nextDue = (): Entry | undefined => {
    let best: Entry | undefined;
    for (const entry of entries) {
      if (entry.due > elapsed) continue;
      if (!best || entry.due < best.due || (entry.due === best.due && entry.order < best.order)) best = entry;
    }
    return best;
  };

  const beat = () => {
    elapsed += beatMs;
    for (let entry = nextDue(); entry; entry = nextDue()) {
      const since = entry.due - entry.lastRun;
      entry.lastRun = entry.due;
      entry.due += Math.max(MIN_TASK_DELAY_MS, entry.nextDelay());
      entry.task(since);
    }
  };

  const timer = clock.setInterval(beat, beatMs);

  return {
    every: (nextDelay, task) => {
      const entry: Entry = {
        due: elapsed + Math.max(MIN_TASK_DELAY_MS, nextDelay()),
        lastRun: elapsed,
        order: registered++,
        nextDelay,
        task,
      };
      entries.push(entry);
      return () => {
        const index = entries.indexOf(entry);
        if (index >= 0) entries.splice(index, 1);
      };
    },
    elapsed: () => elapsed,
    stop: () => {
      clock.clear(timer);
      entries.length = 0;
    },
  };
}
