/**
 * The one loop's rows in the store (store/ledgerCheckpoints.ts), as the keeper reads and writes
 * them: text, each under its model, kind and day; nothing when the store is closed.
 */
import {
  type CheckpointKind,
  type CheckpointRow,
  deflateRows,
  type LedgerCheckpoints,
} from "../../store/ledgerCheckpoints.js";

export type TextRow = CheckpointRow;

/** The keeper's own rows' model name: its meta, and the mark that a day's checkpoint is whole. */
export const KEEPER_ROWS = "keeper";

export class LedgerRows {
  constructor(private readonly table: () => LedgerCheckpoints | undefined) {}

  /** Writes `rows` in one transaction (a day's checkpoint: every model's state at once). */
  put(rows: readonly TextRow[]): void {
    if (rows.length > 0) this.table()?.put(rows);
  }

  /**
   * As put, the large rows deflated off the event loop first (a pass's writes: ledgerCheckpoints'
   * deflateRows); written in one transaction once all are, unless the store closed meanwhile.
   */
  async write(rows: readonly TextRow[]): Promise<void> {
    if (rows.length === 0 || this.table() === undefined) return;
    const deflated = await deflateRows(rows);
    this.table()?.putDeflated(deflated);
  }

  /** A row's text; undefined when there is none. */
  get(model: string, kind: CheckpointKind, day: number): string | undefined {
    return this.table()?.get(model, kind, day);
  }

  /** A model's rows of one kind within [from, to], oldest first. */
  rows(model: string, kind: CheckpointKind, from?: number, to?: number): [day: number, text: string][] {
    return this.table()?.rows(model, kind, from, to) ?? [];
  }

  /** As rows, inflated off the event loop a few ahead (none when the store is closed). */
  async *rowsInPool(model: string, kind: CheckpointKind, from: number, to: number): AsyncGenerator<string> {
    const table = this.table();
    if (table !== undefined) yield* table.rowsInPool(model, kind, from, to);
  }

  /** The latest day at or before `atOrBefore` of a model's rows of one kind. */
  latest(model: string, kind: CheckpointKind, atOrBefore: number): number | undefined {
    return this.table()?.latestDay(model, kind, atOrBefore);
  }

  /** The first day of a model's rows of one kind. */
  firstDay(model: string, kind: CheckpointKind): number | undefined {
    return this.table()?.firstDay(model, kind);
  }

  /** The latest whole checkpoint at or before `atOrBefore`. */
  latestCheckpoint(atOrBefore: number): number | undefined {
    return this.latest(KEEPER_ROWS, "checkpoint", atOrBefore);
  }

  /**
   * The keeper resumes from the checkpoint of `day`: the series and readings from it on, and the
   * checkpoints after it, go, a few at a time, `between` awaited between two pieces.
   */
  async resumeFrom(day: number, between: () => Promise<void>): Promise<void> {
    while (this.table()?.resumeSome(day) === true) await between();
  }

  /**
   * Every row goes (the keeper starts from scratch), a few at a time, `between` awaited between
   * two pieces; the keeper's rows first: a clear cut short (a stop) leaves no checkpoint to resume
   * from, and the next start builds from scratch.
   */
  async clear(between: () => Promise<void>): Promise<void> {
    this.table()?.dropModel(KEEPER_ROWS);
    while (this.table()?.clearSome() === true) await between();
  }
}
