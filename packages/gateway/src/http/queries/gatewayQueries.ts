/**
 * The gateway's read interface: what the HTTP API and the dashboard's history read, over the
 * store and the derived figures. Implementations: storeQueries.ts (SQLite, the collector),
 * redisQueries.ts (a web instance: asks its collector over Redis, falls back to its mirrored
 * snapshots), memoryQueries.ts (lists held in memory: that fallback, and tests).
 *
 * Every query may answer synchronously (better-sqlite3) or with a promise. A history answer
 * drawn from less than the full history is marked with markPartial (partialHistory.ts); the route
 * then sets the X-MexcLive-History header.
 */

import type { AccountReadName, FillItem, ReadAnswers } from "@mexc-live/contract";
import type { ExportQuery, ReadQuery } from "@mexc-live/contract/api";
import type { ExportFile, ExportFormatName } from "../../exports/exportFile.js";
import type { TaxRow } from "../../figures/index.js";
import type { Answer, TableReads } from "../../figures/tableReads.js";

/**
 * A file for another tool as a route streams it (exports/exportFile.ts): its steps read from the
 * store, or the collector's chunks over Redis on a web instance (redis/redisQueries.ts).
 */
type ToolExport = Omit<ExportFile, "steps"> & {
  readonly steps: Iterator<string | null> | AsyncIterator<string | null>;
};

/** Asks `queries` the read `name`: how the generic layers (routes, Redis, the accounts' fold) call a row. */
export function askRead<K extends AccountReadName>(
  queries: GatewayQueries,
  name: K,
  query: ReadQuery<K>,
): Answer<ReadAnswers[K]> {
  return (queries[name] as unknown as (query: ReadQuery<K>) => Answer<ReadAnswers[K]>).call(queries, query);
}

/**
 * Every read of the API table (contract api/reads.ts), one method each named as its row (a cursor
 * the store does not recognise throws InvalidCursorError), and the exports read as
 * streams (the fills, the tax report, the files for other tools).
 */
export interface GatewayQueries extends TableReads {
  /**
   * The disposals of a tax year, by `method`: read lazily, a step per fill walked (a disposal, or
   * null for a fill that makes none in the year), so a reader can spread the walk over turns of
   * the event loop (http/routes/exportStream.ts). Asynchronous where the rows come in chunks as
   * they are read (a web instance: redis/redisQueries.ts); closing it early ends the walk.
   */
  taxRows(query: ExportQuery<"tax">): Answer<Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>>;
  /**
   * Every fill in the range, oldest first, for the CSV export (read lazily: it may be long). A
   * promise when where the fills come from is known only after a first read (a web instance).
   */
  allFills(query: ExportQuery<"fills">): Answer<Iterable<FillItem> | AsyncIterable<FillItem>>;
  /**
   * The file `name` for another tool (docs/exports.md) of the history now, in the range: its text
   * made a step per row read as the route streams it (a bad range refused at once, 400 naming it).
   */
  toolExport(name: ExportFormatName, query: ExportQuery<ExportFormatName>): Answer<ToolExport>;
  /**
   * The figures version now (figures/figuresVersion.ts); the figures routes send the one read
   * before computing (contract FIGURES_VERSION_HEADER). Absent where no figures are kept here (a
   * web instance's mirror, tests' lists): then no version is sent.
   */
  figuresVersion?(): number;
}
