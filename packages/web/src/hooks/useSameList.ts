import { useRef } from "react";

/**
 * `items`, or the list given at an earlier render when it holds the same items in the same order:
 * a list worked out afresh at each render (the assets of the equity points) keeps its identity
 * while its content does not change, so what depends on it (a layout measure) does not run again.
 */
export function useSameList<T>(items: readonly T[]): readonly T[] {
  const held = useRef(items);
  const before = held.current;
  if (before !== items && (before.length !== items.length || items.some((item, i) => !Object.is(item, before[i])))) {
    held.current = items;
  }
  return held.current;
}
