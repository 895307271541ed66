/**
 * The time zone every time on the page is shown in, and every day boundary follows ("today",
 * PnL by day, volume by day, fees by day): the browser's zone (the default) or UTC, picked in
 * the header and kept in localStorage. The routes that group by day are sent the same zone as
 * `tz=` (an IANA name, or "UTC"), so the gateway's days and the page's agree.
 *
 * The zone is held here as well as in React state (TimeZoneContext): table cells and chart axes
 * format through plain functions that read it, and the context re-renders what shows times when
 * it changes.
 */

export type ZoneSetting = "browser" | "UTC";

export const TIME_ZONE_STORAGE_KEY = "mexc-live.timeZone";

export interface DisplayZone {
  readonly setting: ZoneSetting;
  /** Times read in UTC (the setting is UTC, or the browser's own zone is UTC). */
  readonly utc: boolean;
  /** The zone as the API's `tz=` takes it: "UTC" or an IANA name ("Europe/Berlin"). */
  readonly name: string;
}

/** The browser's IANA zone; "UTC" when it does not say. */
export function browserZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function zoneOf(setting: ZoneSetting, browserName = browserZoneName()): DisplayZone {
  if (setting === "UTC" || browserName === "UTC" || browserName === "Etc/UTC") {
    return { setting, utc: true, name: "UTC" };
  }
  return { setting, utc: false, name: browserName };
}

let current: DisplayZone = zoneOf("browser");

/** The zone times are shown in now. */
export function displayZone(): DisplayZone {
  return current;
}

/** From now on times are shown in `zone` (TimeZoneProvider calls it; tests may too). */
export function setDisplayZone(zone: DisplayZone): void {
  current = zone;
}

/** The stored choice; "browser" when none (or storage is unavailable). */
export function storedZoneSetting(
  storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage,
): ZoneSetting {
  try {
    return storage?.getItem(TIME_ZONE_STORAGE_KEY) === "UTC" ? "UTC" : "browser";
  } catch {
    return "browser";
  }
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone as a reader sees it next to a time, at the moment `ms` (summer time changes it):
 * "UTC", or the browser's short name ("CET", "GMT+1", "EST").
 */
export function zoneLabel(zone: DisplayZone = current, ms = Date.now()): string {
  if (zone.utc) return "UTC";
  let format = abbreviations.get(zone.name);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-US", { timeZone: zone.name, timeZoneName: "short" });
    } catch {
      return zone.name;
    }
    abbreviations.set(zone.name, format);
  }
  return format.formatToParts(ms).find((part) => part.type === "timeZoneName")?.value ?? zone.name;
}

/** Midnight (ms) of the day `ms` falls on, in the zone. */
export function dayStart(ms: number, zone: DisplayZone = current): number {
  const d = new Date(ms);
  return zone.utc
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
    : new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Midnight (ms) of 1 January of the year `ms` falls in, in the zone. */
export function yearStart(ms: number, zone: DisplayZone = current): number {
  const d = new Date(ms);
  return zone.utc ? Date.UTC(d.getUTCFullYear(), 0, 1) : new Date(d.getFullYear(), 0, 1).getTime();
}

/** "2026-11-23" -> midnight of that day in the zone (ms); undefined when not such a date. */
export function parseDay(day: string, zone: DisplayZone = current): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const ms = zone.utc ? Date.UTC(year, month, date) : new Date(year, month, date).getTime();
  const back = new Date(ms);
  const same = zone.utc
    ? back.getUTCFullYear() === year && back.getUTCMonth() === month && back.getUTCDate() === date
    : back.getFullYear() === year && back.getMonth() === month && back.getDate() === date;
  return same ? ms : undefined;
}

/** The day after midnight `dayMs` in the zone (23, 24 or 25 hours later across summer time). */
export function nextDayStart(dayMs: number, zone: DisplayZone = current): number {
  const d = new Date(dayMs);
  return zone.utc
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
    : new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}
