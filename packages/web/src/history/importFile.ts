/**
 * Importing a file of older history: POST /api/import?name=FILE with the file's text. The gateway
 * recognises MEXC's exports of spot trade history, deposit history and withdrawal history, and
 * imports all of a file or nothing: a 400 lists the problems by line, a 409 that another import of
 * the account still runs, a 413 means too large, a 503 a read-only (`--role web`) instance. Rows it already knows are counted, not added again, so
 * importing a file twice is safe.
 */
import { API_PATHS, type ImportResult } from "@mexc-live/contract";
import { postText } from "../api/http.js";
import { ApiError } from "../errors.js";

/** The problems of a refused file shown at most; the rest are counted ("and 12 more"). */
export const PROBLEMS_SHOWN = 20;

export interface ImportProblem {
  readonly line?: number;
  readonly message: string;
}

export type ImportOutcome =
  | { readonly kind: "imported"; readonly result: ImportResult }
  /** The gateway refused the file (400, 413, 503, or a file it never saw): nothing was imported. */
  | { readonly kind: "refused"; readonly message: string; readonly problems: readonly ImportProblem[] }
  /** The answer was lost or unexpected: the outcome is not known. */
  | { readonly kind: "unknown"; readonly message: string };

/** Statuses after which the gateway has certainly imported nothing. */
const REFUSED_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 409, 413, 415, 429, 503]);

/** An Excel workbook is not CSV: refused before sending, with what to do instead. */
const WORKBOOK = /\.(xlsx|xls)$/i;

export async function importHistoryFile(file: File): Promise<ImportOutcome> {
  if (WORKBOOK.test(file.name)) {
    return {
      kind: "refused",
      message: "this is an Excel workbook: open it and save it as CSV, then import the CSV",
      problems: [],
    };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return { kind: "refused", message: `the file could not be read: ${String(error)}`, problems: [] };
  }
  try {
    const result = await postText<ImportResult>(API_PATHS.import, { name: file.name }, text, "text/csv");
    return { kind: "imported", result };
  } catch (error) {
    if (error instanceof ApiError && REFUSED_STATUSES.has(error.status)) {
      const message =
        error.status === 413
          ? `the file is too large for one import (${error.message})`
          : error.status === 409
            ? "another import into this account is still running: import this file when it has finished"
            : error.message;
      return { kind: "refused", message, problems: problemsOf(error.body) };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "unknown", message };
  }
}

/** The `problems` of a 400 answer, whatever else it holds. */
function problemsOf(body: unknown): ImportProblem[] {
  const problems = (body as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  return problems.flatMap((problem): ImportProblem[] => {
    const { line, message } = (problem ?? {}) as { line?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    return [typeof line === "number" ? { line, message } : { message }];
  });
}

const NOUN: Readonly<Record<ImportResult["format"], readonly [string, string]>> = {
  trades: ["fill", "fills"],
  deposits: ["deposit", "deposits"],
  withdrawals: ["withdrawal", "withdrawals"],
};

/** "42 fills imported, 3 already known". */
export function importResultText(result: ImportResult): string {
  const [one, many] = NOUN[result.format] ?? ["row", "rows"];
  return `${result.added} ${result.added === 1 ? one : many} imported, ${result.duplicates} already known`;
}

/** "line 12: price is not a number". */
export function problemText(problem: ImportProblem): string {
  return problem.line === undefined ? problem.message : `line ${problem.line}: ${problem.message}`;
}
