/**
 * The protocol tests' seeded PRNG (mulberry32, as the simulator's createRandom, which this pure
 * package cannot import): the same sequence for the same seed on every machine, so a failure
 * replays from the seed it prints. Not for anything secret.
 */
export interface TestRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, below). */
  int(below: number): number;
  bytes(length: number): Uint8Array;
  pick<T>(items: readonly T[]): T;
}

export function prng(seed: number): TestRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return {
    next,
    int,
    bytes: (length) => Uint8Array.from({ length }, () => int(256)),
    pick: (items) => items[int(items.length)]!,
  };
}
