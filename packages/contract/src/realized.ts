/**
 * GET /api/pnl/realized: why the realized PnL by asset and by pair differ, in numbers (issue 57
 * item 1). The realized PnL by asset, in the quote currency, is the figure that leads; the pairs'
 * total beside it adds up the pairs quoted in the quote currency, each in its own position. Over
 * the whole history, or over a range (`from`, `to`: the journal's calendar), by one cost-basis
 * method:
 *
 *   byAsset = byPair + the sum of every cause's realized
 *
 * exactly (decimal strings). A cause's realized is what the figures by asset realized on the moves
 * it names (gateway figures/realizedCauses.ts), except `quotePairs`, the pairs quoted in the quote
 * currency: what the figures by asset realized on their trades minus what the pairs realized.
 */
import type { CostMethodName } from "./performance.js";

/**
 * Why the realized PnL by asset differs from the pairs' total:
 *   quotePairs   the pairs quoted in the quote currency: by pair a fill's fees are in its cost and
 *                proceeds and each pair is a position of its own (a coin sold on a pair that did not
 *                buy it, deposited or bought on another pair, realizes nothing there); by asset
 *                fees are apart and a coin has one cost over every pair, deposit and opening
 *   otherBase    the coins bought and sold on pairs quoted in another coin (ETHBTC's ETH): by pair
 *                realized in that coin, left out of the total; by asset in the quote currency
 *   otherQuote   the coins spent or received as the quote of such pairs (ETHBTC's BTC): a disposal
 *                by asset, nothing by pair
 *   feeCoins     fees paid in a coin (MX, BTC): by asset the coin's gain or loss when spent
 *   flows        withdrawals and transfers out: by asset a disposal at their market value
 *   conversions  small balances converted to MX: by asset a disposal of each
 *   openings     positions held before the history (realizes only where one closes a short)
 */
export const REALIZED_CAUSES = [
  "quotePairs",
  "otherBase",
  "otherQuote",
  "feeCoins",
  "flows",
  "conversions",
  "openings",
] as const;
export type RealizedCauseName = (typeof REALIZED_CAUSES)[number];

/** Names a cause lists at most (pairs or assets); `more` counts the rest. */
export const MAX_CAUSE_NAMES = 20;

export interface RealizedCause {
  readonly cause: RealizedCauseName;
  /** Its realized PnL in the quote currency; null when a move of it had no price (`unpriced` names the assets). */
  readonly realized: string | null;
  /** The pairs (quotePairs, otherBase, otherQuote) or assets (the others) it is made of, sorted, at most MAX_CAUSE_NAMES. */
  readonly names: readonly string[];
  /** Names left out of `names`. */
  readonly more: number;
  /** Assets of a move that had no price: the cause's realized is not known. */
  readonly unpriced: readonly string[];
}

export interface RealizedCauses {
  readonly quote: string;
  readonly method: CostMethodName;
  /**
   * Asked for a range: its first and last instant as read, ms (its ends moved to the figures' marks,
   * 15-minute boundaries, as PnL by period's; never before the history starts). Absent: the whole history.
   */
  readonly from?: number;
  readonly to?: number;
  /**
   * The realized PnL by asset: over the whole history the sum of GET /api/pnl?by=asset's
   * `realized`; over a range the sum of GET /api/pnl/periods' `realized` for its days (every
   * asset priced: a day leaves out an asset it cannot value, this does not).
   */
  readonly byAsset: string;
  /**
   * The pairs' total: the sum of GET /api/pnl's `realized` over the pairs quoted in `quote`; over
   * a range, what their fills of the range realized by pair.
   */
  readonly byPair: string;
  /** Every cause with a move, in REALIZED_CAUSES' order: byAsset = byPair + their realized, summed. */
  readonly causes: readonly RealizedCause[];
}
