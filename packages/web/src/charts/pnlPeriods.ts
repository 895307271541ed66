/**
 * PnL by period (GET /api/pnl/periods) -> what the bar chart draws: per period the realized PnL
 * (bars), the unrealized PnL at its end (a line; a gap where it could not be valued) and the
 * fees paid in it (in the tooltip and the footer: a part of the PnL of their own, as in the bridge,
 * not inside the realized PnL: docs/figures.md). Totals over the periods are exact
 * (protocol's decimal module); only the drawn values are floats.
 */
import type { PnlPeriod, PnlPeriodItem } from "@mexc-live/contract";
import { type Decimal, dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";
import { zoneLabel } from "../format/timeZone.js";
import { chartNumber } from "./numbers.js";
import { UNREAD_MARK } from "./periodsUnread.js";

export interface PeriodSeries {
  /** The periods, oldest first (for the tooltip's exact figures). */
  readonly items: readonly PnlPeriodItem[];
  /** Axis labels: "10-24" (a day or the Monday of a week), "2026-10" (a month). */
  readonly labels: readonly string[];
  readonly realized: readonly (number | null)[];
  readonly unrealized: readonly (number | null)[];
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

function periodLabel(first: string, period: PnlPeriod): string {
  return period === "month" ? first.slice(0, 7) : first.slice(5);
}

/** The period in words, for the tooltip: "2026-10-24 (CET)", "Week of Monday 2026-10-19", "October 2026". */
export function periodTitle(first: string, period: PnlPeriod): string {
  if (period === "day") return `${first} (${zoneLabel()})`;
  if (period === "week") return `Week of Monday ${first}`;
  return `${MONTHS[Number(first.slice(5, 7)) - 1] ?? first.slice(5, 7)} ${first.slice(0, 4)}`;
}

/**
 * What the chart draws of `items`; a period `unread` (charts/periodsUnread.ts: nothing in it read
 * from MEXC yet) draws no bar and no point, its label marked with UNREAD_MARK.
 */
export function periodSeries(
  items: readonly PnlPeriodItem[],
  period: PnlPeriod,
  unread: (item: PnlPeriodItem) => boolean = () => false,
): PeriodSeries {
  const ordered = [...items].sort((a, b) => a.from - b.from);
  const notRead = ordered.map(unread);
  const drawn = (at: number, value: string | null) => (notRead[at] ? null : (chartNumber(value) ?? null));
  return {
    items: ordered,
    labels: ordered.map((item, at) => `${periodLabel(item.period, period)}${notRead[at] ? UNREAD_MARK : ""}`),
    realized: ordered.map((item, at) => drawn(at, item.realized)),
    unrealized: ordered.map((item, at) => drawn(at, item.unrealized)),
  };
}

export interface PeriodTotals {
  readonly realized: string;
  readonly fees: string;
}

/** Realized PnL and fees summed over the periods, exactly (a figure that is not a decimal is left out). */
export function periodTotals(items: readonly PnlPeriodItem[]): PeriodTotals {
  let realized: Decimal = ZERO;
  let fees: Decimal = ZERO;
  for (const item of items) {
    if (isDecimal(item.realized)) realized = realized.plus(dec(item.realized));
    if (isDecimal(item.fees)) fees = fees.plus(dec(item.fees));
  }
  return { realized: exact(realized), fees: exact(fees) };
}
