/**
 * The history an export to another tool holds (docs/exports.md), as one walk oldest first: every
 * stored fill with its pair's two assets, every completed deposit, withdrawal and transfer, and
 * each dust conversion once with all its legs. The fills and transfers there were when the walk
 * began (marks), none stored while it streams; read a chunk at a time, so memory stays flat
 * whatever the history's length. A step is one row read: an entry, or null for a row that makes
 * none (a conversion's leg already given with its first, a fill whose pair is unknown).
 */
import type { FillItem, TransferItem } from "@mexc-live/contract";
import type { PairsOf } from "../figures/index.js";
import type { GatewayStore } from "../store/index.js";

/** A pair's two assets, as MEXC's symbol list gives them ("BTCUSDT": BTC, USDT). */
export interface Market {
  readonly base: string;
  readonly quote: string;
}

/** A pair's two assets (marketAssets of the account's pairs). */
export type MarketOf = (symbol: string) => Market | undefined;

/**
 * A pair's base and quote asset as `pairs` places it: the account's (figures/fillPairs.ts: MEXC's
 * symbol list, else what was remembered of the pair, else its spelling), or a price book's list.
 */
export function marketAssets(pairs: PairsOf): MarketOf {
  return (symbol) => {
    const market = pairs.marketOf(symbol);
    return market && { base: market.baseAsset, quote: market.quoteAsset };
  };
}

/**
 * A fill, with what the figures stored beside it: `feePairValue` is the fee valued in the pair's
 * quote asset at fill time, `amountValue` the fill's quote amount in the gateway's quote currency
 * (null where no price was known).
 */
export interface ExportFill extends FillItem {
  readonly feePairValue: string | null;
  readonly amountValue: string | null;
}

export type HistoryEntry =
  | { readonly kind: "fill"; readonly fill: ExportFill; readonly market: Market }
  /** A completed deposit, withdrawal, transfer to or from futures, or internal transfer. */
  | { readonly kind: "flow"; readonly transfer: TransferItem }
  /**
   * A dust conversion: the small balances given (one leg each) and the MX got (amount credited,
   * fee the MX MEXC kept), undefined when its leg is not stored.
   */
  | {
      readonly kind: "conversion";
      readonly id: string;
      readonly time: number;
      readonly gave: readonly TransferItem[];
      readonly got: TransferItem | undefined;
    };

export type ConversionEntry = Extract<HistoryEntry, { kind: "conversion" }>;

/**
 * A conversion of a single asset as the trade it is (that asset for the MX got); undefined for one
 * of several assets, whose MX MEXC credits as one sum: no format's trade row holds it, and the
 * share of each asset is not stored (the dust log's per-asset `convert` is not kept).
 */
export function swapOf(entry: ConversionEntry): { gave: TransferItem; got: TransferItem } | undefined {
  const [gave] = entry.gave;
  if (entry.gave.length !== 1 || gave === undefined || entry.got === undefined) return undefined;
  return { gave, got: entry.got };
}

/** What of the store a walk reads. */
export type ExportStore = Pick<
  GatewayStore,
  "fillHistory" | "fillsMark" | "exportTransfers" | "transfersMark" | "conversionLegs" | "lastFillPerSymbol"
>;

export interface HistoryQuery {
  /** ms, inclusive */
  readonly from?: number;
  /** ms, inclusive */
  readonly to?: number;
}

/** Ids masked like every item the API gives (the configured field mask; identity when none). */
export type ItemMask = <T>(item: T) => T;

export interface HistoryWalk {
  /** A step per row read, oldest first (a fill and a transfer of the same ms: the transfer first). */
  readonly steps: Generator<HistoryEntry | null>;
  /** The symbols with stored fills that cannot be placed (no two assets known): their fills are left out. */
  readonly unknownSymbols: readonly string[];
}

/** The walk of `store`'s history now (checked now: a bad range throws before the first step). */
export function walkHistory(
  store: ExportStore,
  marketOf: MarketOf,
  query: HistoryQuery = {},
  mask: ItemMask = (item) => item,
): HistoryWalk {
  const fills = store.fillHistory({ from: query.from, to: query.to, upToRow: store.fillsMark() });
  const transfers = store.exportTransfers({ from: query.from, to: query.to, upToRow: store.transfersMark() });
  const unknownSymbols = Object.keys(store.lastFillPerSymbol())
    .filter((symbol) => marketOf(symbol) === undefined)
    .sort();
  return { steps: merged(store, marketOf, fills, transfers, mask), unknownSymbols };
}

function* merged(
  store: ExportStore,
  marketOf: MarketOf,
  fills: Iterator<ExportFill>,
  transfers: Iterator<TransferItem>,
  mask: ItemMask,
): Generator<HistoryEntry | null> {
  /**
   * Conversions already given, by their legs' shared key: each is written once, with its first
   * leg. One key per dust conversion of the range, a few bytes each (conversions are rare: a
   * year of daily ones is 365 keys).
   */
  const given = new Set<string>();
  let fill = fills.next();
  let transfer = transfers.next();
  try {
    while (fill.done !== true || transfer.done !== true) {
      if (transfer.done !== true && (fill.done === true || transfer.value.time <= fill.value.time)) {
        yield transferEntry(store, transfer.value, given, mask);
        transfer = transfers.next();
      } else if (fill.done !== true) {
        const market = marketOf(fill.value.symbol);
        yield market === undefined ? null : { kind: "fill", fill: mask(fill.value), market };
        fill = fills.next();
      }
    }
  } finally {
    fills.return?.(undefined);
    transfers.return?.(undefined);
  }
}

function transferEntry(
  store: ExportStore,
  transfer: TransferItem,
  given: Set<string>,
  mask: ItemMask,
): HistoryEntry | null {
  if (transfer.type !== "conversion") return { kind: "flow", transfer: mask(transfer) };
  const key = transfer.txId === "" ? `time:${transfer.time}` : transfer.txId;
  if (given.has(key)) return null;
  given.add(key);
  const legs = store.conversionLegs(transfer).map(mask);
  const got = legs.find((leg) => leg.direction === "in");
  return {
    kind: "conversion",
    id: got?.id ?? key,
    time: transfer.time,
    gave: legs.filter((leg) => leg.direction === "out"),
    got,
  };
}
