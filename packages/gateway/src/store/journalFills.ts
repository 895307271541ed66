/**
 * The fills as the journal reads them (figures/journal/roundTrips.ts JournalFill): the figures'
 * columns plus the order and its clientOrderId, oldest first (time, then trade id), read as raw
 * rows in chunks. `afterRow`/`upToRow` bound the rowids read: a whole walk reads (0, mark], a
 * later one only what was stored since; a walk from a checkpoint starts after its last fill.
 */
import type { Side } from "@mexc-live/protocol";
import type { Db } from "./database.js";
import type { FiguresRow } from "./fills.js";

/** A fill as the journal reads it: what the figures by pair read (FiguresRow), with its order and clientOrderId. */
export interface JournalFill extends FiguresRow {
  readonly orderId: string;
  readonly clientOrderId: string;
}

/** Rows a statement reads: bounded memory, the connection free in between (as fills.ts FIGURES_CHUNK). */
const JOURNAL_CHUNK = 512;

type JournalColumns = [
  tradeId: string,
  orderId: string,
  clientOrderId: string,
  symbol: string,
  side: Side,
  price: string,
  quantity: string,
  amount: string,
  fee: string,
  feeCurrency: string,
  feeValue: string | null,
  feePairValue: string | null,
  amountValue: string | null,
  time: number,
];

interface ScanParams {
  time: number;
  tradeId: string;
  upToRow: number;
  limit: number;
}

export class JournalFills {
  private readonly chunk;
  private readonly newRows;
  private readonly behind;

  constructor(db: Db) {
    const columns = `trade_id, order_id, client_order_id, symbol, side, price, quantity, amount, fee, fee_currency,
      fee_value, fee_pair_value, amount_value, time`;
    this.chunk = db
      .prepare<ScanParams, JournalColumns>(
        `SELECT ${columns} FROM fills WHERE (time, trade_id) > (@time, @tradeId) AND rowid <= @upToRow
          ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    this.newRows = db
      .prepare<{ afterRow: number; upToRow: number; limit: number }, JournalColumns>(
        `SELECT ${columns} FROM fills WHERE rowid > @afterRow AND rowid <= @upToRow ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    // By rowid (the span stored since): the (time, trade_id) index would walk every older fill.
    this.behind = db.prepare<{ afterRow: number; upToRow: number; time: number; tradeId: string }, { one: number }>(
      `SELECT 1 AS one FROM fills NOT INDEXED WHERE rowid > @afterRow AND rowid <= @upToRow
        AND (time < @time OR (time = @time AND trade_id <= @tradeId)) LIMIT 1`,
    );
  }

  /** Every fill stored up to the mark `upToRow` (after the fill `after`, when given), oldest first, in chunks. */
  *scan(upToRow: number, after?: { time: number; tradeId: string }): Generator<JournalFill> {
    let time = after?.time ?? Number.MIN_SAFE_INTEGER;
    let tradeId = after?.tradeId ?? "";
    for (;;) {
      const rows = this.chunk.all({
        time,
        tradeId,
        upToRow,
        limit: JOURNAL_CHUNK,
      }) as unknown as JournalColumns[];
      for (const row of rows) yield journalFill(row);
      const last = rows[rows.length - 1];
      if (rows.length < JOURNAL_CHUNK || last === undefined) return;
      time = last[13];
      tradeId = last[0];
    }
  }

  /**
   * Whether a fill stored after the mark `afterRow`, up to `upToRow`, sorts at or before `key`: a
   * checkpoint holding every fill up to `afterRow` and up to `key` no longer holds all of those.
   * Reads the rowids in between (a caller bounds the span).
   */
  storedBehind(afterRow: number, upToRow: number, key: { time: number; tradeId: string }): boolean {
    return this.behind.get({ afterRow, upToRow, time: key.time, tradeId: key.tradeId }) !== undefined;
  }

  /** The fills stored after the mark `afterRow` up to `upToRow`, oldest first; undefined when more than `limit`. */
  since(afterRow: number, upToRow: number, limit: number): JournalFill[] | undefined {
    const rows = this.newRows.all({ afterRow, upToRow, limit: limit + 1 }) as unknown as JournalColumns[];
    return rows.length > limit ? undefined : rows.map(journalFill);
  }
}

function journalFill(row: JournalColumns): JournalFill {
  return {
    tradeId: row[0],
    orderId: row[1],
    clientOrderId: row[2],
    symbol: row[3],
    side: row[4],
    price: row[5],
    quantity: row[6],
    amount: row[7],
    fee: row[8],
    feeCurrency: row[9],
    feeValue: row[10],
    feePairValue: row[11],
    amountValue: row[12],
    time: row[13],
  };
}
