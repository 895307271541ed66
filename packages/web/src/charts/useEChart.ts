/**
 * An ECharts instance in `plotRef`'s element for the component's lifetime: created on mount,
 * given each new option without animation (live data must not wobble), resized by a
 * ResizeObserver, disposed on unmount. Series are replaced by id, so a series that disappears
 * from the option disappears from the chart, while the legend keeps what the user toggled.
 */
import { type RefObject, useEffect, useRef } from "react";
import { type ChartOption, init } from "./echartsSetup.js";
import { useResize } from "./useResize.js";

type Instance = ReturnType<typeof init>;

export function useEChart(plotRef: RefObject<HTMLDivElement | null>, option: ChartOption): void {
  const chart = useRef<Instance | null>(null);

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    const instance = init(element, null, { renderer: "canvas" });
    chart.current = instance;
    return () => {
      chart.current = null;
      instance.dispose();
    };
  }, [plotRef]);

  // Runs after the creation effect, on mount as on every new option.
  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, { replaceMerge: ["series"], lazyUpdate: true });
  }, [option]);

  useResize(plotRef, () => chart.current?.resize());
}
