/**
 * The equity chart's legend: the total's swatch, the "start + net deposits" line's checkbox, what
 * faded equity means (when some is plotted) and a checkbox per asset. When they do not fit on one
 * line they wrap onto more (three at most, charts.css; beyond, the legend scrolls down by whole
 * lines), never cut at the right edge (issue 57 item 9: at 1280 px the last asset's checkbox
 * was cut in half, the row scrolling sideways). The range is the section's (RangePicker).
 */
import { colorFor } from "./palette.js";

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

export function EquityControls(props: EquityControlsProps) {
  const { assets, picked, onToggle, totalColor, quote, baseline, estimatedColor } = props;
  return (
    <div className="chart-controls">
      <fieldset className="chart-assets" aria-label="Assets">
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
