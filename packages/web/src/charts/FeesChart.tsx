/**
 * Fees (ECharts): all fees so far, valued in the quote currency when paid, day by day over the
 * whole history (top: GET /api/fees/days, the gateway's series, not the fills the page holds), and
 * the total per fee currency, as charged and as valued (bottom: GET /api/fees). The footer shows
 * the series' total, which is where the line ends (2 places; the exact figures in the tooltips).
 */
import type { FeeDaysAnswer, FeeSummary } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { useMemo, useRef } from "react";
import { formatMoney, formatRounded } from "../format/decimal.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatDay } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";
import { ChartFrame, type ChartProps } from "./ChartFrame.js";
import type { ChartOption } from "./echartsSetup.js";
import { type CumulativeFees, cumulativeFees, type FeeCurrencyRow, feeBreakdown } from "./fees.js";
import { approxLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor } from "./palette.js";
import { escapeHtml, tooltipStyle } from "./tooltip.js";
import { useEChart } from "./useEChart.js";

/** Its own "Loading…" comes from `days`: it takes no `loading`. */
export interface FeesChartProps extends Omit<ChartProps, "loading"> {
  /** GET /api/fees/days?tz= (the whole history by day); null until loaded. */
  readonly days: FeeDaysAnswer | null;
  /** GET /api/fees; null until loaded. */
  readonly summary: FeeSummary | null;
}

const LINE_ID = "fees-cumulative";
const BARS_ID = "fees-by-currency";

interface TooltipParam {
  readonly seriesId?: string;
  readonly data?: unknown;
  readonly axisValueLabel?: string;
}

/** A history of one day still gets an axis this long (ms). */
const MIN_TIME_SPAN_MS = 2 * DAY_MS;

/** "0.0184 MX": the amount as charged, rounded for the axis label. */
function labelOf(row: FeeCurrencyRow | undefined): string {
  return row ? `${formatRounded(row.amount, { maxDecimals: 4 })} ${row.currency}` : "";
}

/** The time axis of a history shorter than MIN_TIME_SPAN_MS: that long, ending at the newest day. */
function timeExtent(points: CumulativeFees["points"]): { min?: number; max?: number } {
  const first = points[0]?.[0];
  const last = points[points.length - 1]?.[0];
  if (first === undefined || last === undefined || last - first >= MIN_TIME_SPAN_MS) return {};
  return { min: last - MIN_TIME_SPAN_MS, max: last };
}

