/**
 * The fixed-size box every chart draws into: the plot element keeps its size whether or not data
 * has arrived (no layout jump), and a short note sits on top of it while empty: "Loading…" until
 * its data came (never a false "no data"), "no data yet" once an answer said there is none.
 */
import type { CSSProperties, ReactNode, Ref } from "react";
import type { ChartTheme } from "./palette.js";
import { retryECharts, useEChartsFailure } from "./useEChart.js";
import "./charts.css";

/** What a chart of the figures is given besides its data. */
export interface ChartProps {
  /** The quote currency the values are in ("USDT"). */
  readonly quote: string;
  readonly theme: ChartTheme;
  /**
   * Total height in px including its controls and footer; without it the chart fills its parent
   * (which must have a fixed height).
   */
  readonly height?: number;
  /** Its data has not been read yet: the chart says "Loading…", not "no data yet". */
  readonly loading?: boolean | undefined;
}

export interface ChartFrameProps extends Omit<ChartProps, "quote" | "theme"> {
  readonly label: string;
  /** Nothing is drawn; default: no `dataPoints`. "Loading…" shows only while it is. */
  readonly empty?: boolean;
  /**
   * The chart library is there and has drawn (useEChart's answer); default true. With data in
   * and the library still on its way (fetched with the first chart), it says "Loading…" over the
   * blank box.
   */
  readonly drawn?: boolean;
  /** What it says when empty and read, if not "no data yet" (why nothing is drawn). */
  readonly emptyText?: string | undefined;
  /** The element the chart library draws into. */
  readonly plotRef: Ref<HTMLDivElement>;
  /** Controls above the plot (fixed height, part of `height`). */
  readonly controls?: ReactNode;
  /** Notes below the plot (fixed height, part of `height`). */
  readonly footer?: ReactNode;
  readonly testId?: string;
  readonly dataPoints?: number;
  /** The first point drawn (ms, and its value): where the line begins, for readers and tests. */
  readonly dataFirst?: { readonly time: number; readonly value: number };
  readonly className?: string;
  /** The zone the time axis is in ("GMT+1"), shown in the corner under the price axis (issue 40: axes named none). */
  readonly timeZone?: string;
}

const EMPTY_TEXT = "no data yet";
const LOADING_TEXT = "Loading…";

/** Used when neither the `height` prop nor the parent's CSS gives the chart a height. */
const MIN_CHART_HEIGHT = 120;

function frameStyle(height: number | undefined): CSSProperties {
  return height === undefined ? { height: "100%", minHeight: MIN_CHART_HEIGHT } : { height };
}

export function ChartFrame(props: ChartFrameProps) {
  const {
    height,
    label,
    dataPoints,
    empty = dataPoints === 0,
    emptyText = EMPTY_TEXT,
    loading: notRead = false,
    drawn = true,
    plotRef,
    controls,
    footer,
    testId,
    dataFirst,
    className,
    timeZone,
  } = props;
  const loading = notRead && empty;
  const { failure, asked } = useEChartsFailure();
  return (
    <figure
      className={className ? `chart-frame ${className}` : "chart-frame"}
      style={frameStyle(height)}
      aria-label={label}
      data-testid={testId}
      data-points={dataPoints}
      data-first-time={dataFirst?.time}
      data-first-value={dataFirst?.value}
      data-empty={empty}
      data-loading={loading}
      data-drawn={drawn}
    >
      {controls}
      <div className="chart-plot">
        <div className="chart-canvas" ref={plotRef} />
        {!drawn && failure !== null ? (
          <LibraryMissing failure={failure} asked={asked} />
        ) : (
          <>
            {(empty || loading) && <p className="chart-empty">{loading ? LOADING_TEXT : emptyText}</p>}
            {!empty && !drawn && <p className="chart-empty">{LOADING_TEXT}</p>}
          </>
        )}
        {timeZone && (
          <span className="chart-axis-zone" data-testid="chart-zone" title={`Times on this axis are in ${timeZone}`}>
            {timeZone}
          </span>
        )}
      </div>
      {footer}
    </figure>
  );
}

/**
 * The chart library could not be fetched (useEChart.ts): said over the box, not "Loading…" for
 * ever, with the way out: ask again; once that failed too, load the page again (a browser may
 * keep the failed fetch until then).
 */
function LibraryMissing({ failure, asked }: { failure: string; asked: number }) {
  return (
    <p className="chart-empty chart-missing" role="alert" title={failure} data-testid="chart-library-missing">
      The chart library did not arrive from the gateway (a network error).{" "}
      {asked === 0 ? (
        <button type="button" onClick={retryECharts}>
          Try again
        </button>
      ) : (
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      )}
    </p>
  );
}
