/**
 * The time zone setting, in the header next to the clock: the browser's zone (the default) or
 * UTC. Every time on the page, and every day boundary ("today", PnL and volume by day), follows it.
 */
import { useTimeZoneSetting } from "./TimeZoneContext.js";
import { browserZoneName, type ZoneSetting, zoneLabel, zoneOf } from "./timeZone.js";

export const ZONE_HINT =
  "The time zone of every time on the page, and where days begin and end (today, PnL by day, volume by day, fees by day)";

export function ZonePicker() {
  const { zone, setSetting } = useTimeZoneSetting();
  const browser = zoneOf("browser");
  return (
    <label className="zone-picker" title={`${ZONE_HINT}. Local: ${browserZoneName()}.`}>
      <span className="visually-hidden">Time zone</span>
      <select value={zone.setting} onChange={(e) => setSetting(e.target.value as ZoneSetting)}>
        <option value="browser" title={browserZoneName()}>{`${zoneLabel(browser)} · local`}</option>
        <option value="UTC">UTC</option>
      </select>
    </label>
  );
}
