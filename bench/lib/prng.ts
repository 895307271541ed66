/**
 * The benchmarks' seeded PRNG: the simulator's (mulberry32) with a few more draws, so a
 * benchmark corpus is the same bytes on every run and machine. Not for anything secret. Floats
 * here pick shapes and sizes, never money values.
 */
import { createRandom } from "@mexc-live/simulator";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  /** Integer in [min, max] spread log-uniformly: small values common, large ones possible. */
  logInt(min: number, max: number): number;
  /** Fisher-Yates in place. */
  shuffle<T>(items: T[]): T[];
}

export function createRng(seed: number): Rng {
  const random = createRandom(seed);
  const { next, int } = random;
  return {
    next,
    int,
    chance: random.chance,
    pick: random.pick,
    weighted(items, weight) {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let r = next() * total;
      for (const item of items) {
        r -= weight(item);
        if (r < 0) return item;
      }
      return items[items.length - 1]!;
    },
    logInt: (min, max) => Math.min(max, Math.floor(min * Math.exp(next() * Math.log((max + 1) / min)))),
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}
