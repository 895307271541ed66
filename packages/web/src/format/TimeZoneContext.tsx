/**
 * The time zone picked (the browser's or UTC), for the components that show times or ask the
 * gateway for days: they re-render when it changes. The choice is kept in localStorage.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import {
  type DisplayZone,
  displayZone,
  setDisplayZone,
  storedZoneSetting,
  TIME_ZONE_STORAGE_KEY,
  type ZoneSetting,
  zoneOf,
} from "./timeZone.js";

interface TimeZoneValue {
  readonly zone: DisplayZone;
  readonly setSetting: (setting: ZoneSetting) => void;
}

const TimeZoneContext = createContext<TimeZoneValue | null>(null);

export function TimeZoneProvider({ children, initial }: { children: ReactNode; initial?: ZoneSetting }) {
  const [setting, setSettingState] = useState<ZoneSetting>(() => initial ?? storedZoneSetting());
  const zone = useMemo(() => zoneOf(setting), [setting]);
  // Before the children render: their plain formatting functions read it.
  if (displayZone() !== zone) setDisplayZone(zone);
  const setSetting = useCallback((next: ZoneSetting) => {
    setSettingState(next);
    try {
      localStorage.setItem(TIME_ZONE_STORAGE_KEY, next);
    } catch {
      // Private mode, sandboxed frame: the choice holds until the page is left.
    }
  }, []);
  const value = useMemo(() => ({ zone, setSetting }), [zone, setSetting]);
  return <TimeZoneContext.Provider value={value}>{children}</TimeZoneContext.Provider>;
}

/** The zone times are shown in (outside a provider: the one set last, the browser's by default). */
export function useDisplayZone(): DisplayZone {
  return useContext(TimeZoneContext)?.zone ?? displayZone();
}

/** The zone and its setter (the header's picker). */
export function useTimeZoneSetting(): TimeZoneValue {
  const value = useContext(TimeZoneContext);
  return value ?? { zone: displayZone(), setSetting: () => {} };
}
