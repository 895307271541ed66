/**
 * The time zone setting, in the header right after the clock: a button saying the zone the clock
 * and every time on the page are in ("UTC", "GMT+1"), which switches between the browser's zone
 * (the default) and UTC. Day boundaries ("today", PnL and volume by day, fees by day) follow it.
 */
import { useTimeZoneSetting } from "./TimeZoneContext.js";
import { browserZoneName, zoneLabel } from "./timeZone.js";

const ZONE_HINT =
  "The time zone of every time on the page, and where days begin and end (today, PnL by day, volume by day, fees by day)";

export function ZonePicker() {
  const { zone, setSetting } = useTimeZoneSetting();
  const local = zone.setting === "browser";
  const label = zoneLabel(zone);
  const where = local ? `your browser's zone (${browserZoneName()})` : "UTC";
  return (
    <button
      type="button"
      className="zone-picker"
      onClick={() => setSetting(local ? "UTC" : "browser")}
      aria-label={`Time zone: ${label}, ${where}. Switch to ${local ? "UTC" : "your browser's zone"}`}
      title={`${ZONE_HINT}: now ${where}. Click for ${local ? "UTC" : "your browser's zone"}.`}
    >
      {label}
      {local && <span className="zone-local"> local</span>}
    </button>
  );
}
