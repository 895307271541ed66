/**
 * A seeded mid-price random walk in whole price ticks (tick = 10^-pricePrecision), so every
 * price derived from it is an exact decimal. Each step is a lognormal move scaled to the time it
 * covers (so the pace of steps does not change the volatility), with a weak pull back towards the anchor (the symbol's initial price), clamped to a band around it, so the
 * price stays positive and on the symbol's scale however long the run. Floats only pick the
 * random number of ticks; no money is computed in floating point.
 */
import type { Random } from "../random.js";

export interface RandomWalkOptions {
  readonly random: Random;
  /** Where the walk starts, in ticks. */
  readonly startTicks: number;
  /** The level it is pulled back towards (default: startTicks). */
  readonly anchorTicks?: number;
  /** Standard deviation of the relative move over one unit of time (e.g. 0.0008 = 8 bp a minute). */
  readonly volatility: number;
  /** Fraction of the log distance to the anchor removed per unit of time (e.g. 0.003). */
  readonly reversion: number;
  /** The walk stays within [anchor / band, anchor * band] (default 3). */
  readonly band?: number;
}

export interface RandomWalk {
  /** Current mid, in ticks (an integer >= 1). */
  ticks(): number;
  /** Moves over `units` of time (default 1; the spread grows with its square root) and returns the new mid. */
  step(units?: number): number;
}

/** A standard normal draw (Box-Muller) from the seeded PRNG. */
export function gaussian(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Rounds to an integer up or down at random, with the fraction as the chance of rounding up. */
export function roundStochastic(value: number, random: Random): number {
  const floor = Math.floor(value);
  return floor + (random.chance(value - floor) ? 1 : 0);
}

export function createRandomWalk(options: RandomWalkOptions): RandomWalk {
  const { random, volatility, reversion } = options;
  const anchor = Math.max(1, Math.round(options.anchorTicks ?? options.startTicks));
  const band = options.band ?? 3;
  const min = Math.max(1, Math.ceil(anchor / band));
  const max = Math.max(min, Math.floor(anchor * band));
  let current = Math.min(max, Math.max(min, Math.round(options.startTicks)));
  return {
    ticks: () => current,
    step: (units = 1) => {
      const pull = -Math.min(1, reversion * units) * Math.log(current / anchor);
      const move = current * (Math.exp(pull + volatility * Math.sqrt(units) * gaussian(random)) - 1);
      current = Math.min(max, Math.max(min, current + roundStochastic(move, random)));
      return current;
    },
  };
}
