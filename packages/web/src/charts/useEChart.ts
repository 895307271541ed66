/**
 * An ECharts instance in `plotRef`'s element for the component's lifetime: created on mount,
 * given each new option without animation (live data must not wobble), resized by a
 * ResizeObserver, disposed on unmount. Series are replaced by id, so a series that disappears
 * from the option disappears from the chart, while the legend keeps what the user toggled.
 *
 * ECharts (about 190 KB gzipped, the biggest part of the page) is fetched the first time a chart
 * mounts, not with the page (issue 17: a small first load); the option given meanwhile is drawn
 * once it is there. Until then the hook answers false, so the chart's frame can say it is loading
 * (its box stood blank 2.2 s on a fresh demo's first chart, data in, 2026-11-28).
 */
import { type RefObject, useEffect, useRef, useState } from "react";
import type { ChartOption } from "./echartsSetup.js";
import { useResize } from "./useResize.js";

type Instance = ReturnType<typeof import("./echartsSetup.js")["init"]>;

let loading: Promise<typeof import("./echartsSetup.js")> | undefined;
/** The ECharts setup module, fetched once for every chart (tests await it too). */
export function loadECharts(): Promise<typeof import("./echartsSetup.js")> {
  loading ??= import("./echartsSetup.js");
  return loading;
}

/** Draws `option` into `plotRef`'s element; whether ECharts is there and has drawn it. */
export function useEChart(plotRef: RefObject<HTMLDivElement | null>, option: ChartOption): boolean {
  const chart = useRef<Instance | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef(option);
  latest.current = option;
  /** The last option drawn, as JSON (functions left out): an equal one is not drawn again. */
  const drawn = useRef<string | undefined>(undefined);

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    let instance: Instance | null = null;
    let gone = false;
    void loadECharts().then(({ init }) => {
      if (gone) return;
      instance = init(element, null, { renderer: "canvas" });
      // Nothing here animates: let ECharts' render loop stop one still frame after a draw, not ten.
      instance.getZr().setSleepAfterStill(1);
      chart.current = instance;
      drawn.current = draw(instance, latest.current, undefined);
      setReady(true);
    });
    return () => {
      gone = true;
      setReady(false);
      chart.current = null;
      drawn.current = undefined;
      instance?.dispose();
    };
  }, [plotRef]);

  // Runs after the creation effect, on mount as on every new option (before ECharts is there: drawn on arrival).
  useEffect(() => {
    if (chart.current) drawn.current = draw(chart.current, option, drawn.current);
  }, [option]);

  useResize(plotRef, () => chart.current?.resize());
  return ready;
}

/**
 * Gives the chart `option` unless it equals the one drawn before (each setOption wakes ECharts'
 * render loop and repaints its canvas: a recomputed but equal option is common with live data).
 */
function draw(instance: Instance, option: ChartOption, before: string | undefined): string {
  const json = JSON.stringify(option);
  if (json !== before)
    instance.setOption({ animation: false, ...option }, { replaceMerge: ["series"], lazyUpdate: true });
  return json;
}
