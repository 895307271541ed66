/**
 * The derived figures (fees, volume, PnL by the cost-basis method picked) for every section that
 * shows them, once per dashboard: the answers the gateway's `figures` topic carries applied as
 * they come (api/useFigures.ts); read again when a section asks (`refresh`, e.g. after an opening
 * cost was saved), when api/readSchedule.ts says, at once for another method, and after new fills
 * from a gateway that pushes no answers. Sections read them from context, so a refresh re-renders
 * only them.
 */
import type { CostMethodName } from "@mexc-live/contract";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { type Figures, useFigures } from "../api/useFigures.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { useLive } from "./LiveContext.js";

interface FiguresValue {
  readonly figures: Figures;
  readonly refresh: () => void;
}

const FiguresContext = createContext<FiguresValue | null>(null);

export function FiguresProvider({ method, children }: { method: CostMethodName | null; children: ReactNode }) {
  const pushed = useLive((s) => s.figures);
  // A push with its answers: the push says what to read (api/useFigures.ts), nothing is read again
  // for a fill, and the version read for stays as it was (answers coming back is no move). A push
  // without them (an older gateway, answers too slow): every figure is read again.
  const carries = pushed?.answers !== undefined;
  const newestFill = useLive((s) => (carries ? "" : (s.fills.items[0]?.tradeId ?? "")));
  const moved = useRef("");
  if (!carries) moved.current = `${newestFill}#${pushed?.version ?? null}`;
  const [asked, setAsked] = useState(0);
  const zone = useDisplayZone();
  const figures = useFigures(`${moved.current}#${asked}`, method, zone.name, pushed);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const value = useMemo(() => ({ figures, refresh }), [figures, refresh]);
  return <FiguresContext.Provider value={value}>{children}</FiguresContext.Provider>;
}

export function useFiguresContext(): FiguresValue {
  const value = useContext(FiguresContext);
  if (!value) throw new Error("useFiguresContext: no FiguresProvider above this component");
  return value;
}
