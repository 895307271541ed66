/**
 * The journal's checkpoints (figures/journal/journalKeeper.ts), one per cost method: what its
 * round trips were built on, how many fills they hold up to which fill (the store's order), the
 * open positions as text, and the trips themselves as text in chunks (journal_trip_chunks). A
 * chunk is written under a generation; the checkpoint's row names the generation of each of its
 * chunks, so chunks written ahead of the row (a build writes a million fills' trips in slices)
 * count only once it is written, and a save that changed one chunk rewrites that one alone.
 */
import type { Db } from "./database.js";
import { lastFillOf } from "./figuresCheckpoint.js";

/** A journal checkpoint as its row holds it (the chunks' text apart). */
export interface JournalCheckpoint {
  /** What the trips stand on (the rules' version and the openings): anything else and they are built again. */
  readonly builtOn: string;
  /** Fills applied, every one at or before `last`. */
  readonly fills: number;
  readonly last: { readonly time: number; readonly tradeId: string } | undefined;
  /**
   * The trips hold every fill stored up to this rowid (fillsMark), none after it, while the store
   * removed `removed` fills (fillsRemovedMark); null in a checkpoint written before they were kept.
   */
  readonly rowMark: number | null;
  readonly removed: number | null;
  /** The open positions (figures/journal/roundTrips.ts RoundTripsState as JSON). */
  readonly state: string;
  /** The generation of each chunk, by its index. */
  readonly chunks: readonly number[];
}

/** Chunks dropUnnamed deletes at a time (about 600 KB each at a million fills). */
const UNNAMED_DELETED_AT_ONCE = 8;

interface Row {
  built_on: string;
  fills: number;
  last_time: number | null;
  last_trade_id: string | null;
  state: string;
  chunks: string;
  row_mark: number | null;
  removed: number | null;
}

export class JournalCheckpoints {
  private readonly read;
  private readonly readChunk;
  private readonly write;
  private readonly insertChunk;
  private readonly removeUnnamed;
  private readonly removeSomeUnnamed;
  private readonly newest;
  private readonly removeAll;
  private nextGeneration: number | undefined;

  constructor(private readonly db: Db) {
    this.read = db.prepare<[string], Row>("SELECT * FROM journal_checkpoints WHERE method = ?");
    this.readChunk = db.prepare<[string, number, number], { lines: string }>(
      "SELECT lines FROM journal_trip_chunks WHERE method = ? AND chunk = ? AND generation = ?",
    );
    this.write = db.prepare(`
      INSERT INTO journal_checkpoints (method, built_on, fills, last_time, last_trade_id, state, chunks, row_mark, removed)
      VALUES (@method, @builtOn, @fills, @lastTime, @lastTradeId, @state, @chunks, @rowMark, @removed)
      ON CONFLICT (method) DO UPDATE SET built_on = excluded.built_on, fills = excluded.fills,
        last_time = excluded.last_time, last_trade_id = excluded.last_trade_id, state = excluded.state,
        chunks = excluded.chunks, row_mark = excluded.row_mark, removed = excluded.removed`);
    this.insertChunk = db.prepare(
      "INSERT OR REPLACE INTO journal_trip_chunks (method, chunk, generation, lines) VALUES (?, ?, ?, ?)",
    );
    // The chunks a checkpoint no longer names: beyond its count, or of another generation than it names.
    this.removeUnnamed = db.prepare<{ method: string; chunks: string }>(
      `DELETE FROM journal_trip_chunks WHERE method = @method AND (chunk, generation) NOT IN
        (SELECT key AS chunk, value AS generation FROM json_each(@chunks))`,
    );
    this.removeSomeUnnamed = db.prepare<{ method: string; chunks: string; limit: number }>(
      `DELETE FROM journal_trip_chunks WHERE rowid IN (SELECT rowid FROM journal_trip_chunks
        WHERE method = @method AND (chunk, generation) NOT IN
          (SELECT key AS chunk, value AS generation FROM json_each(@chunks)) LIMIT @limit)`,
    );
    this.newest = db.prepare<[], { newest: number | null }>(
      "SELECT MAX(generation) AS newest FROM journal_trip_chunks",
    );
    const removeRow = db.prepare<[string]>("DELETE FROM journal_checkpoints WHERE method = ?");
    const removeChunks = db.prepare<[string]>("DELETE FROM journal_trip_chunks WHERE method = ?");
    this.removeAll = db.transaction((method: string) => {
      removeRow.run(method);
      removeChunks.run(method);
    });
  }

  /** The method's checkpoint (its chunks read one by one: chunk()). */
  get(method: string): JournalCheckpoint | undefined {
    const row = this.read.get(method);
    if (row === undefined) return undefined;
    return {
      builtOn: row.built_on,
      fills: row.fills,
      last: lastFillOf(row),
      state: row.state,
      chunks: JSON.parse(row.chunks) as number[],
      rowMark: row.row_mark,
      removed: row.removed,
    };
  }

  /** A chunk's text (lines joined by "\n"); undefined when it is missing. */
  chunk(method: string, chunk: number, generation: number): string | undefined {
    return this.readChunk.get(method, chunk, generation)?.lines;
  }

  /** A generation no chunk has yet: the chunks of one save (or of one build, written ahead). */
  generation(): number {
    this.nextGeneration ??= (this.newest.get()?.newest ?? 0) + 1;
    return this.nextGeneration++;
  }

  /** A chunk's text, written ahead of the checkpoint row that will name it. */
  putChunk(method: string, chunk: number, generation: number, lines: string): void {
    this.insertChunk.run(method, chunk, generation, lines);
  }

  /**
   * The checkpoint row, with the chunks `written` in the same transaction; the chunks it does not
   * name (another generation of one of its chunks, or past its last) are deleted with it.
   */
  put(
    method: string,
    checkpoint: JournalCheckpoint,
    written: readonly { readonly chunk: number; readonly generation: number; readonly lines: string }[] = [],
  ): void {
    this.db.transaction(() => {
      for (const { chunk, generation, lines } of written) this.insertChunk.run(method, chunk, generation, lines);
      const chunks = JSON.stringify(checkpoint.chunks);
      this.write.run({
        method,
        builtOn: checkpoint.builtOn,
        fills: checkpoint.fills,
        lastTime: checkpoint.last?.time ?? null,
        lastTradeId: checkpoint.last?.tradeId ?? null,
        state: checkpoint.state,
        chunks,
        rowMark: checkpoint.rowMark,
        removed: checkpoint.removed,
      });
      this.removeUnnamed.run({ method, chunks });
    })();
  }

  /**
   * Deletes a few chunks the method's checkpoint does not name (left by a write given up before
   * its row was written); how many were deleted: 0 when none is left.
   */
  dropUnnamed(method: string): number {
    const chunks = this.read.get(method)?.chunks ?? "[]";
    return this.removeSomeUnnamed.run({ method, chunks, limit: UNNAMED_DELETED_AT_ONCE }).changes;
  }

  /** Forgets the method's checkpoint and its chunks. */
  clear(method: string): void {
    this.removeAll(method);
  }
}
