/**
 * A maintenance MEXC announced (the gateway's `upstream.maintenance`, read from MEXC's
 * announcements) in the header's words, with its times in the page's zone: upcoming ("MEXC
 * announced maintenance on 2026-12-01 from 03:00 to 05:00 CET, in 2 h 10 min"), ongoing ("under
 * way until 05:00 CET"), or announced without a time the title gives ("its time is in the
 * notice"). It is the one maintenance line: when MEXC also answers that it is under maintenance
 * (upstream.state "maintenance"), the header adds this sentence to that line instead of a second.
 */
import type { MaintenanceNotice } from "@mexc-live/contract";
import { formatDateTime, formatDay, formatDuration } from "../format/time.js";
import { type DisplayZone, displayZone, zoneLabel } from "../format/timeZone.js";

export interface MaintenanceView {
  readonly phase: "upcoming" | "ongoing" | "announced";
  /** When and how long, in words, in the page's zone. */
  readonly sentence: string;
  /** MEXC's title of the notice. */
  readonly title: string;
  /** The notice on MEXC's site; null without one. */
  readonly url: string | null;
}

/** "2026-12-01 03:00" in the zone. */
function dayAndMinute(ms: number, zone: DisplayZone): string {
  return formatDateTime(ms, zone).slice(0, 16);
}

function minute(ms: number, zone: DisplayZone): string {
  return formatDateTime(ms, zone).slice(11, 16);
}

/** The window in words: "on 2026-12-01 from 03:00 to 05:00 CET", "from 2026-12-01 23:00 to 2026-12-02 01:00 CET", "from 2026-12-01 03:00 CET". */
function windowWords(startsAt: number, endsAt: number | null, zone: DisplayZone): string {
  const label = zoneLabel(zone, startsAt);
  if (endsAt === null) return `from ${dayAndMinute(startsAt, zone)} ${label}`;
  return formatDay(startsAt, zone) === formatDay(endsAt, zone)
    ? `on ${formatDay(startsAt, zone)} from ${minute(startsAt, zone)} to ${minute(endsAt, zone)} ${label}`
    : `from ${dayAndMinute(startsAt, zone)} to ${dayAndMinute(endsAt, zone)} ${label}`;
}

export function describeMaintenance(
  notice: MaintenanceNotice | null | undefined,
  now: number,
  zone: DisplayZone = displayZone(),
): MaintenanceView | null {
  if (!notice) return null;
  const { title, url, startsAt, endsAt } = notice;
  if (startsAt === null) {
    return {
      phase: "announced",
      sentence: `MEXC announced maintenance on ${formatDay(notice.postedAt, zone)}; its time is in the notice`,
      title,
      url,
    };
  }
  if (now < startsAt) {
    return {
      phase: "upcoming",
      sentence: `MEXC announced maintenance ${windowWords(startsAt, endsAt, zone)}, in ${formatDuration(startsAt - now)}`,
      title,
      url,
    };
  }
  return {
    phase: "ongoing",
    sentence:
      endsAt === null
        ? `MEXC's announced maintenance is under way since ${minute(startsAt, zone)} ${zoneLabel(zone, startsAt)}; no end was announced`
        : `MEXC's announced maintenance is under way until ${
            formatDay(endsAt, zone) === formatDay(now, zone) ? minute(endsAt, zone) : dayAndMinute(endsAt, zone)
          } ${zoneLabel(zone, endsAt)}`,
    title,
    url,
  };
}
