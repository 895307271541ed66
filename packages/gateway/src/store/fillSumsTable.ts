/**
 * The fills' sums per pair kept between rebuilds (figures/fillSums.ts): what they hold (every
 * fill up to the rowid `upToRow`, `fills` of them, as text the figures write) and the fills read
 * to bring them up to date, by rowid (the table's own order: the cheapest walk). A fill deleted
 * or changed in what they sum counts in `removed()` (triggers, migration 13): sums kept at
 * another count no longer stand.
 */
import type { Side } from "@mexc-live/protocol";
import type { Db } from "./database.js";

/** A fill as the sums read it. */
export type SumColumns = [
  row: number,
  symbol: string,
  side: Side,
  quantity: string,
  amount: string,
  fee: string,
  feeCurrency: string,
  time: number,
];

export interface SavedFillSums {
  readonly upToRow: number;
  readonly fills: number;
  /** removed() when the sums began to be read. */
  readonly removed: number;
  readonly sums: string;
}

export class FillSumsTable {
  private readonly read;
  private readonly write;
  private readonly rowsAfter;
  private readonly removedCount;

  constructor(db: Db) {
    this.read = db.prepare<[], { up_to_row: number; fills: number; removed: number; sums: string }>(
      "SELECT up_to_row, fills, removed, sums FROM fill_sums WHERE id = 1",
    );
    this.write = db.prepare(
      `INSERT INTO fill_sums (id, up_to_row, fills, removed, sums) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET up_to_row = excluded.up_to_row, fills = excluded.fills,
         removed = excluded.removed, sums = excluded.sums`,
    );
    this.removedCount = db.prepare<[], { n: number }>("SELECT n FROM fills_removed WHERE id = 1");
    this.rowsAfter = db
      .prepare<[number, number], SumColumns>(
        `SELECT rowid, symbol, side, quantity, amount, fee, fee_currency, time FROM fills
         WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      )
      .raw();
  }

  saved(): SavedFillSums | undefined {
    const row = this.read.get();
    return row === undefined
      ? undefined
      : { upToRow: row.up_to_row, fills: row.fills, removed: row.removed, sums: row.sums };
  }

  save(sums: SavedFillSums): void {
    this.write.run(sums.upToRow, sums.fills, sums.removed, sums.sums);
  }

  /** Fills deleted or changed in what the sums hold, ever (the triggers count them). */
  removed(): number {
    return this.removedCount.get()?.n ?? 0;
  }

  /** At most `limit` fills stored after the rowid `afterRow`, by rowid. */
  after(afterRow: number, limit: number): SumColumns[] {
    return this.rowsAfter.all(afterRow, limit);
  }
}
