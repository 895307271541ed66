/**
 * The transfers as an export walks them (issue 56 item 5, src/exports/): the completed ones of a
 * range, oldest first, read a chunk at a time up to a mark (rows stored while the export streams
 * are not in it, like the fills' lastRowMark), and the legs of one dust conversion together.
 * Pending, failed and canceled ones moved nothing for good, so no export holds them.
 */
import type { TransferItem } from "@mexc-live/contract";
import type { Db } from "./database.js";
import { SCAN_CHUNK } from "./fills.js";
import { type TransferRow, toTransferItem } from "./transfers.js";
import { queryTime } from "./validate.js";

/** Where a walk stands: the last row read, by the walk's order (time, then type:id). */
interface ScanKey {
  readonly time: number;
  readonly key: string;
}

export interface TransfersScan {
  /** ms, inclusive */
  readonly from?: number;
  /** ms, inclusive */
  readonly to?: number;
  /** Only rows stored up to this mark (transfersMark()). */
  readonly upToRow: number;
}

export class TransfersExport {
  private readonly chunk;
  private readonly lastRow;
  private readonly legsById;
  private readonly legsByTime;

  constructor(db: Db) {
    this.chunk = db.prepare<Record<string, unknown>, TransferRow>(`
      SELECT * FROM transfers
      WHERE state = 'completed' AND rowid <= @upToRow AND time BETWEEN @from AND @to
        AND (time > @time OR (time = @time AND (type || ':' || id) > @key))
      ORDER BY time, (type || ':' || id) LIMIT @limit`);
    this.lastRow = db.prepare<[], { mark: number | null }>("SELECT MAX(rowid) AS mark FROM transfers");
    this.legsById = db.prepare<[string], TransferRow>(
      "SELECT * FROM transfers WHERE type = 'conversion' AND state = 'completed' AND tx_id = ? ORDER BY time, id",
    );
    this.legsByTime = db.prepare<[number], TransferRow>(
      "SELECT * FROM transfers WHERE type = 'conversion' AND state = 'completed' AND tx_id = '' AND time = ? ORDER BY id",
    );
  }

  /** The rowid of the newest transfer stored (0: none): later ones all lie above it. */
  mark(): number {
    return this.lastRow.get()?.mark ?? 0;
  }

  /** Completed transfers of the range, oldest first, SCAN_CHUNK a statement. The range is checked now (BAD_QUERY). */
  scan(query: TransfersScan): Generator<TransferItem> {
    const from = queryTime(query.from, "from") ?? Number.MIN_SAFE_INTEGER;
    const to = queryTime(query.to, "to") ?? Number.MAX_SAFE_INTEGER;
    return this.chunks(from, to, query.upToRow);
  }

  private *chunks(from: number, to: number, upToRow: number): Generator<TransferItem> {
    let after: ScanKey = { time: Number.MIN_SAFE_INTEGER, key: "" };
    for (;;) {
      const rows = this.chunk.all({ from, to, upToRow, time: after.time, key: after.key, limit: SCAN_CHUNK });
      for (const row of rows) yield toTransferItem(row);
      const last = rows[rows.length - 1];
      if (rows.length < SCAN_CHUNK || last === undefined) return;
      after = { time: last.time, key: `${last.type}:${last.id}` };
    }
  }

  /**
   * The completed legs of the conversion `leg` belongs to: the rows sharing its transaction id
   * (the client's conversionFromRest gives every leg of one conversion the same), or, where it has
   * none, the rows of its time without one (figures/ledger/ledgerCursor.ts groups them so too).
   */
  conversionLegs(leg: TransferItem): TransferItem[] {
    const rows = leg.txId === "" ? this.legsByTime.all(leg.time) : this.legsById.all(leg.txId);
    return rows.map(toTransferItem);
  }
}
