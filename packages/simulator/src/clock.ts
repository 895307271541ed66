/**
 * The simulator's clock. Timestamps are real wall-clock ms (so clients' server-time sync and
 * recvWindow checks behave as against MEXC); durations are simulated ms, run `speed` times
 * faster: with --speed 60 a 60-minute listen key lives one real minute.
 */
export interface SimClock {
  readonly speed: number;
  /** Wall-clock ms since epoch. */
  now(): number;
  /** Real ms for a simulated duration. */
  real(simMs: number): number;
  setTimeout(fn: () => void, simMs: number): NodeJS.Timeout;
  setInterval(fn: () => void, simMs: number): NodeJS.Timeout;
  clear(timer: NodeJS.Timeout | undefined): void;
}

export function createClock(speed = 1): SimClock {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
  const real = (simMs: number) => Math.max(0, simMs / speed);
  return {
    speed,
    now: () => Date.now(),
    real,
    setTimeout: (fn, simMs) => {
      const t = setTimeout(fn, real(simMs));
      t.unref();
      return t;
    },
    setInterval: (fn, simMs) => {
      const t = setInterval(fn, Math.max(1, real(simMs)));
      t.unref();
      return t;
    },
    clear: (timer) => {
      if (timer) clearTimeout(timer);
    },
  };
}