function feesOption(
  fees: CumulativeFees,
  days: FeeDaysAnswer | null,
  rows: readonly FeeCurrencyRow[],
  quote: string,
  theme: ChartTheme,
  utc: boolean,
): ChartOption {
  const byStart = new Map((days?.items ?? []).map((item) => [item.from, item]));
  const c = CHART_COLORS[theme];
  const axisLabel = { color: c.muted, fontSize: 10 };
  const splitLine = { lineStyle: { color: c.grid } };
  const axisLine = { lineStyle: { color: c.border } };
  const tooltipLine = (param: TooltipParam): string => {
    if (param.seriesId === LINE_ID) {
      const [start] = param.data as [number, number];
      const day = byStart.get(start);
      if (!day) return "";
      const q = escapeHtml(quote);
      return [
        `<b>${escapeHtml(day.day)}</b> (${escapeHtml(zoneLabel())})`,
        `fees that day ${escapeHtml(formatMoney(day.fees))} ${q} <small>${escapeHtml(day.fees)}</small>`,
        `all fees so far ${escapeHtml(formatMoney(day.cumulative))} ${q} <small>${escapeHtml(day.cumulative)}</small>`,
      ].join("<br/>");
    }
    const row = (param.data as { row?: FeeCurrencyRow }).row;
    if (!row) return "";
    const valued =
      row.valueText === null ? "not valued" : `≈ ${escapeHtml(formatMoney(row.valueText))} ${escapeHtml(quote)}`;
    return `<b>${escapeHtml(row.currency)}</b> ${escapeHtml(row.amount)}<br/>${valued}`;
  };
  return {
    // Days start at midnight in the zone picked: the axis reads its times in the same zone.
    useUTC: utc,
    grid: [
      // Room above the plot for the axis's unit (its name): at 10 px it was cut off the top, the
      // axis read 0-12 with no unit (issue 40 item 8); containLabel leaves a name out.
      { left: 8, right: 12, top: 24, height: "48%", containLabel: true },
      { left: 8, right: 12, top: "68%", bottom: 4, containLabel: true },
    ],
    xAxis: [
      {
        type: "time",
        gridIndex: 0,
        ...timeExtent(fees.points),
        axisLabel: { ...axisLabel, hideOverlap: true },
        axisLine,
        splitLine: { show: false },
      },
      { type: "value", gridIndex: 1, axisLabel: { show: false }, splitLine: { show: false } },
    ],
    yAxis: [
      // From 0 (a running total), with few enough ticks that their labels never touch in the small plot.
      {
        type: "value",
        gridIndex: 0,
        // The unit over the axis: fees valued in the quote currency (issue 40).
        name: quote,
        nameTextStyle: { ...axisLabel, align: "left" },
        axisLabel: { ...axisLabel, formatter: approxLabel },
        splitLine,
        splitNumber: 3,
      },
      {
        type: "category",
        gridIndex: 1,
        inverse: true,
        data: rows.map((r) => r.currency),
        // The amount as charged, next to its currency: "12.5 MX".
        // Whole, never cut short with "…": the grid makes room for the longest.
        axisLabel: { ...axisLabel, formatter: (_: string, index: number) => labelOf(rows[index]) },
        axisLine: { ...axisLine, show: rows.length > 0 },
        axisTick: { show: false },
      },
    ],
    tooltip: {
      trigger: "axis",
      ...tooltipStyle(c),
      formatter: (params: unknown) => (Array.isArray(params) ? params : [params]).map(tooltipLine).join("<br/>"),
    },
    series: [
      {
        id: LINE_ID,
        type: "line",
        xAxisIndex: 0,
        yAxisIndex: 0,
        step: "end",
        symbol: "none",
        sampling: "lttb",
        lineStyle: { color: c.accent, width: 1.5 },
        areaStyle: { color: c.accent, opacity: 0.12 },
        data: fees.points.map((p) => [p[0], p[1]]),
      },
      {
        id: BARS_ID,
        type: "bar",
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 14,
        data: rows.map((row) => ({ value: row.value, itemStyle: { color: colorFor(row.currency) }, row })),
      },
    ],
  };
}

export function FeesChart({ days, summary, quote, theme, height }: FeesChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const zone = useDisplayZone();
  const fees = useMemo(() => cumulativeFees(days), [days]);
  const rows = useMemo(() => feeBreakdown(summary), [summary]);
  const option = useMemo(
    () => feesOption(fees, days, rows, quote, theme, zone.utc),
    [fees, days, rows, quote, theme, zone.utc],
  );
  const drawn = useEChart(plotRef, option);
  const empty = fees.points.length === 0 && rows.length === 0;
  const first = days?.items[0];
  const footer = (
    <p className="chart-footer">
      {days ? (
        <span title={`${days.total} ${days.quote}: every fee valued when paid`} data-testid="fees-total">
          Total {formatMoney(days.total)} {days.quote}
        </span>
      ) : (
        // The days answer the total: while they are read, said in words (a bare "–" read as nothing).
        <span data-testid="fees-total">Total: loading…</span>
      )}
      {/* The page's zone as every other label says it now ("PST"), not the one of that day ("PDT"). */}
      {first && ` · since ${formatDay(first.from)} (${zoneLabel(zone)})`}
      {!fees.endsAtTotal && <span className="form-error"> · the days do not add up to the total</span>}
    </p>
  );
  return (
    <ChartFrame
      label={`Fees in ${quote}`}
      height={height}
      empty={empty}
      // The days draw the chart: until they come (read over HTTP in a zone other than UTC, while
      // the summary may come by push), an empty summary says nothing yet.
      loading={days === null && rows.length === 0}
      plotRef={plotRef}
      drawn={drawn}
      footer={footer}
      testId="fees-chart"
      dataPoints={fees.points.length}
    />
  );
}
