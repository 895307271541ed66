/**
 * The parts of ECharts the dashboard uses, registered once: pie, bar and line charts, grid,
 * tooltip and legend, canvas renderer. Importing from `echarts/core` keeps the rest of ECharts
 * out of the bundle.
 */
import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  PieChart,
  type PieSeriesOption,
} from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { LabelLayout } from "echarts/features";
import { CanvasRenderer } from "echarts/renderers";

use([PieChart, BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, LabelLayout, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | PieSeriesOption
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

export { init };
