/**
 * The portfolio's readings kept for any range to be answered without replaying the history
 * (figures/portfolio/, figures/portfolio/portfolioModel.ts):
 *
 *   portfolio_marks        per asset, its running totals at the end of each 15-minute bucket in
 *                          which it moved (a mark at time T holds everything before T), as the
 *                          portfolio writes them (figures/portfolio/totalsText.ts);
 *   portfolio_checkpoints  the whole portfolio (cost lots included) at the start of each UTC day
 *                          with events, so an older event recomputes from its day, not from the
 *                          first fill;
 *   portfolio_readings     every asset's mark at one moment, as a range's figures read them (a
 *                          year by day: 367 rows instead of 8,000 marks); left by each recompute
 *                          at the days' starts (figures/portfolio/readingMoments.ts) and by the
 *                          reads at theirs; at most MAX_STORED_READINGS, the latest moments kept;
 *   portfolio_meta         what they were built on (the quote, the openings): anything else and
 *                          they are rebuilt.
 */
import { DAY_MS } from "@mexc-live/protocol";
import type { Db } from "./database.js";

/** Readings kept in portfolio_readings: a few years by day, and their weeks and months (~4 kB each at 20 assets). */
export const MAX_STORED_READINGS = 2_000;

export class PortfolioMarks {
  private readonly upsertMark;
  private readonly marksAt;
  private readonly assetList;
  private readonly dropMarks;
  private readonly dropCheckpoints;
  private readonly checkpointAt;
  private readonly upsertCheckpoint;
  private readonly readMeta;
  private readonly writeMeta;
  private readonly clearAll: () => void;
  private readonly readingAt;
  private readonly upsertReading;
  private readonly dropReadings;
  private readonly readingCount;
  private readonly trimReadings;
  private readonly offsetsRead;
  private readonly writeReadings: (readings: readonly (readonly [time: number, marks: string])[]) => void;
  private readonly writeMarks: (marks: readonly (readonly [time: number, asset: string, totals: string])[]) => void;

  constructor(private readonly db: Db) {
    this.upsertMark = db.prepare(
      "INSERT INTO portfolio_marks (asset, time, totals) VALUES (?, ?, ?) ON CONFLICT (asset, time) DO UPDATE SET totals = excluded.totals",
    );
    // One statement a reading, its assets' seeks in SQLite: 22 assets a reading as 22 statements
    // cost 40 % more (a year by day is 367 readings).
    this.marksAt = db
      .prepare<[number, string], [asset: string, totals: string | null]>(
        `SELECT value, (SELECT totals FROM portfolio_marks WHERE asset = value AND time <= ? ORDER BY time DESC LIMIT 1)
         FROM json_each(?)`,
      )
      .raw();
    // A seek per asset (SELECT DISTINCT read every mark).
    this.assetList = db.prepare<[], { asset: string }>(
      `WITH RECURSIVE next (asset) AS (
         SELECT min(asset) FROM portfolio_marks
         UNION ALL
         SELECT (SELECT min(asset) FROM portfolio_marks WHERE asset > next.asset) FROM next WHERE next.asset IS NOT NULL
       ) SELECT asset FROM next WHERE asset IS NOT NULL`,
    );
    // Asset by asset, each a range of the primary key (asset, time): "WHERE time > ?" alone read
    // every mark (700k at a million fills: 150-660 ms at each start and each late fill's recompute).
    this.dropMarks = db.prepare<[string, number]>("DELETE FROM portfolio_marks WHERE asset = ? AND time > ?");
    this.dropCheckpoints = db.prepare("DELETE FROM portfolio_checkpoints WHERE time > ?");
    this.checkpointAt = db.prepare<[number], { time: number; state: string }>(
      "SELECT time, state FROM portfolio_checkpoints WHERE time <= ? ORDER BY time DESC LIMIT 1",
    );
    this.upsertCheckpoint = db.prepare(
      "INSERT INTO portfolio_checkpoints (time, state) VALUES (?, ?) ON CONFLICT (time) DO UPDATE SET state = excluded.state",
    );
    this.readMeta = db.prepare<[], { built_on: string; head_time: number | null }>(
      "SELECT built_on, head_time FROM portfolio_meta WHERE id = 1",
    );
    this.writeMeta = db.prepare(
      `INSERT INTO portfolio_meta (id, built_on, head_time) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET built_on = excluded.built_on, head_time = excluded.head_time`,
    );
    this.clearAll = db.transaction(() => {
      db.exec(
        "DELETE FROM portfolio_marks; DELETE FROM portfolio_checkpoints; DELETE FROM portfolio_readings; DELETE FROM portfolio_meta;",
      );
    });
    this.readingAt = db.prepare<[number], { totals: string }>("SELECT totals FROM portfolio_readings WHERE time = ?");
    this.upsertReading = db.prepare(
      "INSERT INTO portfolio_readings (time, totals) VALUES (?, ?) ON CONFLICT (time) DO UPDATE SET totals = excluded.totals",
    );
    this.dropReadings = db.prepare("DELETE FROM portfolio_readings WHERE time >= ?");
    this.readingCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM portfolio_readings");
    this.trimReadings = db.prepare(
      "DELETE FROM portfolio_readings WHERE time < (SELECT time FROM portfolio_readings ORDER BY time DESC LIMIT 1 OFFSET ?)",
    );
    // At most MAX_STORED_READINGS rows read.
    this.offsetsRead = db
      .prepare<[number, number, number], [offset: number]>(
        `SELECT time % ? AS offset FROM portfolio_readings GROUP BY offset HAVING offset > 0 AND count(*) >= ?
         ORDER BY count(*) DESC, offset LIMIT ?`,
      )
      .raw();
    this.writeReadings = db.transaction((readings) => {
      for (const [time, marks] of readings) this.upsertReading.run(time, marks);
      if ((this.readingCount.get()?.n ?? 0) > MAX_STORED_READINGS) this.trimReadings.run(MAX_STORED_READINGS - 1);
    });
    this.writeMarks = db.transaction((marks) => {
      for (const [time, asset, totals] of marks) this.upsertMark.run(asset, time, totals);
    });
  }

