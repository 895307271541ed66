/**
 * The derived figures' checkpoint: one row holding the figures' state as of a fill (its sort
 * key), how many fills it had seen, and the opening positions it was built on. It is good only if
 * the store still agrees: exactly that many fills up to that key (a backfilled or imported older
 * fill makes it stale), and the same openings.
 *
 * The volume by day, most of a checkpoint's size (29 MB at a million fills), is kept a row per UTC
 * day and generation (figures_checkpoint_days): a save writes the days a fill changed under a new
 * generation, and the checkpoint's row lists the (day, generation) it is made of. A rebuild writes
 * its days ahead, in slices (putDay); they count once a checkpoint row names them. The rows a new
 * checkpoint no longer names are deleted with it (those the one before named) or later, a few at a
 * time (unreferencedDays, deleteDay: rows written ahead by a rebuild that stopped).
 */
import type { Db } from "./database.js";

/** A day of the volume as the checkpoint keeps it. */
export interface CheckpointDay {
  readonly day: number;
  readonly generation: number;
}

export interface FiguresCheckpoint {
  readonly savedAt: number;
  readonly fills: number;
  readonly last: { readonly time: number; readonly tradeId: string } | undefined;
  readonly openings: string;
  readonly state: string;
  /** The volume's days (each one's text in figures_checkpoint_days); undefined: the volume is in `state`. */
  readonly days?: readonly CheckpointDay[];
}

/** A checkpoint read back: its days with their text. */
export interface StoredFiguresCheckpoint extends Omit<FiguresCheckpoint, "days"> {
  readonly days: readonly (CheckpointDay & { readonly text: string })[] | undefined;
}

interface Row {
  saved_at: number;
  fills: number;
  last_time: number | null;
  last_trade_id: string | null;
  openings: string;
  state: string;
  days: string | null;
}

export class FiguresCheckpointTable {
  private readonly read;
  private readonly readDays;
  private readonly write;
  private readonly countUpTo;
  private readonly dayText;
  private readonly insertDay;
  private readonly removeDay;
  private readonly allDays;
  private readonly hasDay;
  private nextGeneration: number;

  constructor(private readonly db: Db) {
    this.read = db.prepare<[], Row>("SELECT * FROM figures_checkpoint WHERE id = 1");
    this.readDays = db.prepare<[], { days: string | null }>("SELECT days FROM figures_checkpoint WHERE id = 1");
    this.write = db.prepare(`
      INSERT INTO figures_checkpoint (id, saved_at, fills, last_time, last_trade_id, openings, state, days)
      VALUES (1, @savedAt, @fills, @lastTime, @lastTradeId, @openings, @state, @days)
      ON CONFLICT (id) DO UPDATE SET saved_at = excluded.saved_at, fills = excluded.fills,
        last_time = excluded.last_time, last_trade_id = excluded.last_trade_id, openings = excluded.openings,
        state = excluded.state, days = excluded.days`);
    // Two counts of one index range each: as one OR, SQLite merged two index searches (MULTI-INDEX
    // OR) and took 71 ms at a million fills, at every start; this way 32 ms.
    this.countUpTo = db.prepare<[number, number, string], { n: number }>(
      `SELECT (SELECT COUNT(*) FROM fills WHERE time < ?)
            + (SELECT COUNT(*) FROM fills WHERE time = ? AND trade_id <= ?) AS n`,
    );
    this.dayText = db.prepare<[number, number], { text: string }>(
      "SELECT text FROM figures_checkpoint_days WHERE day = ? AND generation = ?",
    );
    this.insertDay = db.prepare(
      "INSERT OR REPLACE INTO figures_checkpoint_days (day, generation, text) VALUES (?, ?, ?)",
    );
    this.removeDay = db.prepare("DELETE FROM figures_checkpoint_days WHERE day = ? AND generation = ?");
    this.hasDay = db.prepare<[number, number], { one: number }>(
      "SELECT 1 AS one FROM figures_checkpoint_days WHERE day = ? AND generation = ?",
    );
    this.allDays = db.prepare<[], CheckpointDay>("SELECT day, generation FROM figures_checkpoint_days");
    const newest = db
      .prepare<[], { newest: number | null }>("SELECT MAX(generation) AS newest FROM figures_checkpoint_days")
      .get();
    this.nextGeneration = (newest?.newest ?? 0) + 1;
  }

