/**
 * Account equity over the range shown (lightweight-charts): the total in the quote currency, the
 * value of each asset the user ticks, and the range's "no gain, no loss" line (equity at the
 * range's start plus the net deposits since: baseline.ts) as a dashed step line, so the gap
 * between the two is the PnL. The time axis is proportional to time (timeGrid.ts: a regular
 * grid, whitespace where no point fell), so days of estimated history and minutes of live data
 * get their true widths. Equity worked out from the history for days before mexc-live ran is
 * drawn faded, the stretch from it to the first live point included, and the legend says so;
 * points that only say the balances were unknown are not drawn (equitySeries.ts isKnownEquity).
 * A newly appended point is drawn with series.update, anything else with setData.
 */
import type { EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { type ISeriesApi, LineSeries, LineStyle, LineType } from "lightweight-charts";
import { useEffect, useMemo, useRef, useState } from "react";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import { useSameList } from "../hooks/useSameList.js";
import { ChartFrame } from "./ChartFrame.js";
import { EquityControls } from "./EquityControls.js";
import {
  assetsOf,
  type EquityField,
  equitySamples,
  hasEstimated,
  type RangeStart,
  type TimeWindow,
  TOTAL,
} from "./equitySeries.js";
import { chartNumber, moneyLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme, colorFor, faded } from "./palette.js";
import { applySeriesUpdate, type Plotted, planSeriesUpdate } from "./seriesUpdate.js";
import { type GridPoint, gridStep, type Sample, toGrid, valuedCount, valuedTimes } from "./timeGrid.js";
import { useKnownPoints } from "./useKnownPoints.js";
import { useLightweightChart } from "./useLightweightChart.js";

export interface EquityChartProps {
  /** Equity history and live points, any order (oldest first is cheapest). */
  readonly points: readonly EquityPoint[];
  /** The range shown (ms); the points outside it are not plotted. */
  readonly window: TimeWindow;
  /** The range's "no gain, no loss" steps (baselineSteps); none: no line. */
  readonly baseline?: readonly NetFlowPoint[];
  /** The range's start equity: the line begins with it at the range's start (equitySeries.ts knownPoints). */
  readonly start?: RangeStart;
  /** A range that ended before now: its end equity, where the line ends (equitySeries.ts knownPoints). */
  readonly end?: RangeStart;
  readonly theme: ChartTheme;
  /** The quote currency, for labels ("USDT"). */
  readonly quote?: string;
  /** Total height in px including the controls row; default: the parent's height. */
  readonly height?: number;
  /** The equity has not come yet (the stream's snapshot): "Loading…", not "no data yet". */
  readonly loading?: boolean;
}

const TOTAL_KEY = "total";
/** Values in the quote currency on the price axis: "87,588.00". */
const MONEY_FORMAT = { type: "custom", minMove: 0.01, formatter: moneyLabel } as const;
/**
 * The line spans the plot edge to edge, the time labels at the edges are kept inside it, and the
 * crosshair snaps to real points only (never to a grid slot without one).
 */
const TIME_AXIS = {
  timeScale: { fixLeftEdge: true, fixRightEdge: true, ignoreWhitespaceIndices: true, tickMarkMaxCharacterLength: 12 },
} as const;
/** The faded colour of estimated equity on the total line (and its legend swatch), on both themes. */
const ESTIMATED_TOTAL = faded(CHART_COLORS.dark.accent);
const NO_STEPS: readonly NetFlowPoint[] = [];

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

/**
 * The baseline's samples over the plotted span [first, last] (ms): the value held at `first`, a
 * sample at each step within it, and the last value carried to `last` (so the line never
 * stretches the time axis beyond the equity line's).
 */
function baselineSamples(steps: readonly NetFlowPoint[], first: number, last: number): Sample[] {
  const out: Sample[] = [];
  let held: number | undefined;
  for (const step of steps) {
    const value = chartNumber(step.value);
    if (value === undefined) continue;
    if (step.time <= first) held = value;
    else if (step.time <= last) {
      if (out.length === 0 && held !== undefined) out.push({ time: first, value: held });
      out.push({ time: step.time, value });
    }
  }
  if (out.length === 0 && held !== undefined) out.push({ time: first, value: held });
  const end = out[out.length - 1];
  if (end !== undefined && end.time < last) out.push({ time: last, value: end.value });
  return out;
}

export function EquityChart(props: EquityChartProps) {
  const { points, window, baseline = NO_STEPS, start, end, theme, quote = "", height, loading } = props;
  const zone = useDisplayZone();
  const plotRef = useRef<HTMLDivElement>(null);
  const lines = useRef(new Map<string, Line>());
  const baselineLine = useRef<Line | undefined>(undefined);
  /** The net-deposits line's points as last set (set again when the equity lines are set anew). */
  const baselineShown = useRef<readonly GridPoint[]>([]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const [showBaseline, setShowBaseline] = useState(true);
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const { chart, fitted, setDataTimes, newTicks } = useLightweightChart(
    plotRef,
    theme,
    () => {
      lines.current.clear();
      baselineLine.current = undefined;
    },
    TIME_AXIS,
  );

  const shown = useKnownPoints(points, window, start, end);
  // The same list while the same assets are held: a new equity point does not re-measure the legend.
  const assets = useSameList(useMemo(() => assetsOf(shown), [shown]));
  const fields = useMemo<EquityField[]>(
    () => [TOTAL, ...assets.filter((a) => picked.has(a)).map((asset) => ({ kind: "asset" as const, asset }))],
    [assets, picked],
  );
  const first = shown[0]?.time;
  const last = shown[shown.length - 1]?.time;
  const step = first === undefined || last === undefined ? 1_000 : gridStep(last - first);
  const series = useMemo(
    () =>
      new Map<string, GridPoint[]>(
        fields.map((field) => [
          keyOf(field),
          toGrid(equitySamples(shown, field, estimatedColorOf(field)), step, {
            zone,
            // The total carries the grid's whitespace: the axis is shared by every line.
            whitespace: field.kind === "total",
          }),
        ]),
      ),
    [shown, fields, step, zone],
  );
  const plottedPoints = valuedCount(series.get(TOTAL_KEY) ?? []);
  const firstSample = useMemo(() => equitySamples(shown.slice(0, 1), TOTAL)[0], [shown]);
  const estimated = useMemo(() => hasEstimated(shown), [shown]);
  const baselineGrid = useMemo(
    () =>
      !showBaseline || first === undefined || last === undefined
        ? []
        : toGrid(baselineSamples(baseline, first, last), step, { zone }),
    [baseline, showBaseline, first, last, step, zone],
  );

  // The times that carry a value in any line: the ticks are weighed among them (dataTickWeights.ts).
  const dataTimes = useMemo(() => valuedTimes([...series.values(), baselineGrid]), [series, baselineGrid]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    setDataTimes(dataTimes);
    let replaced = false;
    // Any line set anew (a range, a selection, the history changed): every line of the chart is
    // emptied first and set again, the net-deposits line too. Set one by one over lines still
    // holding the old range, lightweight-charts 5.2.1 left a row's index stale and threw "Value is
    // null" from a line's bar style on a later draw (lightweight-charts#2044).
    const anew = [...series].some(
      ([key, data]) => planSeriesUpdate(lines.current.get(key)?.plotted, data).kind === "set",
    );
    const baseline = baselineLine.current;
    if (anew) {
      for (const line of lines.current.values()) {
        line.series.setData([]);
        line.plotted = undefined;
      }
      if (baseline) {
        baseline.series.setData([]);
        baseline.plotted = undefined;
      }
    }
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
      const result = applySeriesUpdate<GridPoint>(line.series, line.plotted, data);
      line.plotted = result.plotted;
      replaced ||= result.replaced;
    }
    for (const [key, line] of lines.current) {
      if (series.has(key)) continue;
      instance.removeSeries(line.series);
      lines.current.delete(key);
    }
    if (anew && baseline)
      baseline.plotted = applySeriesUpdate<GridPoint>(baseline.series, undefined, baselineShown.current).plotted;
    if (replaced) fitted.current = true;
    if (fitted.current) instance.timeScale().fitContent();
    // After every line is set: the tick labels drawn from now are this data's.
    if (anew) newTicks();
  }, [chart, fitted, series, dataTimes, setDataTimes, newTicks]);

  // After the equity lines (declared after them), so the total stays the chart's first series.
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    setDataTimes(dataTimes);
    const current = baselineLine.current;
    if (baselineGrid.length === 0) {
      if (current) instance.removeSeries(current.series);
      baselineLine.current = undefined;
      return;
    }
    const line = current ?? {
      series: instance.addSeries(LineSeries, baselineOptions(themeNow.current)),
      plotted: undefined,
    };
    // Set anew, emptied first, as the equity lines are: the library weighs its times again then.
    if (planSeriesUpdate(line.plotted, baselineGrid).kind === "set") {
      line.series.setData([]);
      line.plotted = undefined;
    }
    line.plotted = applySeriesUpdate<GridPoint>(line.series, line.plotted, baselineGrid).plotted;
    baselineLine.current = line;
    baselineShown.current = baselineGrid;
  }, [chart, baselineGrid, dataTimes, setDataTimes]);

  useEffect(() => {
    lines.current.get(TOTAL_KEY)?.series.applyOptions({ color: CHART_COLORS[theme].accent });
    baselineLine.current?.series.applyOptions({ color: CHART_COLORS[theme].netDeposits });
  }, [theme]);

  const toggle = (asset: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(asset)) next.add(asset);
      return next;
    });

  const controls = (
    <EquityControls
      assets={assets}
      picked={picked}
      onToggle={toggle}
      totalColor={CHART_COLORS[theme].accent}
      quote={quote}
      baseline={
        baseline.length > 0
          ? { color: CHART_COLORS[theme].netDeposits, shown: showBaseline, onToggle: () => setShowBaseline((v) => !v) }
          : undefined
      }
      estimatedColor={estimated ? ESTIMATED_TOTAL : undefined}
    />
  );

  return (
    <ChartFrame
      label="Equity over time"
      height={height}
      loading={loading}
      plotRef={plotRef}
      controls={controls}
      testId="equity-chart"
      timeZone={zoneLabel(zone)}
      dataPoints={plottedPoints}
      dataFirst={firstSample}
    />
  );
}

/**
 * The "no gain, no loss" line: a dashed step line, named in the legend. No tag of its own on the
 * price axis: its "start + net deposits" box covered an axis label and the line (issue 57 item 9).
 */
function baselineOptions(theme: ChartTheme) {
  return {
    color: CHART_COLORS[theme].netDeposits,
    lineWidth: 1,
    lineStyle: LineStyle.Dashed,
    lineType: LineType.WithSteps,
    priceLineVisible: false,
    lastValueVisible: false,
    crosshairMarkerVisible: false,
    priceFormat: MONEY_FORMAT,
  } as const;
}
