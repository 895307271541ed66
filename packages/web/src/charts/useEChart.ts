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
 *
 * That fetch can fail: a network that changes under the browser aborts its requests, even to
 * 127.0.0.1 (Chromium's net::ERR_NETWORK_CHANGED when Docker adds an interface: local CI #88,
 * 2026-11-28). It is tried again by itself a few times, and the frames say so in words
 * (useEChartsFailure) with a button to try again, then to reload the page: a browser may keep a
 * module it failed to fetch as failed until the page is loaded again (whatwg/html#6768).
 */
import { type RefObject, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ChartOption } from "./echartsSetup.js";
import { useResize } from "./useResize.js";

/** What the charts take of the setup module. */
type Setup = Pick<typeof import("./echartsSetup.js"), "init">;
type Instance = ReturnType<Setup["init"]>;

/** After a failed fetch, the library is asked for again after these waits (ms), then it waits for the user. */
const ECHARTS_RETRY_MS = [2_000, 8_000] as const;

/** Where the library stands, for every chart at once. */
const library = {
  loading: undefined as Promise<Setup> | undefined,
  /** Why the last fetch failed; null while none has, or once one succeeded. */
  failure: null as string | null,
  /** Fetches asked for by the user (`retryECharts`). */
  asked: 0,
  /**
   * Moves when every chart not drawn should ask again: the user asked, or the library arrived
   * after a failure (a chart that had given up, its tries spent, draws then).
   */
  generation: 0,
  listeners: new Set<() => void>(),
};

function changed(): void {
  for (const listener of library.listeners) listener();
}

/** The ECharts setup module, fetched once for every chart (tests await it too); a failed fetch is asked for again on the next call. */
export function loadECharts(): Promise<Setup> {
  library.loading ??= import("./echartsSetup.js").then(
    ({ init }) => {
      if (library.failure !== null) {
        library.failure = null;
        library.generation++;
        changed();
      }
      return { init };
    },
    (error: unknown) => {
      library.loading = undefined;
      library.failure = error instanceof Error ? error.message : String(error);
      changed();
      throw error;
    },
  );
  return library.loading;
}

/** Every chart asks for the library again now (the frame's "Try again"). */
export function retryECharts(): void {
  library.asked++;
  library.generation++;
  library.failure = null;
  changed();
}

const subscribe = (listener: () => void) => {
  library.listeners.add(listener);
  return () => library.listeners.delete(listener);
};

/** Why the chart library could not be fetched (null: it was not, or it came), and how often the user asked again. */
export function useEChartsFailure(): { readonly failure: string | null; readonly asked: number } {
  const failure = useSyncExternalStore(subscribe, () => library.failure);
  const asked = useSyncExternalStore(subscribe, () => library.asked);
  return { failure, asked };
}

/** Draws `option` into `plotRef`'s element; whether ECharts is there and has drawn it. */
export function useEChart(plotRef: RefObject<HTMLDivElement | null>, option: ChartOption): boolean {
  const chart = useRef<Instance | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef(option);
  latest.current = option;
  /** The last option drawn, as JSON (functions left out): an equal one is not drawn again. */
  const drawn = useRef<string | undefined>(undefined);
  const generation = useSyncExternalStore(subscribe, () => library.generation);

  // Again when the user asks (the frame's "Try again") or the library arrived after a failure.
  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    let instance: Instance | null = null;
    let gone = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = (tries: number) => {
      loadECharts().then(
        ({ init }) => {
          if (gone) return;
          instance = init(element, null, { renderer: "canvas" });
          // Nothing here animates: let ECharts' render loop stop one still frame after a draw, not ten.
          instance.getZr().setSleepAfterStill(1);
          chart.current = instance;
          drawn.current = draw(instance, latest.current, undefined);
          setReady(true);
        },
        () => {
          const wait = ECHARTS_RETRY_MS[tries];
          if (!gone && wait !== undefined) retry = setTimeout(() => attempt(tries + 1), wait);
        },
      );
    };
    attempt(0);
    return () => {
      gone = true;
      clearTimeout(retry);
      setReady(false);
      chart.current = null;
      drawn.current = undefined;
      instance?.dispose();
    };
  }, [plotRef, generation]);

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
