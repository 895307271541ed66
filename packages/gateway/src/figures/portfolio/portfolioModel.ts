/**
 * The portfolio by asset, a read model of the one loop (keeper.ts): the head (portfolio.ts: every
 * asset's positions by both methods and its running totals) fed the ledger's legs, and its series,
 * the marks: each asset's totals at the end of every 15-minute bucket in which it moved (a mark at
 * T holds everything before T; every time zone's day starts on one), so any range's ends are read
 * without replaying the history (readings.ts, markReadings.ts).
 *
 * A day's series row is its marks, an asset a line ("asset\tT totals\tT totals...", totalsText.ts),
 * after the line of the totals of every asset at the day's start (what a reading at midnight
 * holds). The open day's marks stay here until the day ends; those of the days before are the
 * store's rows. Pure: no IO, no clock.
 */
import { DAY_MS } from "@mexc-live/protocol";
import { TextBytes } from "../engine/textBytes.js";
import type { Leg } from "../ledger/legs.js";
import type { LedgerModel, Resume } from "../readModel.js";
import { type AssetTotals, Portfolio, type RealizedHook } from "./portfolio.js";
import { totalsOfText } from "./totalsText.js";

/** The portfolio's time buckets: a mark at the end of each 15 minutes (every time zone's day starts on one). */
export const BUCKET_MS = 15 * 60_000;

