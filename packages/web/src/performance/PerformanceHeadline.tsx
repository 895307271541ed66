/**
 * The answer to "am I up or down?" over the range picked, from one GET /api/performance answer:
 * the PnL in the quote currency (end equity minus start equity minus the net deposits) and the
 * time-weighted return in %, coloured, beside it the money-weighted return (IRR, from GET
 * /api/performance/money-weighted: over the range, and a year's rate), the span the gateway measured, the cost-basis method, and
 * in words which assets are left out for want of a market price; while the page's connection to
 * the gateway is lost, that they are as last seen. Each figure's tooltip says what it is (the
 * definitions: docs/figures.md).
 */
import type { MoneyWeightedAnswer, MoneyWeightedNoRate, PerformanceSummary } from "@mexc-live/contract";
import { DAY_MS, isDecimal } from "@mexc-live/protocol";
import { pricesComingWords } from "../format/leftOut.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatClock } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";
import { COST_METHOD_LABEL } from "../pnl/costMethod.js";
import { type SignedText, signedValueText, twrText } from "./performanceText.js";
import { coverageText, hasNoFigures, REVERSED_DAYS, spanText } from "./rangeWords.js";

const PNL_HINT =
  "PnL: end equity minus start equity minus the net deposits within the range (deposits minus withdrawals, transfers in minus out, each valued when it happened). The same as realized + unrealized + fees in the bridge below. Money paid in is not a gain, money taken out is not a loss.";
const TWR_HINT =
  "TWR, the time-weighted return: the growth of the account over the range with deposits and withdrawals set apart (the returns between flows, multiplied). A percentage of what was at stake, whatever was paid in or taken out when.";

const IRR_HINT =
  "IRR, the money-weighted return (internal rate of return): the one rate at which the start equity and every deposit and withdrawal, grown for the time each was in the range, make the end equity. Unlike TWR it weighs the periods by the money at stake; over a range of a year or more, in brackets the same growth as a rate a year (Portfolio Performance's IRR).";
/**
 * The shortest range whose IRR is also shown as a rate a year: a shorter one's would be a guess at
 * a year from less ("+0.12 %" today read as "+55 % a year"). The GIPS standards hold any return to
 * the same: none for a period under a year is annualised (CFA Institute's GIPS Standards Q&A,
 * https://gipsstandards.org/?GIPSID=370, from the GIPS Handbook).
 */
const ANNUAL_FROM_MS = 365 * DAY_MS;
const NO_IRR: Record<MoneyWeightedNoRate, string> = {
  noEquity: "no equity at the start or the end of the range",
  emptyRange: "the range has no length",
  nothingInvested: "nothing was invested (no equity at the start, no deposit)",
  noRoot: "no rate above -100 % makes the flows the end equity",
  pricesPending: "past prices or history it needs are still being fetched",
};

const CLASS = { up: "change-up", down: "change-down", flat: undefined } as const;

function Signed({ value, testId, exact }: { value: SignedText; testId: string; exact?: string }) {
  return (
    <strong className={CLASS[value.direction]} data-testid={testId} data-value={exact} title={exact}>
      {value.text}
    </strong>
  );
}

export interface PerformanceHeadlineProps {
  /** null until the first answer. */
  readonly summary: PerformanceSummary | null;
  readonly quote: string;
  /** The range's name ("Today", "7 d"). */
  readonly rangeLabel: string;
  /** When the answer was asked for "now" (ms), to say "now" rather than the time. */
  readonly now: number;
  /** The days picked are not a range (the first after the last): no figure, a sentence. */
  readonly invalid?: boolean;
  /** Why the figures are provisional (the history still being read, the gateway still updating them), in words; null when they are not. */
  readonly provisional?: string | null;
  /** Since when the page's connection to the gateway is lost (ms); null while it is up: the figures are as last seen. */
  readonly lostAt?: number | null;
  /** The money-weighted return of the same range; null until read (or none for the range). */
  readonly irr?: MoneyWeightedAnswer | null;
}

