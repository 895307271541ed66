/**
 * Beside the journal's realized PnL (its trips', by pair): the figure that leads every screen, the
 * realized PnL by asset of the calendar's days (GET /api/pnl/periods, each day as the calendar
 * shows it, summed), and the difference between the two in numbers (issue 57 item 1). Split by
 * cause over the whole history under PnL by pair (GET /api/pnl/realized); for a range it is NOT
 * split yet, and the line says so.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { dec, exact } from "@mexc-live/protocol";
import { roundDecimal, sumAsShown } from "../format/decimal.js";
import { SignedAmount } from "../tables/amounts.js";

export function JournalRealizedNote({
  days,
  tripsRealized,
  quote,
}: {
  days: readonly PnlPeriodItem[];
  tripsRealized: string | null;
  quote: string;
}) {
  if (days.length === 0 || tripsRealized === null) return null;
  const lead = sumAsShown(days.map((day) => day.realized)).value;
  const trips = exact(dec(roundDecimal(tripsRealized, 2)));
  const difference = exact(dec(lead).minus(trips));
  const leftOut = days.some((day) => (day.unpriced?.length ?? 0) > 0);
  return (
    <p className="journal-note" data-testid="journal-realized-note">
      Realized by asset over the calendar's days:{" "}
      <span data-figure="lead">
        <SignedAmount value={lead} money />
      </span>{" "}
      {quote}; the trips' <SignedAmount value={trips} money /> count by pair what each closing sell realized on its own
      pair. Difference{" "}
      <span data-figure="difference">
        <SignedAmount value={difference} money />
      </span>
      : coins spent as the quote of another pair, fees paid in a coin, withdrawals, each coin's one cost by asset, and
      the calendar's first day from its midnight. Split by cause over the whole history under PnL by pair; not yet for a
      range.{leftOut ? " Days marked * leave an asset out." : ""}
    </p>
  );
}