/** The end of the bucket holding `time`: where its mark is. */
function bucketEnd(time: number): number {
  return Math.floor(time / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
}

/** A day's marks as read back: each asset's mark times (ascending) and texts, and the totals at its start. */
export interface DayMarks {
  readonly start: ReadonlyMap<string, string>;
  readonly marks: ReadonlyMap<string, { readonly times: readonly number[]; readonly texts: readonly string[] }>;
}

const TAB = 9;

/** An asset's marks of the open day (PortfolioModel.marks). */
interface OpenMarks {
  readonly times: number[];
  readonly starts: number[];
  readonly ends: number[];
  readonly out: TextBytes;
}

export class PortfolioModel implements LedgerModel {
  readonly name = "portfolio";
  private head: Portfolio;
  /** The bucket the last leg fell in (its end); undefined before any. */
  private open: number | undefined;
  /**
   * The open day's marks, by asset: their times, and their line's text as bytes ("\tT totals"
   * each, totals from starts[i] to ends[i]). The sinks stay an asset's from day to day.
   */
  private marks = new Map<string, OpenMarks>();
  private readonly sinks = new Map<string, TextBytes>();
  /** Where endDay writes the day's row. */
  private readonly row = new TextBytes();
  /** Every asset's totals at the open day's start, as text. */
  private start = new Map<string, string>();
  /** Fills left out: their pair could not be split into base and quote. */
  unplaced = 0;

  /** `hook`: told what every move of the head realized (the realized PnL's causes, realizedCauses.ts). */
  constructor(private readonly hook?: RealizedHook) {
    this.head = this.newHead();
  }

  private newHead(): Portfolio {
    const head = new Portfolio();
    head.realizedHook = this.hook;
    return head;
  }

  apply(leg: Leg): void {
    if (leg.kind === "unplaced") {
      this.unplaced++;
      return;
    }
    const end = bucketEnd(leg.time);
    if (end !== this.open) {
      this.markOpen();
      this.open = end;
    }
    this.head.apply(leg);
  }

  /** The head: every asset's totals now. */
  headTotals(): Map<string, AssetTotals> {
    return new Map(this.head.assets().map((asset) => [asset, this.head.totals(asset) as AssetTotals]));
  }

  /** Events applied. */
  get events(): number {
    return this.head.events;
  }

  /** Lots held over every asset and method (what a checkpoint costs to write). */
  lotCount(): number {
    return this.head.lotCount();
  }

  /**
   * Every asset's totals at `time`, a bucket boundary in the open day or after it (the marks of
   * the days before are the store's).
   */
  totalsInOpenDay(time: number): Map<string, AssetTotals> {
    const out = new Map<string, AssetTotals>();
    if (this.open !== undefined && time >= this.open) return this.headTotals();
    for (const [asset, text] of this.start) out.set(asset, totalsOfText(text));
    for (const [asset, { times, starts, ends, out: line }] of this.marks) {
      const at = lastAtOrBefore(times, time);
      if (at >= 0) out.set(asset, totalsOfText(line.textOf(starts[at] as number, ends[at] as number)));
    }
    return out;
  }

  save(): string {
    return JSON.stringify(this.head.checkpoint());
  }

  /** Its checkpoint row (the head); the marks of the days before stay the store's rows. */
  restore(text: string, _resume?: Resume): boolean {
    let saved: unknown;
    try {
      saved = JSON.parse(text);
    } catch {
      return false;
    }
    const head = this.newHead();
    if (!head.restore(saved)) return false;
    this.head = head;
    this.open = undefined;
    this.clearMarks();
    this.beginDay();
    return true;
  }

  /** The day's series row: the totals at its start, then its marks (the open bucket marked first); the next day starts. */
  endDay(): Uint8Array | undefined {
    this.markOpen();
    this.open = undefined;
    const empty = this.start.size === 0 && this.marks.size === 0;
    const row = this.row;
    let first = true;
    for (const [asset, text] of this.start) {
      if (!first) row.char(TAB);
      first = false;
      row.text(asset);
      row.char(TAB);
      row.text(text);
    }
    for (const [asset, { out }] of this.marks) {
      row.char(10 /* \n */);
      row.text(asset);
      row.append(out);
    }
    this.clearMarks();
    this.beginDay();
    // Empty: nothing was written.
    return empty ? undefined : row.take();
  }

  /** Forgets the open day's marks, their sinks emptied for the next day's. */
  private clearMarks(): void {
    for (const { out } of this.marks.values()) out.length = 0;
    this.marks.clear();
  }

  /** Every asset's totals at the open day's start, as a reading row holds them ("asset\ttotals\t..."). */
  startReading(): string {
    return [...this.start].map(([asset, text]) => `${asset}\t${text}`).join("\t");
  }

  /** Marks the bucket the last leg fell in: the assets that moved in it. */
  private markOpen(): void {
    const end = this.open;
    if (end === undefined) return;
    for (const asset of this.head.takeChanged()) {
      let kept = this.marks.get(asset);
      if (kept === undefined) {
        let out = this.sinks.get(asset);
        if (out === undefined) {
          out = new TextBytes(1024);
          this.sinks.set(asset, out);
        }
        kept = { times: [], starts: [], ends: [], out };
        this.marks.set(asset, kept);
      }
      const { out } = kept;
      out.char(TAB);
      out.digits(end);
      out.char(32 /* space */);
      kept.times.push(end);
      kept.starts.push(out.length);
      this.head.writeMark(asset, out);
      kept.ends.push(out.length);
    }
  }

  private beginDay(): void {
    this.head.takeChanged();
    this.start = new Map(this.head.assets().map((asset) => [asset, this.head.markText(asset)]));
  }
}

/** A reading row's text (startReading) as totals by asset. */
export function readingOf(text: string): Map<string, AssetTotals> {
  const out = new Map<string, AssetTotals>();
  if (text === "") return out;
  const f = text.split("\t");
  for (let i = 0; i + 1 < f.length; i += 2) out.set(f[i] as string, totalsOfText(f[i + 1] as string));
  return out;
}

/** A day's series row (endDay) read back. */
export function dayMarksOf(text: string): DayMarks {
  const lines = text.split("\n");
  const start = new Map<string, string>();
  const head = (lines[0] ?? "").split("\t");
  for (let i = 0; i + 1 < head.length; i += 2) start.set(head[i] as string, head[i + 1] as string);
  const marks = new Map<string, { times: number[]; texts: string[] }>();
  for (let l = 1; l < lines.length; l++) {
    const parts = (lines[l] as string).split("\t");
    const times: number[] = [];
    const texts: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i] as string;
      const space = part.indexOf(" ");
      times.push(Number(part.slice(0, space)));
      texts.push(part.slice(space + 1));
    }
    marks.set(parts[0] as string, { times, texts });
  }
  return { start, marks };
}

/** Every asset's totals at `time` within a day's marks: its start, then each asset's last mark at or before `time`. */
export function totalsWithin(day: DayMarks, time: number): Map<string, AssetTotals> {
  const out = new Map<string, AssetTotals>();
  for (const [asset, text] of day.start) out.set(asset, totalsOfText(text));
  for (const [asset, { times, texts }] of day.marks) {
    const at = lastAtOrBefore(times, time);
    if (at >= 0) out.set(asset, totalsOfText(texts[at] as string));
  }
  return out;
}

/** The place of the last time at or before `time` (ascending times); -1 when none. */
function lastAtOrBefore(times: readonly number[], time: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The UTC day of a moment's last instant before it (a mark at T holds what happened before T). */
export function dayOfMark(time: number): number {
  return Math.floor((time - 1) / DAY_MS) * DAY_MS;
}
