/**
 * The one checkpoint table of an account's read models (figures/keeper.ts): one ledger, one loop,
 * and what it leaves behind, a row each, keyed by model, kind and UTC day:
 *
 *   kind "state"    a model's whole state at the start of `day` (before its first leg); the
 *                   models' states of one day are written in one transaction with the keeper's
 *                   "checkpoint" row of that day, which alone says the day's checkpoint is whole
 *   kind "series"   what the day added to a model's series: the volume of its 15-minute buckets,
 *                   the portfolio's marks, the journal's disposals (the rows before a checkpoint
 *                   stay when the keeper resumes from it; those from its day on are made again)
 *   kind "reading"  the portfolio's totals of every asset at one moment (`day` is the moment):
 *                   what a range's figures read at its ends, kept for the reads after a restart
 *   kind "meta"     (day 0) what the rows were built on: the rules, the quote, the openings
 *
 * `data` is the row's text, deflated (DEFLATE_LEVEL): the text of a million fills' marks,
 * volume and disposals is hundreds of megabytes, deflated a quarter of that.
 */
import { promisify } from "node:util";
import { deflateRaw, deflateRawSync, inflateRaw, inflateRawSync } from "node:zlib";
import type { Db } from "./database.js";

export type CheckpointKind = "state" | "series" | "reading" | "meta" | "checkpoint";

export interface CheckpointRow {
  readonly model: string;
  readonly kind: CheckpointKind;
  readonly day: number;
  /** Its text, or the text's UTF-8 bytes (a series row written as bytes: figures/engine/textBytes.ts). */
  readonly text: string | Uint8Array;
}

/**
 * Level 1: a third of the text for a tenth of level 6's time (the marks, the volume, the
 * disposals are digits). Deflated at once: a day's marks (~100 kB) take ~0.4 ms, while zlib's
 * asynchronous calls cost ~0.3 ms each on the event loop to set up, more than the work for all but
 * the largest rows (measured: 500 rows of 2 kB, 10 ms at once against 83 ms).
 */
const DEFLATE_LEVEL = 1;

/**
 * A row of at least this many characters is deflated in libuv's thread pool (zlib's asynchronous
 * call) when a pass writes it (`deflateRows`), not on the event loop at the end of a slice: zlib
 * was 4.8 s of the 62 s of CPU of an import's rebuild at 1M fills (issue 55), a day's series there
 * tens to hundreds of kB of text. Below it, at once: the asynchronous call's own cost on the loop
 * (~0.3 ms, above) is more than the work.
 */
const POOL_DEFLATE_CHARS = 32 * 1024;

const deflateInPool = promisify(deflateRaw);
const inflateInPool = promisify(inflateRaw);
/** Rows inflating in libuv's pool at once (rowsInPool): its threads busy while the loop reads the rows before. */
const ROWS_IN_POOL = 4;
/**
 * zlib's output piece for a row inflated in the pool: room for what the row inflates to (level 1
 * deflates these rows to a third to a sixth), at most POOL_CHUNK_MAX. A journal row at a million
 * fills is ~450 kB of text, which zlib's default 16 kB pieces handed back to the loop in ~30
 * callbacks and a copy: the journal's first screen took longer than inflating at once; with room
 * for 8x it took about a third less (BENCHMARKS.md). Not far larger: buffers outside the heap count
 * toward the collector's full collections (8 MB pieces for deflating a checkpoint's rows brought
 * pauses of 130-440 ms, 2026-11-27).
 */
function poolChunkFor(deflatedBytes: number): number {
  return Math.min(POOL_CHUNK_MAX, Math.max(64 * 1024, deflatedBytes * 8));
}
const POOL_CHUNK_MAX = 1024 * 1024;
const deflated = (text: string | Uint8Array) => deflateRawSync(text, { level: DEFLATE_LEVEL });
const inflated = (data: Uint8Array) => inflateRawSync(data).toString();

