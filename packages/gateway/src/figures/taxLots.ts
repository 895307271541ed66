/**
 * The lots a line of the tax report took (issue 56 item 3): its parts, each with when its lot was
 * acquired, how long it was held and its term. A disposal's parts are the parts of lots its move
 * took (engine/lots.ts, dated lots: average cost's are its pool's acquisitions, oldest first, at
 * the pool's cost per unit), then, when it sold beyond what was held, the uncovered rest (no lot,
 * no acquisition known: short term, its cost its proceeds). The proceeds are shared out in
 * proportion to quantity, each share rounded once (protocol's `share`) and the last part taking
 * what is left, so the parts add up to the line to the last digit.
 *
 * A lot is held `heldDays` calendar days (UTC) from its acquisition to the disposal, and is
 * long term when held more than `longTermDays` (365 by default: a leap year's sale of a lot bought
 * on the same date the year before is held 366 days).
 */
import { LONG_TERM_DAYS } from "@mexc-live/contract";
import { DAY_MS, type Fixed, share } from "@mexc-live/protocol";
import type { LotPiece } from "./engine/lots.js";

/** Held more than this many days: long term, unless asked (contract's LONG_TERM_DAYS: its sources). */
export const DEFAULT_LONG_TERM_DAYS = LONG_TERM_DAYS.default;

export type TaxTerm = "short" | "long";

/** A part of a line: a row of its own with lots=split. */
export interface TaxPart {
  /** > 0. */
  readonly quantity: Fixed;
  /** Its share of the line's proceeds (0 when the line is unvalued). */
  readonly proceeds: Fixed;
  readonly cost: Fixed;
  /** When its lot was acquired; null: no lot (sold beyond what was held). */
  readonly acquired: number | null;
}

/**
 * The parts of a disposal of `size` units (> 0) for `money` (null: unvalued, counted as 0) whose
 * move took `pieces`; what they do not cover is the uncovered rest.
 */
export function disposalParts(size: Fixed, money: Fixed | null, pieces: readonly LotPiece[]): TaxPart[] {
  const brought = money ?? 0n;
  let covered = 0n;
  for (const piece of pieces) covered += piece.quantity;
  const coveredMoney = covered === size ? brought : share(brought, covered, size);
  const parts: TaxPart[] = [];
  let moneyLeft = coveredMoney;
  let quantityLeft = covered;
  for (const piece of pieces) {
    quantityLeft -= piece.quantity;
    const proceeds = quantityLeft === 0n ? moneyLeft : share(coveredMoney, piece.quantity, covered);
    moneyLeft -= proceeds;
    parts.push({ quantity: piece.quantity, proceeds, cost: piece.cost, acquired: piece.time });
  }
  if (covered < size) {
    const rest = brought - coveredMoney;
    parts.push({ quantity: size - covered, proceeds: rest, cost: rest, acquired: null });
  }
  return parts;
}

/** Calendar days (UTC) from `acquired` to `sold`. */
export function heldDays(acquired: number, sold: number): number {
  return Math.round((utcDay(sold) - utcDay(acquired)) / DAY_MS);
}

function utcDay(time: number): number {
  return time - (((time % DAY_MS) + DAY_MS) % DAY_MS);
}

/** A part's term: long when its lot was held more than `longTermDays`; short without a lot. */
export function termOf(acquired: number | null, sold: number, longTermDays: number): TaxTerm {
  return acquired !== null && heldDays(acquired, sold) > longTermDays ? "long" : "short";
}

/** What a line's parts say of its acquisitions: the earliest and latest, and its quantity by term. */
export interface TermSplit {
  readonly acquiredFirst: number | null;
  readonly acquiredLast: number | null;
  readonly short: Fixed;
  readonly long: Fixed;
}

export function termSplit(parts: readonly TaxPart[], sold: number, longTermDays: number): TermSplit {
  let first: number | null = null;
  let last: number | null = null;
  let short = 0n;
  let long = 0n;
  for (const part of parts) {
    if (part.acquired !== null) {
      if (first === null || part.acquired < first) first = part.acquired;
      if (last === null || part.acquired > last) last = part.acquired;
    }
    if (termOf(part.acquired, sold, longTermDays) === "long") long += part.quantity;
    else short += part.quantity;
  }
  return { acquiredFirst: first, acquiredLast: last, short, long };
}

/** Sums of a term's rows: the file's closing totals. */
export class TermTotals {
  proceeds = 0n;
  costBasis = 0n;
  gain = 0n;
  rows = 0;

  add(proceeds: Fixed, costBasis: Fixed, gain: Fixed = proceeds - costBasis): void {
    this.proceeds += proceeds;
    this.costBasis += costBasis;
    this.gain += gain;
    this.rows++;
  }
}
