/**
 * PnL over time (lightweight-charts), under the equity chart and over its range: at each equity
 * point, equity minus the range's start equity and the net deposits since (pnlOverTime.ts),
 * green above zero and red below. It starts at 0 and ends at the range's PnL, the headline's
 * figure; deposits and withdrawals move neither line apart. On the equity chart's time grid
 * (timeGrid.ts), so the two charts' times line up.
 */
import type { EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { BaselineSeries, type ISeriesApi } from "lightweight-charts";
import { useEffect, useMemo, useRef } from "react";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import { ChartFrame, type ChartProps } from "./ChartFrame.js";
import type { RangeStart, TimeWindow } from "./equitySeries.js";
import { moneyLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme } from "./palette.js";
import { pnlSamples } from "./pnlOverTime.js";
import { applySeriesUpdate, type Plotted, planSeriesUpdate } from "./seriesUpdate.js";
import { type GridPoint, gridStep, toGrid, valuedCount, valuedTimes } from "./timeGrid.js";
import { useKnownPoints } from "./useKnownPoints.js";
import { useLightweightChart } from "./useLightweightChart.js";

export interface PnlOverTimeChartProps extends ChartProps {
  /** The equity chart's points and range. */
  readonly points: readonly EquityPoint[];
  readonly window: TimeWindow;
  /** The range's "no gain, no loss" steps (baselineSteps). */
  readonly baseline: readonly NetFlowPoint[];
  /** The range's start equity: the line begins at 0 at the range's start (equitySeries.ts knownPoints). */
  readonly start?: RangeStart;
  /** A range that ended before now: its end equity, where the line ends (equitySeries.ts knownPoints). */
  readonly end?: RangeStart;
  /** Assets the range's answer left out for want of a price: left out of the equity too. */
  readonly unpriced?: readonly string[];
  /** Some of `unpriced` wait on past prices not fetched yet (PerformanceSummary.pricesPending). */
  readonly pricesPending?: boolean;
}

const MONEY_FORMAT = { type: "custom", minMove: 0.01, formatter: moneyLabel } as const;
const TIME_AXIS = {
  timeScale: { fixLeftEdge: true, fixRightEdge: true, ignoreWhitespaceIndices: true, tickMarkMaxCharacterLength: 12 },
} as const;
const PNL_TIME_HINT =
  "Equity minus its value at the start of the range, minus the net deposits since: the PnL since the range began at each moment. Deposits and withdrawals are not PnL.";

function seriesColors(theme: ChartTheme) {
  const c = CHART_COLORS[theme];
  return {
    topLineColor: c.buy,
    topFillColor1: `${c.buy}40`,
    topFillColor2: `${c.buy}08`,
    bottomLineColor: c.sell,
    bottomFillColor1: `${c.sell}08`,
    bottomFillColor2: `${c.sell}40`,
  };
}

const NONE: readonly string[] = [];

export function PnlOverTimeChart(props: PnlOverTimeChartProps) {
  const { points, window, baseline, start, end, unpriced = NONE, pricesPending, quote, theme, height, loading } = props;
  const zone = useDisplayZone();
  const plotRef = useRef<HTMLDivElement>(null);
  const line = useRef<{ series: ISeriesApi<"Baseline">; plotted: Plotted | undefined } | undefined>(undefined);
  const drawnFor = useRef<readonly NetFlowPoint[] | undefined>(undefined);
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const { chart, fitted, setDataTimes, newTicks } = useLightweightChart(
    plotRef,
    theme,
    () => {
      line.current = undefined;
    },
    TIME_AXIS,
  );

  const shown = useKnownPoints(points, window, start, end);
  const samples = useMemo(() => pnlSamples(shown, baseline, unpriced), [shown, baseline, unpriced]);
  const data = useMemo(() => {
    const first = shown[0]?.time;
    const last = shown[shown.length - 1]?.time;
    if (first === undefined || last === undefined) return [];
    // The equity chart's step over the same points: the two grids are the same.
    return toGrid(samples, gridStep(last - first), {
      zone,
      whitespace: true,
      from: first,
    });
  }, [shown, samples, zone]);
  const valued = valuedCount(data);
  // The times with a value: the ticks are weighed among them (dataTickWeights.ts).
  const dataTimes = useMemo(() => valuedTimes([data]), [data]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const current = line.current ?? {
      series: instance.addSeries(BaselineSeries, {
        baseValue: { type: "price", price: 0 },
        ...seriesColors(themeNow.current),
        lineWidth: 2,
        priceLineVisible: false,
        // No last value on the axis: the figure is the headline's (one answer), and the line's
        // newest point may be a few seconds older than it.
        lastValueVisible: false,
        priceFormat: MONEY_FORMAT,
      }),
      plotted: undefined,
    };
    line.current = current;
    setDataTimes(dataTimes);
    // Another baseline (start equity or flows read again) moves every point, not only the newest.
    if (drawnFor.current !== baseline) current.plotted = undefined;
    drawnFor.current = baseline;
    // Set anew, emptied first: the library weighs its times again only where they change, and
    // history filling the same grid's whitespace changes no time (dataTickWeights.ts).
    if (planSeriesUpdate(current.plotted, data).kind === "set") {
      current.series.setData([]);
      current.plotted = undefined;
    }
    const result = applySeriesUpdate<GridPoint>(current.series, current.plotted, data);
    current.plotted = result.plotted;
    if (result.replaced) fitted.current = true;
    if (fitted.current) instance.timeScale().fitContent();
    // After the line is set anew: the tick labels drawn from now are this data's.
    if (result.replaced) newTicks();
  }, [chart, fitted, data, baseline, dataTimes, setDataTimes, newTicks]);

  useEffect(() => {
    line.current?.series.applyOptions(seriesColors(theme));
  }, [theme]);

  const controls = (
    <div className="chart-controls chart-legend" title={PNL_TIME_HINT}>
      <span className="chart-total">
        <span className="chart-swatch" style={{ background: CHART_COLORS[theme].buy }} />
        PnL over time
      </span>
      <span className="chart-note">
        equity − start − net deposits, {quote}
        {unpriced.length > 0 &&
          ` · without ${unpriced.join(", ")} (${pricesPending ? "past prices loading" : "unpriced"})`}
      </span>
    </div>
  );

  return (
    <ChartFrame
      label={`PnL over time in ${quote}`}
      height={height}
      loading={loading}
      plotRef={plotRef}
      controls={controls}
      testId="pnl-time-chart"
      timeZone={zoneLabel(zone)}
      dataPoints={valued}
      dataFirst={samples[0]}
    />
  );
}
