/**
 * PnL by period (ECharts): the PnL realized in each day, week or month as bars (green up, red
 * down) and the unrealized PnL of what was held at each period's end as a line, in the quote
 * currency. The tooltip gives the exact figures and the fees paid in the period (a part of the PnL
 * of their own, as in the bridge: not inside realized); the footer sums the realized PnL and the
 * fees over the periods shown.
 */
import type { PnlPeriod, PnlPeriodItem } from "@mexc-live/contract";
import { useCallback, useMemo, useRef } from "react";
import { compareDecimal, formatMoney } from "../format/decimal.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import type { HistoryBeingRead } from "../header/useProvisional.js";
import { ChartFrame, type ChartProps } from "./ChartFrame.js";
import type { ChartOption } from "./echartsSetup.js";
import { approxLabel } from "./numbers.js";
import { CHART_COLORS, type ChartTheme } from "./palette.js";
import { periodLeftOut, periodsLeftOut, periodsLeftOutShort } from "./periodsLeftOut.js";
import { periodsUnread, periodsUnreadShort, periodUnread, UNREAD_MARK, UNREAD_WORDS } from "./periodsUnread.js";
import { type PeriodSeries, periodSeries, periodTitle, periodTotals } from "./pnlPeriods.js";
import { escapeHtml, tooltipStyle } from "./tooltip.js";
import { useEChart } from "./useEChart.js";

export interface PnlPeriodsChartProps extends ChartProps {
  readonly items: readonly PnlPeriodItem[];
  readonly period: PnlPeriod;
  /**
   * The figures shown beside it are of another version (issue 40): the footer's totals would not
   * agree with them, so it says "updating" until both are read at one version.
   */
  readonly updating?: boolean;
  /** The span of MEXC's history still being read (its periods of nothing are unread, not 0); null once read. */
  readonly reading?: HistoryBeingRead | null;
}

const REALIZED_NAME = "realized";
const UNREALIZED_NAME = "unrealized at end";

function noun(period: PnlPeriod, zone: string): [string, string] {
  if (period === "day") return [`day (${zone})`, `days (${zone})`];
  return period === "week" ? ["week", "weeks"] : ["month", "months"];
}

/** The periods, to begin a sentence. */
const PERIODS_NAMED = { day: "Days", week: "Weeks", month: "Months" } as const satisfies Record<PnlPeriod, string>;

/** "+12.34", "-0.88", "0.00": a signed money figure from its exact decimal string. */
function signedMoney(value: string): string {
  const shown = formatMoney(value);
  return compareDecimal(value, "0") > 0 ? `+${shown}` : shown;
}

/**
 * The tooltip of one period: exact figures from the gateway's decimal strings, escaped; for a
 * period not read from MEXC yet (`unread`), that in place of its figures.
 */
export function periodTooltip(item: PnlPeriodItem, period: PnlPeriod, quote: string, unread = false): string {
  if (unread)
    return [`<b>${escapeHtml(periodTitle(item.period, period))}</b>`, UNREAD_WORDS, ...leftOutLine(item)].join("<br/>");
  const q = escapeHtml(quote);
  const unrealized = item.unrealized === null ? "not valued" : `${escapeHtml(signedMoney(item.unrealized))} ${q}`;
  return [
    `<b>${escapeHtml(periodTitle(item.period, period))}</b>`,
    `realized ${escapeHtml(signedMoney(item.realized))} ${q}`,
    `unrealized at end ${unrealized}`,
    `fees paid ${escapeHtml(formatMoney(item.fees))} ${q} (not in realized)`,
    ...leftOutLine(item),
  ].join("<br/>");
}

/** The tooltip's line naming the assets the period leaves out, if any. */
function leftOutLine(item: PnlPeriodItem): string[] {
  const without = periodLeftOut(item);
  return without === null ? [] : [escapeHtml(without)];
}