/** Rows with their text deflated, ready to write (putDeflated). */
export interface DeflatedRows {
  readonly rows: readonly CheckpointRow[];
  readonly data: readonly Uint8Array[];
}

/** Deflates `rows`' texts, the large ones in libuv's pool (POOL_DEFLATE_CHARS), off the event loop. */
export async function deflateRows(rows: readonly CheckpointRow[]): Promise<DeflatedRows> {
  const data = await Promise.all(
    rows.map((row) =>
      row.text.length >= POOL_DEFLATE_CHARS ? deflateInPool(row.text, { level: DEFLATE_LEVEL }) : deflated(row.text),
    ),
  );
  return { rows, data };
}

/** Rows deleted at a time by clearSome: a few of them, each up to MBs of overflow pages at a million fills. */
const CLEAR_ROWS = 16;

export class LedgerCheckpoints {
  private readonly upsert;
  private readonly one;
  private readonly latest;
  private readonly first;
  private readonly ofKind;
  private readonly ofKindBetween;
  private readonly dropMarksAfter;
  private readonly dropSomeAfter;
  private readonly countKind;
  private readonly dropModelRows;
  private readonly dropSomeRows;
  private readonly writeRows: (rows: DeflatedRows) => void;

  constructor(db: Db) {
    this.upsert = db.prepare<[string, string, number, Uint8Array]>(
      `INSERT INTO ledger_checkpoints (model, kind, day, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (model, kind, day) DO UPDATE SET data = excluded.data`,
    );
    this.one = db
      .prepare<[string, string, number], [Uint8Array]>(
        "SELECT data FROM ledger_checkpoints WHERE model = ? AND kind = ? AND day = ?",
      )
      .raw();
    this.latest = db
      .prepare<[string, string, number], [number]>(
        "SELECT day FROM ledger_checkpoints WHERE model = ? AND kind = ? AND day <= ? ORDER BY day DESC LIMIT 1",
      )
      .raw();
    this.first = db
      .prepare<[string, string], [number]>(
        "SELECT day FROM ledger_checkpoints WHERE model = ? AND kind = ? ORDER BY day LIMIT 1",
      )
      .raw();
    this.ofKind = db
      .prepare<[string, string], [number, Uint8Array]>(
        "SELECT day, data FROM ledger_checkpoints WHERE model = ? AND kind = ? ORDER BY day",
      )
      .raw();
    this.ofKindBetween = db
      .prepare<[string, string, number, number], [number, Uint8Array]>(
        "SELECT day, data FROM ledger_checkpoints WHERE model = ? AND kind = ? AND day >= ? AND day <= ? ORDER BY day",
      )
      .raw();
    this.dropMarksAfter = db.prepare<[number]>("DELETE FROM ledger_checkpoints WHERE kind = 'checkpoint' AND day > ?");
    this.dropSomeAfter = db.prepare<[number, number, number]>(
      `DELETE FROM ledger_checkpoints WHERE (model, kind, day) IN
        (SELECT model, kind, day FROM ledger_checkpoints
          WHERE (kind IN ('series', 'reading') AND day >= ?) OR (kind = 'state' AND day > ?) LIMIT ?)`,
    );
    this.dropModelRows = db.prepare<[string]>("DELETE FROM ledger_checkpoints WHERE model = ?");
    this.dropSomeRows = db.prepare<[number]>(
      `DELETE FROM ledger_checkpoints WHERE (model, kind, day) IN
        (SELECT model, kind, day FROM ledger_checkpoints LIMIT ?)`,
    );
    this.countKind = db
      .prepare<[string, string], [number]>("SELECT count(*) FROM ledger_checkpoints WHERE model = ? AND kind = ?")
      .raw();
    this.writeRows = db.transaction(({ rows, data }: DeflatedRows) => {
      for (const [n, row] of rows.entries()) this.upsert.run(row.model, row.kind, row.day, data[n] as Uint8Array);
    });
  }

  /** Writes rows in one transaction (a day's checkpoint: every model's state and the keeper's mark). */
  put(rows: readonly CheckpointRow[]): void {
    if (rows.length > 0) this.writeRows({ rows, data: rows.map((row) => deflated(row.text)) });
  }

