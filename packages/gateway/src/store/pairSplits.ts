/**
 * Each traded pair's base and quote asset, remembered (issue 56): the fills store a pair as
 * "AZCUSDT", and once MEXC delists it its symbol list no longer says which part is which. So the
 * split is kept here as it was learnt: from MEXC's symbol list while the pair was listed
 * ("listed", figures/fillPairs.ts remembers it the first time a fill of it reaches the figures),
 * or from an import of MEXC's export, which names both assets ("export": "AZC_USDT"). A listed
 * split replaces an exported one; an exported one never replaces a listed one. One row per pair
 * the account has fills of (the size of fill_watermarks), so nothing here grows past the fills.
 */
import type { Db } from "./database.js";
import { textField } from "./validate.js";

export interface RememberedPair {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Where the split was learnt: MEXC's symbol list, or an export's "BASE_QUOTE" form. */
  readonly source: "listed" | "export";
}

export class PairSplitsTable {
  private readonly upsert;
  private readonly every;

  constructor(db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO pair_splits (symbol, base, quote, source) VALUES (@symbol, @base, @quote, @source)
      ON CONFLICT (symbol) DO UPDATE SET base = excluded.base, quote = excluded.quote, source = excluded.source
      WHERE excluded.source = 'listed' OR pair_splits.source = 'export'`);
    this.every = db.prepare<[], RememberedPair>("SELECT symbol, base, quote, source FROM pair_splits ORDER BY symbol");
  }

  remember(pair: RememberedPair): void {
    this.upsert.run({
      symbol: textField(pair.symbol, "symbol"),
      base: textField(pair.base, "base"),
      quote: textField(pair.quote, "quote"),
      source: pair.source === "listed" ? "listed" : "export",
    });
  }

  all(): RememberedPair[] {
    return this.every.all();
  }
}
