/**
 * Traded volume per symbol and day: the sum of fill amounts in the pair's quote asset, and the
 * same valued in the gateway's quote currency at fill time (`amountValue`, see fees.ts). Kept per
 * 15 minutes, so days follow any time zone (`tz`, timeZones.ts). A day's value is null when any
 * of its fills had no known value: a partial sum would mislead.
 */
import type { VolumeItem } from "@mexc-live/contract";
import { DAY_MS, fmt, MINUTE_MS } from "@mexc-live/protocol";
import { type Scaled, scaled, scaledText, toDecimal } from "./scaled.js";
import { periodLabel, periodStart } from "./timeZones.js";

/** Volume is kept per this many ms (every time zone's day starts on one). */
const VOLUME_BUCKET_MS = 15 * MINUTE_MS;

/** A fill as volume reads it. */
export interface VolumeFill {
  readonly symbol: string;
  readonly time: number;
  readonly amount: string;
  readonly amountValue?: string | null;
}

export interface VolumeQuery {
  readonly symbol?: string;
  /** ms; days that end before it are left out. */
  readonly from?: number;
  /** ms; days that start after it are left out. */
  readonly to?: number;
  /** Days in this time zone (default UTC). */
  readonly tz?: string;
}

interface DayText {
  readonly text: string;
  readonly savedAs?: number;
}

interface Bucket {
  readonly start: number;
  readonly symbol: string;
  quoteVolume: Scaled;
  value: Scaled | null;
  fills: number;
}

