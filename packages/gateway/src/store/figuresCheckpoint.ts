/**
 * The derived figures' checkpoint: one row holding the figures' state as of a fill (its sort
 * key), how many fills it had seen, and the opening positions it was built on. It is good only if
 * the store still agrees: exactly that many fills up to that key (a backfilled or imported older
 * fill makes it stale), and the same openings.
 */
import type { Db } from "./database.js";

export interface FiguresCheckpoint {
  readonly savedAt: number;
  readonly fills: number;
  readonly last: { readonly time: number; readonly tradeId: string } | undefined;
  readonly openings: string;
  readonly state: string;
}

interface Row {
  saved_at: number;
  fills: number;
  last_time: number | null;
  last_trade_id: string | null;
  openings: string;
  state: string;
}

export class FiguresCheckpointTable {
  private readonly read;
  private readonly write;
  private readonly countUpTo;

  constructor(db: Db) {
    this.read = db.prepare<[], Row>("SELECT * FROM figures_checkpoint WHERE id = 1");
    this.write = db.prepare(`
      INSERT INTO figures_checkpoint (id, saved_at, fills, last_time, last_trade_id, openings, state)
      VALUES (1, @savedAt, @fills, @lastTime, @lastTradeId, @openings, @state)
      ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, fills = excluded.fills,
        last_time = excluded.last_time, last_trade_id = excluded.last_trade_id, openings = excluded.openings,
        state = excluded.state`);
    this.countUpTo = db.prepare<[number, number, string], { n: number }>(
      "SELECT COUNT(*) AS n FROM fills WHERE time < ? OR (time = ? AND trade_id <= ?)",
    );
  }

  get(): FiguresCheckpoint | undefined {
    const row = this.read.get();
    if (row === undefined) return undefined;
    return {
      savedAt: row.saved_at,
      fills: row.fills,
      last:
        row.last_time === null || row.last_trade_id === null
          ? undefined
          : { time: row.last_time, tradeId: row.last_trade_id },
      openings: row.openings,
      state: row.state,
    };
  }

  put(checkpoint: FiguresCheckpoint): void {
    this.write.run({
      savedAt: checkpoint.savedAt,
      fills: checkpoint.fills,
      lastTime: checkpoint.last?.time ?? null,
      lastTradeId: checkpoint.last?.tradeId ?? null,
      openings: checkpoint.openings,
      state: checkpoint.state,
    });
  }

  /** Fills stored at or before `key` (the store's order). */
  fillsUpTo(key: { time: number; tradeId: string }): number {
    return this.countUpTo.get(key.time, key.time, key.tradeId)?.n ?? 0;
  }
}
