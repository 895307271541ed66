/**
 * Whether what renders here is seen (issue 17, a light tab): a `LivePaused` boundary says it is
 * not (the tab hidden, a section scrolled away: store/FollowWhenSeen.tsx). What ticks or follows
 * the live store below it (useNow, store/LiveContext.tsx's useLive) holds still while paused.
 */
import { createContext, type ReactNode, useContext } from "react";

const PausedContext = createContext(false);

/** Pauses every useLive (and useNow) below while `paused`; a pause above it still holds. */
export function LivePaused({ paused, children }: { paused: boolean; children: ReactNode }) {
  const above = useContext(PausedContext);
  return <PausedContext.Provider value={above || paused}>{children}</PausedContext.Provider>;
}

/** Whether what renders here is not seen (the tab hidden, or its section scrolled away). */
export function useLivePaused(): boolean {
  return useContext(PausedContext);
}
