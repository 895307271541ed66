/** One line naming what a benchmark ran on, for BENCHMARKS.md. */
import { arch, availableParallelism, cpus, platform } from "node:os";

export function machineLine(): string {
  const model = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `machine: ${availableParallelism()} cores (${model}), ${platform()} ${arch()}, node ${process.version}`;
}
