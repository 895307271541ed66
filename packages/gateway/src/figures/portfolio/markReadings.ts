/**
 * Every asset's totals at a moment of the days before the portfolio's open day, read from the
 * portfolio's rows (portfolioModel.ts): a midnight after a day with events from its reading row
 * (a row of a few kB); a moment within such a day from the day's series row, its start and each
 * asset's last mark before the moment; any other from the reading at the end of the last day with
 * events before it. The readings made are kept for the next read (a year by day is 367, read again
 * at each new figure), and the days' rows parsed for the next moment of the same day.
 */
import { DAY_MS } from "@mexc-live/protocol";
import type { LedgerRows } from "../ledger/ledgerRows.js";
import type { AssetTotals } from "./portfolio.js";
import { type DayMarks, dayMarksOf, dayOfMark, readingOf, totalsWithin } from "./portfolioModel.js";

/**
 * Readings kept parsed, the most recently used: a year of PnL by day is 367 of them (its weeks
 * and months start on its days), read again at each new figure; about 55 kB each with 22 assets,
 * so 22 MB an account at most.
 */
const MAX_KEPT_READINGS = 400;
/** Days' marks kept parsed (a day's moments in several zones read one row). */
const MAX_KEPT_DAYS = 8;

const MODEL = "portfolio";

export class MarkReadings {
  private readonly kept = new Map<number, ReadonlyMap<string, AssetTotals>>();
  private readonly days = new Map<number, DayMarks | null>();

  constructor(private readonly rows: LedgerRows) {}

  /** Every asset's totals at `time` (a bucket boundary at or before the open day's start). */
  totalsAt(time: number): ReadonlyMap<string, AssetTotals> {
    const held = this.kept.get(time);
    if (held !== undefined) {
      this.kept.delete(time); // most recently used last
      this.kept.set(time, held);
      return held;
    }
    const totals = this.read(time);
    this.kept.set(time, totals);
    if (this.kept.size > MAX_KEPT_READINGS) this.kept.delete(this.kept.keys().next().value as number);
    return totals;
  }

  /** The readings and days from `day` on are no longer true (the keeper resumes from that day). */
  forgetFrom(day: number): void {
    for (const time of this.kept.keys()) if (time > day) this.kept.delete(time);
    for (const at of this.days.keys()) if (at >= day) this.days.delete(at);
  }

  private read(time: number): ReadonlyMap<string, AssetTotals> {
    if (time % DAY_MS === 0) {
      const reading = this.rows.get(MODEL, "reading", time);
      if (reading !== undefined) return readingOf(reading);
    }
    const day = dayOfMark(time);
    const marks = this.dayMarks(day);
    if (marks !== undefined) return totalsWithin(marks, time);
    const before = this.rows.latest(MODEL, "reading", time);
    return before === undefined ? new Map() : readingOf(this.rows.get(MODEL, "reading", before) ?? "");
  }

  private dayMarks(day: number): DayMarks | undefined {
    let marks = this.days.get(day);
    if (marks === undefined) {
      const text = this.rows.get(MODEL, "series", day);
      marks = text === undefined ? null : dayMarksOf(text);
      this.days.set(day, marks);
      if (this.days.size > MAX_KEPT_DAYS) this.days.delete(this.days.keys().next().value as number);
    }
    return marks ?? undefined;
  }
}
