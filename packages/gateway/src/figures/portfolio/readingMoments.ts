/**
 * The moments a recompute of the portfolio leaves a reading at (every asset's totals then, as the
 * store's portfolio_readings keep them), so that a range's figures read one row a moment, not a
 * mark per asset (a year by day at 22 assets: 367 rows, not 8,000 seeks). Its days' starts are
 * the moments a range by day, week or month reads: midnight UTC, and the times of day the user's
 * zones start their days (those the stored readings already hold most, store/portfolioMarks.ts
 * readingOffsets). Each is a bucket boundary (zones are offset from UTC by whole quarter hours).
 */
import { DAY_MS } from "@mexc-live/protocol";
import { MAX_STORED_READINGS } from "../../store/portfolioMarks.js";
import type { AssetTotals } from "./portfolio.js";
import { BUCKET_MS } from "./portfolioEvents.js";

/** Times of day kept: UTC and at most three zones' (a zone with summer time has two). */
export const MAX_READING_OFFSETS = 4;
/** A time of day counts as a zone's once at least this many stored readings fall on it (a week by day). */
export const MIN_READINGS_AT_OFFSET = 7;

export class ReadingMoments {
  private readonly offsets: readonly number[];

  /**
   * `offsets`: times of day (ms after midnight UTC, whole quarter hours) besides midnight, the most
   * read first; at most MAX_READING_OFFSETS in all.
   */
  constructor(offsets: readonly number[] = []) {
    const kept = new Set([0]);
    for (const offset of offsets) {
      if (kept.size >= MAX_READING_OFFSETS) break;
      // A moment must be a bucket's end (the walk leaves a reading once every event before it is in).
      if (Number.isInteger(offset) && offset > 0 && offset < DAY_MS && offset % BUCKET_MS === 0) kept.add(offset);
    }
    this.offsets = [...kept].sort((a, b) => a - b);
  }

  /** The first moment after `time`. */
  after(time: number): number {
    const day = Math.floor(time / DAY_MS) * DAY_MS;
    for (const offset of this.offsets) if (day + offset > time) return day + offset;
    return day + DAY_MS + (this.offsets[0] as number);
  }
}

/** A reading left: every asset's mark then, and the totals they stand for (the latest readings only). */
export interface ReadingLeft {
  readonly time: number;
  readonly marks: ReadonlyMap<string, string>;
  readonly totals: ReadonlyMap<string, AssetTotals> | undefined;
}

/**
 * The readings a walk of the history leaves at the moments it passes, each holding every asset's
 * last mark then; the latest MAX_STORED_READINGS of them (the store keeps no more), the latest
 * `withTotals` of them with their totals too (as a read keeps them, not parsed again).
 */
export class ReadingsLeft {
  private readonly latest: Map<string, string>;
  private readonly latestTotals = new Map<string, AssetTotals>();
  /** The reading of `latest` as it stands, shared by the moments it holds for (made when first left). */
  private current: Omit<ReadingLeft, "time"> | undefined;
  private next: number | undefined;
  private made: {
    time: number;
    marks: ReadonlyMap<string, string>;
    totals: ReadonlyMap<string, AssetTotals> | undefined;
  }[] = [];

  /**
   * `from`: where a walk from a checkpoint starts, with each asset's last mark then (their totals
   * are not kept: readings made before the walk's first mark have none); without it the walk
   * starts at the first event (no reading before it: nothing is marked).
   */
  constructor(
    private readonly moments: ReadingMoments,
    private readonly withTotals: number,
    from?: { readonly time: number; readonly marks: ReadonlyMap<string, string> },
  ) {
    this.latest = new Map(from?.marks);
    this.next = from === undefined ? undefined : moments.after(from.time);
  }

  /** The walk marked `asset`: its mark's text, and the totals it stands for. */
  set(asset: string, text: string, totals: AssetTotals): void {
    this.latest.set(asset, text);
    this.latestTotals.set(asset, totals);
    this.current = undefined;
  }

  /** The walk applied every event before `until` (a bucket boundary) and none after: the moments up to it are left. */
  passTo(until: number): void {
    if (this.next === undefined) {
      this.next = this.moments.after(until);
      return;
    }
    for (; this.next <= until; this.next = this.moments.after(this.next)) {
      if (this.latest.size === 0) continue;
      this.current ??= {
        marks: new Map(this.latest),
        // Totals for every asset only once each is marked in this walk (not for a checkpoint's marks).
        totals: this.latestTotals.size === this.latest.size ? new Map(this.latestTotals) : undefined,
      };
      this.made.push({ ...this.current, time: this.next });
      const old = this.made[this.made.length - 1 - this.withTotals];
      if (old !== undefined) old.totals = undefined;
      if (this.made.length >= MAX_STORED_READINGS + TRIM_EVERY) this.made = this.made.slice(-MAX_STORED_READINGS);
    }
  }

  /** The readings left, oldest first. */
  left(): readonly ReadingLeft[] {
    return this.made.slice(-MAX_STORED_READINGS);
  }
}

/** Readings left past MAX_STORED_READINGS before the earliest are dropped (a slice each this many). */
const TRIM_EVERY = 256;
