/**
 * Beside the journal's realized PnL (its trips', by pair): the figure that leads every screen, the
 * realized PnL by asset of the calendar's days (GET /api/pnl/periods, each day as the calendar
 * shows it, summed), and the difference between the two in numbers (issue 57 item 1), in two
 * parts that add up as shown: the trips against the pairs quoted in the quote currency by pair
 * over the same days (the trips' range is not the calendar's, and they count the pairs quoted in
 * another coin), then the pairs' realized to the figure by asset, cause by cause (GET
 * /api/pnl/realized over the calendar's range, the PnL panel's line: RealizedCausesLine).
 */
import type { PnlPeriodItem, RealizedCauses } from "@mexc-live/contract";
import { dec, exact } from "@mexc-live/protocol";
import { roundDecimal, sumAsShown } from "../format/decimal.js";
import { RealizedCausesLine } from "../pnl/RealizedCausesNote.js";
import { SignedAmount } from "../tables/amounts.js";
import { realizedOverDays } from "./realizedOverDays.js";

export function JournalRealizedNote({
  days,
  causes,
  tripsRealized,
  tripsRange,
  quote,
}: {
  days: readonly PnlPeriodItem[];
  /** The causes over the calendar's range (GET /api/pnl/realized?from&to); null until read. */
  causes: RealizedCauses | null;
  tripsRealized: string | null;
  /** The trips' range in words ("the last 30 days"). */
  tripsRange: string;
  quote: string;
}) {
  if (days.length === 0 || tripsRealized === null) return null;
  const lead = sumAsShown(days.map((day) => day.realized)).value;
  const trips = exact(dec(roundDecimal(tripsRealized, 2)));
  const difference = exact(dec(lead).minus(trips));
  const leftOut = days.some((day) => (day.unpriced?.length ?? 0) > 0);
  const overDays = realizedOverDays(causes, days, quote);
  return (
    <div className="journal-note" data-testid="journal-realized-note">
      <p>
        Realized by asset over the calendar's days:{" "}
        <span data-figure="lead">
          <SignedAmount value={lead} money />
        </span>{" "}
        {quote}; the trips' <SignedAmount value={trips} money /> count by pair what each closing order realized on its
        own pair. Difference{" "}
        <span data-figure="difference">
          <SignedAmount value={difference} money />
        </span>
        {overDays === null ? (
          leftOut ? (
            ". Days marked * leave an asset out (it had no price), so the difference is not split by cause."
          ) : (
            "; its causes are being read."
          )
        ) : (
          <>
            :{" "}
            <span data-figure="tripsGap">
              <SignedAmount value={exact(dec(overDays.byPair).minus(trips))} money />
            </span>{" "}
            from the trips to the {quote} pairs' realized by pair over the calendar's days (
            <span data-figure="pairsOverDays">
              <SignedAmount value={overDays.byPair} money />
            </span>
            ): the trips are those closed in {tripsRange}, the days run from the first one's midnight, and the trips
            count the pairs quoted in another coin at their value at close. The rest, by cause:
          </>
        )}
      </p>
      {overDays?.shown != null && (
        <RealizedCausesLine
          shown={overDays.shown}
          quote={quote}
          total={`the ${quote} pairs over these days`}
          testId="journal-realized-causes"
        />
      )}
      {overDays !== null && overDays.shown === null && <p>Nothing else: the pairs' realized is the figure by asset.</p>}
    </div>
  );
}