export function PerformanceHeadline({
  summary,
  quote,
  rangeLabel,
  now,
  invalid = false,
  provisional = null,
  lostAt = null,
  irr = null,
}: PerformanceHeadlineProps) {
  const displayZone = useDisplayZone();
  const zone = zoneLabel(displayZone, now);
  const coverage = summary ? coverageText(summary, displayZone) : null;
  const noFigures = summary !== null && hasNoFigures(summary);
  const pnl: unknown = summary?.pnl;
  const pnlText = typeof pnl === "string" && isDecimal(pnl) ? signedValueText(pnl) : null;
  const twr = summary ? twrText(summary.twr) : null;
  const irrPeriod = irr ? twrText(irr.period) : null;
  const irrAnnual = irr && irr.to - irr.from >= ANNUAL_FROM_MS ? twrText(irr.annual) : null;
  const noIrr = irr?.noRate ? ` None for this range: ${NO_IRR[irr.noRate] ?? irr.noRate}.` : "";
  const unpriced = summary?.unpriced ?? [];
  return (
    <div className="perf-headline" data-testid="performance-headline">
      <p className="perf-figures">
        <span className="perf-figure" title={PNL_HINT}>
          <span className="perf-name">PnL</span>{" "}
          {pnlText ? (
            <>
              <Signed value={pnlText} testId="headline-pnl" exact={pnl as string} /> {quote}
            </>
          ) : (
            <span className="not-set" data-testid="headline-pnl">
              –
            </span>
          )}
        </span>
        <span className="perf-figure" title={TWR_HINT}>
          <span className="perf-name">TWR</span>{" "}
          {twr ? (
            <Signed value={twr} testId="headline-twr" exact={summary?.twr ?? undefined} />
          ) : (
            <span className="not-set" data-testid="headline-twr">
              –
            </span>
          )}
        </span>
        <span className="perf-figure" title={`${IRR_HINT}${noIrr}`}>
          <span className="perf-name">IRR</span>{" "}
          {irrPeriod ? (
            <>
              <Signed value={irrPeriod} testId="headline-irr" exact={irr?.period ?? undefined} />
              {irrAnnual && (
                <span className="perf-annual" data-testid="headline-irr-annual" title={irr?.annual ?? undefined}>
                  {" "}
                  ({irrAnnual.text} a year)
                </span>
              )}
            </>
          ) : (
            <span className="not-set" data-testid="headline-irr">
              –
            </span>
          )}
        </span>
      </p>
      <p className="perf-span">
        {rangeLabel}
        {summary ? `: ${spanText(summary, now, displayZone, zone)}` : ""}
        {summary?.method ? ` · ${COST_METHOD_LABEL[summary.method]}` : ""}
      </p>
      {lostAt !== null && summary !== null && (
        <p className="perf-note perf-last-seen" data-testid="performance-last-seen">
          As last seen: the connection to the gateway is lost since {formatClock(lostAt)}, and these figures do not move
          until it is back.
        </p>
      )}
      {invalid && (
        <p className="perf-note perf-range-words" data-testid="range-words">
          {REVERSED_DAYS}
        </p>
      )}
      {coverage !== null && (
        <p className="perf-note perf-range-words" data-testid="range-words">
          {coverage}
        </p>
      )}
      {provisional !== null && pnlText !== null && (
        <p className="perf-note" data-testid="provisional">
          {provisional}
        </p>
      )}
      {summary && !noFigures && pnlText === null && summary.pnl === null && (
        <p className="perf-note">No PnL: the balances at the start or the end of the range are not known.</p>
      )}
      {unpriced.length > 0 && (
        <p
          className="perf-note perf-unpriced"
          data-testid="unpriced"
          data-pending={summary?.pricesPending || undefined}
        >
          {summary?.pricesPending
            ? pricesComingWords(unpriced)
            : `Not in these figures: ${unpriced.join(", ")}, for want of a market price near enough (a candle MEXC no longer serves, or no pair to ${quote}).`}
        </p>
      )}
    </div>
  );
}
