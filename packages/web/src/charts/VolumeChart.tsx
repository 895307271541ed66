/** Traded volume per day in the zone picked (ECharts stacked bars), one colour per symbol, in the quote currency. */
import type { VolumeItem } from "@mexc-live/contract";
import { useMemo, useRef } from "react";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import { ChartFrame, type ChartProps } from "./ChartFrame.js";
import type { ChartOption } from "./echartsSetup.js";
import { approxLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor } from "./palette.js";
import { tooltipStyle } from "./tooltip.js";
import { useEChart } from "./useEChart.js";
import { type VolumeSeries, volumeSeries } from "./volume.js";

export interface VolumeChartProps extends ChartProps {
  /** /api/volume?tz= items: one per symbol and day (in the zone picked). */
  readonly items: readonly VolumeItem[];
}

/** Heights (px) of the legend's row and of the unit's row under it, over the plot. */
const LEGEND_ROW = 24;
const UNIT_ROW = 18;

function volumeOption(volume: VolumeSeries, quote: string, theme: ChartTheme): ChartOption {
  const c = CHART_COLORS[theme];
  return {
    // The legend's row on top, the axis's unit in a row of its own under it: on a phone the legend
    // spans the width and was drawn over the unit ("ETHBTC" over "USDT" at 390 px).
    grid: { left: 8, right: 12, top: LEGEND_ROW + UNIT_ROW, bottom: 4, containLabel: true },
    legend: {
      type: "scroll",
      top: 0,
      itemWidth: 10,
      itemHeight: 8,
      textStyle: { color: c.muted, fontSize: 11 },
      pageTextStyle: { color: c.muted },
    },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      ...tooltipStyle(c),
      // Series names are symbols: ECharts escapes them in its default tooltip.
      valueFormatter: (value: unknown) => `${approxLabel(Number(value))} ${quote}`,
    },
    // No axes before there is volume: the frame's "no data yet" stands alone.
    xAxis: {
      show: volume.days.length > 0,
      type: "category",
      data: volume.days.map((day) => day.slice(5)),
      axisLabel: { color: c.muted, fontSize: 10 },
      axisLine: { lineStyle: { color: c.border } },
      axisTick: { show: false },
    },
    yAxis: {
      show: volume.days.length > 0,
      type: "value",
      // The unit over the axis: its numbers are volume in the quote currency (issue 40).
      name: quote,
      nameGap: UNIT_ROW - 4,
      nameTextStyle: { color: c.muted, fontSize: 10, align: "left" },
      axisLabel: { color: c.muted, fontSize: 10, formatter: approxLabel },
      splitLine: { lineStyle: { color: c.grid } },
    },
    series: volume.series.map((s) => ({
      id: `volume-${s.symbol}`,
      name: s.symbol,
      type: "bar" as const,
      stack: "volume",
      barMaxWidth: 24,
      itemStyle: { color: colorFor(s.symbol) },
      data: s.values.slice(),
    })),
  };
}

export function VolumeChart({ items, quote, theme, height, loading }: VolumeChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const volume = useMemo(() => volumeSeries(items), [items]);
  const option = useMemo(() => volumeOption(volume, quote, theme), [volume, quote, theme]);
  const drawn = useEChart(plotRef, option);
  const days = volume.days.length;
  const zone = zoneLabel(useDisplayZone());
  const footer = (
    <p className="chart-footer">
      {days > 0 ? `${days} day${days === 1 ? "" : "s"} (${zone})` : `days (${zone})`}
      {volume.unpriced > 0 && ` · ${volume.unpriced} without a price in ${quote} not charted`}
    </p>
  );
  return (
    <ChartFrame
      label={`Volume by symbol and day (${zone}) in ${quote}`}
      height={height}
      empty={volume.series.length === 0}
      loading={loading}
      plotRef={plotRef}
      drawn={drawn}
      footer={footer}
      testId="volume-chart"
      dataPoints={days}
    />
  );
}
