/**
 * Asset allocation (ECharts donut): each asset's value in the quote currency, small ones grouped.
 * Names and shares sit in a legend beside the donut ("BTC  38.8%", aligned) rather than in
 * labels around it, which would be cut off or collide on small slices in a narrow panel; the
 * hovered slice's name and share show in the hole.
 */
import { useMemo, useRef } from "react";
import { formatMoney } from "../format/decimal.js";
import { type AllocationSlice, type AssetValue, groupAllocation } from "./allocation.js";
import { ChartFrame, type ChartProps } from "./ChartFrame.js";
import type { ChartOption } from "./echartsSetup.js";
import { CHART_COLORS, type ChartTheme, colorFor, OTHER_LABEL } from "./palette.js";
import { escapeHtml, tooltipStyle } from "./tooltip.js";
import { useEChart } from "./useEChart.js";

export interface AllocationChartProps extends ChartProps {
  /** Balances, or any assets' values (null: not valued, left out). */
  readonly balances: readonly AssetValue[];
  /**
   * Assets held that have no price (their balance's value null): with nothing else to draw, the
   * chart names them instead of "no data yet" (an account holding coins is not empty; at a start
   * their prices may not be in yet).
   */
  readonly unpriced?: readonly string[];
}

/** Width (px) of the share column in the legend: "100.0%". */
const SHARE_WIDTH = 44;
/** Approximate width (px) of one character of an 11 px legend name. */
const NAME_CHAR_WIDTH = 7;
const MAX_NAME_WIDTH = 84;

/** ECharts rich text treats `{`, `}` and `|` as markup. */
function richText(text: string): string {
  return text.replace(/[{}|]/g, "");
}

function sharePct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function allocationOption(slices: readonly AllocationSlice[], quote: string, theme: ChartTheme): ChartOption {
  const c = CHART_COLORS[theme];
  const shares = new Map(slices.map((slice) => [slice.name, sharePct(slice.share)]));
  const longest = slices.reduce((n, slice) => Math.max(n, slice.name.length), 0);
  const nameWidth = Math.min(MAX_NAME_WIDTH, longest * NAME_CHAR_WIDTH + 6);
  return {
    tooltip: {
      trigger: "item",
      ...tooltipStyle(c),
      formatter: (params: unknown) => {
        const slice = (params as { data?: { slice?: AllocationSlice } }).data?.slice;
        if (!slice) return "";
        const detail = slice.name === OTHER_LABEL ? slice.detail : `${formatMoney(slice.detail)} ${quote}`;
        return `<b>${escapeHtml(slice.name)}</b> ${sharePct(slice.share)}<br/>${escapeHtml(detail)}`;
      },
    },
    legend: {
      orient: "vertical",
      right: 8,
      top: "middle",
      icon: "roundRect",
      itemWidth: 10,
      itemHeight: 10,
      itemGap: 7,
      // A key, not a filter: hiding a slice would change every share shown.
      selectedMode: false,
      data: slices.map((slice) => slice.name),
      formatter: (name: string) => `{name|${richText(name)}}{share|${shares.get(name) ?? ""}}`,
      textStyle: {
        color: c.text,
        fontSize: 11,
        rich: {
          name: { width: nameWidth, color: c.text, fontSize: 11 },
          share: { width: SHARE_WIDTH, align: "right", color: c.muted, fontSize: 11 },
        },
      },
    },
    series: [
      {
        id: "allocation",
        type: "pie",
        radius: ["46%", "74%"],
        center: ["34%", "50%"],
        showEmptyCircle: false,
        itemStyle: { borderColor: c.panel, borderWidth: 1 },
        label: {
          show: false,
          position: "center",
          color: c.text,
          formatter: "{b}\n{d}%",
          fontSize: 13,
          fontWeight: 600,
          lineHeight: 18,
        },
        emphasis: { scale: false, label: { show: true } },
        labelLine: { show: false },
        data: slices.map((slice) => ({
          name: slice.name,
          value: slice.value,
          itemStyle: { color: colorFor(slice.name) },
          slice,
        })),
      },
    ],
  };
}

export function AllocationChart({ balances, quote, theme, height, loading, unpriced = [] }: AllocationChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const slices = useMemo(() => groupAllocation(balances), [balances]);
  const option = useMemo(() => allocationOption(slices, quote, theme), [slices, quote, theme]);
  const drawn = useEChart(plotRef, option);
  return (
    <ChartFrame
      label={`Allocation in ${quote}`}
      height={height}
      loading={loading}
      plotRef={plotRef}
      drawn={drawn}
      testId="allocation-chart"
      dataPoints={slices.length}
      emptyText={unpriced.length > 0 ? `No price for ${unpriced.join(", ")}` : undefined}
    />
  );
}
