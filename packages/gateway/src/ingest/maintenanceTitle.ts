/**
 * Which of MEXC's announcements tells of a maintenance of MEXC itself, and its window, read from
 * the title alone: GET /api/v3/announcements gives each a title, a link, a language and the time
 * it was posted, and nothing else (no body, no window field: MEXC's "Get announcements" docs,
 * https://www.mexc.com/api-docs/spot-v3/mexc-platform/get-announcements, whose example titles are
 * "OKX to list Virtuals Protocol (VIRTUAL) for spot trading" and "Completion of X Layer Mainnet
 * Upgrade" [OFF]; docs/mexc/rest.md#get-apiv3announcements-public).
 *
 * A maintenance notice: the title names a "maintenance" or a "system upgrade" (MEXC's spot
 * upgrades are announced as a "MEXC Spot System Upgrade Notice" with the day in brackets, the hours
 * in the body only: its Vietnamese copy of 2024-12-14, "Thông báo nâng cấp hệ thống MEXC Spot
 * (14/12)" [OFF, read in a public copy]). Not one: a token's wallet or network maintenance (it
 * pauses that token's deposits and withdrawals, not the API: MEXC's support article
 * https://www.mexc.com/support/articles/17827791526229 [OFF]), a "completion" (it is over), or a
 * futures-only one (the Spot API is not in it). Which words MEXC's English titles use is not
 * documented [UNCONFIRMED: these rules].
 *
 * Its window: a date and time with its zone in the title, the way MEXC writes times in its
 * notices ("Nov 1, 2025, 16:04 (UTC)", "November 19, 2025, between 14:00 to 15:00 (UTC)":
 * https://www.mexc.com/announcements/17827791531809 [OFF]), or 2025-11-19 14:00; an end of the
 * same day, or with its own date. A title with no time, or a time without its zone, gives no
 * window: the notice is shown as announced, with its link ("the time is in the notice").
 */
import type { MaintenanceNotice } from "@mexc-live/contract";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import type { RestAnnouncement } from "@mexc-live/protocol/rest";
import {
  MAINTENANCE_TITLE_MAX_CHARS,
  MAINTENANCE_WINDOW_AFTER_POST_MAX_MS,
  MAINTENANCE_WINDOW_MAX_MS,
} from "../config/defaults.js";

const NAMES_MAINTENANCE = /\bmaintenance\b|\bsystem\s+upgrade\b/i;
/** A token's chain or wallet, a maintenance that is over, or futures only: not MEXC's Spot API. */
const NOT_THE_API = /\b(wallet|network|mainnet|node|blockchain|completion|completed|complete)\b/i;
const FUTURES_ONLY = /\bfutures\b/i;
const SPOT = /\bspot\b/i;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** 2025-11-19 | Nov 19, 2025 | 19 Nov 2025: groups y m d | month d y | d month y. */
const DATE = `(?:(\\d{4})-(\\d{1,2})-(\\d{1,2})|${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4}))`;
const TIME = "(\\d{1,2}):(\\d{2})(?::\\d{2})?\\s*(am|pm)?";
const ZONE = "\\(?\\s*(?:UTC|GMT)\\s*(?:([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?)?\\s*\\)?";
/**
 * DATE [,|at|from|between] TIME [(-|–|to|until|and) [DATE [,]] TIME] ZONE. Groups: 1-9 the date,
 * 10-12 the time, 13-21 the end's date, 22-24 the end's time, 25-27 the zone's offset.
 */
const WINDOW = new RegExp(
  `${DATE}\\s*(?:,|\\bat\\b|\\bfrom\\b|\\bbetween\\b|\\s)*\\s*${TIME}` +
    `(?:\\s*(?:-|–|—|~|\\bto\\b|\\buntil\\b|\\band\\b)\\s*(?:${DATE}\\s*,?\\s*)?${TIME})?` +
    `\\s*${ZONE}`,
  "i",
);

