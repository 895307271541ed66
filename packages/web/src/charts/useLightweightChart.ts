/**
 * A lightweight-charts chart in `plotRef`'s element for the component's lifetime: created on
 * mount, sized by a ResizeObserver, recoloured on theme change, removed on unmount. `fitted`
 * says whether the view should keep showing all data: true after a full redraw, false once the
 * user scrolls or zooms, until the next full redraw. Its ticks are weighed where the data is
 * (dataTickWeights.ts: `setDataTimes` before the series' data); the tick labels it formatted since
 * the data was last set anew (`newTicks`) are on the element as `data-time-ticks`, for readers and
 * browser tests (a canvas has no text to read).
 */
import {
  createChartEx,
  type DeepPartial,
  type IChartApi,
  type IHorzScaleBehavior,
  type Time,
  type TimeChartOptions,
} from "lightweight-charts";
import { type RefObject, useCallback, useEffect, useRef } from "react";
import { dataTickBehavior, spansDays } from "./dataTickWeights.js";
import { baseOptions, themeOptions } from "./lightweightTheme.js";
import type { ChartTheme } from "./palette.js";
import { useResize } from "./useResize.js";

export interface LightweightChartHandle {
  readonly chart: RefObject<IChartApi | null>;
  readonly fitted: RefObject<boolean>;
  /** The times (chart seconds) that carry a value in any series; undefined: all of them. */
  setDataTimes(times: ReadonlySet<number> | undefined): void;
  /** The data was set anew (call once it is set): the tick labels formatted are counted from now (`data-time-ticks`). */
  newTicks(): void;
}

/** Tick labels kept on the element at most (a chart draws a dozen at a time). */
const MAX_TICK_LABELS = 200;

/** Events by which the user takes over the view (pan, zoom). */
const USER_VIEW_EVENTS = ["wheel", "pointerdown", "touchstart"] as const;

/**
 * `onCreate` runs after each chart creation (to forget what was plotted on a previous chart:
 * React may mount, unmount and mount again). `options` (read once, at creation) add to the
 * shared base options.
 */
export function useLightweightChart(
  plotRef: RefObject<HTMLDivElement | null>,
  theme: ChartTheme,
  onCreate: () => void,
  options?: {
    readonly timeScale?: DeepPartial<TimeChartOptions["timeScale"]> & { readonly ignoreWhitespaceIndices?: boolean };
    readonly localization?: DeepPartial<TimeChartOptions["localization"]>;
  },
): LightweightChartHandle {
  const chart = useRef<IChartApi | null>(null);
  const fitted = useRef(true);
  const initialTheme = useRef(theme);
  const initialOptions = useRef(options);
  const created = useRef(onCreate);
  created.current = onCreate;
  const ticks = useRef(dataTickBehavior());
  const labels = useRef(new Set<string>());

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    const base = baseOptions(initialTheme.current);
    const shown = labels.current;
    shown.clear();
    ticks.current.onLabel = (label) => {
      if (shown.has(label) || shown.size >= MAX_TICK_LABELS) return;
      shown.add(label);
      element.dataset.timeTicks = [...shown].join("|");
    };
    const instance = createChartEx<Time, IHorzScaleBehavior<Time>>(element, ticks.current.behavior, {
      ...base,
      timeScale: { ...base.timeScale, ...initialOptions.current?.timeScale },
      localization: { ...base.localization, ...initialOptions.current?.localization },
      width: element.clientWidth,
      height: element.clientHeight,
    });
    chart.current = instance;
    fitted.current = true;
    const takeOver = () => {
      fitted.current = false;
    };
    for (const type of USER_VIEW_EVENTS) element.addEventListener(type, takeOver, { passive: true });
    created.current();
    return () => {
      for (const type of USER_VIEW_EVENTS) element.removeEventListener(type, takeOver);
      chart.current = null;
      instance.remove();
    };
  }, [plotRef]);

  useEffect(() => {
    chart.current?.applyOptions(themeOptions(theme));
  }, [theme]);

  useResize(plotRef, (width, height) => chart.current?.resize(width, height));

  const setDataTimes = useCallback((times: ReadonlySet<number> | undefined) => {
    ticks.current.dataTimes = times;
    ticks.current.daysApart = times !== undefined && spansDays(times);
  }, []);
  const newTicks = useCallback(() => {
    labels.current.clear();
    if (plotRef.current) delete plotRef.current.dataset.timeTicks;
    // The library keeps each tick's label: forgotten, so the labels drawn from now are heard. Only
    // once the data is set (between a line's emptying and its new data it left the line drawn
    // straight across the days in between, seen on 30 d).
    chart.current?.timeScale().applyOptions({});
  }, [plotRef]);
  return { chart, fitted, setDataTimes, newTicks };
}
