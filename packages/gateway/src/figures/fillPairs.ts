/**
 * Each fill's pair as its base and quote asset, for every figure of an account (issue 56): what
 * MEXC's symbol list says now; else what was remembered of it (store/pairSplits.ts: from the list
 * while the pair was listed, or from an import of MEXC's export, which names both assets); else by
 * its spelling (protocol splitPair: the longest known quote it ends in). A pair MEXC delisted so
 * keeps its fills in the figures by asset, the journal and the tax report. A listed pair's split
 * is remembered the first time one of its fills is placed, so it outlives the listing.
 *
 * A fill none of the three can place is left out of the figures by asset, and named with its
 * reason (`whyUnplaced`) wherever it is left out: the tax file, health's `figures.unplaced`.
 */
import { KNOWN_QUOTES, splitPair } from "@mexc-live/protocol";
import type { GatewayStore, RememberedPair } from "../store/index.js";
import type { MarketInfo, PriceBook } from "./priceBook.js";

/** A pair's two assets, as MEXC's symbol list names them. */
export type PairAssets = Pick<MarketInfo, "baseAsset" | "quoteAsset">;

/** Where a fill's pair is split into its two assets (FillPairs; a test's symbol list alone). */
export interface PairsOf {
  marketOf(symbol: string): PairAssets | undefined;
}

/** Why a pair cannot be placed: the three ways of placing one, none of which knows it (no comma: one CSV cell unquoted). */
const NO_SPLIT =
  "not in MEXC's symbol list; never seen in it nor named by an import of MEXC's trade export (BASE_QUOTE); " +
  `it ends in no known quote asset (${KNOWN_QUOTES.join(" ")})`;

/** A pair remembered (or split by its spelling), as placed. */
interface Placed extends PairAssets {
  readonly source: RememberedPair["source"] | "spelling";
}

type PairsStore = Pick<GatewayStore, "rememberedPairs" | "rememberPairs" | "pairsRemembered" | "isOpen">;

export class FillPairs implements PairsOf {
  /**
   * By symbol: the pairs remembered, and those split by their spelling (null: not at all) once
   * asked: as many as the symbols of the fills.
   */
  private readonly placed = new Map<string, Placed | null>();
  /** The store's count of pairs remembered when `placed` was read from it (an import remembers more). */
  private readFrom = -1;

  constructor(
    private readonly book: Pick<PriceBook, "marketOf" | "quote">,
    private readonly store: PairsStore,
  ) {}

  /** The gateway's quote currency (what the openings are worked out in). */
  get quote(): string {
    return this.book.quote;
  }

  /** The pair's two assets; undefined when it cannot be placed (whyUnplaced says why). */
  marketOf(symbol: string): PairAssets | undefined {
    if (this.readFrom !== this.store.pairsRemembered) this.read();
    const listed = this.book.marketOf(symbol);
    const known = this.placed.get(symbol);
    if (listed === undefined) {
      if (known !== undefined) return known ?? undefined;
      const split = splitPair(symbol);
      const placed = split && { baseAsset: split.base, quoteAsset: split.quote, source: "spelling" as const };
      this.placed.set(symbol, placed ?? null);
      return placed;
    }
    if (known?.source !== "listed" || known.baseAsset !== listed.baseAsset || known.quoteAsset !== listed.quoteAsset) {
      this.placed.set(symbol, { baseAsset: listed.baseAsset, quoteAsset: listed.quoteAsset, source: "listed" });
      if (this.store.isOpen) {
        this.store.rememberPairs([{ symbol, base: listed.baseAsset, quote: listed.quoteAsset, source: "listed" }]);
        this.readFrom = this.store.pairsRemembered;
      }
    }
    return listed;
  }

  /** Why `symbol`'s fills cannot be placed, in words; undefined when they can. */
  whyUnplaced(symbol: string): string | undefined {
    if (this.marketOf(symbol) !== undefined) return undefined;
    return NO_SPLIT;
  }

  /** The remembered pairs, read again (the splits by spelling asked again too). */
  private read(): void {
    this.readFrom = this.store.pairsRemembered;
    this.placed.clear();
    for (const pair of this.store.rememberedPairs()) {
      this.placed.set(pair.symbol, { baseAsset: pair.base, quoteAsset: pair.quote, source: pair.source });
    }
  }
}