/** The notice as the health topic shows it, when `item` tells of a maintenance; undefined when not. */
export function maintenanceNotice(item: RestAnnouncement): MaintenanceNotice | undefined {
  const title = item.title.replace(/\s+/g, " ").trim().slice(0, MAINTENANCE_TITLE_MAX_CHARS);
  if (!NAMES_MAINTENANCE.test(title) || NOT_THE_API.test(title)) return undefined;
  if (FUTURES_ONLY.test(title) && !SPOT.test(title)) return undefined;
  const window = maintenanceWindow(title, item.postTime);
  return {
    title,
    url: /^https:\/\/\S+$/.test(item.url) ? item.url : null,
    postedAt: item.postTime,
    startsAt: window?.startsAt ?? null,
    endsAt: window?.endsAt ?? null,
  };
}

/**
 * The window a title gives, ms; undefined when it gives none this reads (no time, no zone, a
 * date that does not exist, or one further than MAINTENANCE_WINDOW_AFTER_POST_MAX_MS from the
 * posting). An end before its start on the same day is the next day's ("23:00 - 01:00").
 */
export function maintenanceWindow(
  title: string,
  postedAt: number,
): { startsAt: number; endsAt: number | null } | undefined {
  const m = WINDOW.exec(title);
  if (m === null) return undefined;
  const g = (i: number) => m[i];
  const offset = zoneOffsetMs(g(25), g(26), g(27));
  const day = dayOf(g, 1);
  const start = day === undefined ? undefined : atTime(day, g(10), g(11), g(12));
  if (start === undefined || offset === undefined) return undefined;
  const startsAt = start - offset;
  if (startsAt < postedAt - DAY_MS || startsAt > postedAt + MAINTENANCE_WINDOW_AFTER_POST_MAX_MS) return undefined;
  if (g(22) === undefined) return { startsAt, endsAt: null };
  const endDay = g(13) === undefined && g(16) === undefined && g(19) === undefined ? day : dayOf(g, 13);
  const end = endDay === undefined ? undefined : atTime(endDay, g(22), g(23), g(24));
  if (end === undefined) return { startsAt, endsAt: null };
  let endsAt = end - offset;
  if (endsAt <= startsAt && endDay === day) endsAt += DAY_MS;
  return endsAt > startsAt && endsAt - startsAt <= MAINTENANCE_WINDOW_MAX_MS
    ? { startsAt, endsAt }
    : { startsAt, endsAt: null };
}

/** The UTC midnight of the date in groups from..from+8 (y m d | month d y | d month y); undefined for a day that does not exist. */
function dayOf(g: (i: number) => string | undefined, from: number): number | undefined {
  let year: number;
  let month: number;
  let day: number;
  if (g(from) !== undefined) {
    [year, month, day] = [Number(g(from)), Number(g(from + 1)), Number(g(from + 2))];
  } else if (g(from + 3) !== undefined) {
    [year, month, day] = [Number(g(from + 5)), monthOf(g(from + 3)), Number(g(from + 4))];
  } else {
    [year, month, day] = [Number(g(from + 8)), monthOf(g(from + 7)), Number(g(from + 6))];
  }
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? ms
    : undefined;
}

function monthOf(name: string | undefined): number {
  return MONTHS.indexOf((name ?? "").slice(0, 3).toLowerCase()) + 1;
}

/** `day` plus the wall-clock time hh:mm (12-hour with am/pm); undefined for 25:00 or 13:00 pm. */
function atTime(
  day: number,
  hh: string | undefined,
  mm: string | undefined,
  half: string | undefined,
): number | undefined {
  let hours = Number(hh);
  const minutes = Number(mm);
  if (half !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half.toLowerCase() === "pm" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return undefined;
  return day + hours * HOUR_MS + minutes * MINUTE_MS;
}

/** UTC, UTC+8, UTC+05:30, GMT-3 -> the zone's offset from UTC, ms; undefined past ±14 h. */
function zoneOffsetMs(
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number | undefined {
  if (sign === undefined) return 0;
  const ms = Number(hours) * HOUR_MS + Number(minutes ?? 0) * MINUTE_MS;
  if (ms > 14 * HOUR_MS) return undefined;
  return sign === "-" ? -ms : ms;
}
