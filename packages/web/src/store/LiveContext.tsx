/** The live store for React: one store per page, read through useSyncExternalStore. */
import { createContext, type ReactNode, useCallback, useContext, useRef, useSyncExternalStore } from "react";
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
 * A slice of the live state; re-renders only when that slice is a new value. `paused` (e.g. a
 * section scrolled out of view): the slice stays as it was, nothing re-renders, until unpaused.
 */
export function useLive<T>(select: (state: LiveState) => T, paused = false): T {
  const store = useLiveStore();
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
