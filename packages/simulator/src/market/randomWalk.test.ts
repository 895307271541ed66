import { describe, expect, it } from "vitest";
import { createRandom } from "../random.js";
import { createRandomWalk } from "./randomWalk.js";

const walkOf = (seed: number, steps: number, volatility = 0.0005) => {
  const walk = createRandomWalk({ random: createRandom(seed), startTicks: 9_700_000, volatility, reversion: 0.00002 });
  return Array.from({ length: steps }, () => walk.step());
};

describe("random walk", () => {
  it("replays the same path for the same seed and a different one for another seed", () => {
    expect(walkOf(42, 500)).toEqual(walkOf(42, 500));
    expect(walkOf(43, 500)).not.toEqual(walkOf(42, 500));
  });

  it("moves in whole ticks with small steps", () => {
    const path = walkOf(1, 2_000);
    expect(path.every(Number.isSafeInteger)).toBe(true);
    const moves = path.slice(1).map((ticks, i) => Math.abs(ticks - path[i]!) / path[i]!);
    expect(Math.max(...moves)).toBeLessThan(0.005);
    expect(new Set(path).size).toBeGreaterThan(1_000);
  });

  it("stays positive and within its band around the start however wild and long", () => {
    const path = walkOf(7, 200_000, 0.01);
    const low = path.reduce((a, b) => Math.min(a, b));
    const high = path.reduce((a, b) => Math.max(a, b));
    expect(low).toBeGreaterThanOrEqual(Math.ceil(9_700_000 / 3));
    expect(high).toBeLessThanOrEqual(9_700_000 * 3);
    // volatile enough to have been held back by the band at least once
    expect(low === Math.ceil(9_700_000 / 3) || high === 9_700_000 * 3).toBe(true);
  });

  it("keeps moving a price of only a few ticks (stochastic rounding), never below one tick", () => {
    const walk = createRandomWalk({ random: createRandom(3), startTicks: 4, volatility: 0.05, reversion: 0 });
    const path = Array.from({ length: 5_000 }, () => walk.step());
    expect(new Set(path).size).toBeGreaterThan(1);
    expect(Math.min(...path)).toBeGreaterThanOrEqual(2);
  });
});
