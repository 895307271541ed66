/**
 * A period of nothing inside the span of MEXC's history still being read (health's `history`:
 * the backfill's plan, from its reach to when it was planned) is not known to be a period of
 * nothing: its fills may not have been read yet. Where PnL by period is shown (the chart, the
 * journal's calendar) such a period says so instead of drawing a 0.00, one rule for both.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { compareDecimal } from "../format/decimal.js";
import type { HistoryBeingRead } from "../header/useProvisional.js";

/** In place of a period's 0.00 while its fills may not have been read from MEXC yet. */
export const UNREAD_MARK = "…";

/** A period's words in place of its figures while it is unread. */
export const UNREAD_WORDS = "not read from MEXC yet (its history is still being read)";

/** A period with nothing in it (no realized PnL, no fee), inside the span still being read. */
export function periodUnread(item: PnlPeriodItem, reading: HistoryBeingRead | null): boolean {
  if (reading === null || item.to < reading.from || item.from > reading.to) return false;
  return compareDecimal(item.realized, "0") === 0 && compareDecimal(item.fees, "0") === 0;
}

/** The words under periods some of which are unread, `which` naming them ("Days marked …"); null when none is. */
export function periodsUnread(
  items: readonly PnlPeriodItem[],
  reading: HistoryBeingRead | null,
  which: string,
): string | null {
  if (!items.some((item) => periodUnread(item, reading))) return null;
  return `${which} hold nothing read so far: MEXC's history of them is still being read.`;
}

/** The same in a few words, for a line cut short at phone width (the whole sentence on hover). */
export function periodsUnreadShort(which: string): string {
  return `${which}: not read from MEXC yet`;
}