  /** Writes rows deflateRows made, in one transaction. */
  putDeflated(rows: DeflatedRows): void {
    if (rows.rows.length > 0) this.writeRows(rows);
  }

  /** A row's text; undefined when there is none. */
  get(model: string, kind: CheckpointKind, day: number): string | undefined {
    const data = (this.one.get(model, kind, day) as [Uint8Array] | undefined)?.[0];
    return data === undefined ? undefined : inflated(data);
  }

  /** The latest day at or before `atOrBefore` of a model's rows of one kind; undefined when none. */
  latestDay(model: string, kind: CheckpointKind, atOrBefore = Number.MAX_SAFE_INTEGER): number | undefined {
    return (this.latest.get(model, kind, atOrBefore) as [number] | undefined)?.[0];
  }

  /** The first day of a model's rows of one kind; undefined when none. */
  firstDay(model: string, kind: CheckpointKind): number | undefined {
    return (this.first.get(model, kind) as [number] | undefined)?.[0];
  }

  /** A model's rows of one kind, oldest first, within [from, to] when given. */
  rows(model: string, kind: CheckpointKind, from?: number, to?: number): [day: number, text: string][] {
    const found = (
      from === undefined && to === undefined
        ? this.ofKind.all(model, kind)
        : this.ofKindBetween.all(model, kind, from ?? Number.MIN_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER)
    ) as [number, Uint8Array][];
    return found.map(([day, data]) => [day, inflated(data)]);
  }

  /**
   * As rows' texts within [from, to], each inflated in libuv's pool, ROWS_IN_POOL at a time: the
   * loop reads one row's text while the next are inflated on another core (a year's journal rows at
   * a million fills: 151 MB of text, ~0.5 s of zlib).
   */
  async *rowsInPool(model: string, kind: CheckpointKind, from: number, to: number): AsyncGenerator<string> {
    const inflating: Promise<Buffer>[] = [];
    for (const [, data] of this.ofKindBetween.all(model, kind, from, to) as [number, Uint8Array][]) {
      const text = inflateInPool(data, { chunkSize: poolChunkFor(data.length) });
      // A reader that stops early leaves some inflating: a damaged row among them fails no one.
      text.catch(() => {});
      inflating.push(text);
      if (inflating.length >= ROWS_IN_POOL) yield ((await inflating.shift()) as Buffer).toString();
    }
    for (const next of inflating) yield (await next).toString();
  }

  /** How many rows of one kind a model has. */
  count(model: string, kind: CheckpointKind): number {
    return (this.countKind.get(model, kind) as [number])[0];
  }

  /**
   * The keeper resumes from the checkpoint of `day`: the series and readings from it on, and the
   * checkpoints after it, are no longer true. First the marks that say a later day's checkpoint is
   * whole (so none stands on what goes next), then the rest a few rows at a time (CLEAR_ROWS,
   * called again until it says false): in one statement, a resume near the start of a million
   * fills' history deleted ~90 MB of rows in 150-200 ms of the event loop (an import's rebuild,
   * 2026-11-27). A stop between two calls leaves rows of days after
   * the last whole checkpoint, which the next resume from it deletes.
   */
  resumeSome(day: number): boolean {
    this.dropMarksAfter.run(day);
    return this.dropSomeAfter.run(day, day, CLEAR_ROWS).changes === CLEAR_ROWS;
  }

  /** A model's rows, every kind (a few: the keeper's meta and checkpoint marks). */
  dropModel(model: string): void {
    this.dropModelRows.run(model);
  }

  /**
   * Every row (the keeper starts from scratch), a few at a time (CLEAR_ROWS): a million fills' table, ~90 MB, is deleted in
   * pieces that each take little of the event loop. False once none is left.
   */
  clearSome(): boolean {
    return this.dropSomeRows.run(CLEAR_ROWS).changes === CLEAR_ROWS;
  }
}
