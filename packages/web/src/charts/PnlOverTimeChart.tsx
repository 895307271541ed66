/**
 * PnL over time (lightweight-charts), under the equity chart and over its range: at the end of
 * each UTC day, the PnL realized since the range began plus the unrealized PnL of what was held
 * then (fees included), green above zero and red below. Daily points, so a short range shows a
 * handful (each marked); the legend says "daily", the method, and where the PnL stands now.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { BaselineSeries, type ISeriesApi, type Time } from "lightweight-charts";
import { useEffect, useMemo, useRef } from "react";
import { SignedAmount } from "../tables/amounts.js";
import { ChartFrame } from "./ChartFrame.js";
import { cumulativePnl, latestTotal, type PnlLinePoint, pnlTimeSeries } from "./cumulativePnl.js";
import { moneyLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme } from "./palette.js";
import { applySeriesUpdate, type Plotted } from "./seriesUpdate.js";
import { useLightweightChart } from "./useLightweightChart.js";

export interface PnlOverTimeChartProps {
  /** GET /api/pnl/periods?period=day over the range shown, any order. */
  readonly periods: readonly PnlPeriodItem[];
  /** What the figures follow, for the legend ("average cost"). */
  readonly method: string;
  readonly quote: string;
  readonly theme: ChartTheme;
  /** Total height in px including the legend row; default: the parent's height. */
  readonly height?: number;
}

const MONEY_FORMAT = { type: "custom", minMove: 0.01, formatter: moneyLabel } as const;
/** Up to this many points each is marked (a short range has only a few days). */
const MARKED_POINTS = 20;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
export const PNL_TIME_HINT =
  "Each UTC day: PnL realized since the start of the range, plus the unrealized PnL of what was held at the day's end (fees included; deposits and withdrawals are not PnL)";

function utcDate(time: Time): Date | undefined {
  return typeof time === "number" ? new Date(time * 1000) : undefined;
}

/** "24 Oct": the points are UTC days, labelled as such whatever the browser's time zone. */
function utcDayTick(time: Time): string {
  const d = utcDate(time);
  return d ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` : String(time);
}

/** Crosshair: "2026-10-24 (UTC day)". */
function utcDayLabel(time: Time): string {
  const d = utcDate(time);
  return d ? `${d.toISOString().slice(0, 10)} (UTC day)` : String(time);
}

const DAY_AXIS = {
  timeScale: {
    timeVisible: false,
    secondsVisible: false,
    tickMarkFormatter: utcDayTick,
    fixLeftEdge: true,
    fixRightEdge: true,
  },
  localization: { timeFormatter: utcDayLabel },
} as const;

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

export function PnlOverTimeChart({ periods, method, quote, theme, height }: PnlOverTimeChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const line = useRef<
    { series: ISeriesApi<"Baseline">; plotted: Plotted | undefined; markers: boolean | undefined } | undefined
  >(undefined);
  const themeNow = useRef(theme);
  themeNow.current = theme;
  const { chart, fitted } = useLightweightChart(
    plotRef,
    theme,
    () => {
      line.current = undefined;
    },
    DAY_AXIS,
  );

  const points = useMemo(() => cumulativePnl(periods), [periods]);
  const data = useMemo(() => pnlTimeSeries(points), [points]);
  const valued = data.filter((p) => "value" in p).length;
  const latest = latestTotal(points);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const current = line.current ?? {
      series: instance.addSeries(BaselineSeries, {
        baseValue: { type: "price", price: 0 },
        ...seriesColors(themeNow.current),
        lineWidth: 2,
        priceLineVisible: false,
        priceFormat: MONEY_FORMAT,
      }),
      plotted: undefined,
      markers: undefined,
    };
    line.current = current;
    // Options applied only when they change: applying them redraws the chart.
    const markers = data.length <= MARKED_POINTS;
    if (current.markers !== markers) current.series.applyOptions({ pointMarkersVisible: markers });
    current.markers = markers;
    const result = applySeriesUpdate<PnlLinePoint>(current.series, current.plotted, data);
    current.plotted = result.plotted;
    if (result.replaced) fitted.current = true;
    if (fitted.current) instance.timeScale().fitContent();
  }, [chart, fitted, data]);

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
        daily · {method}
        {latest?.total != null && (
          <>
            {" · now "}
            <SignedAmount value={latest.total} money /> {quote}
          </>
        )}
      </span>
    </div>
  );

  return (
    <ChartFrame
      label={`PnL over time in ${quote}, daily`}
      height={height}
      empty={valued === 0}
      plotRef={plotRef}
      controls={controls}
      testId="pnl-time-chart"
      dataPoints={valued}
    />
  );
}
