/**
 * bench/store, issue 37: whether a stall of the event loop was the process's own (its code or its
 * garbage collector running) or the machine's (the process ready but not on a core: on 2 cores
 * shared by a dozen busy processes the scheduler alone holds a loop 50-270 ms). A timer ticks
 * every TICK_MS; a gap between ticks longer than STALL_MS is a stall, and the process's CPU time
 * across it (process.cpuUsage: every thread, so the collector's helpers too) says which: at least
 * ON_CPU_SHARE of the gap is on CPU, less is waiting.
 */

/** How often the watch ticks (a tick is a cpuUsage call, ~1 µs). */
const TICK_MS = 2;
/** A gap longer than this is a stall (the target's 50 ms, less a margin to see what nears it). */
const STALL_MS = 30;
/** The CPU share of a gap above which the process itself held the loop. */
const ON_CPU_SHARE = 0.8;

export interface StallFigures {
  readonly onCpuMaxMs: number;
  readonly offCpuMaxMs: number;
  /** The most CPU time the process used within one stall: what its own code and collector held of it. */
  readonly cpuInStallMaxMs: number;
}

/** Watches the loop until `stop`, which returns the longest on-CPU and off-CPU stall and the most CPU in one. */
export function watchStalls(): { stop(): StallFigures } {
  let onCpuMaxMs = 0;
  let offCpuMaxMs = 0;
  let cpuInStallMaxMs = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const gap = now - last;
    if (gap > STALL_MS) {
      const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
      cpuInStallMaxMs = Math.max(cpuInStallMaxMs, cpuMs);
      if (cpuMs >= ON_CPU_SHARE * gap) onCpuMaxMs = Math.max(onCpuMaxMs, gap);
      else offCpuMaxMs = Math.max(offCpuMaxMs, gap);
    }
    last = now;
    lastCpu = cpu;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      return { onCpuMaxMs, offCpuMaxMs, cpuInStallMaxMs };
    },
  };
}
