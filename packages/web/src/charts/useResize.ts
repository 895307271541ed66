/**
 * Calls `onResize(width, height)` whenever the element's content box changes size (and once
 * when observing starts, as ResizeObserver does). No-op where ResizeObserver is missing.
 */
import { type RefObject, useEffect, useRef } from "react";

export function useResize(ref: RefObject<HTMLElement | null>, onResize: (width: number, height: number) => void): void {
  const latest = useRef(onResize);
  latest.current = onResize;
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box && box.width > 0 && box.height > 0) latest.current(Math.floor(box.width), Math.floor(box.height));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
}
