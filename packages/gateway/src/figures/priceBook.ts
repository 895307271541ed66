/**
 * Last prices per symbol, and the value of any asset in a quote currency.
 *
 * Fed from tickers, trades and our own fills (`update`); the symbol list (base/quote per symbol)
 * comes from exchangeInfo (`setMarkets`). An asset is valued through a direct pair ASSET+QUOTE,
 * its inverse QUOTE+ASSET, or else through one intermediate asset (ETH -> BTC -> USDT), each leg
 * direct or inverse. Unknown means null, never a guess: no symbol is split by name.
 */

import type { DisplayPrecisions } from "@mexc-live/contract";
import { DEFAULT_QUOTE } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ONE } from "@mexc-live/protocol";
import { displayPrecisions } from "./displayPrecision.js";

/** Tried in this order when an asset has no pair with the quote currency. */
export const DEFAULT_INTERMEDIATES: readonly string[] = ["USDT", "BTC", "ETH", "USDC", "MX", "USDE", "FDUSD"];

/** One entry of exchangeInfo's `symbols` (only what we read). */
export interface MarketSymbol {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** MEXC's flag; false means API trading is disabled on the pair. */
  readonly isSpotTradingAllowed?: unknown;
  /** Listed to signed requests only (MEXC's Assessment Zone, docs/mexc/undocumented.md#fills-and-keys item 11.29). */
  readonly signedOnly?: boolean;
  /** Places of the pair's quantities and prices (displayPrecision.ts). */
  readonly baseAssetPrecision?: unknown;
  readonly quotePrecision?: unknown;
}

export interface MarketInfo {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly apiTradingDisabled: boolean;
  /** Public reads and streams do not carry it: its prices and candles are read signed. */
  readonly signedOnly: boolean;
}

/** What the other derive modules need of a price book. */
export interface PriceSource {
  readonly quote: string;
  marketOf(symbol: string): MarketInfo | undefined;
  price(symbol: string): string | undefined;
  priceOf(asset: string, quote?: string, override?: PriceOverride): Decimal | null;
}

/** A price to use instead of the book's for one symbol (e.g. a fill's own price, at fill time). */
export interface PriceOverride {
  readonly symbol: string;
  readonly price: string;
}

export interface PriceBookOptions {
  /** The currency everything is valued in. Default USDT. */
  readonly quote?: string;
  readonly intermediates?: readonly string[];
}

interface LastPrice {
  readonly price: Decimal;
  readonly text: string;
  readonly time: number;
}

export class PriceBook implements PriceSource {
  readonly quote: string;
  private readonly intermediates: readonly string[];
  private readonly prices = new Map<string, LastPrice>();
  private readonly markets = new Map<string, MarketInfo>();
  private shownPlaces: DisplayPrecisions = { assets: {}, symbols: {} };
  /** Symbol by base, then quote (no key text to build: a year of PnL by day asks 80,000 times). */
  private readonly pairs = new Map<string, Map<string, string>>();

  constructor(options: PriceBookOptions = {}) {
    this.quote = options.quote ?? DEFAULT_QUOTE;
    this.intermediates = options.intermediates ?? DEFAULT_INTERMEDIATES;
  }

  /** Replaces the symbol list (exchangeInfo's `symbols`). Prices already known are kept. */
  setMarkets(symbols: readonly MarketSymbol[]): void {
    this.shownPlaces = displayPrecisions(symbols);
    this.markets.clear();
    this.pairs.clear();
    for (const s of symbols) {
      const info: MarketInfo = {
        symbol: s.symbol,
        baseAsset: s.baseAsset,
        quoteAsset: s.quoteAsset,
        apiTradingDisabled: s.isSpotTradingAllowed === false,
        signedOnly: s.signedOnly === true,
      };
      this.markets.set(s.symbol, info);
      let quotes = this.pairs.get(s.baseAsset);
      if (quotes === undefined) {
        quotes = new Map();
        this.pairs.set(s.baseAsset, quotes);
      }
      quotes.set(s.quoteAsset, s.symbol);
    }
  }

  marketOf(symbol: string): MarketInfo | undefined {
    return this.markets.get(symbol);
  }

