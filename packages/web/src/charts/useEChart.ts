/**
 * An ECharts instance in `plotRef`'s element for the component's lifetime: created on mount,
 * given each new option without animation (live data must not wobble), resized by a
 * ResizeObserver, disposed on unmount. Series are replaced by id, so a series that disappears
 * from the option disappears from the chart, while the legend keeps what the user toggled.
 *
 * ECharts (about 190 KB gzipped, the biggest part of the page) is fetched the first time a chart
 * mounts, not with the page (issue 17: a small first load); the option given meanwhile is drawn
 * once it is there.
 */
import { type RefObject, useEffect, useRef } from "react";
import type { ChartOption } from "./echartsSetup.js";
import { useResize } from "./useResize.js";

type Instance = ReturnType<typeof import("./echartsSetup.js")["init"]>;

let loading: Promise<typeof import("./echartsSetup.js")> | undefined;
/** The ECharts setup module, fetched once for every chart (tests await it too). */
export function loadECharts(): Promise<typeof import("./echartsSetup.js")> {
  loading ??= import("./echartsSetup.js");
  return loading;
}

export function useEChart(plotRef: RefObject<HTMLDivElement | null>, option: ChartOption): void {
  const chart = useRef<Instance | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    let instance: Instance | null = null;
    let gone = false;
    void loadECharts().then(({ init }) => {
      if (gone) return;
      instance = init(element, null, { renderer: "canvas" });
      chart.current = instance;
      draw(instance, latest.current);
    });
    return () => {
      gone = true;
      chart.current = null;
      instance?.dispose();
    };
  }, [plotRef]);

  // Runs after the creation effect, on mount as on every new option (before ECharts is there: drawn on arrival).
  useEffect(() => {
    if (chart.current) draw(chart.current, option);
  }, [option]);

  useResize(plotRef, () => chart.current?.resize());
}

function draw(instance: Instance, option: ChartOption): void {
  instance.setOption({ animation: false, ...option }, { replaceMerge: ["series"], lazyUpdate: true });
}
