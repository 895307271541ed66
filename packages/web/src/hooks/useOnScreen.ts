/**
 * Whether the element is on screen (any part of it within the viewport, or near it). Sections
 * scrolled away use it to stop following live data (issue 17: a light tab); where
 * IntersectionObserver is missing, everything counts as on screen.
 */
import { type RefObject, useEffect, useState } from "react";

/** Start following a little before the section scrolls into view, so it is current when seen. */
const MARGIN = "200px";

export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry) setOnScreen(entry.isIntersecting);
      },
      { rootMargin: MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}
