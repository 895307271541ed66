/**
 * A time as text in the zone picked (TimeZoneContext), re-rendered when the zone changes: for
 * table cells and other places that show a time among other figures. The zone itself is said
 * once nearby (the column's header, the section's title: ZonedLabel).
 */

import { useDisplayZone } from "./TimeZoneContext.js";
import { formatClock, formatDateTime } from "./time.js";
import { zoneLabel } from "./timeZone.js";

/** "2025-01-31 14:05:09" (or "14:05:09" with `clock`), in the zone picked. */
export function DateTime({ ms, clock = false }: { ms: number; clock?: boolean }) {
  const zone = useDisplayZone();
  return <>{clock ? formatClock(ms, zone) : formatDateTime(ms, zone)}</>;
}

/** "Time (CET)": a label with the zone picked. */
export function ZonedLabel({ label }: { label: string }) {
  const zone = useDisplayZone();
  return <>{`${label} (${zoneLabel(zone)})`}</>;
}

/** "14:05:09 CET": a time on its own, with its zone. */
export function ZonedClock({ ms }: { ms: number }) {
  const zone = useDisplayZone();
  return <>{`${formatClock(ms, zone)} ${zoneLabel(zone, ms)}`}</>;
}
