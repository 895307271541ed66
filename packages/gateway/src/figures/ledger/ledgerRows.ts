/**
 * The one loop's rows in the store (store/ledgerCheckpoints.ts), as text: written deflated off
 * the event loop (zlib's own threads), read back inflated. A row handed over is readable at once
 * (it waits in memory until written); rows handed over before a resume are dropped unwritten,
 * so a row of a history the keeper has since worked out again never lands.
 */
import { promisify } from "node:util";
import { deflateRaw, inflateRawSync } from "node:zlib";
import type { CheckpointKind, LedgerCheckpoints } from "../../store/ledgerCheckpoints.js";

const deflate = promisify(deflateRaw);

/** Level 1: a third of the text for a tenth of level 6's time (the marks, the volume, the disposals are digits). */
const DEFLATE_LEVEL = 1;

export interface TextRow {
  readonly model: string;
  readonly kind: CheckpointKind;
  readonly day: number;
  readonly text: string;
}

export class LedgerRows {
  /** Rows handed over and not written yet, by key. */
  private readonly waiting = new Map<string, TextRow>();
  /** Moved at each resume: a write begun before it is dropped. */
  private epoch = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly table: () => LedgerCheckpoints | undefined) {}

  /** Writes `rows` in one transaction once deflated (a day's checkpoint: every model's state at once). */
  put(rows: readonly TextRow[]): void {
    if (rows.length === 0 || this.closed) return;
    for (const row of rows) this.waiting.set(keyOf(row.model, row.kind, row.day), row);
    const epoch = this.epoch;
    const texts = Promise.all(rows.map((row) => deflate(Buffer.from(row.text), { level: DEFLATE_LEVEL })));
    this.writing = this.writing
      .then(() => texts)
      .then((data) => {
        if (epoch !== this.epoch || this.closed) return;
        const table = this.table();
        if (table === undefined) return;
        table.put(rows.map((row, i) => ({ model: row.model, kind: row.kind, day: row.day, data: data[i] as Buffer })));
        for (const row of rows) {
          const key = keyOf(row.model, row.kind, row.day);
          if (this.waiting.get(key) === row) this.waiting.delete(key);
        }
      })
      .catch(() => {
        // A row not written is worked out again at the next start (the rows are a shortcut).
      });
  }

  /** A row's text: one waiting to be written, else the store's; undefined when there is none. */
  get(model: string, kind: CheckpointKind, day: number): string | undefined {
    const waiting = this.waiting.get(keyOf(model, kind, day));
    if (waiting !== undefined) return waiting.text;
    const data = this.table()?.get(model, kind, day);
    return data === undefined ? undefined : inflateRawSync(data).toString();
  }

  /** A model's rows of one kind within [from, to], oldest first, the waiting ones among them. */
  rows(model: string, kind: CheckpointKind, from?: number, to?: number): [day: number, text: string][] {
    const out = new Map<number, string | Uint8Array>();
    for (const [day, data] of this.table()?.rows(model, kind, from, to) ?? []) out.set(day, data);
    for (const row of this.waiting.values()) {
      if (row.model !== model || row.kind !== kind) continue;
      if ((from !== undefined && row.day < from) || (to !== undefined && row.day > to)) continue;
      out.set(row.day, row.text);
    }
    return [...out]
      .sort(([a], [b]) => a - b)
      .map(([day, row]) => [day, typeof row === "string" ? row : inflateRawSync(row).toString()]);
  }

  /** The latest day at or before `atOrBefore` of a model's rows of one kind (waiting ones among them). */
  latest(model: string, kind: CheckpointKind, atOrBefore: number): number | undefined {
    let found: number | undefined;
    for (const row of this.waiting.values())
      if (row.model === model && row.kind === kind && row.day <= atOrBefore && (found === undefined || row.day > found))
        found = row.day;
    const stored = this.table()?.latestDay(model, kind, atOrBefore);
    return stored === undefined ? found : found === undefined ? stored : Math.max(found, stored);
  }

  /** The first day of a model's rows of one kind (waiting ones among them). */
  firstDay(model: string, kind: CheckpointKind): number | undefined {
    let found = this.table()?.firstDay(model, kind);
    for (const row of this.waiting.values())
      if (row.model === model && row.kind === kind && (found === undefined || row.day < found)) found = row.day;
    return found;
  }

  /** The latest whole checkpoint at or before `day` (waiting ones among them). */
  latestCheckpoint(atOrBefore: number): number | undefined {
    return this.latest(KEEPER_ROWS, "checkpoint", atOrBefore);
  }

  /** The keeper resumes from the checkpoint of `day`: rows from it on are dropped, waiting or stored. */
  resumeFrom(day: number): void {
    this.epoch++;
    for (const [key, row] of this.waiting) {
      const gone = row.kind === "series" || row.kind === "reading" ? row.day >= day : row.day > day;
      if (
        gone &&
        (row.kind === "series" || row.kind === "reading" || row.kind === "state" || row.kind === "checkpoint")
      )
        this.waiting.delete(key);
    }
    // The writes begun before it were for the same rows: the epoch drops them. Rows that stay are written again.
    const kept = [...this.waiting.values()];
    this.waiting.clear();
    this.table()?.resumeFrom(day);
    this.put(kept);
  }

  /** Every row goes (the keeper starts from scratch). */
  clear(): void {
    this.epoch++;
    this.waiting.clear();
    this.table()?.clear();
  }

  /** Resolves once every row handed over so far is written. */
  async settled(): Promise<void> {
    let before: Promise<void> | undefined;
    while (before !== this.writing) {
      before = this.writing;
      await before;
    }
  }

  close(): void {
    this.closed = true;
  }
}

/** The keeper's own rows' model name (store/ledgerCheckpoints.ts KEEPER_MODEL). */
export const KEEPER_ROWS = "keeper";

function keyOf(model: string, kind: string, day: number): string {
  return `${model}\u0000${kind}\u0000${day}`;
}
