/** What the HTTP routes share with the dashboard besides the items. */

/**
 * Response header of the history routes (/api/orders, /api/fills, /api/equity, the CSV export)
 * set to PARTIAL_HISTORY when the answer is not the full history: a `--role web` instance whose
 * collector did not answer serves its recent snapshots instead.
 */
export const HISTORY_HEADER = "X-MexcLive-History";
export const PARTIAL_HISTORY = "partial";

/** Page sizes of the lists in pages: the default, and the most one request can ask for (`limit=`). */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1_000;

/** One page of an HTTP history route. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
  /**
   * How many items the query matches in all, every page together (the same filters, no cursor):
   * a list says "200 of 7,833 fills". For all accounts together, the sum of every account's.
   */
  readonly total: number;
}

/**
 * Response header of the figures routes (/api/performance, /api/pnl, /api/pnl/periods, /api/fees,
 * /api/fees/days): the figures version (FiguresVersion, items.ts) the answer was computed at, read
 * before computing it, so an answer is never marked newer than what it holds. For all accounts
 * together, the sum of every account's version (each only increases, so the sum moves whenever
 * any does).
 */
export const FIGURES_VERSION_HEADER = "X-MexcLive-Figures-Version";

/**
 * GET /api/precisions: the decimal places MEXC trades each pair and asset in (exchangeInfo), so
 * the dashboard shows a quantity at its pair's precision, not a fixed number of places. An asset
 * or pair it does not name (not listed, or a `--role web` instance whose collector did not answer)
 * is shown as before: rounded for reading, the exact figure on hover.
 */
export interface DisplayPrecisions {
  /** Places of an amount of the asset: a quantity of a pair it is the base of, else the price places of the pairs it quotes. */
  readonly assets: Readonly<Record<string, number>>;
  /** Per pair: places of its price (quotePrecision) and of its quantity (baseAssetPrecision). */
  readonly symbols: Readonly<Record<string, { readonly price: number; readonly quantity: number }>>;
}
