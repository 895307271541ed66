/**
 * Equity snapshots, one per ms (a second one at the same ms replaces the first). Read back
 * downsampled: per `step` ms bucket, the last snapshot in it; never more than MAX_EQUITY_POINTS_PER_QUERY.
 */

import type { EquityPoint } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { StoreError } from "../errors.js";
import type { Db } from "./database.js";
import { decimalField, queryTime, timeField } from "./validate.js";

/** The most points one equity query returns; a smaller step is widened to fit. */
export const MAX_EQUITY_POINTS_PER_QUERY = 5_000;

/** The API table's equity read as the store takes it (contract api/params.ts; `from`, `to` inclusive), every field optional. */
export type EquityQuery = Partial<ReadQuery<"equity">>;

interface EquityRow {
  time: number;
  equity: string;
  by_asset: string;
  estimated: number;
}

export class EquitySnapshots {
  private readonly put;
  private readonly span;
  private readonly buckets;
  private readonly latestRow;
  private readonly firstMeasured;
  private readonly dropEstimated;

  constructor(db: Db) {
    this.put = db.prepare(
      "INSERT OR REPLACE INTO equity_snapshots (time, equity, by_asset, estimated) VALUES (@time, @equity, @byAsset, @estimated)",
    );
    this.span = db.prepare<{ from: number; to: number }, { first: number | null; last: number | null; n: number }>(
      "SELECT MIN(time) AS first, MAX(time) AS last, COUNT(*) AS n FROM equity_snapshots WHERE time BETWEEN @from AND @to",
    );
    // SQLite keeps the other columns of the row holding MAX() (documented "bare column" rule).
    this.buckets = db.prepare<{ from: number; to: number; step: number }, EquityRow>(`
      SELECT MAX(time) AS time, equity, by_asset, estimated FROM equity_snapshots
      WHERE time BETWEEN @from AND @to GROUP BY time / CAST(@step AS INTEGER) ORDER BY time`);
    this.latestRow = db.prepare<[], EquityRow>(
      "SELECT time, equity, by_asset, estimated FROM equity_snapshots ORDER BY time DESC LIMIT 1",
    );
    this.firstMeasured = db.prepare<[], { time: number | null }>(
      "SELECT MIN(time) AS time FROM equity_snapshots WHERE estimated = 0",
    );
    this.dropEstimated = db.prepare("DELETE FROM equity_snapshots WHERE estimated = 1");
  }

  add(point: EquityPoint): void {
    const byAsset: Record<string, string> = {};
    for (const [asset, value] of Object.entries(point.byAsset))
      byAsset[asset] = decimalField(value, `byAsset.${asset}`);
    this.put.run({
      time: timeField(point.time, "time"),
      equity: decimalField(point.equity, "equity"),
      byAsset: JSON.stringify(byAsset),
      estimated: point.estimated ? 1 : 0,
    });
  }

  /** The time of the first point measured live (not estimated); undefined before any. */
  firstMeasuredTime(): number | undefined {
    return this.firstMeasured.get()?.time ?? undefined;
  }

  /** Replaces every estimated point with these (run inside a transaction). */
  replaceEstimated(points: readonly EquityPoint[]): void {
    this.dropEstimated.run();
    for (const point of points) this.add({ ...point, estimated: true });
  }

  /** Oldest first. */
  range(query: EquityQuery): EquityPoint[] {
    const from = queryTime(query.from, "from") ?? 0;
    const to = queryTime(query.to, "to") ?? Number.MAX_SAFE_INTEGER;
    if (query.step !== undefined && (!Number.isSafeInteger(query.step) || query.step < 1)) {
      throw new StoreError("BAD_QUERY", "step must be a positive integer of ms");
    }
    const span = this.span.get({ from, to });
    if (!span || span.n === 0 || span.first === null || span.last === null) return [];
    // Buckets are aligned to multiples of step; a span of (n-2) steps touches at most n of them.
    const fitting = Math.max(1, Math.ceil((span.last - span.first + 1) / (MAX_EQUITY_POINTS_PER_QUERY - 2)));
    const step = Math.max(query.step ?? 1, fitting);
    return this.buckets.all({ from, to, step }).map(toPoint);
  }

  latest(): EquityPoint | undefined {
    const row = this.latestRow.get();
    return row ? toPoint(row) : undefined;
  }
}

function toPoint(row: EquityRow): EquityPoint {
  const point = { time: row.time, equity: row.equity, byAsset: JSON.parse(row.by_asset) as Record<string, string> };
  return row.estimated ? { ...point, estimated: true } : point;
}
