/**
 * Reading a CSV file (RFC 4180: commas, quoted fields with doubled quotes, CRLF or LF line ends,
 * a UTF-8 byte-order mark) into rows that keep their line numbers, for error messages a user can
 * find in the file. Blank lines are skipped. The writer's side is the contract's csv.ts.
 */

export interface CsvLine {
  /** 1-based line number in the file where the row starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export function readCsv(text: string): CsvLine[] {
  const rows: CsvLine[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== "") rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  for (; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === "") quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}