  /** The checkpoint with its days' text; undefined when there is none or a day it names is missing. */
  get(): StoredFiguresCheckpoint | undefined {
    const row = this.read.get();
    if (row === undefined) return undefined;
    let days: (CheckpointDay & { text: string })[] | undefined;
    if (row.days !== null) {
      days = [];
      for (const { day, generation } of parseDays(row.days)) {
        const text = this.dayText.get(day, generation)?.text;
        if (text === undefined) return undefined;
        days.push({ day, generation, text });
      }
    }
    return {
      savedAt: row.saved_at,
      fills: row.fills,
      last: lastFillOf(row),
      openings: row.openings,
      state: row.state,
      days,
    };
  }

  /** A generation no day row has yet: the days of one save (or one rebuild's days written ahead). */
  generation(): number {
    return this.nextGeneration++;
  }

  /** A day's volume text, written ahead of the checkpoint row that will name it. */
  putDay(day: number, generation: number, text: string): void {
    this.insertDay.run(day, generation, text);
  }

  /**
   * The checkpoint row, with the day rows `written` (under their generation) in the same
   * transaction; the rows the checkpoint before named and this one does not are deleted, when
   * they are few (a live save: the days a fill changed). After a rebuild they are a year of
   * megabytes: the rebuilder deletes them a few at a time (unreferencedDays).
   */
  put(checkpoint: FiguresCheckpoint, written: readonly (CheckpointDay & { readonly text: string })[] = []): void {
    this.db.transaction(() => {
      const before = this.readDays.get()?.days;
      for (const { day, generation, text } of written) this.insertDay.run(day, generation, text);
      this.write.run({
        savedAt: checkpoint.savedAt,
        fills: checkpoint.fills,
        lastTime: checkpoint.last?.time ?? null,
        lastTradeId: checkpoint.last?.tradeId ?? null,
        openings: checkpoint.openings,
        state: checkpoint.state,
        days: checkpoint.days === undefined ? null : JSON.stringify(checkpoint.days.map((d) => [d.day, d.generation])),
      });
      if (before === null || before === undefined) return;
      const named = new Set((checkpoint.days ?? []).map((d) => `${d.day}:${d.generation}`));
      const replaced = parseDays(before).filter(({ day, generation }) => !named.has(`${day}:${generation}`));
      if (replaced.length <= REPLACED_DELETED_AT_ONCE)
        for (const { day, generation } of replaced) this.removeDay.run(day, generation);
    })();
  }

  /** Day rows the checkpoint does not name (a rebuild's written ahead, then stopped; or superseded). */
  unreferencedDays(): CheckpointDay[] {
    const days = this.readDays.get()?.days;
    const named = new Set(days ? parseDays(days).map((d) => `${d.day}:${d.generation}`) : []);
    return this.allDays.all().filter((d) => !named.has(`${d.day}:${d.generation}`));
  }

  /** Which of `days` have no row (a later save of figures sharing a day with these replaced it). */
  missing(days: readonly CheckpointDay[]): CheckpointDay[] {
    return days.filter((d) => this.hasDay.get(d.day, d.generation) === undefined);
  }

  deleteDay(day: CheckpointDay): void {
    this.removeDay.run(day.day, day.generation);
  }

  /** Fills stored at or before `key` (the store's order). */
  fillsUpTo(key: { time: number; tradeId: string }): number {
    return this.countUpTo.get(key.time, key.time, key.tradeId)?.n ?? 0;
  }
}

/** Day rows a save deletes with it at most (a day is about 80 KB at a million fills a year). */
const REPLACED_DELETED_AT_ONCE = 8;

/** A checkpoint row's last fill (its sort key), undefined when it holds none. */
export function lastFillOf(row: {
  readonly last_time: number | null;
  readonly last_trade_id: string | null;
}): { readonly time: number; readonly tradeId: string } | undefined {
  return row.last_time === null || row.last_trade_id === null
    ? undefined
    : { time: row.last_time, tradeId: row.last_trade_id };
}

function parseDays(text: string): CheckpointDay[] {
  return (JSON.parse(text) as [number, number][]).map(([day, generation]) => ({ day, generation }));
}
