/**
 * Account equity over time (lightweight-charts): the total in the quote currency, the value of
 * each asset the user ticks, and the net deposits (deposits minus withdrawals so far) as a dashed
 * step line, so what the account gained stands apart from what was paid in. Equity worked out
 * from the history for days before mexc-live ran is drawn faded, and the legend says so. The range
 * buttons only report the choice (the parent refetches /api/equity for it) and window what is
 * plotted; a newly appended point is drawn with series.update, anything else with setData.
 */
import type { EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { type ISeriesApi, LineSeries, LineStyle, LineType } from "lightweight-charts";
import { useEffect, useMemo, useRef, useState } from "react";
import { useSameList } from "../hooks/useSameList.js";
import { ChartFrame } from "./ChartFrame.js";
import { EquityControls } from "./EquityControls.js";
import {
  assetsOf,
  type EquityField,
  type EquityRange,
  hasEstimated,
  type LinePoint,
  TOTAL,
  toEquitySeries,
  windowStart,
} from "./equitySeries.js";
import { netDepositsLine } from "./netDeposits.js";
import { moneyLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor, faded } from "./palette.js";
import { applySeriesUpdate, type Plotted } from "./seriesUpdate.js";
import { useLightweightChart } from "./useLightweightChart.js";

export interface EquityChartProps {
  /** Equity history and live points, any order (oldest first is cheapest). */
  readonly points: readonly EquityPoint[];
  readonly range: EquityRange;
  readonly onRangeChange: (range: EquityRange) => void;
  /** Net deposits since the history began (/api/performance); none: no line. */
  readonly netDeposits?: readonly NetFlowPoint[];
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
/** The faded colour of estimated equity on the total line (and its legend swatch), on both themes. */
const ESTIMATED_TOTAL = faded(CHART_COLORS.dark.accent);
const NO_FLOWS: readonly NetFlowPoint[] = [];

interface Line {
  readonly series: ISeriesApi<"Line">;
  plotted: Plotted | undefined;
}

function keyOf(field: EquityField): string {
  return field.kind === "total" ? TOTAL_KEY : `asset:${field.asset}`;
}

function estimatedColorOf(field: EquityField): string {
  return field.kind === "total" ? ESTIMATED_TOTAL : faded(colorFor(field.asset));
}

/** The net deposits step line drawn, and what it holds (its setData only when that changes). */
interface DepositsLine {
  readonly series: ISeriesApi<"Line">;
  plotted: string;
}

export function EquityChart(props: EquityChartProps) {
  const { points, range, onRangeChange, netDeposits = NO_FLOWS, theme, quote = "", height } = props;
  const plotRef = useRef<HTMLDivElement>(null);
  const lines = useRef(new Map<string, Line>());
  const deposits = useRef<DepositsLine | undefined>(undefined);
  const anchor = useRef<{ range: EquityRange; start: number } | undefined>(undefined);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const [showDeposits, setShowDeposits] = useState(true);
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const { chart, fitted } = useLightweightChart(
    plotRef,
    theme,
    () => {
      lines.current.clear();
      deposits.current = undefined;
      anchor.current = undefined;
    },
    EDGES,
  );

  // The same list while the same assets are held: a new equity point does not re-measure the legend.
  const assets = useSameList(useMemo(() => assetsOf(points), [points]));
  const start = windowStart(points, range, anchor.current?.range === range ? anchor.current.start : undefined);
  const fields = useMemo<EquityField[]>(
    () => [TOTAL, ...assets.filter((a) => picked.has(a)).map((asset) => ({ kind: "asset" as const, asset }))],
    [assets, picked],
  );
  const series = useMemo(
    () =>
      new Map<string, LinePoint[]>(
        fields.map((f) => [keyOf(f), toEquitySeries(points, f, start, estimatedColorOf(f))]),
      ),
    [points, fields, start],
  );
  const total = series.get(TOTAL_KEY) ?? [];
  const plottedPoints = total.length;
  const estimated = useMemo(() => hasEstimated(points, start), [points, start]);
  // Over the plotted total's span: from its first point to its newest (now).
  const firstTime = total[0]?.time;
  const lastTime = total[total.length - 1]?.time;
  const depositsLine = useMemo(
    () =>
      !showDeposits || firstTime === undefined || lastTime === undefined
        ? []
        : netDepositsLine(netDeposits, firstTime * 1000, lastTime * 1000),
    [netDeposits, showDeposits, firstTime, lastTime],
  );

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

  // After the equity lines (declared after them), so the total stays the chart's first series.
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const current = deposits.current;
    if (depositsLine.length === 0) {
      if (current) instance.removeSeries(current.series);
      deposits.current = undefined;
      return;
    }
    const content = depositsLine.map((p) => `${p.time}:${p.value}`).join(",");
    if (current?.plotted === content) return;
    const line = current ?? { series: instance.addSeries(LineSeries, depositsOptions(themeNow.current)), plotted: "" };
    line.series.setData(depositsLine.slice());
    line.plotted = content;
    deposits.current = line;
    if (fitted.current) instance.timeScale().fitContent();
  }, [chart, fitted, depositsLine]);

  useEffect(() => {
    lines.current.get(TOTAL_KEY)?.series.applyOptions({ color: CHART_COLORS[theme].accent });
    deposits.current?.series.applyOptions({ color: CHART_COLORS[theme].netDeposits });
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
      netDeposits={
        netDeposits.length > 0
          ? { color: CHART_COLORS[theme].netDeposits, shown: showDeposits, onToggle: () => setShowDeposits((v) => !v) }
          : undefined
      }
      estimatedColor={estimated ? ESTIMATED_TOTAL : undefined}
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

/** The net deposits line: a dashed step line, its last value labelled on the price axis. */
function depositsOptions(theme: ChartTheme) {
  return {
    color: CHART_COLORS[theme].netDeposits,
    lineWidth: 1,
    lineStyle: LineStyle.Dashed,
    lineType: LineType.WithSteps,
    priceLineVisible: false,
    crosshairMarkerVisible: false,
    priceFormat: MONEY_FORMAT,
    title: "net deposits",
  } as const;
}
