/**
 * Account equity over time (lightweight-charts): the total in the quote currency, plus the value
 * of each asset the user ticks. The range buttons only report the choice (the parent refetches
 * /api/equity for it) and window what is plotted; a newly appended point is drawn with
 * series.update, anything else with setData.
 */
import type { EquityPoint } from "@mexc-live/contract";
import { type ISeriesApi, LineSeries } from "lightweight-charts";
import { useEffect, useMemo, useRef, useState } from "react";
import { ChartFrame } from "./ChartFrame.js";
import { EquityControls } from "./EquityControls.js";
import {
  assetsOf,
  type EquityField,
  type EquityRange,
  type LinePoint,
  TOTAL,
  toEquitySeries,
  windowStart,
} from "./equitySeries.js";
import { moneyLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor } from "./palette.js";
import { applySeriesUpdate, type Plotted } from "./seriesUpdate.js";
import { useLightweightChart } from "./useLightweightChart.js";

export interface EquityChartProps {
  /** Equity history and live points, any order (oldest first is cheapest). */
  readonly points: readonly EquityPoint[];
  readonly range: EquityRange;
  readonly onRangeChange: (range: EquityRange) => void;
  readonly theme: ChartTheme;
  /** The quote currency, for labels ("USDT"). */
  readonly quote?: string;
  /** Total height in px including the controls row; default: the parent's height. */
  readonly height?: number;
}

const TOTAL_KEY = "total";
/** Values in the quote currency on the price axis: "87,588.00". */
const MONEY_FORMAT = { type: "custom", minMove: 0.01, formatter: moneyLabel } as const;
/** The line spans the plot edge to edge, and the time labels at the edges are kept inside it. */
const EDGES = { timeScale: { fixLeftEdge: true, fixRightEdge: true } } as const;

interface Line {
  readonly series: ISeriesApi<"Line">;
  plotted: Plotted | undefined;
}

function keyOf(field: EquityField): string {
  return field.kind === "total" ? TOTAL_KEY : `asset:${field.asset}`;
}

export function EquityChart({ points, range, onRangeChange, theme, quote = "", height }: EquityChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const lines = useRef(new Map<string, Line>());
  const anchor = useRef<{ range: EquityRange; start: number } | undefined>(undefined);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const { chart, fitted } = useLightweightChart(
    plotRef,
    theme,
    () => {
      lines.current.clear();
      anchor.current = undefined;
    },
    EDGES,
  );

  const assets = useMemo(() => assetsOf(points), [points]);
  const start = windowStart(points, range, anchor.current?.range === range ? anchor.current.start : undefined);
  const fields = useMemo<EquityField[]>(
    () => [TOTAL, ...assets.filter((a) => picked.has(a)).map((asset) => ({ kind: "asset" as const, asset }))],
    [assets, picked],
  );
  const series = useMemo(
    () => new Map<string, LinePoint[]>(fields.map((f) => [keyOf(f), toEquitySeries(points, f, start)])),
    [points, fields, start],
  );
  const plottedPoints = series.get(TOTAL_KEY)?.length ?? 0;

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    let replaced = false;
    for (const [key, data] of series) {
      let line = lines.current.get(key);
      if (!line) {
        const color = key === TOTAL_KEY ? CHART_COLORS[themeNow.current].accent : colorFor(key.slice("asset:".length));
        const options = {
          color,
          lineWidth: key === TOTAL_KEY ? 2 : 1,
          priceLineVisible: key === TOTAL_KEY,
          priceFormat: MONEY_FORMAT,
        } as const;
        line = { series: instance.addSeries(LineSeries, options), plotted: undefined };
        lines.current.set(key, line);
      }
      const result = applySeriesUpdate<LinePoint>(line.series, line.plotted, data);
      line.plotted = result.plotted;
      replaced ||= result.replaced;
    }
    for (const [key, line] of lines.current) {
      if (series.has(key)) continue;
      instance.removeSeries(line.series);
      lines.current.delete(key);
    }
    anchor.current = { range, start };
    if (replaced) fitted.current = true;
    if (fitted.current) instance.timeScale().fitContent();
  }, [chart, fitted, series, range, start]);

  useEffect(() => {
    lines.current.get(TOTAL_KEY)?.series.applyOptions({ color: CHART_COLORS[theme].accent });
  }, [theme]);

  const toggle = (asset: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(asset)) next.add(asset);
      return next;
    });

  const controls = (
    <EquityControls
      range={range}
      onRangeChange={onRangeChange}
      assets={assets}
      picked={picked}
      onToggle={toggle}
      totalColor={CHART_COLORS[theme].accent}
      quote={quote}
    />
  );

  return (
    <ChartFrame
      label="Equity over time"
      height={height}
      empty={plottedPoints === 0}
      plotRef={plotRef}
      controls={controls}
      testId="equity-chart"
      dataPoints={plottedPoints}
    />
  );
}
