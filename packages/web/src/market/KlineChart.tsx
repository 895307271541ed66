/**
 * Candlesticks for one symbol (lightweight-charts): the forming candle is redrawn with
 * series.update as klines arrive; a new symbol or interval, or history that changed, is drawn
 * with setData.
 */
import type { KlineItem } from "@mexc-live/contract";
import { CandlestickSeries, type ISeriesApi } from "lightweight-charts";
import { useEffect, useMemo, useRef } from "react";
import { ChartFrame } from "../charts/ChartFrame.js";
import { fixedLabel } from "../charts/numbers.js";
import { CHART_COLORS, type ChartTheme } from "../charts/palette.js";
import { applySeriesUpdate, type Plotted } from "../charts/seriesUpdate.js";
import { useLightweightChart } from "../charts/useLightweightChart.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import { type Candle, latestInterval, pricePrecision, toCandles } from "./candles.js";

export interface KlineChartProps {
  readonly symbol: string;
  readonly klines: readonly KlineItem[];
  readonly theme: ChartTheme;
  /** Total height in px; default: the parent's height. */
  readonly height?: number;
  /** The symbol's market has not come yet: "Loading…", not "no data yet". */
  readonly loading?: boolean;
}

/** A full redraw shows at most this many of the newest candles (the rest is a scroll away). */
const VISIBLE_CANDLES = 120;
/** A full redraw shows at least this many candle slots, however few candles there are. */
const MIN_VISIBLE_CANDLES = 60;

function candleColors(theme: ChartTheme) {
  const c = CHART_COLORS[theme];
  return {
    upColor: c.buy,
    downColor: c.sell,
    borderUpColor: c.buy,
    borderDownColor: c.sell,
    wickUpColor: c.buy,
    wickDownColor: c.sell,
  };
}

export function KlineChart({ symbol, klines, theme, height, loading = false }: KlineChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const candles = useRef<{ series: ISeriesApi<"Candlestick">; plotted: Plotted | undefined; key: string } | null>(null);
  const { chart } = useLightweightChart(plotRef, theme, () => {
    candles.current = null;
  });

  const interval = useMemo(() => latestInterval(klines, symbol), [klines, symbol]);
  // Candle times are shifted to the zone picked (toChartSeconds): another zone, other times.
  const zone = useDisplayZone();
  const data = useMemo(() => toCandles(klines, symbol, interval, zone), [klines, symbol, interval, zone]);
  const precision = useMemo(() => pricePrecision(klines), [klines]);
  const key = `${symbol}:${interval ?? ""}:${zone.name}`;

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    if (!candles.current) {
      const series = instance.addSeries(CandlestickSeries, candleColors(theme));
      candles.current = { series, plotted: undefined, key };
    }
    const current = candles.current;
    // Other symbol or interval: the same open times would mean different candles.
    if (current.key !== key) {
      current.series.setData([]);
      current.plotted = undefined;
      current.key = key;
    }
    const result = applySeriesUpdate<Candle>(current.series, current.plotted, data);
    current.plotted = result.plotted;
    if (!result.replaced) return;
    // Newest at the right; a new market's few candles keep a candle's width instead of filling the plot.
    const visible = Math.min(VISIBLE_CANDLES, Math.max(MIN_VISIBLE_CANDLES, data.length));
    instance.timeScale().setVisibleLogicalRange({ from: data.length - visible, to: data.length + 2 });
  }, [chart, data, key, theme]);

  useEffect(() => {
    candles.current?.series.applyOptions({
      ...candleColors(theme),
      // Thousands separated like every other price ("98,400.00", not "98400.00").
      priceFormat: {
        type: "custom",
        minMove: 10 ** -precision,
        formatter: (value: number) => fixedLabel(value, precision),
      },
    });
  }, [theme, precision]);

  return (
    <ChartFrame
      label={`${symbol} candlesticks${interval ? ` (${interval})` : ""}`}
      height={height}
      loading={loading}
      plotRef={plotRef}
      testId="kline-chart"
      timeZone={zoneLabel(zone)}
      dataPoints={data.length}
      className="kline-frame"
    />
  );
}
