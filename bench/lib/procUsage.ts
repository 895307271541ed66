/**
 * A process's CPU time and resident memory as the kernel counts them (/proc/PID), so the gateway
 * and the simulator are measured apart and from outside. Linux only: undefined elsewhere.
 * (bench/gateway and bench/accounts read it.)
 */
import { readFileSync } from "node:fs";

/** Linux's USER_HZ, the unit of utime/stime in /proc/PID/stat. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** Wall-clock ms. */
  readonly at: number;
  /** user + system, seconds since the process started. */
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}

export function procUsage(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const rssKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return {
      at: Date.now(),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
      rssBytes: rssKb * 1024,
    };
  } catch {
    return undefined;
  }
}

/** CPU between two samples of one process, % of one core. */
export function cpuPercent(from: ProcSample, to: ProcSample): number {
  return ((to.cpuSeconds - from.cpuSeconds) / ((to.at - from.at) / 1000)) * 100;
}
