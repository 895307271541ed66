/**
 * The bridge as a waterfall: how start equity became end equity over the range, one row per part
 * (start equity, deposits, withdrawals, transfers, realized, unrealized, fees, end equity), each
 * with its figure in the quote currency (2 places; the exact figure on hover) and a bar from the
 * running total before it to the one after. Plain HTML, not a chart library: eight bars, readable
 * by a screen reader, no canvas to load on the first screen. Each row's tooltip says what the
 * part is (the definitions: docs/figures.md). A bridge that does not add up says so.
 */
import type { PerformanceBridge } from "@mexc-live/contract";
import { moneyLabel } from "../charts/numbers.js";
import { Money, SignedAmount } from "../tables/amounts.js";
import { type BridgeBar, bridgeView } from "./bridge.js";

export interface BridgeWaterfallProps {
  readonly bridge: PerformanceBridge;
  readonly quote: string;
  /** The answer is older than the equity shown above it (endMoment.ts): end equity says "updating". */
  readonly endUpdating?: boolean;
  /** The figures version the bridge was read at, and the latest equity point's (data attributes: what a test reads). */
  readonly versions?: { readonly answer: number | null | undefined; readonly point: number | undefined };
  /** Assets the answer leaves out of every figure (unpriced): the bridge says so under its bars. */
  readonly leftOut?: readonly string[];
}

/** The smallest width a non-zero change is drawn with (%), so it is seen beside a big total. */
const MIN_BAR_PERCENT = 0.6;

function Bar({ bar, axisMin, axisMax }: { bar: BridgeBar; axisMin: number; axisMax: number }) {
  const span = axisMax - axisMin || 1;
  const low = Math.min(bar.start, bar.end);
  const high = Math.max(bar.start, bar.end);
  const left = ((low - axisMin) / span) * 100;
  const width = ((high - low) / span) * 100;
  if (width === 0 && bar.kind === "change") return <span className="bridge-track" />;
  const direction = bar.kind === "total" ? "total" : bar.end >= bar.start ? "up" : "down";
  return (
    <span className="bridge-track">
      <span
        className={`bridge-bar bridge-bar-${direction}`}
        style={{ left: `${left}%`, width: `${Math.max(width, MIN_BAR_PERCENT)}%` }}
      />
    </span>
  );
}

export function BridgeWaterfall({ bridge, quote, endUpdating = false, versions, leftOut = [] }: BridgeWaterfallProps) {
  const view = bridgeView(bridge);
  if (view === null) return <p className="form-error">The bridge from the gateway is not made of decimal figures.</p>;
  const cut = view.axisMin > 0;
  return (
    <figure
      className="bridge"
      aria-label={`How start equity became end equity, in ${quote}`}
      data-testid="bridge"
      data-figures-version={versions?.answer ?? undefined}
      data-equity-version={versions?.point}
      data-updating={endUpdating || undefined}
    >
      <ol className="bridge-rows">
        {view.bars.map((bar) => (
          <li key={bar.key} className={`bridge-row bridge-${bar.kind}`} data-key={bar.key} title={bar.hint}>
            <span className="bridge-label">{bar.label}</span>
            <Bar bar={bar} axisMin={view.axisMin} axisMax={view.axisMax} />
            <span className="bridge-value" data-value={bar.key === "endEquity" && endUpdating ? undefined : bar.value}>
              {bar.key === "endEquity" && endUpdating ? (
                <span className="not-set" title="A newer equity point came: the figures are read again">
                  updating…
                </span>
              ) : bar.kind === "total" ? (
                <Money value={bar.value} />
              ) : (
                <SignedAmount value={bar.value} money />
              )}
            </span>
          </li>
        ))}
      </ol>
      <figcaption className="bridge-note">
        {quote}
        {leftOut.length > 0 && (
          <span data-testid="bridge-left-out">{` · without ${leftOut.join(", ")}: start and end equity leave them out`}</span>
        )}
        {cut && ` · bars from ${moneyLabel(view.axisMin)}, so the changes show`}
        {view.mismatch !== null && (
          <span className="form-error"> · the parts do not add up to end equity: off by {view.mismatch}</span>
        )}
      </figcaption>
    </figure>
  );
}
