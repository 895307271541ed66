/**
 * CSV (RFC 4180) as both the gateway's fills export and the dashboard's table downloads write it:
 * comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line break,
 * quotes doubled. A cell a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab
 * or carriage return; a plain number is exempt) gets a leading apostrophe (CSV injection).
 * Decimals stay the exact strings they arrive as.
 */

import { isDecimal } from "@mexc-live/protocol";

export type CsvValue = string | number | boolean | null;

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  let text = String(value);
  if (FORMULA_START.test(text) && !isDecimal(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF included. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The header line of `columns`. */
export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvRow(columns.map((column) => column.header));
}

/** One row's line under `columns`. */
export function csvLine<T>(columns: readonly CsvColumn<T>[], row: T): string {
  return csvRow(columns.map((column) => column.value(row)));
}

/** A header line and one line per row. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  let text = csvHeader(columns);
  for (const row of rows) text += csvLine(columns, row);
  return text;
}
