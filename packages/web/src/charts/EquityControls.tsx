/**
 * The equity chart's controls row: the total's swatch, the "start + net deposits" line's checkbox,
 * what faded equity means (when some is plotted) and a checkbox per asset. The row has a fixed
 * height: when the assets do not fit they scroll sideways inside it (a fade at the right edge says
 * there is more) rather than wrapping or being cut off. The range is the section's (RangePicker).
 */
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { colorFor } from "./palette.js";
import { useResize } from "./useResize.js";

export interface EquityControlsProps {
  readonly assets: readonly string[];
  readonly picked: ReadonlySet<string>;
  readonly onToggle: (asset: string) => void;
  /** The total line's colour. */
  readonly totalColor: string;
  readonly quote: string;
  /** The "start + net deposits" line, when there is one to show or hide. */
  readonly baseline?: { readonly color: string; readonly shown: boolean; readonly onToggle: () => void };
  /** The colour of estimated equity, when some is plotted. */
  readonly estimatedColor?: string;
}

/** What faded equity is, on hover. */
const ESTIMATED_HINT =
  "Days before mexc-live ran: equity worked out from the history (balances walked back from today, at the prices traded then)";
const BASELINE_HINT =
  "Equity at the start of the range plus the net deposits since (deposits minus withdrawals, transfers in minus out, each valued when it happened): where equity would stand with no gain and no loss. The gap between it and the equity line is the PnL since the range began.";

/** True while the element's content reaches beyond its right edge (scrolled or not). */
function useMoreToTheRight(deps: unknown) {
  const ref = useRef<HTMLFieldSetElement>(null);
  const [more, setMore] = useState(false);
  const measure = useCallback(() => {
    const element = ref.current;
    if (element) setMore(element.scrollLeft + element.clientWidth < element.scrollWidth - 1);
  }, []);
  // Measured again whenever the content (deps) changes.
  useLayoutEffect(measure, [measure, deps]);
  useResize(ref, measure);
  return { ref, more, measure };
}

export function EquityControls(props: EquityControlsProps) {
  const { assets, picked, onToggle, totalColor, quote, baseline, estimatedColor } = props;
  const { ref, more, measure } = useMoreToTheRight(assets);
  return (
    <div className="chart-controls">
      <fieldset className="chart-assets" aria-label="Assets" ref={ref} onScroll={measure} data-more={more}>
        <span className="chart-total">
          <span className="chart-swatch" style={{ background: totalColor }} />
          Total{quote ? ` (${quote})` : ""}
        </span>
        {baseline && (
          <label title={BASELINE_HINT}>
            <input type="checkbox" checked={baseline.shown} onChange={baseline.onToggle} />
            <span className="chart-swatch chart-swatch-dashed" style={{ borderColor: baseline.color }} />
            start + net deposits
          </label>
        )}
        {estimatedColor && (
          <span className="chart-estimated" title={ESTIMATED_HINT}>
            <span className="chart-swatch" style={{ background: estimatedColor }} />
            estimated from history
          </span>
        )}
        {assets.map((asset) => (
          <label key={asset}>
            <input type="checkbox" checked={picked.has(asset)} onChange={() => onToggle(asset)} />
            <span className="chart-swatch" style={{ background: colorFor(asset) }} />
            {asset}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
