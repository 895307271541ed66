/**
 * Reading a CSV file (RFC 4180: commas, quoted fields with doubled quotes, CRLF or LF line ends,
 * a UTF-8 byte-order mark) row by row, each row keeping its line number, for error messages a
 * user can find in the file. Blank lines are skipped. Rows come one at a time (a generator), so
 * a 30 MB file is never held twice and a reader can stop, or pause, whenever it likes. A row with
 * more than MAX_CSV_CELLS cells keeps its first ones and says so (`overflow`): no MEXC export has
 * a tenth of that, and a file of commas cannot build a huge row. The writer's side is the
 * contract's csv.ts.
 */

export interface CsvLine {
  /** 1-based line number in the file where the row starts. */
  readonly line: number;
  readonly cells: readonly string[];
  /** The row had more than MAX_CSV_CELLS cells; the rest were not kept. */
  readonly overflow?: true;
}

/** Cells kept per row: MEXC's widest export has 12 columns. */
export const MAX_CSV_CELLS = 64;

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;
/** The next delimiter of an unquoted cell. */
const DELIMITER = /[,\r\n]/g;

export function* csvRows(text: string): Generator<CsvLine> {
  let at = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  const end = text.length;
  while (at < end) {
    const rowLine = line;
    const cells: string[] = [];
    let overflow = false;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(at) === QUOTE) {
        // A quoted cell: up to the closing quote ("" is one quote), newlines included; anything
        // after the closing quote up to the delimiter is kept as written.
        cell = "";
        at++;
        for (;;) {
          const quote = text.indexOf('"', at);
          const stop = quote < 0 ? end : quote;
          const part = text.slice(at, stop);
          line += countNewlines(part);
          cell += part;
          if (quote < 0) {
            at = end;
            break;
          }
          if (text.charCodeAt(quote + 1) === QUOTE) {
            cell += '"';
            at = quote + 2;
            continue;
          }
          at = quote + 1;
          break;
        }
        const next = nextDelimiter(text, at);
        cell += text.slice(at, next);
        at = next;
      } else {
        const next = nextDelimiter(text, at);
        cell = text.slice(at, next);
        at = next;
      }
      if (cells.length < MAX_CSV_CELLS) cells.push(cell);
      else overflow = true;
      const delimiter = text.charCodeAt(at);
      if (delimiter === COMMA) {
        at++;
        continue;
      }
      if (delimiter === CR) at += text.charCodeAt(at + 1) === LF ? 2 : 1;
      else if (delimiter === LF) at++;
      line++;
      break;
    }
    if (cells.length > 1 || cells[0]!.trim() !== "") {
      yield overflow ? { line: rowLine, cells, overflow: true } : { line: rowLine, cells };
    }
  }
}

function nextDelimiter(text: string, from: number): number {
  DELIMITER.lastIndex = from;
  return DELIMITER.exec(text)?.index ?? text.length;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
