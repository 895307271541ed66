/**
 * The fills' sums per pair kept between rebuilds (figures/fillSums.ts): what they hold (every
 * fill up to the rowid `upToRow`, `fills` of them, as text the figures write) and the fills read
 * to bring them up to date, by rowid (the table's own order: the cheapest walk).
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
  readonly sums: string;
}

export class FillSumsTable {
  private readonly read;
  private readonly write;
  private readonly rowsAfter;
  private readonly countUpTo;

  constructor(db: Db) {
    this.read = db.prepare<[], { up_to_row: number; fills: number; sums: string }>(
      "SELECT up_to_row, fills, sums FROM fill_sums WHERE id = 1",
    );
    this.write = db.prepare(
      `INSERT INTO fill_sums (id, up_to_row, fills, sums) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET up_to_row = excluded.up_to_row, fills = excluded.fills, sums = excluded.sums`,
    );
    this.rowsAfter = db
      .prepare<[number, number], SumColumns>(
        `SELECT rowid, symbol, side, quantity, amount, fee, fee_currency, time FROM fills
         WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      )
      .raw();
    this.countUpTo = db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM fills WHERE rowid <= ?");
  }

  saved(): SavedFillSums | undefined {
    const row = this.read.get();
    return row === undefined ? undefined : { upToRow: row.up_to_row, fills: row.fills, sums: row.sums };
  }

  save(sums: SavedFillSums): void {
    this.write.run(sums.upToRow, sums.fills, sums.sums);
  }

  /** At most `limit` fills stored after the rowid `afterRow`, by rowid. */
  after(afterRow: number, limit: number): SumColumns[] {
    return this.rowsAfter.all(afterRow, limit);
  }

  /** How many fills are stored at or below the rowid `row` (as many as the sums hold, or some were deleted). */
  countUpToRow(row: number): number {
    return this.countUpTo.get(row)?.n ?? 0;
  }
}
