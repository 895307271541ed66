/**
 * Fees (ECharts): the running total of fees valued in the quote currency over time (top), and the
 * total per fee currency, as charged and as valued (bottom). The footer shows the gateway's total,
 * rounded for reading (the exact figures are in the tooltips), and how many fees could not be valued.
 */
import type { FeeSummary, FillItem } from "@mexc-live/contract";
import { useMemo, useRef } from "react";
import { formatMoney, formatRounded } from "../format/decimal.js";
import { useThrottled } from "../hooks/useThrottled.js";
import { ChartFrame } from "./ChartFrame.js";
import type { ChartOption } from "./echartsSetup.js";
import { type CumulativeFees, cumulativeFees, type FeeCurrencyRow, feeBreakdown } from "./fees.js";
import { approxLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor } from "./palette.js";
import { escapeHtml, tooltipStyle } from "./tooltip.js";
import { useEChart } from "./useEChart.js";

export interface FeesChartProps {
  /** The fills known to the page, any order (newest first is cheap); only feeValue and time are used. */
  readonly fills: readonly FillItem[];
  /** /api/fees; null until loaded. */
  readonly summary: FeeSummary | null;
  readonly quote: string;
  readonly theme: ChartTheme;
  /** Total height in px including the footer; default: the parent's height. */
  readonly height?: number;
}

/** The running total is recomputed over all fills at most this often, however fast they arrive. */
export const FEES_REFRESH_MS = 500;

const LINE_ID = "fees-cumulative";
const BARS_ID = "fees-by-currency";

interface TooltipParam {
  readonly seriesId?: string;
  readonly data?: unknown;
  readonly axisValueLabel?: string;
}

/** Width (px) the per-currency labels may take; longer ones end in "…" (the tooltip has them exact). */
const BAR_LABEL_WIDTH = 110;
/** A short history (or a lone fee) still gets an axis this long (ms), not ECharts' default of days. */
const MIN_TIME_SPAN_MS = 2 * 60_000;

/** "0.0184 MX": the amount as charged, rounded for the axis label. */
function labelOf(row: FeeCurrencyRow | undefined): string {
  return row ? `${formatRounded(row.amount, { maxDecimals: 4 })} ${row.currency}` : "";
}

/** The time axis of a history shorter than MIN_TIME_SPAN_MS: that long, ending at the newest fee. */
function timeExtent(points: CumulativeFees["points"]): { min?: number; max?: number } {
  const first = points[0]?.[0];
  const last = points[points.length - 1]?.[0];
  if (first === undefined || last === undefined || last - first >= MIN_TIME_SPAN_MS) return {};
  return { min: last - MIN_TIME_SPAN_MS, max: last };
}

export function feesOption(
  fees: CumulativeFees,
  rows: readonly FeeCurrencyRow[],
  quote: string,
  theme: ChartTheme,
): ChartOption {
  const c = CHART_COLORS[theme];
  const axisLabel = { color: c.muted, fontSize: 10 };
  const splitLine = { lineStyle: { color: c.grid } };
  const axisLine = { lineStyle: { color: c.border } };
  const tooltipLine = (param: TooltipParam): string => {
    if (param.seriesId === LINE_ID) {
      const [, value] = param.data as [number, number];
      return `${escapeHtml(param.axisValueLabel ?? "")}<br/>cumulative ≈ ${approxLabel(value)} ${escapeHtml(quote)}`;
    }
    const row = (param.data as { row?: FeeCurrencyRow }).row;
    if (!row) return "";
    const valued =
      row.valueText === null ? "not valued" : `≈ ${escapeHtml(formatMoney(row.valueText))} ${escapeHtml(quote)}`;
    return `<b>${escapeHtml(row.currency)}</b> ${escapeHtml(row.amount)}<br/>${valued}`;
  };
  return {
    grid: [
      { left: 8, right: 12, top: 10, height: "52%", containLabel: true },
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
      { type: "value", gridIndex: 0, axisLabel: { ...axisLabel, formatter: approxLabel }, splitLine, splitNumber: 3 },
      {
        type: "category",
        gridIndex: 1,
        inverse: true,
        data: rows.map((r) => r.currency),
        // The amount as charged, next to its currency: "12.5 MX".
        axisLabel: {
          ...axisLabel,
          width: BAR_LABEL_WIDTH,
          overflow: "truncate",
          formatter: (_: string, index: number) => labelOf(rows[index]),
        },
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

export function FeesChart({ fills, summary, quote, theme, height }: FeesChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const throttledFills = useThrottled(fills, FEES_REFRESH_MS);
  const fees = useMemo(() => cumulativeFees(throttledFills), [throttledFills]);
  const rows = useMemo(() => feeBreakdown(summary), [summary]);
  const option = useMemo(() => feesOption(fees, rows, quote, theme), [fees, rows, quote, theme]);
  useEChart(plotRef, option);
  const empty = fees.points.length === 0 && rows.length === 0;
  const footer = (
    <p className="chart-footer">
      {summary ? `Total ${formatMoney(summary.totalValue)} ${summary.quote}` : "Total –"}
      {fees.unpriced > 0 && ` · ${fees.unpriced} fee${fees.unpriced === 1 ? "" : "s"} without a price not charted`}
    </p>
  );
  return (
    <ChartFrame
      label={`Fees in ${quote}`}
      height={height}
      empty={empty}
      plotRef={plotRef}
      footer={footer}
      testId="fees-chart"
      dataPoints={fees.points.length}
    />
  );
}
