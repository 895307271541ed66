/** Traded volume per day in the zone picked (ECharts stacked bars), one colour per symbol, in the quote currency. */
import type { VolumeItem } from "@mexc-live/contract";
import { useMemo, useRef, useState } from "react";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import { ChartFrame, type ChartProps } from "./ChartFrame.js";
import type { ChartOption } from "./echartsSetup.js";
import { approxLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor } from "./palette.js";
import { tooltipStyle } from "./tooltip.js";
import { useEChart } from "./useEChart.js";
import { useResize } from "./useResize.js";
import { type VolumeSeries, volumeSeries } from "./volume.js";

export interface VolumeChartProps extends ChartProps {
  /** /api/volume?tz= items: one per symbol and day (in the zone picked). */
  readonly items: readonly VolumeItem[];
}

/** Heights (px) of one row of the legend and of the unit's row under it, over the plot. */
const LEGEND_ROW = 24;
const UNIT_ROW = 18;
/** The legend's rows at most: with more symbols than these hold, one row that pages. */
const MAX_LEGEND_ROWS = 3;
/**
 * A legend item's width (px) beside its name: the 10 px swatch, the 5 px before the name and the
 * 10 px gap after the item (ECharts' defaults); and a name's character at 11 px, upper case and
 * digits, rounded up (DejaVu Sans, Chromium's sans-serif on Debian: 6.4-9.5 px) so that a row
 * counted never holds less than ECharts puts in it.
 */
const LEGEND_ITEM_EXTRA = 25;
const LEGEND_CHAR_WIDTH = 8;
/** ECharts' legend padding on each side (px). */
const LEGEND_PADDING = 5;

/**
 * The rows the symbols' legend takes in a chart `width` px wide, its items laid left to right as
 * ECharts does (at most one a symbol: six). One row while the width is not known.
 */
function legendRows(names: readonly string[], width: number | undefined): number {
  if (width === undefined || names.length === 0) return 1;
  const room = width - 2 * LEGEND_PADDING;
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = LEGEND_ITEM_EXTRA + name.length * LEGEND_CHAR_WIDTH;
    if (used > 0 && used + item > room) {
      rows++;
      used = 0;
    }
    used += item;
  }
  return rows;
}

function volumeOption(volume: VolumeSeries, quote: string, theme: ChartTheme, width: number | undefined): ChartOption {
  const c = CHART_COLORS[theme];
  const rows = legendRows(
    volume.series.map((s) => s.symbol),
    width,
  );
  // Every symbol named, on as many rows as it takes (a phone's 390 px held four of a demo's five:
  // the last paged away and cut, "SOLUSD"); only past MAX_LEGEND_ROWS one row that pages.
  const plain = rows <= MAX_LEGEND_ROWS;
  return {
    // The legend's rows on top, the axis's unit in a row of its own under them: on a phone the
    // legend spans the width and was drawn over the unit ("ETHBTC" over "USDT" at 390 px).
    grid: { left: 8, right: 12, top: (plain ? rows : 1) * LEGEND_ROW + UNIT_ROW, bottom: 4, containLabel: true },
    legend: {
      type: plain ? "plain" : "scroll",
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
  const [width, setWidth] = useState<number | undefined>(undefined);
  useResize(plotRef, (next) => setWidth(next));
  const option = useMemo(() => volumeOption(volume, quote, theme, width), [volume, quote, theme, width]);
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
