/**
 * Round-robin timing of several benchmark cases on one thread. Each case's `pass` runs its own
 * hot loop over the whole corpus and returns a checksum (so the work cannot be optimized away);
 * the per-frame loop lives in the case, so every case keeps its own monomorphic call sites.
 * Cases take turns in every round, starting one further each round, so drift, GC debt left by
 * the previous case and CPU frequency changes spread evenly over all of them.
 */
import { performance } from "node:perf_hooks";

export interface BenchCase {
  readonly id: string;
  readonly label: string;
  /** One pass over the corpus; returns a checksum that must be the same on every pass. */
  pass(): number;
}

export interface CaseTimings {
  readonly id: string;
  readonly label: string;
  /** Wall time of each measured pass, ms. */
  readonly passMs: readonly number[];
  /**
   * CPU time of the process (all its threads, GC helpers included) during each pass, ms. Less
   * sensitive than wall time to other processes sharing the cores.
   */
  readonly cpuMs: readonly number[];
  readonly checksum: number;
}

export interface MeasureOptions {
  readonly warmupPasses: number;
  readonly rounds: number;
}

export function measureRounds(cases: readonly BenchCase[], options: MeasureOptions): CaseTimings[] {
  const checksums = new Map<string, number>();
  const record = (c: BenchCase, sum: number) => {
    const seen = checksums.get(c.id);
    if (seen !== undefined && seen !== sum) throw new Error(`${c.id}: checksum changed between passes`);
    checksums.set(c.id, sum);
  };
  for (let i = 0; i < options.warmupPasses; i++) {
    for (const c of cases) record(c, c.pass());
  }
  const passMs = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  const cpuMs = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(round + k) % cases.length]!;
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const sum = c.pass();
      passMs.get(c.id)!.push(performance.now() - start);
      const cpu = process.cpuUsage(cpuStart);
      cpuMs.get(c.id)!.push((cpu.user + cpu.system) / 1000);
      record(c, sum);
    }
  }
  return cases.map((c) => ({
    id: c.id,
    label: c.label,
    passMs: passMs.get(c.id)!,
    cpuMs: cpuMs.get(c.id)!,
    checksum: checksums.get(c.id)!,
  }));
}
