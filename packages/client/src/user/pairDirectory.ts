/**
 * The pairs reconciliation may discover, with their base and quote: listed ones from exchangeInfo,
 * and paused or delisted ones from GET /api/v3/symbol/offline (docs/mexc/undocumented.md#market-data item 11.18, JKorf/Mexc.Net PR #52,
 * `MexcOfflineSymbol`: such pairs leave exchangeInfo, and their fills during a gap must still be
 * read). Both re-read hourly; on failure
 * the last copy (or none) with a warning. An offline pair keeps the assets exchangeInfo gave it
 * while listed; one never seen listed is cut after a quote asset some listed pair has (BTCUSDT:
 * BTC and USDT), the longest first.
 */
import type { ExchangeSymbol } from "@mexc-live/protocol/rest";
import { EXCHANGE_INFO_REFRESH_MS } from "../constants.js";
import type { Logger } from "../redact.js";
import type { RestEndpoints } from "../rest/endpoints.js";

export interface Pair {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
}

/** Where reconciliation learns the pairs: a PairDirectory of its own, or one shared by a gateway's accounts. */
export interface PairSource {
  all(): Promise<Pair[]>;
  /** Every listed and every offline symbol, whether or not its assets are known. */
  symbols(): Promise<ReadonlySet<string>>;
  /** Forget the copies read before `at` (local ms): the next call reads both lists again. */
  forgetBefore(at: number): void;
}

export class PairDirectory implements PairSource {
  private listed: { at: number; symbols: readonly ExchangeSymbol[] } | undefined;
  private offline: { at: number; symbols: readonly string[] } | undefined;
  /** Base and quote of every pair exchangeInfo ever listed here. */
  private readonly assetsOf = new Map<string, { base: string; quote: string }>();

  constructor(
    private readonly deps: {
      readonly endpoints: Pick<RestEndpoints, "exchangeInfo" | "offlineSymbols">;
      readonly logger: Logger;
      readonly now: () => number;
    },
  ) {}

  /** Every listed pair, then every offline pair whose assets are known. */
  async all(): Promise<Pair[]> {
    const listed = (await this.listedSymbols()).map((entry) => ({
      symbol: entry.symbol,
      base: entry.baseAsset,
      quote: entry.quoteAsset,
    }));
    const offline: Pair[] = [];
    for (const symbol of await this.offlineSymbols()) {
      const assets = this.assetsOfSymbol(symbol);
      if (assets !== undefined) offline.push({ symbol, ...assets });
    }
    return [...listed, ...offline];
  }

  async symbols(): Promise<ReadonlySet<string>> {
    const listed = (await this.listedSymbols()).map((entry) => entry.symbol);
    return new Set([...listed, ...(await this.offlineSymbols())]);
  }

  forgetBefore(at: number): void {
    if (this.listed !== undefined && this.listed.at < at) this.listed = { ...this.listed, at: -Infinity };
    if (this.offline !== undefined && this.offline.at < at) this.offline = { ...this.offline, at: -Infinity };
  }

  private async listedSymbols(): Promise<readonly ExchangeSymbol[]> {
    const cached = this.listed;
    if (cached !== undefined && this.deps.now() - cached.at < EXCHANGE_INFO_REFRESH_MS) return cached.symbols;
    try {
      // Signed: MEXC lists its Assessment Zone pairs to signed requests only (docs/mexc/undocumented.md
      // item 11.29), and a fill on one must still be reconciled. Reconciliation has the key anyway.
      const info = await this.deps.endpoints.exchangeInfo(undefined, { signed: true });
      this.listed = { at: this.deps.now(), symbols: info.symbols };
      for (const entry of info.symbols)
        this.assetsOf.set(entry.symbol, { base: entry.baseAsset, quote: entry.quoteAsset });
      return info.symbols;
    } catch (error) {
      this.deps.logger.warn({ error: (error as Error).message }, "exchangeInfo unavailable; symbols not discovered");
      return cached?.symbols ?? [];
    }
  }

  private async offlineSymbols(): Promise<readonly string[]> {
    const cached = this.offline;
    if (cached !== undefined && this.deps.now() - cached.at < EXCHANGE_INFO_REFRESH_MS) return cached.symbols;
    try {
      const symbols = (await this.deps.endpoints.offlineSymbols()).map((entry) => entry.symbol);
      this.offline = { at: this.deps.now(), symbols };
      return symbols;
    } catch (error) {
      this.deps.logger.warn(
        { error: (error as Error).message },
        "offline pairs unavailable; delisted pairs not discovered",
      );
      this.offline = { at: this.deps.now(), symbols: cached?.symbols ?? [] };
      return this.offline.symbols;
    }
  }

  private assetsOfSymbol(symbol: string): { base: string; quote: string } | undefined {
    const known = this.assetsOf.get(symbol);
    if (known !== undefined) return known;
    const quotes = [...new Set([...this.assetsOf.values()].map((assets) => assets.quote))].sort(
      (a, b) => b.length - a.length,
    );
    const quote = quotes.find((candidate) => symbol.length > candidate.length && symbol.endsWith(candidate));
    return quote === undefined ? undefined : { base: symbol.slice(0, -quote.length), quote };
  }
}
