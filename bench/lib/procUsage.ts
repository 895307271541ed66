/**
 * A process's CPU time and resident memory as the kernel counts them (/proc/PID), so the gateway
 * and the simulator are measured apart and from outside. Linux only: undefined elsewhere.
 * (bench/gateway and bench/accounts read it.)
 */
import { readdirSync, readFileSync } from "node:fs";

/** Linux's USER_HZ, the unit of utime/stime in /proc/PID/stat. */
const CLOCK_TICKS_PER_SECOND = 100;
/** A process tree is read at most this deep in processes (a gateway has a supervisor and one child). */
const MAX_TREE_PROCESSES = 16;

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

/** The process and every process under it (a supervisor's gateway child): their pids, parent first. */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length && i < MAX_TREE_PROCESSES; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pids[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, "utf8").trim();
        if (children !== "") pids.push(...children.split(" ").map(Number));
      } catch {
        // The task ended meanwhile.
      }
    }
  }
  return pids.slice(0, MAX_TREE_PROCESSES);
}

/**
 * CPU and RSS of a process and its descendants, summed: `mexc-live start` runs the gateway in a
 * child of a small supervisor (cli/), so the spawned pid alone measures the supervisor.
 */
export function procTreeUsage(pid: number): ProcSample | undefined {
  const root = procUsage(pid);
  if (root === undefined) return undefined;
  let cpuSeconds = root.cpuSeconds;
  let rssBytes = root.rssBytes;
  for (const child of processTree(pid).slice(1)) {
    const sample = procUsage(child);
    if (sample === undefined) continue;
    cpuSeconds += sample.cpuSeconds;
    rssBytes += sample.rssBytes;
  }
  return { at: root.at, cpuSeconds, rssBytes };
}

/** CPU between two samples of one process, % of one core. */
export function cpuPercent(from: ProcSample, to: ProcSample): number {
  return ((to.cpuSeconds - from.cpuSeconds) / ((to.at - from.at) / 1000)) * 100;
}