  /** Writes (or replaces) marks, [bucket end, asset, totals] each, in one transaction. */
  putMarks(marks: readonly (readonly [time: number, asset: string, totals: string])[]): void {
    if (marks.length > 0) this.writeMarks(marks);
  }

  /** Each asset's last mark at or before `time`. */
  at(time: number, assets: readonly string[] = this.assets()): Map<string, string> {
    const out = new Map<string, string>();
    for (const [asset, totals] of this.marksAt.all(time, JSON.stringify(assets))) {
      if (totals !== null) out.set(asset, totals);
    }
    return out;
  }

  /** The reading kept for `time` (putReadings): each asset's mark then; undefined when none is kept. */
  reading(time: number): Map<string, string> | undefined {
    const row = this.readingAt.get(time);
    return row === undefined ? undefined : new Map(JSON.parse(row.totals) as [string, string][]);
  }

  /**
   * Keeps readings, [time, each asset's mark then] each, in one transaction; past
   * MAX_STORED_READINGS the earliest moments are forgotten.
   */
  putReadings(readings: readonly (readonly [time: number, marks: ReadonlyMap<string, string>])[]): void {
    if (readings.length > 0) this.writeReadings(readings.map(([time, marks]) => [time, JSON.stringify([...marks])]));
  }

  /** Forgets the readings at or after `time` (a mark at `time` changes them). */
  dropReadingsFrom(time: number): void {
    this.dropReadings.run(time);
  }

  /**
   * The times of day (ms after midnight UTC, midnight itself left out) the readings kept fall on,
   * at least `min` readings each, the most read first, at most `limit` of them: where the user's
   * zones start their days.
   */
  readingOffsets(min: number, limit: number): number[] {
    return this.offsetsRead.all(DAY_MS, min, limit).map(([offset]) => offset);
  }

  /** Every asset with a mark. */
  assets(): string[] {
    return this.assetList.all().map((row) => row.asset);
  }

  /** The last checkpoint at or before `time`. */
  checkpoint(time: number): { readonly time: number; readonly state: string } | undefined {
    return this.checkpointAt.get(time);
  }

  putCheckpoint(time: number, state: string): void {
    this.upsertCheckpoint.run(time, state);
  }

  /** Forgets every mark and checkpoint after `time` (they are to be recomputed). */
  dropAfter(time: number): void {
    this.db.transaction(() => {
      for (const asset of this.assets()) this.dropMarks.run(asset, time);
      this.dropCheckpoints.run(time);
      this.dropReadings.run(time + 1);
    })();
  }

  clear(): void {
    this.clearAll();
  }

  meta(): { readonly builtOn: string; readonly headTime: number | undefined } | undefined {
    const row = this.readMeta.get();
    return row === undefined ? undefined : { builtOn: row.built_on, headTime: row.head_time ?? undefined };
  }

  setMeta(builtOn: string, headTime: number | undefined): void {
    this.writeMeta.run(builtOn, headTime ?? null);
  }
}
