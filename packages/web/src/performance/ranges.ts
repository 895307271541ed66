/**
 * The ranges the performance section answers for (today, 7 days, 30 days, year to date, all, or
 * days the user picks), as times: "today" and "year to date" start at midnight in the zone picked
 * (timeZone.ts), a picked day runs from its midnight to the next one's. What each range asks of
 * GET /api/equity: its span, at a step that keeps it near the chart's grid (timeGrid.ts).
 */

import { DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import type { TimeWindow } from "../charts/equitySeries.js";
import { gridStep } from "../charts/timeGrid.js";
import type { SegmentedOption } from "../controls/SegmentedButtons.js";
import { type DisplayZone, dayStart, nextDayStart, parseDay, yearStart } from "../format/timeZone.js";

export type RangeId = "today" | "7d" | "30d" | "ytd" | "all" | "custom";

export const RANGE_OPTIONS: readonly SegmentedOption<RangeId>[] = [
  { id: "today", label: "Today", hint: "Since midnight, in the time zone the header shows" },
  { id: "7d", label: "7 d", hint: "The last 7 days (7 × 24 hours up to now)" },
  { id: "30d", label: "30 d", hint: "The last 30 days (30 × 24 hours up to now)" },
  { id: "ytd", label: "YTD", hint: "Year to date: since 1 January, midnight" },
  { id: "all", label: "All", hint: "All the history mexc-live knows" },
  { id: "custom", label: "Days…", hint: "From one day to another, both included" },
];

/** Days picked for the "custom" range: YYYY-MM-DD, both included. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** The range's times (ms); undefined when picked days are not a range (a bad date, the end before the start). */
export function rangeWindow(id: RangeId, now: number, zone: DisplayZone, days?: DayRange): TimeWindow | undefined {
  switch (id) {
    case "today":
      return { from: dayStart(now, zone) };
    case "7d":
      return { from: now - 7 * DAY_MS };
    case "30d":
      return { from: now - 30 * DAY_MS };
    case "ytd":
      return { from: yearStart(now, zone) };
    case "all":
      return {};
    case "custom": {
      const from = days === undefined ? undefined : parseDay(days.from, zone);
      const last = days === undefined ? undefined : parseDay(days.to, zone);
      if (from === undefined || last === undefined || last < from) return undefined;
      const to = nextDayStart(last, zone) - 1;
      // Days up to today end now (live); days all after now keep their end, for the gateway to say so.
      return to >= now && from <= now ? { from } : { from, to };
    }
  }
}

/** The step asked for all the history: hourly (the gateway widens it past MAX_EQUITY_POINTS_PER_QUERY, about 7 months). */
const ALL_HISTORY_STEP = HOUR_MS;

/** GET /api/equity's query for the range: its span, at the step of the chart's grid over it. */
export function equityQuery(window: TimeWindow, now: number): { from?: number; to?: number; step: string } {
  const ms = window.from === undefined ? ALL_HISTORY_STEP : gridStep((window.to ?? now) - window.from);
  const step = `${Math.round(ms / 1000)}s`;
  return {
    ...(window.from === undefined ? {} : { from: window.from }),
    ...(window.to === undefined ? {} : { to: window.to }),
    step,
  };
}
