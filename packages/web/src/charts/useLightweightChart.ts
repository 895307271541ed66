/**
 * A lightweight-charts chart in `plotRef`'s element for the component's lifetime: created on
 * mount, sized by a ResizeObserver, recoloured on theme change, removed on unmount. `fitted`
 * says whether the view should keep showing all data: true after a full redraw, false once the
 * user scrolls or zooms, until the next full redraw.
 */
import { createChart, type DeepPartial, type IChartApi, type TimeChartOptions } from "lightweight-charts";
import { type RefObject, useEffect, useRef } from "react";
import { baseOptions, themeOptions } from "./lightweightTheme.js";
import type { ChartTheme } from "./palette.js";
import { useResize } from "./useResize.js";

export interface LightweightChartHandle {
  readonly chart: RefObject<IChartApi | null>;
  readonly fitted: RefObject<boolean>;
}

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

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    const base = baseOptions(initialTheme.current);
    const instance = createChart(element, {
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

  return { chart, fitted };
}
