/**
 * What one format of export to another tool is (docs/exports.md): its file's name and type, and
 * a writer that turns the history's entries (exportHistory.ts) into the file's text: a head, a
 * piece per entry (null when the format holds nothing of it), an end. A writer is made per file:
 * it may count what it left out and say so at the end where its format has room for it.
 */
import { dec } from "@mexc-live/protocol";
import type { HistoryEntry } from "./exportHistory.js";

export interface FormatWriter {
  /** The file's first text: a CSV's header line, a JSON document's opening. */
  readonly head: string;
  /** The text `entry` adds to the file (CSV lines), or null when this format holds nothing of it. */
  line(entry: HistoryEntry): string | null;
  /** The file's last text ("" for a CSV). */
  end(): string;
}

export interface ExportFormat {
  /** What the download is called. */
  readonly filename: string;
  /** Its media type, for the reply's content-type. */
  readonly contentType: string;
  writer(): FormatWriter;
}

export const CSV_TYPE = "text/csv; charset=utf-8";

/** An amount of a currency, as the tax tools' CSV rows take it: two cells. */
export type Amount = readonly [amount: string, currency: string];

/** An amount's two cells; both empty when there is none, or with `dropZero` when it is zero (a fee of 0). */
export function amountCells(amount: Amount | undefined, dropZero = false): [string, string] {
  if (amount === undefined || (dropZero && dec(amount[0]).eq(0))) return ["", ""];
  return [amount[0], amount[1]];
}
export const JSON_TYPE = "application/json; charset=utf-8";

/** "YYYY-MM-DD HH:mm:ss" in UTC. */
export function utcDateTime(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "DD.MM.YYYY HH:mm:ss" in UTC. */
export function utcDayFirst(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}
