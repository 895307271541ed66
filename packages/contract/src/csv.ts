/**
 * CSV (RFC 4180) as both the gateway's fills export and the dashboard's table downloads write it:
 * comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line break,
 * quotes doubled. A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP,
 * "CSV Injection"): its first character that is not ignorable is `=`, `+`, `-`, `@`, a tab or a
 * carriage return. Ignorable: spaces of any kind (U+0020, U+00A0, U+3000, ...), line feeds and
 * the invisible format characters (U+FEFF, U+200B-U+200F, U+2060, ...), which spreadsheets skip
 * or show as nothing; the fullwidth and small forms of `= + - @` (U+FF1D, U+FF0B, U+FF0D, U+FF20,
 * U+FE66, U+FE62, U+FE63, U+FE6B) and the minus sign U+2212 count as their ASCII twins, since
 * some spreadsheets fold them. A plain decimal ("-12.5") is exempt: it is a number, not a
 * formula. Decimals stay the exact strings they arrive as. This is the one home of the rule:
 * every CSV the gateway and the dashboard write goes through csvCell.
 */

import { isDecimal } from "@mexc-live/protocol";

export type CsvValue = string | number | boolean | null;

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => CsvValue;
}

/** A run of ignorable characters (see above), then a character a spreadsheet reads as a formula's start. */
const FORMULA_START = /^[\p{Zs}\p{Cf}\n]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;

/** Whether a spreadsheet could run `text` as a formula (a plain decimal never: it is a number). */
function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !isDecimal(text);
}

export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  let text = String(value);
  if (isFormulaLike(text)) text = `'${text}`;
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
