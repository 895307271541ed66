/** A CSV download of a paged history (transfers, ledger), read page by page so it never sits in memory whole. */
import { Readable } from "node:stream";
import { type CsvColumn, csvHeader, csvLine, type Page } from "@mexc-live/contract";
import type { FastifyReply } from "fastify";
import { MAX_PAGE_LIMIT } from "../../store/cursor.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";

export async function sendCsvPages<T>(
  reply: FastifyReply,
  filename: string,
  columns: readonly CsvColumn<T>[],
  page: (cursor: string | undefined, limit: number) => Page<T> | Promise<Page<T>>,
): Promise<FastifyReply> {
  const first = await page(undefined, MAX_PAGE_LIMIT);
  if (isPartial(first)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
  reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store");
  async function* chunks(): AsyncGenerator<string> {
    yield csvHeader(columns);
    let current = first;
    for (;;) {
      yield current.items.map((item) => csvLine(columns, item)).join("");
      if (current.nextCursor === null) return;
      current = await page(current.nextCursor, MAX_PAGE_LIMIT);
    }
  }
  return reply.send(Readable.from(chunks(), { objectMode: false }));
}
