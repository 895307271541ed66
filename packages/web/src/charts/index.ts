/**
 * Chart components: pure, props in (contract types from @mexc-live/contract), no
 * fetching, no global state; only here do decimal strings become floats (for drawing).
 * Every chart has a fixed height: `height` in px, or without it 100% of the parent (which then
 * needs a fixed height, e.g. .chart-box); "no data yet" shows while empty; resizes with its box.
 *
 * <EquityChart                          lightweight-charts; data-testid="equity-chart",
 *   points: readonly EquityPoint[]      data-points = points plotted on the total line
 *   window: {from?, to?} (ms)           the range shown; a time axis proportional to time
 *                                       (timeGrid.ts); points saying the balances were unknown
 *                                       are not drawn; estimated ones faded, with a legend
 *   baseline?: NetFlowPoint[]           dashed step line "start + net deposits" (baseline.ts)
 *   theme: "dark" | "light"
 *   quote?: string                      label only, e.g. "USDT"
 *   height?: number                     px incl. the 30 px controls row (asset checkboxes)
 * />
 * <AllocationChart balances: readonly AssetValue[] quote: string theme height? />
 *                                       ECharts donut of `value`; < 2 % or beyond 8 slices -> "Other";
 *                                       names and shares in a legend beside it; data-testid="allocation-chart"
 * <FeesChart fills: readonly FillItem[] summary: FeeSummary | null quote: string theme height? />
 *                                       cumulative feeValue over time (recomputed at most every 500 ms)
 *                                       + per fee currency (from summary);
 *                                       20 px footer with summary.totalValue rounded (2 places,
 *                                       3 significant digits below 0.01); data-testid="fees-chart"
 * <VolumeChart items: readonly VolumeItem[] quote: string theme height? />
 *                                       stacked bars per symbol, last 30 days (in the zone picked), top 5 symbols + Other;
 *                                       20 px footer; data-testid="volume-chart"
 * <PnlOverTimeChart points window baseline quote theme height? />
 *                                       lightweight-charts baseline: equity minus the "start + net
 *                                       deposits" line at each point (pnlOverTime.ts), on the equity
 *                                       chart's grid; data-testid="pnl-time-chart"
 * <PnlPeriodsChart items: readonly PnlPeriodItem[] period: "day"|"week"|"month" quote theme height? />
 *                                       ECharts bars (realized) + line (unrealized at end), fees in
 *                                       the tooltip and footer; data-testid="pnl-periods-chart"
 */
export { AllocationChart } from "./AllocationChart.js";
export type { AssetValue } from "./allocation.js";

export { EquityChart } from "./EquityChart.js";
export { FeesChart } from "./FeesChart.js";

export { PnlOverTimeChart } from "./PnlOverTimeChart.js";
export { PnlPeriodsChart } from "./PnlPeriodsChart.js";

export { VolumeChart } from "./VolumeChart.js";
