/**
 * Options shared by the lightweight-charts (equity, klines): colours per theme, a transparent
 * background so the panel shows through (the TradingView attribution logo the licence asks for
 * stays on), and times labelled in the browser's time zone like the rest of the dashboard (the
 * library itself labels in UTC). The time axis labels each tick as coarsely as it can while
 * staying distinct: seconds for points within a minute (a fresh demo, the 1h range), minutes
 * within a day, "21 Nov" at day boundaries (1w), months and years beyond ("all").
 */
import { ColorType, type DeepPartial, TickMarkType, type Time, type TimeChartOptions } from "lightweight-charts";
import { CHART_COLORS, type ChartTheme } from "./palette.js";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function toDate(time: Time): Date | undefined {
  return typeof time === "number" ? new Date(time * 1000) : undefined;
}

/** The longest tick label ("14:05:09"), so the library spaces the ticks for it. */
const TICK_LABEL_CHARS = 8;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Crosshair label: "2025-01-31 14:05:09" local time. */
export function localTimeLabel(time: Time): string {
  const d = toDate(time);
  if (!d) return String(time);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Axis tick label in local time, as coarse as the tick: "2025", "Mar", "31 Mar", "14:05", "14:05:09". */
export function localTickLabel(time: Time, type: TickMarkType): string {
  const d = toDate(time);
  if (!d) return String(time);
  switch (type) {
    case TickMarkType.Year:
      return String(d.getFullYear());
    case TickMarkType.Month:
      return MONTHS[d.getMonth()] as string;
    case TickMarkType.DayOfMonth:
      return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
    case TickMarkType.Time:
      return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    default:
      // A tick on a whole minute reads as one ("14:05"), among ticks seconds apart.
      return d.getSeconds() === 0
        ? `${pad(d.getHours())}:${pad(d.getMinutes())}`
        : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
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
    localization: { timeFormatter: localTimeLabel },
    timeScale: {
      ...themed.timeScale,
      // Ticks one second apart get "14:05:09"; ticks at a minute or coarser stay "14:05".
      timeVisible: true,
      secondsVisible: true,
      tickMarkFormatter: localTickLabel,
      tickMarkMaxCharacterLength: TICK_LABEL_CHARS,
    },
  };
}
