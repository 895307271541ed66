/**
 * An RFC 4180 reader, to read back what an export wrote as an importer would: quoted fields,
 * doubled quotes, CRLF or LF line ends, a leading byte-order mark skipped (Python's utf-8-sig).
 */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    const next = body[i + 1];
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && (c === "\n" || (c === "\r" && next === "\n"))) {
      if (c === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The header and each row as a record by column name (csv.DictReader's reading). */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text);
  const records = rows.map((row) => {
    if (row.length !== header.length) throw new Error(`a row of ${row.length} fields under ${header.length} columns`);
    return Object.fromEntries(header.map((name, i) => [name, row[i] as string]));
  });
  return { header, records };
}
