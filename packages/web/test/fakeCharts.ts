/**
 * Test doubles for the two canvas chart libraries (they cannot draw in happy-dom) and for
 * ResizeObserver, recording what the components asked of them. Only for vi.mock in tests.
 */
import { vi } from "vitest";

export interface FakePoint {
  readonly time: number;
  readonly value?: number;
  readonly close?: number;
}

export interface FakeSeries {
  readonly type: string;
  readonly options: unknown;
  /** What the series would show: setData replaces, update appends or replaces the last. */
  points: FakePoint[];
  readonly setData: ReturnType<typeof vi.fn>;
  readonly update: ReturnType<typeof vi.fn>;
  readonly applyOptions: ReturnType<typeof vi.fn>;
}

export interface FakeChart {
  readonly element: HTMLElement;
  readonly series: FakeSeries[];
  readonly removed: FakeSeries[];
  readonly applyOptions: ReturnType<typeof vi.fn>;
  readonly resize: ReturnType<typeof vi.fn>;
  readonly remove: ReturnType<typeof vi.fn>;
  readonly fitContent: ReturnType<typeof vi.fn>;
  readonly setVisibleLogicalRange: ReturnType<typeof vi.fn>;
}

export const lightweight = { charts: [] as FakeChart[] };

function fakeSeries(definition: { type: string }, options: unknown): FakeSeries {
  const series: FakeSeries = {
    type: definition.type,
    options,
    points: [],
    setData: vi.fn((data: FakePoint[]) => {
      series.points = [...data];
    }),
    update: vi.fn((point: FakePoint) => {
      const last = series.points[series.points.length - 1];
      if (last && point.time < last.time) throw new Error("Cannot update oldest data");
      if (last && last.time === point.time) series.points[series.points.length - 1] = point;
      else series.points.push(point);
    }),
    applyOptions: vi.fn(),
  };
  return series;
}

/** The module that replaces "lightweight-charts". */
export const lightweightModule = {
  ColorType: { Solid: "solid", VerticalGradient: "gradient" },
  TickMarkType: { Year: 0, Month: 1, DayOfMonth: 2, Time: 3, TimeWithSeconds: 4 },
  LineType: { Simple: 0, WithSteps: 1, Curved: 2 },
  LineStyle: { Solid: 0, Dotted: 1, Dashed: 2, LargeDashed: 3, SparseDotted: 4 },
  LineSeries: { type: "Line" },
  BaselineSeries: { type: "Baseline" },
  CandlestickSeries: { type: "Candlestick" },
  AreaSeries: { type: "Area" },
  // The time behaviour the charts extend (charts/dataTickWeights.ts): nothing of it is drawn here.
  defaultHorzScaleBehavior: () => class {},
  createChartEx: (element: HTMLElement) => lightweightModule.createChart(element),
  createChart: (element: HTMLElement) => {
    const timeScale = { fitContent: vi.fn(), setVisibleLogicalRange: vi.fn(), applyOptions: vi.fn() };
    const chart: FakeChart = {
      element,
      series: [],
      removed: [],
      applyOptions: vi.fn(),
      resize: vi.fn(),
      remove: vi.fn(),
      fitContent: timeScale.fitContent,
      setVisibleLogicalRange: timeScale.setVisibleLogicalRange,
    };
    lightweight.charts.push(chart);
    return {
      addSeries: (definition: { type: string }, options: unknown) => {
        const series = fakeSeries(definition, options);
        chart.series.push(series);
        return series;
      },
      removeSeries: (series: FakeSeries) => {
        chart.series.splice(chart.series.indexOf(series), 1);
        chart.removed.push(series);
      },
      applyOptions: chart.applyOptions,
      resize: chart.resize,
      remove: chart.remove,
      timeScale: () => timeScale,
    };
  },
};

export interface FakeEChart {
  readonly element: HTMLElement;
  readonly options: { option: Record<string, unknown>; opts: unknown }[];
  readonly resize: ReturnType<typeof vi.fn>;
  readonly dispose: ReturnType<typeof vi.fn>;
}

export const echarts = { charts: [] as FakeEChart[] };

/** The module that replaces "echarts/core". */
export const echartsCoreModule = {
  use: () => {},
  init: (element: HTMLElement) => {
    const chart: FakeEChart = { element, options: [], resize: vi.fn(), dispose: vi.fn() };
    echarts.charts.push(chart);
    return {
      setOption: (option: Record<string, unknown>, opts: unknown) => chart.options.push({ option, opts }),
      getZr: () => ({ setSleepAfterStill: () => {} }),
      resize: chart.resize,
      dispose: chart.dispose,
    };
  },
};

export class FakeResizeObserver {
  static readonly instances: FakeResizeObserver[] = [];
  readonly observed: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.instances.push(this);
  }
  observe(element: Element): void {
    this.observed.push(element);
  }
  unobserve(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  /** Reports a new size of the observed element(s). */
  resizeTo(width: number, height: number): void {
    const entries = this.observed.map((target) => ({ target, contentRect: { width, height } }));
    this.callback(entries as unknown as ResizeObserverEntry[], this as unknown as ResizeObserver);
  }
}

export function resetFakes(): void {
  lightweight.charts.length = 0;
  echarts.charts.length = 0;
  FakeResizeObserver.instances.length = 0;
}
