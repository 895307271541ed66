/**
 * The realized PnL's causes over time (realizedCauses.ts; GET /api/pnl/realized?from&to): what
 * each cause realized by asset, and the pairs quoted in the quote currency by pair, from the
 * history's start, by method, as one vector of running sums (`SLOTS`), marked at the end of every
 * 15-minute bucket in which it moved (the portfolio's buckets, portfolioModel.ts BUCKET_MS: every
 * time zone's day starts on one; a mark at T holds everything before T), with the names (pairs,
 * assets) that moved in the bucket. A range is the difference of its two ends' marks, and the
 * names of the marks between them.
 *
 * A day's series row is its vector at the day's start and its marks, each the slots that changed
 * since the mark before and the bucket's names, as JSON. The open day's marks stay in the model
 * until the day ends; those of the days before are the store's rows (read back by RealizedSeries).
 * Pure: no IO.
 */
import { REALIZED_CAUSES, type RealizedCauseName } from "@mexc-live/contract";
import { COST_METHODS, type CostMethod } from "./engine/lots.js";
import type { LedgerRows } from "./ledger/ledgerRows.js";
import { dayOfMark } from "./portfolio/portfolioModel.js";

/** The slots of the vector: each cause by method, in REALIZED_CAUSES' and COST_METHODS' order, then the pairs' by method. */
export const SLOTS = (REALIZED_CAUSES.length + 1) * COST_METHODS.length;

/** The slot of `cause` by the method at `methodIndex`. */
export function causeSlot(cause: RealizedCauseName, methodIndex: number): number {
  return REALIZED_CAUSES.indexOf(cause) * COST_METHODS.length + methodIndex;
}

/** The slot of the pairs quoted in the quote currency, by pair, by the method at `methodIndex`. */
export function pairsSlot(methodIndex: number): number {
  return REALIZED_CAUSES.length * COST_METHODS.length + methodIndex;
}

export const methodIndex = (method: CostMethod): number => COST_METHODS.indexOf(method);

/** The names (pairs or assets) that moved in a bucket, and the assets of its unpriced moves, by cause. */
export interface BucketNames {
  readonly names: Map<RealizedCauseName, Set<string>>;
  readonly unpriced: Map<RealizedCauseName, Set<string>>;
}

export const noNames = (): BucketNames => ({ names: new Map(), unpriced: new Map() });

/** One mark: the vector at `time` (everything before it) and the names of its bucket. */
export interface Mark {
  readonly time: number;
  readonly values: readonly bigint[];
  readonly names: BucketNames;
}

/** A day of marks: the vector at its start, and its marks, oldest first. */
export interface DayOfMarks {
  readonly start: readonly bigint[];
  readonly marks: readonly Mark[];
}

interface SavedMark {
  readonly t: number;
  /** The slots that changed since the mark before (or the day's start), as text. */
  readonly v: Record<string, string>;
  readonly n?: Record<string, readonly string[]>;
  readonly u?: Record<string, readonly string[]>;
}

const setsAsLists = (sets: Map<RealizedCauseName, Set<string>>) =>
  sets.size === 0 ? undefined : Object.fromEntries([...sets].map(([cause, names]) => [cause, [...names]]));

const listsAsSets = (lists: Record<string, readonly string[]> | undefined) =>
  new Map(Object.entries(lists ?? {}).map(([cause, names]) => [cause as RealizedCauseName, new Set(names)]));

/** A day's series row. */
export function dayRowText(day: DayOfMarks): string {
  let before = day.start;
  const marks: SavedMark[] = day.marks.map((mark) => {
    const v: Record<string, string> = {};
    for (let i = 0; i < SLOTS; i++) if (mark.values[i] !== before[i]) v[i] = String(mark.values[i]);
    before = mark.values;
    const n = setsAsLists(mark.names.names);
    const u = setsAsLists(mark.names.unpriced);
    return { t: mark.time, v, ...(n === undefined ? {} : { n }), ...(u === undefined ? {} : { u }) };
  });
  return JSON.stringify({ start: day.start.map(String), marks });
}

/** A day's series row read back (it is this model's own row: a row of another form was dropped with its version). */
function dayOfRow(text: string): DayOfMarks {
  const saved = JSON.parse(text) as { start: readonly string[]; marks: readonly SavedMark[] };
  const start = saved.start.map((value) => BigInt(value));
  let values = start;
  const marks = saved.marks.map((mark) => {
    values = values.slice();
    for (const [slot, value] of Object.entries(mark.v)) (values as bigint[])[Number(slot)] = BigInt(value);
    return { time: mark.t, values, names: { names: listsAsSets(mark.n), unpriced: listsAsSets(mark.u) } };
  });
  return { start, marks };
}

/** The vector at `time` within a day: its last mark at or before `time`, else its start. */
export function valuesWithin(day: DayOfMarks, time: number): readonly bigint[] {
  let values = day.start;
  for (const mark of day.marks) {
    if (mark.time > time) break;
    values = mark.values;
  }
  return values;
}

/** The vector at the end of a day: its last mark's, or its start. */
function valuesAtEnd(day: DayOfMarks): readonly bigint[] {
  return day.marks.at(-1)?.values ?? day.start;
}

const MODEL = "realized";

/** The vector and the names of the days before the model's open day, read from its series rows. */
export class RealizedSeries {
  constructor(private readonly rows: LedgerRows) {}

  /** The vector at `time`, a bucket boundary at or before the open day's start. */
  valuesAt(time: number): readonly bigint[] {
    const day = this.rows.latest(MODEL, "series", dayOfMark(time));
    if (day === undefined) return new Array<bigint>(SLOTS).fill(0n);
    const marks = dayOfRow(this.rows.get(MODEL, "series", day) ?? "");
    return day === dayOfMark(time) ? valuesWithin(marks, time) : valuesAtEnd(marks);
  }

  /** The marks after `from` and at or before `to` (bucket boundaries), oldest first. */
  *marksBetween(from: number, to: number): Generator<Mark> {
    for (const [, text] of this.rows.rows(MODEL, "series", dayOfMark(from + 1), dayOfMark(to))) {
      for (const mark of dayOfRow(text).marks) if (mark.time > from && mark.time <= to) yield mark;
    }
  }
}
