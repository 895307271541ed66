/**
 * The words for assets a figure leaves out while what values them is still being fetched from MEXC
 * (the gateway's `pricesPending`): their past prices, or, while the first backfill reads the
 * account's history newest first, the buys that give what is held its cost. One sentence wherever figures say so under themselves (the
 * performance headline, the journal's comparisons), a short form where a title has little room
 * (a period's, charts/periodsLeftOut.ts).
 */

/** The sentence under figures that leave `assets` out until their past prices come. */
export function pricesComingWords(assets: readonly string[]): string {
  return `Not in these figures yet: ${assets.join(", ")}. Their past prices or their history are still being fetched from MEXC; the figures take them in as they come.`;
}

/** The short form, in brackets after the assets left out. */
export const PRICES_COMING_SHORT = "past prices or history still being fetched from MEXC";
