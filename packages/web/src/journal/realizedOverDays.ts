/**
 * The realized PnL by asset of the journal's calendar against the pairs' over the same days, by
 * cause (GET /api/pnl/realized?from&to over the calendar's range; issue 57 item 1): the lead is
 * the days' realized as the calendar shows them, summed; the pairs' total the answer's to the
 * cent; each cause as the PnL panel shows its own (pnl/realizedCauses.ts). Shown only when the
 * answer is of the days shown (their realized summed is its byAsset, exactly): not while one of
 * the two reads is of another moment, nor when a day leaves an asset out (it has no price then).
 */
import type { PnlPeriodItem, RealizedCauses } from "@mexc-live/contract";
import { dec, exact, ZERO } from "@mexc-live/protocol";
import { roundDecimal, sumAsShown } from "../format/decimal.js";
import { causesAsShown, type RealizedShown } from "../pnl/realizedCauses.js";

/** The pairs' realized over the days, to the cent, and the line (null: nothing differs). */
export interface OverDays {
  readonly byPair: string;
  readonly shown: RealizedShown | null;
}

export function realizedOverDays(
  answer: RealizedCauses | null,
  days: readonly PnlPeriodItem[],
  quote: string,
): OverDays | null {
  if (answer === null || days.length === 0 || answer.quote !== quote || !Array.isArray(answer.causes)) return null;
  const byAsset = days.reduce((total, day) => total.plus(day.realized), ZERO);
  if (!byAsset.eq(dec(answer.byAsset))) return null;
  const lead = sumAsShown(days.map((day) => day.realized)).value;
  const byPair = exact(dec(roundDecimal(answer.byPair, 2)));
  return { byPair, shown: causesAsShown(answer, lead, byPair, quote) };
}
