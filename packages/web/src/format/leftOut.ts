/**
 * The words for assets a figure leaves out while their past prices are still being fetched from
 * MEXC (the gateway's `pricesPending`): one sentence wherever figures say so under themselves (the
 * performance headline, the journal's comparisons), a short form where a title has little room
 * (a period's, charts/periodsLeftOut.ts).
 */

/** The sentence under figures that leave `assets` out until their past prices come. */
export function pricesComingWords(assets: readonly string[]): string {
  return `Not in these figures yet: ${assets.join(", ")}. Their past prices are still being fetched from MEXC; the figures take them in as they come.`;
}

/** The short form, in brackets after the assets left out. */
export const PRICES_COMING_SHORT = "past prices still being fetched from MEXC";