/** The UTC day of a time in ms, YYYY-MM-DD. */
export function utcDay(time: number): string {
  return new Date(Math.floor(time / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** A VolumeBook as plain JSON (15-minute start, symbol, quote volume, value, fills), for checkpoints. */
export type VolumeBookState = [number, string, string, string | null, number][];

/** Apply each fill once: only fills the store reported new, or a store replay. */
export class VolumeBook {
  /** UTC day start -> "start symbol" -> bucket; a day's buckets in the order their first fill came. */
  private readonly days = new Map<number, Map<string, Bucket>>();
  /**
   * A day's buckets as checkpoint JSON (without the brackets), kept until a fill changes the day,
   * and the generation of the checkpoint's day row holding it (store/figuresCheckpoint.ts) once
   * saved. Never changed in place: a copy (`before`) shares them.
   */
  private readonly dayText = new Map<number, DayText>();
  /** The day whose text `add` dropped last, none written since (so the next fill of that day need not drop it). */
  private dropped = Number.NaN;
  /** The bucket each symbol's last fill went to (the next fill's, most of the time). */
  private readonly latest = new Map<string, Bucket>();

  constructor(state?: VolumeBookState) {
    const saved = new Map<number, VolumeBookState>();
    for (const entry of state ?? []) {
      const day = Math.floor(entry[0] / DAY_MS) * DAY_MS;
      saved.set(day, [...(saved.get(day) ?? []), entry]);
    }
    // The checkpoint's own text of each day, for the next one (saveText).
    for (const [day, entries] of saved) this.dayText.set(day, { text: JSON.stringify(entries).slice(1, -1) });
    for (const [start, symbol, quoteVolume, value, fills] of state ?? []) {
      this.dayOf(start).set(`${start} ${symbol}`, {
        start,
        symbol,
        quoteVolume: scaled(quoteVolume),
        value: value === null ? null : scaled(value),
        fills,
      });
    }
  }

  save(): VolumeBookState {
    const out: VolumeBookState = [];
    for (const day of this.sortedDays()) out.push(...this.saveDay(day));
    return out;
  }

  /**
   * JSON.stringify(save()), the days no fill changed since the last call as they were written
   * then: a year of 15-minute buckets is megabytes of text, and the checkpoint is written after
   * each rebuild and every few minutes.
   */
  saveText(): string {
    const parts: string[] = [];
    for (const day of this.sortedDays()) {
      const text = this.textOf(day);
      if (text !== "") parts.push(text);
    }
    return `[${parts.join(",")}]`;
  }

  /**
   * The volume from the checkpoint's day rows (each a day's text as saveDays wrote it), every
   * day saved under the row's generation.
   */
  static fromDays(
    days: Iterable<{ readonly day: number; readonly generation: number; readonly text: string }>,
  ): VolumeBook {
    const book = new VolumeBook();
    for (const { day, generation, text } of days) {
      for (const [start, symbol, quoteVolume, value, fills] of JSON.parse(`[${text}]`) as VolumeBookState) {
        book.dayOf(start).set(`${start} ${symbol}`, {
          start,
          symbol,
          quoteVolume: scaled(quoteVolume),
          value: value === null ? null : scaled(value),
          fills,
        });
      }
      book.dayText.set(day, { text, savedAs: generation });
    }
    return book;
  }

  /** The days not saved in a checkpoint row since a fill changed them, oldest first, with their text. */
  *unsavedDays(): Generator<[day: number, text: string]> {
    for (const day of this.sortedDays())
      if (this.dayText.get(day)?.savedAs === undefined) yield [day, this.textOf(day)];
  }

  /** `day`'s text (as unsavedDays gave it) is in the checkpoint's row of `generation`. */
  savedAs(day: number, generation: number, text: string): void {
    this.setText(day, { text, savedAs: generation });
  }

  /** `day` is to be saved again. */
  unsaved(day: number): void {
    const written = this.dayText.get(day);
    if (written !== undefined) this.setText(day, { text: written.text });
  }

  /** The days saved in a checkpoint row (unsavedDays has the others), with its generation, oldest first. */
  savedDays(): { day: number; generation: number }[] {
    const days = [];
    for (const day of this.sortedDays()) {
      const generation = this.dayText.get(day)?.savedAs;
      if (generation !== undefined) days.push({ day, generation });
    }
    return days;
  }

  private setText(day: number, written: DayText): void {
    this.dayText.set(day, written);
    this.dropped = Number.NaN;
  }

  private textOf(day: number): string {
    let written = this.dayText.get(day);
    if (written === undefined) {
      written = { text: JSON.stringify(this.saveDay(day)).slice(1, -1) };
      this.setText(day, written);
    }
    return written.text;
  }

  apply(fill: VolumeFill): void {
    const value = fill.amountValue == null ? null : scaled(fill.amountValue, "amountValue");
    this.add(fill.time, fill.symbol, scaled(fill.amount, "amount"), value);
  }

  /** A fill's numbers already read (figures.ts reads each number of a fill once). */
  add(time: number, symbol: string, amount: Scaled, value: Scaled | null): void {
    const start = Math.floor(time / VOLUME_BUCKET_MS) * VOLUME_BUCKET_MS;
    const day = Math.floor(start / DAY_MS) * DAY_MS;
    if (day !== this.dropped) {
      this.dayText.delete(day);
      this.dropped = day;
    }
    let bucket = this.latest.get(symbol);
    if (bucket === undefined || bucket.start !== start) {
      const buckets = this.dayOf(start);
      const key = `${start} ${symbol}`;
      bucket = buckets.get(key);
      if (!bucket) {
        bucket = { start, symbol, quoteVolume: 0n, value: 0n, fills: 0 };
        buckets.set(key, bucket);
      }
      this.latest.set(symbol, bucket);
    }
    bucket.quoteVolume += amount;
    bucket.value = bucket.value === null || value === null ? null : bucket.value + value;
    bucket.fills++;
  }

  /**
   * The volume of the UTC days before `day` (a day's start), sharing their buckets with this book:
   * the figures replay the fills from `day` on into it. A day holds the buckets of its own fills
   * alone, so the days before are what they were.
   */
  before(day: number): VolumeBook {
    const copy = new VolumeBook();
    for (const [start, buckets] of this.days) if (start < day) copy.days.set(start, buckets);
    for (const [start, text] of this.dayText) if (start < day) copy.dayText.set(start, text);
    return copy;
  }

  private sortedDays(): number[] {
    return [...this.days.keys()].sort((a, b) => a - b);
  }

  private saveDay(day: number): VolumeBookState {
    const out: VolumeBookState = [];
    for (const b of (this.days.get(day) as Map<string, Bucket>).values()) {
      out.push([b.start, b.symbol, scaledText(b.quoteVolume), b.value === null ? null : scaledText(b.value), b.fills]);
    }
    return out;
  }

  private dayOf(start: number): Map<string, Bucket> {
    const day = Math.floor(start / DAY_MS) * DAY_MS;
    let buckets = this.days.get(day);
    if (buckets === undefined) {
      buckets = new Map();
      this.days.set(day, buckets);
    }
    return buckets;
  }

  /** Volume by day of the zone (oldest first), then symbol. */
  items(query: VolumeQuery = {}): VolumeItem[] {
    const zone = query.tz ?? "UTC";
    const fromDay = query.from === undefined ? undefined : periodStart(zone, "day", query.from);
    const days = new Map<
      string,
      { day: number; symbol: string; quoteVolume: Scaled; value: Scaled | null; fills: number }
    >();
    const dayOfStart = new Map<number, number>();
    for (const b of [...this.days.values()].flatMap((buckets) => [...buckets.values()])) {
      if (query.symbol !== undefined && b.symbol !== query.symbol) continue;
      let day = dayOfStart.get(b.start);
      if (day === undefined) {
        day = periodStart(zone, "day", b.start);
        dayOfStart.set(b.start, day);
      }
      if ((fromDay !== undefined && day < fromDay) || (query.to !== undefined && day > query.to)) continue;
      const key = `${day} ${b.symbol}`;
      const held = days.get(key);
      if (held === undefined)
        days.set(key, { day, symbol: b.symbol, quoteVolume: b.quoteVolume, value: b.value, fills: b.fills });
      else {
        held.quoteVolume += b.quoteVolume;
        held.value = held.value === null || b.value === null ? null : held.value + b.value;
        held.fills += b.fills;
      }
    }
    return [...days.values()]
      .sort((a, b) => (a.day === b.day ? compare(a.symbol, b.symbol) : a.day - b.day))
      .map((d) => ({
        day: periodLabel(zone, d.day),
        symbol: d.symbol,
        quoteVolume: fmt(toDecimal(d.quoteVolume)),
        value: d.value === null ? null : fmt(toDecimal(d.value)),
        fills: d.fills,
      }));
  }
}

/** Volume buckets of a sequence of fills. */
export function volumeByDay(fills: Iterable<VolumeFill>, query?: VolumeQuery): VolumeItem[] {
  const book = new VolumeBook();
  for (const fill of fills) book.apply(fill);
  return book.items(query);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
