/**
 * The one loop's rows in the store (store/ledgerCheckpoints.ts), as text: written deflated, read
 * back inflated. Deflated at once, on the event loop: at level 1 a day's marks (~100 kB) take
 * ~0.4 ms, while zlib's asynchronous calls cost ~0.3 ms each on the event loop to set up, more than
 * the work for all but the largest rows (measured: 500 rows of 2 kB, 10 ms at once against 83 ms).
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { CheckpointKind, LedgerCheckpoints } from "../../store/ledgerCheckpoints.js";

/** Level 1: a third of the text for a tenth of level 6's time (the marks, the volume, the disposals are digits). */
const DEFLATE_LEVEL = 1;

export interface TextRow {
  readonly model: string;
  readonly kind: CheckpointKind;
  readonly day: number;
  readonly text: string;
}

/** The keeper's own rows' model name (store/ledgerCheckpoints.ts KEEPER_MODEL). */
export const KEEPER_ROWS = "keeper";

export class LedgerRows {
  constructor(private readonly table: () => LedgerCheckpoints | undefined) {}

  /** Writes `rows` in one transaction (a day's checkpoint: every model's state at once). */
  put(rows: readonly TextRow[]): void {
    if (rows.length === 0) return;
    const table = this.table();
    if (table === undefined) return;
    table.put(
      rows.map((row) => ({
        model: row.model,
        kind: row.kind,
        day: row.day,
        data: deflateRawSync(row.text, { level: DEFLATE_LEVEL }),
      })),
    );
  }

  /** A row's text; undefined when there is none. */
  get(model: string, kind: CheckpointKind, day: number): string | undefined {
    const data = this.table()?.get(model, kind, day);
    return data === undefined ? undefined : inflateRawSync(data).toString();
  }

  /** A model's rows of one kind within [from, to], oldest first. */
  rows(model: string, kind: CheckpointKind, from?: number, to?: number): [day: number, text: string][] {
    return (this.table()?.rows(model, kind, from, to) ?? []).map(([day, data]) => [
      day,
      inflateRawSync(data).toString(),
    ]);
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

  /** The keeper resumes from the checkpoint of `day`: the series and readings from it on, and the checkpoints after it, go. */
  resumeFrom(day: number): void {
    this.table()?.resumeFrom(day);
  }

  /** Every row goes (the keeper starts from scratch). */
  clear(): void {
    this.table()?.clear();
  }
}
