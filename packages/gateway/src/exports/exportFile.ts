/**
 * One export to another tool, ready to stream (issue 56 item 5; docs/exports.md): its file name
 * and type, its head, and its text a step per row of the history read (exportHistory.ts), the
 * file's end the last step. Nothing is read before the first step but the marks and the list of
 * symbols; a route hands `head` and `steps` to the exports' stream (http/routes/exportStream.ts
 * csvStream), which makes them in slices of the event loop within the export bounds, and closes
 * the walk (and the store's scans) when the client goes away.
 */
import type { ExportName } from "@mexc-live/contract";
import { COINTRACKING_CSV } from "./coinTrackingCsv.js";
import type { ExportFormat } from "./exportFormat.js";
import { type ExportStore, type HistoryQuery, type ItemMask, type MarketOf, walkHistory } from "./exportHistory.js";
import { GHOSTFOLIO_ACTIVITIES } from "./ghostfolioActivities.js";
import { KOINLY_UNIVERSAL } from "./koinlyUniversal.js";
import { ROTKI_EVENTS, ROTKI_TRADES } from "./rotkiGeneric.js";

/**
 * Every format, by its row of the API table (contract EXPORTS: its route; rotki's import is two
 * files, trades and events).
 */
const EXPORT_FORMATS = {
  rotkiTrades: ROTKI_TRADES,
  rotkiEvents: ROTKI_EVENTS,
  koinly: KOINLY_UNIVERSAL,
  coinTracking: COINTRACKING_CSV,
  ghostfolio: GHOSTFOLIO_ACTIVITIES,
} as const satisfies { readonly [K in ExportName]?: ExportFormat };

export type ExportFormatName = keyof typeof EXPORT_FORMATS;

export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormatName[];

/** What the download of `name` is called and its media type. */
export function exportFileType(name: ExportFormatName): { readonly filename: string; readonly contentType: string } {
  const { filename, contentType } = EXPORT_FORMATS[name];
  return { filename, contentType };
}

export interface ExportFileOptions extends HistoryQuery {
  /** The symbol list: a pair's base and quote assets. */
  readonly marketOf: MarketOf;
  /** The configured field mask (ids as the API gives them); none: the ids as stored. */
  readonly mask?: ItemMask;
}

export interface ExportFile {
  readonly filename: string;
  readonly contentType: string;
  /** The file's first text, to send at once (a CSV's header line). */
  readonly head: string;
  /** A step per row read: its text, or null when it adds none; the file's end last. */
  readonly steps: Generator<string | null>;
  /**
   * Symbols with stored fills that the symbol list does not know: their fills are not in the
   * file (their assets are unknown). Known before the first step, for a header of the reply.
   */
  readonly unknownSymbols: readonly string[];
}

/** The export `name` of `store`'s history now (the range is checked now: BAD_QUERY before any step). */
export function exportFile(name: ExportFormatName, store: ExportStore, options: ExportFileOptions): ExportFile {
  const format: ExportFormat = EXPORT_FORMATS[name];
  const walk = walkHistory(store, options.marketOf, options, options.mask);
  const writer = format.writer();
  function* steps(): Generator<string | null> {
    try {
      for (const entry of walk.steps) yield entry === null ? null : writer.line(entry);
      yield writer.end();
    } finally {
      walk.steps.return(undefined);
    }
  }
  return {
    filename: format.filename,
    contentType: format.contentType,
    head: writer.head,
    steps: steps(),
    unknownSymbols: walk.unknownSymbols,
  };
}
