/**
 * Whether any of an element's children is on screen (any part of it within the viewport, or near
 * it). The element is a `display: contents` box around one or more sections of the layout (it has
 * no box of its own to observe); children added later are observed too. Sections scrolled away
 * use it to stop following live data (issue 17: a light tab). Undefined until first known (the
 * observer answers within a frame); where IntersectionObserver is missing, everything counts as
 * on screen.
 */
import { type RefObject, useEffect, useState } from "react";

/** Start following a little before a section scrolls into view, so it is current when seen. */
const MARGIN = "200px";

export function useChildrenOnScreen(ref: RefObject<Element | null>): boolean | undefined {
  const [onScreen, setOnScreen] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") {
      setOnScreen(true);
      return;
    }
    const seen = new Set<Element>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) seen.add(entry.target);
          else seen.delete(entry.target);
        }
        setOnScreen(seen.size > 0);
      },
      { rootMargin: MARGIN },
    );
    const observed = new Set<Element>();
    const follow = () => {
      for (const child of element.children) {
        if (!observed.has(child)) {
          observed.add(child);
          observer.observe(child);
        }
      }
      for (const child of observed) {
        if (child.parentElement !== element) {
          observed.delete(child);
          seen.delete(child);
          observer.unobserve(child);
        }
      }
    };
    follow();
    const children = new MutationObserver(follow);
    children.observe(element, { childList: true });
    return () => {
      children.disconnect();
      observer.disconnect();
    };
  }, [ref]);
  return onScreen;
}
