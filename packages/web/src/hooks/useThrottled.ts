import { useEffect, useRef, useState } from "react";

/**
 * `value`, but changing at most once per `ms`: a change after a quiet interval passes at once,
 * changes within the interval are held and the latest one passes when it ends. For views that
 * need not follow a flood of live updates frame by frame, such as charts recomputed from all
 * held fills (the panels and the fees chart use this one hook).
 *
 * `blank` says a value shows nothing (an empty list): while the value shown is blank, a change
 * passes at once, so the throttle slows a flood but never holds back the first picture. It passes
 * in the same render, not one render later from the effect: a render of the new facts beside the
 * old blank value is a false "no data yet" on screen (local CI #93: the allocation donut, its
 * balances in, said so for a frame).
 */
export function useThrottled<T>(value: T, ms: number, blank?: (value: T) => boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const latest = useRef(value);
  latest.current = value;

  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = blank?.(shown) ? 0 : last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(latest.current);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms, blank]);

  return blank?.(shown) ? value : shown;
}
