/**
 * Options shared by the lightweight-charts (equity, PnL over time, klines): colours per theme, a
 * transparent background so the panel shows through (the TradingView attribution logo the
 * licence asks for stays on), and times labelled in the zone picked (the header's setting). The
 * library reads every time as UTC: the series hand it times shifted by the zone's offset
 * (numbers.ts toChartSeconds), so the labels here read them with UTC getters and the ticks fall
 * on the zone's own minutes, hours and days. The time axis labels each tick as coarsely as it can
 * while staying distinct: seconds for points within a minute (a fresh demo, a short range),
 * minutes within a day, "21 Nov" at day boundaries, months and years beyond.
 */
import { ColorType, type DeepPartial, TickMarkType, type Time, type TimeChartOptions } from "lightweight-charts";
import { displayZone, zoneLabel } from "../format/timeZone.js";
import { CHART_COLORS, type ChartTheme } from "./palette.js";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A chart time (zone-shifted seconds) as a Date whose UTC fields are the zone's wall clock. */
function toDate(time: Time): Date | undefined {
  return typeof time === "number" ? new Date(time * 1000) : undefined;
}

/** The longest tick label ("14:05:09"), so the library spaces the ticks for it. */
const TICK_LABEL_CHARS = 8;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Crosshair label: "2025-01-31 14:05:09 CET", in the zone picked. */
export function zonedTimeLabel(time: Time): string {
  const d = toDate(time);
  if (!d) return String(time);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${clock} ${zoneLabel(displayZone(), d.getTime())}`;
}

/** Axis tick label in the zone picked, as coarse as the tick: "2025", "Mar", "31 Mar", "14:05", "14:05:09". */
export function zonedTickLabel(time: Time, type: TickMarkType): string {
  const d = toDate(time);
  if (!d) return String(time);
  switch (type) {
    case TickMarkType.Year:
      return String(d.getUTCFullYear());
    case TickMarkType.Month:
      return MONTHS[d.getUTCMonth()] as string;
    case TickMarkType.DayOfMonth:
      return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
    case TickMarkType.Time:
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    default:
      // A tick on a whole minute reads as one ("14:05"), among ticks seconds apart.
      return d.getUTCSeconds() === 0
        ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
        : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
}

/**
 * A clock-time tick on an axis that spans days: "27 Nov 10:00", so an hour of today never reads
 * as an hour of every day (dataTickWeights.ts uses it there).
 */
export function zonedDayTimeLabel(time: Time): string {
  const d = toDate(time);
  if (!d) return String(time);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Options that follow the theme (applied on creation and on every theme change). */
export function themeOptions(theme: ChartTheme): DeepPartial<TimeChartOptions> {
  const c = CHART_COLORS[theme];
  return {
    layout: {
      background: { type: ColorType.Solid, color: "transparent" },
      textColor: c.muted,
      fontSize: 11,
    },
    grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
    rightPriceScale: { borderColor: c.border },
    timeScale: { borderColor: c.border },
  };
}

/** Options fixed for the chart's life; the size is set by useResize, not by the library. */
export function baseOptions(theme: ChartTheme): DeepPartial<TimeChartOptions> {
  const themed = themeOptions(theme);
  return {
    ...themed,
    autoSize: false,
    localization: { timeFormatter: zonedTimeLabel },
    timeScale: {
      ...themed.timeScale,
      // Ticks one second apart get "14:05:09"; ticks at a minute or coarser stay "14:05".
      timeVisible: true,
      secondsVisible: true,
      tickMarkFormatter: zonedTickLabel,
      tickMarkMaxCharacterLength: TICK_LABEL_CHARS,
    },
  };
}
