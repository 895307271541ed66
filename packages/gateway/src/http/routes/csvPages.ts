/**
 * A CSV download of a paged history (transfers, ledger), newest first like its pages, read page
 * by page as the client reads (exportStream.ts): rows stored after the export began are newer
 * than its first page and are not in it. One export per account at a time (exportSlots.ts).
 * `keep`, when given, drops the rows a filter the store cannot apply refuses (the orders export's
 * side, dates, closed status): each row read is still a step of the slice, so a filter that keeps
 * few rows still shares the loop.
 */
import { type CsvColumn, csvHeader, csvLine, type Page } from "@mexc-live/contract";
import type { FastifyReply, FastifyRequest } from "fastify";
import { MAX_PAGE_LIMIT } from "../../store/cursor.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { takeExportSlot } from "./exportSlots.js";
import { csvStream, sendCsv } from "./exportStream.js";

export async function sendCsvPages<T>(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  filename: string,
  columns: readonly CsvColumn<T>[],
  page: (cursor: string | undefined, limit: number) => Page<T> | Promise<Page<T>>,
  keep: (item: T) => boolean = () => true,
): Promise<FastifyReply> {
  takeExportSlot(deps, request, reply);
  const first = await page(undefined, MAX_PAGE_LIMIT);
  if (isPartial(first)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
  async function* lines(): AsyncGenerator<string | null> {
    let current = first;
    for (;;) {
      for (const item of current.items) yield keep(item) ? csvLine(columns, item) : null;
      if (current.nextCursor === null) return;
      current = await page(current.nextCursor, MAX_PAGE_LIMIT);
    }
  }
  return sendCsv(reply, filename, csvStream(csvHeader(columns), lines()));
}