  /** The pairs listed to signed requests only (MEXC's Assessment Zone), in symbol order. */
  signedOnlySymbols(): string[] {
    return [...this.markets.values()]
      .filter((market) => market.signedOnly)
      .map((market) => market.symbol)
      .sort();
  }

  /** The places each pair and asset is shown in (GET /api/precisions), from the last symbol list. */
  precisions(): DisplayPrecisions {
    return this.shownPlaces;
  }

  /** Whether exchangeInfo's symbol list has been loaded. */
  get hasMarkets(): boolean {
    return this.markets.size > 0;
  }

  /**
   * Whether the book is still waiting for its first prices: the symbol list or every price still
   * to come (a fresh start: exchangeInfo and the first REST read of every pair's price on their
   * way, sharedMarket.ts). A price it lacks meanwhile is not known yet, not missing at MEXC.
   */
  get awaitingPrices(): boolean {
    return this.markets.size === 0 || this.prices.size === 0;
  }

  /** The symbol trading `base` against `quote`, if listed. */
  symbolFor(base: string, quote: string): string | undefined {
    return this.pairs.get(base)?.get(quote);
  }

  /**
   * Records the last price of `symbol`. An update older than the one held (by `time`, ms) is
   * ignored, so a reconciled old fill cannot move the price back. A price that is not a positive
   * decimal is ignored. Returns whether the book changed.
   */
  update(symbol: string, price: string, time = Date.now()): boolean {
    let value: Decimal;
    try {
      value = dec(price, `${symbol} price`);
    } catch {
      return false;
    }
    if (value.lte(0)) return false;
    const held = this.prices.get(symbol);
    if (held && held.time > time) return false;
    if (held && held.text === price && held.time === time) return false;
    this.prices.set(symbol, { price: value, text: price, time });
    return true;
  }

  /** The last price of a symbol as received; undefined before the first. */
  price(symbol: string): string | undefined {
    return this.prices.get(symbol)?.text;
  }

  apiTradingDisabled(symbol: string): boolean {
    return this.markets.get(symbol)?.apiTradingDisabled === true;
  }

  /** Whether every listed pair of `asset` against `quote` (either way round) has API trading disabled. */
  assetApiTradingDisabled(asset: string, quote = this.quote): boolean {
    const symbols = [this.symbolFor(asset, quote), this.symbolFor(quote, asset)].filter((s) => s !== undefined);
    return symbols.length > 0 && symbols.every((s) => this.apiTradingDisabled(s));
  }

  /** Price of one unit of `asset` in `quote`; null when no route has prices. */
  priceOf(asset: string, quote = this.quote, override?: PriceOverride): Decimal | null {
    if (asset === quote) return ONE;
    const direct = this.leg(asset, quote, override);
    if (direct) return direct;
    for (const via of this.intermediates) {
      if (via === asset || via === quote) continue;
      const first = this.leg(asset, via, override);
      if (!first) continue;
      const second = this.leg(via, quote, override);
      if (second) return first.times(second);
    }
    return null;
  }

  /** `amount` of `asset` valued in `quote`, as a string; null when no price is known. */
  valueAt(asset: string, amount: string, quote = this.quote): string | null {
    const price = this.priceOf(asset, quote);
    return price ? fmt(dec(amount, `${asset} amount`).times(price)) : null;
  }

  /** One hop: the pair FROM+TO at its price, or TO+FROM at one over its price. */
  private leg(from: string, to: string, override: PriceOverride | undefined): Decimal | null {
    const direct = this.symbolFor(from, to);
    const directPrice = direct === undefined ? null : this.priceFor(direct, override);
    if (directPrice) return directPrice;
    const inverse = this.symbolFor(to, from);
    const inversePrice = inverse === undefined ? null : this.priceFor(inverse, override);
    return inversePrice ? ONE.div(inversePrice) : null;
  }

  private priceFor(symbol: string, override: PriceOverride | undefined): Decimal | null {
    if (override && override.symbol === symbol) {
      const value = dec(override.price, `${symbol} price`);
      return value.gt(0) ? value : null;
    }
    return this.prices.get(symbol)?.price ?? null;
  }
}
