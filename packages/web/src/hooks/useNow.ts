/**
 * The current time, re-rendering every `intervalMs` (for ticking "12 s ago" labels and the
 * clock). Ticks fall on whole multiples of the interval (a 1 s clock turns with the second), so
 * every ticking label of the page, and the rows whose highlight ends (DataTable), change in the
 * same frame rather than in one frame each. Where nothing is seen (the tab hidden, the section
 * scrolled away: LivePaused) it does not tick; seen again, it reads the time at once.
 */
import { useEffect, useRef, useState } from "react";
import { useLivePaused } from "./livePaused.js";

/** The next whole multiple of `intervalMs` after `now`. */
export function nextTick(now: number, intervalMs: number): number {
  return (Math.floor(now / intervalMs) + 1) * intervalMs;
}

export function useNow(intervalMs = 1000): number {
  const paused = useLivePaused();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (paused) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const time = Date.now();
      setNow(time);
      timer = setTimeout(tick, nextTick(time, intervalMs) - time);
    };
    tick();
    return () => clearTimeout(timer);
  }, [intervalMs, paused]);
  return now;
}

/**
 * `value`, changing only on the clock's ticks: a new value waits for the next whole multiple of
 * `intervalMs` (at most that long), and the latest one is shown then, in the same frame as the
 * clock. For drawings that need not follow each update the moment it comes (the equity chart:
 * a day is a few hundred pixels wide; the figures beside it are live). `atOnce(shown, next)`:
 * a value the user is waiting for (the first, or one they asked for) is shown without waiting.
 */
export function useOnTick<T>(value: T, intervalMs: number, atOnce?: (shown: T, next: T) => boolean): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const urgent = !Object.is(value, shown) && atOnce?.(shown, value) === true;
  useEffect(() => {
    if (Object.is(value, shown) || urgent) return;
    const now = Date.now();
    const timer = setTimeout(() => setShown(latest.current), nextTick(now, intervalMs) - now);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs, urgent]);
  if (urgent) {
    setShown(value); // during render: React renders again at once with it, before committing
    return value;
  }
  return shown;
}
