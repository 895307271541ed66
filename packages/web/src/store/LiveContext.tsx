/** The live store for React: one store per page, read through useSyncExternalStore. */
import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
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

/** A slice of the live state; re-renders only when that slice is a new value. */
export function useLive<T>(select: (state: LiveState) => T): T {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
