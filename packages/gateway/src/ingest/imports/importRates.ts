/**
 * An import of the ECB's history of euro reference rates (ecbRatesFile.ts) into the rates' store
 * (store/exchangeRates.ts), the one every account shares: from `mexc-live import`, POST
 * /api/import (both recognise the file by its header, or a zip holding it) and the daily fetch
 * (ecbRatesFetcher.ts). All or nothing, like an import of MEXC's exports: every line is read and
 * checked first (a bad cell stops the import with its line and column, nothing stored), then the
 * days are stored in slices of the event loop, and last the span of days the file covers (so an
 * import stopped half-way claims no day it did not store; importing again adds the rest).
 */
import type { RatesImportResult } from "@mexc-live/contract";
import { ImportError, ImportStopped } from "../../errors.js";
import { nextTurn, SLICE_MS } from "../../figures/sliceBudget.js";
import type { ExchangeRateStore, RateDay } from "../../store/exchangeRates.js";
import { csvRows } from "./csvText.js";
import {
  ECB_RATES_FORMAT,
  isEcbRatesHeader,
  MAX_RATE_DAYS,
  MAX_RATES_FILE_BYTES,
  readEcbHeader,
} from "./ecbRatesFile.js";
import { ProblemList } from "./mexcExports.js";
import { isZip, zipMember } from "./zipMember.js";

export interface RatesImportOptions {
  /** Aborted: the import stops at its next slice (ImportStopped), keeping what it stored. */
  readonly signal?: AbortSignal;
  /** Longest run on the event loop before giving it back; default SLICE_MS. */
  readonly sliceMs?: number;
}

/** Days stored in one transaction. */
const DAYS_PER_CHUNK = 256;
/** Differing days named in the result, at most. */
const DIFFERING_NAMED = 10;
const ZIP_AS_TEXT = "PK\u0003\u0004";

/**
 * An imported file's text: a zip archive's one member (as the ECB serves its history), else the
 * bytes as UTF-8. A zip that arrived as text (its bytes already decoded, so damaged) is refused,
 * saying how to send it.
 */
export async function importText(body: string | Uint8Array): Promise<string> {
  if (typeof body !== "string") {
    if (!isZip(body)) return Buffer.from(body).toString("utf8");
    return (await zipMember(body, MAX_RATES_FILE_BYTES)).data.toString("utf8");
  }
  if (body.startsWith(ZIP_AS_TEXT)) {
    const message =
      "this is a zip archive sent as text, which damages it: send it with Content-Type: application/zip, or unzip it and send the CSV inside";
    throw new ImportError(message, []);
  }
  return body;
}

/** Whether the file is the ECB's history of reference rates (its header; the rest is checked by importRates). */
export function isEcbRatesFile(text: string): boolean {
  const header = csvRows(text).next();
  return header.done !== true && isEcbRatesHeader(header.value.cells);
}

export async function importRates(
  rates: ExchangeRateStore,
  text: string,
  options: RatesImportOptions = {},
): Promise<RatesImportResult> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  let started = performance.now();
  const turn = async (stored: number, rows: number) => {
    if (performance.now() - started < sliceMs) return;
    await nextTurn();
    started = performance.now();
    if (options.signal?.aborted === true) throw new ImportStopped(stored, rows);
  };

  // Pass 1: every line read and checked; the days kept (at most MAX_RATE_DAYS, a few MB).
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_RATES_FILE_BYTES) {
    throw new ImportError(`the file is ${bytes} bytes; the ECB's history is read up to ${MAX_RATES_FILE_BYTES}`, []);
  }
  const lines = csvRows(text);
  const header = lines.next();
  if (header.done === true) throw new ImportError("the file is empty", []);
  const reader = readEcbHeader(header.value);
  const problems = new ProblemList();
  const days: RateDay[] = [];
  const lineOfDay = new Map<string, number>();
  let rows = 0;
  for (const line of lines) {
    if (++rows > MAX_RATE_DAYS) {
      throw new ImportError(`line ${line.line}: more than ${MAX_RATE_DAYS} days; nothing was imported`, []);
    }
    const day = reader.day(line, problems);
    if (day !== undefined) {
      const earlier = lineOfDay.get(day.day);
      if (earlier === undefined) {
        lineOfDay.set(day.day, line.line);
        days.push(day);
      } else problems.add({ line: line.line, message: `column 1 (Date): ${day.day} again (line ${earlier} has it)` });
    }
    if (problems.full) break;
    if (rows % DAYS_PER_CHUNK === 0) await turn(0, rows);
  }
  problems.throwIfAny(rows);
  if (days.length === 0) throw new ImportError("the file has a header but no days", []);

  // Pass 2: the days stored, a chunk a transaction, then the span they cover.
  let added = 0;
  let duplicates = 0;
  const differing: string[] = [];
  for (let at = 0; at < days.length; at += DAYS_PER_CHUNK) {
    const stored = rates.addDays(days.slice(at, at + DAYS_PER_CHUNK));
    added += stored.added;
    duplicates += stored.known;
    differing.push(...stored.differing);
    await turn(Math.min(at + DAYS_PER_CHUNK, days.length), rows);
  }
  let from = days[0]!.day;
  let to = from;
  for (const { day } of days) {
    if (day < from) from = day;
    if (day > to) to = day;
  }
  rates.addCoverage(from, to, reader.currencies);
  return {
    format: ECB_RATES_FORMAT,
    rows,
    added,
    duplicates,
    differing: differing.length,
    differingDays: differing.sort().slice(0, DIFFERING_NAMED),
    currencies: reader.currencies.length,
    from,
    to,
  };
}
