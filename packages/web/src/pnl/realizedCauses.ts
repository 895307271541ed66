/**
 * The realized PnL by asset against the pairs' total, by cause, as the PnL panel shows it
 * (GET /api/pnl/realized; issue 57 item 1): the figure that leads is PnL by asset's total realized
 * as its total row shows it, the pairs' total as theirs shows it, and each cause to the cent, so
 * the line adds up as shown: lead = pairs' total + the causes. The gateway's causes add up
 * exactly; shown to the cent, the USDT pairs' share is what is left once the others are rounded
 * (it differs from its own rounding by the cents the rows' rounding took). Shown only when the
 * answer is of the same figures as the tables (the sums of their rows, exactly): reads of two
 * moments are never set side by side.
 */
import type { AssetPnlItem, PnlItem, RealizedCause, RealizedCauseName, RealizedCauses } from "@mexc-live/contract";
import { dec, exact, ZERO } from "@mexc-live/protocol";
import { roundDecimal } from "../format/decimal.js";
import { assetTotals, pairTotals } from "./pnlTotals.js";

interface CauseShown {
  readonly cause: RealizedCauseName;
  /** To the cent as the line shows it; null when the gateway could not price it. */
  readonly shown: string | null;
  /** The gateway's exact figure; null when not priced. */
  readonly exact: string | null;
  readonly label: string;
}

export interface RealizedShown {
  /** PnL by asset's total realized, as its total row shows it: the figure that leads. */
  readonly lead: string;
  /** The pairs' total realized, as its total row shows it. */
  readonly byPair: string;
  readonly causes: readonly CauseShown[];
  /** Assets whose moves had no price: the causes naming them are not known, the line does not add up. */
  readonly unpriced: readonly string[];
}

const MONEY_PLACES = 2;

function namesOf(cause: RealizedCause): string {
  const names = cause.names.join(", ");
  return cause.more > 0 ? `${names} and ${cause.more} more` : names;
}

/** What a cause is, in words, with the pairs or assets it is made of. */
function causeLabel(cause: RealizedCause, quote: string): string {
  const names = namesOf(cause);
  switch (cause.cause) {
    case "quotePairs":
      return `the ${quote} pairs themselves (${names}): by asset a coin has one cost over every pair, deposit and opening, and fees count apart; by pair each pair is its own position (a coin it never bought sells at no gain), fees in cost and proceeds`;
    case "otherBase":
      return `coins bought and sold on ${names}: by asset in ${quote}; by pair in the pair's quote asset, left out of this total`;
    case "otherQuote":
      return `coins spent or received as the quote of ${names}: realized by asset, not by pair`;
    case "feeCoins":
      return `fees paid in ${names}: each coin's gain or loss when spent`;
    case "flows":
      return `withdrawals and transfers of ${names}, at their market value`;
    case "conversions":
      return `small balances converted to MX (${names})`;
    case "openings":
      return `positions held before the history (${names})`;
  }
}

const equal = (a: string, b: string) => dec(a).eq(dec(b));
const exactSum = (values: readonly string[]) => exact(values.reduce((total, value) => total.plus(value), ZERO));

/**
 * The line under the pairs' total; null until the answer is of the tables' figures (or when there
 * is none, or nothing differs).
 */
export function realizedShown(
  answer: RealizedCauses | null,
  assets: readonly AssetPnlItem[] | null,
  pairs: readonly PnlItem[],
  quote: string,
): RealizedShown | null {
  if (answer === null || assets === null || answer.quote !== quote || !Array.isArray(answer.causes)) return null;
  const pairSums = pairTotals(pairs, quote);
  const inQuote = pairs.filter((item) => !pairSums.otherQuotes.some((left) => left.symbol === item.symbol));
  const sameFigures =
    equal(exactSum(assets.map((item) => item.realized)), answer.byAsset) &&
    equal(exactSum(inQuote.map((item) => item.realized)), answer.byPair);
  if (!sameFigures) return null;
  return causesAsShown(answer, assetTotals(assets).realized.value, pairSums.realized.value, quote);
}

/**
 * The line from an answer of the figures shown: `lead` the figure by asset and `byPair` the pairs'
 * total as the screen shows them; each cause to the cent, the USDT pairs' share what is left, so
 * lead = byPair + the causes as shown. Null when nothing differs.
 */
export function causesAsShown(
  answer: RealizedCauses,
  lead: string,
  byPair: string,
  quote: string,
): RealizedShown | null {
  const unpriced = [...new Set(answer.causes.flatMap((cause) => cause.unpriced))].sort();
  const rounded = (value: string | null) => (value === null ? null : exact(dec(roundDecimal(value, MONEY_PLACES))));
  // Every cause to the cent but the USDT pairs' share: that one is what is left, when all are known.
  const others = answer.causes.filter((cause) => cause.cause !== "quotePairs");
  const rest = others.reduce((left, cause) => left.minus(rounded(cause.realized) ?? "0"), dec(lead).minus(byPair));
  const causes = answer.causes.map((cause) => ({
    cause: cause.cause,
    exact: cause.realized,
    shown: cause.cause === "quotePairs" && unpriced.length === 0 ? exact(rest) : rounded(cause.realized),
    label: causeLabel(cause, quote),
  }));
  if (causes.length === 0 && equal(lead, byPair)) return null;
  return { lead, byPair, causes, unpriced };
}
