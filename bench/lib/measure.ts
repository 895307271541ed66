/**
 * Interleaved timing of several benchmark cases on one thread. A round is one pass of every
 * case over the whole corpus, but taken slice by slice: for each slice of the corpus every case
 * runs in turn (in an order that rotates), so a burst of load from another process, GC debt
 * left by the previous case or a CPU frequency change lands on all cases alike, and their
 * ratios stay meaningful on a shared machine. Each case's `run` holds its own hot loop (so its
 * call sites stay monomorphic) and returns a checksum, so the work cannot be optimized away.
 */
import { performance } from "node:perf_hooks";

export interface BenchCase {
  readonly id: string;
  readonly label: string;
  /** Processes items [start, end) of the corpus; returns a checksum of what it read. */
  run(start: number, end: number): number;
}

export interface CaseTimings {
  readonly id: string;
  readonly label: string;
  /** Wall time of each measured round (one whole-corpus pass), ms. */
  readonly passMs: readonly number[];
  /** CPU time of the process (all threads, GC helpers included) in each round, ms. */
  readonly cpuMs: readonly number[];
  /** Checksum of one whole pass; the same in every round, or measureRounds throws. */
  readonly checksum: number;
}

export interface MeasureOptions {
  /** Corpus size. */
  readonly items: number;
  /** How many slices a pass is cut into for interleaving. */
  readonly slices: number;
  readonly warmupRounds: number;
  readonly rounds: number;
}

export function measureRounds(cases: readonly BenchCase[], options: MeasureOptions): CaseTimings[] {
  const { items, slices } = options;
  const bounds = Array.from({ length: slices + 1 }, (_, s) => Math.round((s * items) / slices));
  const wall = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as number[]);
  const checksums: (number | undefined)[] = cases.map(() => undefined);

  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    const roundWall = cases.map(() => 0);
    const roundCpu = cases.map(() => 0);
    const roundSum = cases.map(() => 0);
    for (let s = 0; s < slices; s++) {
      for (let k = 0; k < cases.length; k++) {
        const index = (round + s + k) % cases.length;
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        const sum = cases[index]!.run(bounds[s]!, bounds[s + 1]!);
        roundWall[index]! += performance.now() - start;
        const used = process.cpuUsage(cpuStart);
        roundCpu[index]! += (used.user + used.system) / 1000;
        roundSum[index] = (roundSum[index]! + sum) | 0;
      }
    }
    cases.forEach((c, i) => {
      if (checksums[i] !== undefined && checksums[i] !== roundSum[i]) {
        throw new Error(`${c.id}: checksum changed between rounds`);
      }
      checksums[i] = roundSum[i];
      if (round >= options.warmupRounds) {
        wall[i]!.push(roundWall[i]!);
        cpu[i]!.push(roundCpu[i]!);
      }
    });
  }
  return cases.map((c, i) => ({ id: c.id, label: c.label, passMs: wall[i]!, cpuMs: cpu[i]!, checksum: checksums[i]! }));
}
