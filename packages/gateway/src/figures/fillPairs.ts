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
import type { UnplacedPair } from "@mexc-live/contract";
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

type PairsStore = Pick<
  GatewayStore,
  | "rememberedPairs"
  | "rememberPairs"
  | "pairsRemembered"
  | "isOpen"
  | "lastFillPerSymbol"
  | "fillCountOf"
  | "valueAgainUnplaced"
>;

/** A pair left out of a walk whose two assets came to be known before it ended. */
const PLACED_SINCE = "its two assets became known while this was worked out: ask again to have its fills in";

export class FillPairs implements PairsOf {
  /**
   * By symbol: the pairs remembered, and those split by their spelling (null: not at all) once
   * asked: as many as the symbols of the fills.
   */
  private readonly placed = new Map<string, Placed | null>();
  /** The store's count of pairs remembered when `placed` was read from it (an import remembers more). */
  private readFrom = -1;
  /** The pairs whose fills valueAgainPlaced looked at (as many as the pairs of the fills). */
  private readonly valuedAgain = new Set<string>();

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

  /** The pairs of the stored fills it cannot place, each with its fills and why, by symbol. */
  unplaced(): UnplacedPair[] {
    const symbols = Object.keys(this.store.lastFillPerSymbol()).filter((symbol) => this.marketOf(symbol) === undefined);
    return this.named(new Map(symbols.map((symbol) => [symbol, this.store.fillCountOf(symbol)])));
  }

  /** Pairs and their fills left out (a walk's count), each with the reason, by symbol. */
  named(unplaced: ReadonlyMap<string, number>): UnplacedPair[] {
    return [...unplaced]
      .map(([symbol, fills]) => ({ symbol, fills, reason: this.whyUnplaced(symbol) ?? PLACED_SINCE }))
      .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }

  /**
   * The fills of the pairs the symbol list lacks but that are placed now (remembered, or by their
   * spelling) valued again where they were valued with no pair known (before this version placed
   * them, or before an import named their assets): their fee in MX, their amount in another
   * quote. Once per pair; the keeper values what is pending next.
   */
  valueAgainPlaced(): void {
    for (const symbol of Object.keys(this.store.lastFillPerSymbol())) {
      if (this.valuedAgain.has(symbol) || this.book.marketOf(symbol) !== undefined) continue;
      if (this.marketOf(symbol) === undefined) continue;
      this.valuedAgain.add(symbol);
      this.store.valueAgainUnplaced(symbol);
    }
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