function pnlPeriodsOption(
  series: PeriodSeries,
  period: PnlPeriod,
  quote: string,
  theme: ChartTheme,
  unread: (item: PnlPeriodItem) => boolean,
) {
  const c = CHART_COLORS[theme];
  const shown = series.items.length > 0;
  const option: ChartOption = {
    grid: { left: 8, right: 12, top: 28, bottom: 4, containLabel: true },
    legend: {
      top: 0,
      itemWidth: 10,
      itemHeight: 8,
      data: [REALIZED_NAME, UNREALIZED_NAME],
      textStyle: { color: c.muted, fontSize: 11 },
    },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      ...tooltipStyle(c),
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const item = first?.dataIndex === undefined ? undefined : series.items[first.dataIndex];
        return item ? periodTooltip(item, period, quote, unread(item)) : "";
      },
    },
    xAxis: {
      show: shown,
      type: "category",
      data: series.labels.slice(),
      axisLabel: { color: c.muted, fontSize: 10, hideOverlap: true },
      axisLine: { lineStyle: { color: c.border } },
      axisTick: { show: false },
    },
    yAxis: {
      show: shown,
      type: "value",
      splitNumber: 4,
      axisLabel: { color: c.muted, fontSize: 10, formatter: approxLabel },
      splitLine: { lineStyle: { color: c.grid } },
    },
    series: [
      {
        id: "pnl-realized",
        name: REALIZED_NAME,
        type: "bar",
        barMaxWidth: 18,
        itemStyle: { color: c.buy },
        data: series.realized.map((value) => ({
          value,
          itemStyle: { color: value !== null && value < 0 ? c.sell : c.buy },
        })),
      },
      {
        id: "pnl-unrealized",
        name: UNREALIZED_NAME,
        type: "line",
        symbol: "circle",
        symbolSize: 4,
        connectNulls: false,
        lineStyle: { color: c.accent, width: 1.5 },
        itemStyle: { color: c.accent },
        data: series.unrealized.slice(),
      },
    ],
  };
  return option;
}

export function PnlPeriodsChart({
  items,
  period,
  quote,
  theme,
  height,
  updating = false,
  loading = false,
  reading = null,
}: PnlPeriodsChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const unread = useCallback((item: PnlPeriodItem) => periodUnread(item, reading), [reading]);
  const series = useMemo(() => periodSeries(items, period, unread), [items, period, unread]);
  const option = useMemo(
    () => pnlPeriodsOption(series, period, quote, theme, unread),
    [series, period, quote, theme, unread],
  );
  const drawn = useEChart(plotRef, option);
  const totals = useMemo(() => periodTotals(items), [items]);
  const count = items.length;
  const names = noun(period, zoneLabel(useDisplayZone()));
  const summary =
    count === 0
      ? names[1]
      : updating
        ? `${count} ${names[count === 1 ? 0 : 1]}: updating…`
        : `${count} ${names[count === 1 ? 0 : 1]}: realized ${signedMoney(totals.realized)} · fees ${formatMoney(totals.fees)} ${quote}`;
  const leftOut = useMemo(
    () => ({
      short: periodsLeftOutShort(items),
      words: periodsLeftOut(items, "Some periods (their tooltips say which)"),
    }),
    [items],
  );
  const unreadNote = useMemo(() => {
    const which = `${PERIODS_NAMED[period]} marked ${UNREAD_MARK}`;
    const words = periodsUnread(items, reading, which);
    return words === null ? null : { short: periodsUnreadShort(which), words };
  }, [items, reading, period]);
  // Cut short at phone width: the whole line on hover.
  const footer = (
    <>
      <p className="chart-footer" title={summary}>
        {summary}
      </p>
      {leftOut.short !== null && (
        <p
          className="chart-footer chart-left-out"
          data-testid="pnl-periods-left-out"
          title={leftOut.words ?? undefined}
        >
          {leftOut.short}
        </p>
      )}
      {unreadNote !== null && (
        <p className="chart-footer chart-unread" data-testid="pnl-periods-unread" title={unreadNote.words}>
          {unreadNote.short}
        </p>
      )}
    </>
  );
  return (
    <ChartFrame
      label={`PnL by ${period} in ${quote}`}
      height={height}
      loading={loading}
      plotRef={plotRef}
      drawn={drawn}
      footer={footer}
      testId="pnl-periods-chart"
      dataPoints={count}
    />
  );
}
