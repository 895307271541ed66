/**
 * How the account did over the equity chart's range (GET /api/performance): the time-weighted
 * return, coloured, and the net deposits within the range. Hovering (or a screen reader) explains
 * that deposits and withdrawals are not gains or losses.
 */
import type { PerformanceSummary } from "@mexc-live/contract";
import { isDecimal } from "@mexc-live/protocol";
import { useId } from "react";
import { type SignedText, signedValueText, twrText } from "./performanceText.js";

export interface RangePerformanceProps {
  /** null until the first answer. */
  readonly summary: PerformanceSummary | null;
  /** The range's name, as on its button ("1d"). */
  readonly range: string;
  readonly quote: string;
}

export const PERFORMANCE_HINT =
  "TWR, the time-weighted return: how the account grew over the range with deposits and withdrawals set apart. " +
  "Money paid in is not a gain and money taken out is not a loss. " +
  "Net deposits: deposits minus withdrawals (and transfers in minus out) within the range, valued when each happened.";

const CLASS = { up: "change-up", down: "change-down", flat: undefined } as const;

function Signed({ value }: { value: SignedText }) {
  return <span className={CLASS[value.direction]}>{value.text}</span>;
}

export function RangePerformance({ summary, range, quote }: RangePerformanceProps) {
  const hintId = useId();
  const twr = summary ? twrText(summary.twr) : null;
  // An answer without the figures (an older gateway) shows "–", never a crash.
  const netFlows: unknown = summary?.netFlows;
  const flows = typeof netFlows === "string" && isDecimal(netFlows) ? signedValueText(netFlows) : null;
  return (
    <p className="range-performance" title={PERFORMANCE_HINT} aria-describedby={hintId} data-testid="range-performance">
      <span className="range-name">{range}</span>
      <span>TWR {twr ? <Signed value={twr} /> : <span className="not-set">–</span>}</span>
      <span>
        net deposits{" "}
        {flows ? (
          <>
            <Signed value={flows} /> {quote}
          </>
        ) : (
          <span className="not-set">–</span>
        )}
      </span>
      {/* Not shown nor read in line; read as the description. */}
      <span id={hintId} hidden>
        {PERFORMANCE_HINT}
      </span>
    </p>
  );
}
