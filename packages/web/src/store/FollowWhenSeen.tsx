/**
 * Sections that follow the live store only while one of them is on screen, or near it (issue 17,
 * a light tab): scrolled away, their slices hold still and nothing of them re-renders, re-reads
 * or redraws; scrolled back, they render the state as it is then. The wrapper is a
 * `display: contents` box, so the sections stay items of the dashboard's grid. Until the browser
 * says whether they are on screen (within a frame of mounting) they follow; `onSeen` hears each
 * answer (the dashboard subscribes to the market's topics only while its panel is seen).
 */
import { type ReactNode, useEffect, useRef } from "react";
import { LivePaused } from "../hooks/livePaused.js";
import { useChildrenOnScreen } from "../hooks/useChildrenOnScreen.js";

export function FollowWhenSeen({ children, onSeen }: { children: ReactNode; onSeen?: (seen: boolean) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useChildrenOnScreen(ref);
  const told = useRef(onSeen);
  told.current = onSeen;
  useEffect(() => {
    if (seen !== undefined) told.current?.(seen);
  }, [seen]);
  return (
    <div className="follow-when-seen" ref={ref} data-following={seen !== false}>
      <LivePaused paused={seen === false}>{children}</LivePaused>
    </div>
  );
}
