/**
 * The live store for React: one store per page, read through useSyncExternalStore. What is not
 * seen does not follow it (issue 17, a light tab): inside a `LivePaused` boundary (hooks/livePaused.tsx) that says so
 * (the tab hidden, a section scrolled away: FollowWhenSeen) every slice read stays as it was,
 * nothing re-renders, and the first render after it is seen again reads the state as it is then.
 */
import { createContext, type ReactNode, useCallback, useContext, useRef, useSyncExternalStore } from "react";
import { useLivePaused } from "../hooks/livePaused.js";
import type { LiveState } from "./liveState.js";
import type { LiveStore } from "./liveStore.js";

const LiveStoreContext = createContext<LiveStore | null>(null);

export function LiveStoreProvider({ store, children }: { store: LiveStore; children: ReactNode }) {
  return <LiveStoreContext.Provider value={store}>{children}</LiveStoreContext.Provider>;
}

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error("useLiveStore: no LiveStoreProvider above this component");
  return store;
}

const NOTHING = () => {};

/**
 * `value` while seen; while paused (LivePaused above), the value it had at the last render
 * before the pause: a prop from outside a paused section (a time to read again at) holds still.
 */
export function useHeldWhilePaused<T>(value: T): T {
  const paused = useLivePaused();
  const held = useRef(value);
  if (!paused) held.current = value;
  return held.current;
}

/**
 * A slice of the live state; re-renders only when that slice is a new value. Paused (a LivePaused
 * boundary above): the slice stays as it was, nothing re-renders, until unpaused.
 */
export function useLive<T>(select: (state: LiveState) => T): T {
  const store = useLiveStore();
  const paused = useLivePaused();
  const held = useRef<{ value: T } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => (paused ? NOTHING : store.subscribe(listener)),
    [store, paused],
  );
  const value = useSyncExternalStore(subscribe, () =>
    paused && held.current !== null ? held.current.value : select(store.getState()),
  );
  held.current = { value };
  return value;
}

/**
 * A slice followed even where nothing is seen: for what must happen with the tab hidden (a
 * browser notification of an alert raised while the trader looks at another tab).
 */
export function useLiveAlways<T>(select: (state: LiveState) => T): T {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
