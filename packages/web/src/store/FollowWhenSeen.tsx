/**
 * Sections that follow the live store only while one of them is on screen, or near it (issue 17,
 * a light tab): scrolled away, their slices hold still and nothing of them re-renders, re-reads
 * or redraws; scrolled back, they render the state as it is then. The wrapper is a
 * `display: contents` box, so the sections stay items of the dashboard's grid. Until the browser
 * says whether they are on screen (within a frame of mounting) they follow; `onSeen` hears each
 * answer (the dashboard subscribes to the market's topics only while its panel is seen). While
 * the page's connection to the gateway is lost they follow too, seen or not: nothing scrolled away
 * keeps saying "live" (issue 57 item 7); nothing moves then but that.
 */
import { type ReactNode, useEffect, useRef } from "react";
import { LivePaused } from "../hooks/livePaused.js";
import { useChildrenOnScreen } from "../hooks/useChildrenOnScreen.js";
import { useLiveAlways } from "./LiveContext.js";

export function FollowWhenSeen({ children, onSeen }: { children: ReactNode; onSeen?: (seen: boolean) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useChildrenOnScreen(ref);
  // The gateway lost (live/accountState.ts gatewayLink's "lost"): every section says so at once.
  const lost = useLiveAlways((s) => s.connection !== "open" && s.disconnectedAt !== null);
  const told = useRef(onSeen);
  told.current = onSeen;
  useEffect(() => {
    if (seen !== undefined) told.current?.(seen);
  }, [seen]);
  return (
    <div className="follow-when-seen" ref={ref} data-following={seen !== false}>
      <LivePaused paused={seen === false && !lost}>{children}</LivePaused>
    </div>
  );
}
