/**
 * How much a demo account trades: one pace for its history before the start (pastTrading.ts) and
 * its demo trader after it (demoTrader.ts, market.ts), so a demo's live day looks like one of its
 * past days (issue 40 item 9): about MEAN_FILLS_PER_DAY fills a day, each order a small share of
 * what the account holds of the pair. The live trader's first fill comes within
 * FIRST_ACTION_MS of the start, so a fresh demo shows one; then it keeps to the history's rate.
 *
 * Tests and benches that want a busy demo ask for it (BUSY_DEMO_TRADER, market.ts
 * `demoFillsPerDay`); the user's demo keeps this pace.
 */
import { type Decimal as Big, DAY_MS } from "@mexc-live/protocol";
import type { SymbolConfig } from "../types.js";
import { toSteps } from "./decimalSteps.js";
import { minLots, priceOf } from "./orderSizing.js";

/** Fills per day per account: [min, max]; the history draws each day's number from it. */
export const FILLS_PER_DAY = [10, 40] as const;
/** The live trader's rate: the history's days on average. */
export const MEAN_FILLS_PER_DAY = (FILLS_PER_DAY[0] + FILLS_PER_DAY[1]) / 2;
/** One order's size as a share of the pair's budget (pairBudgets): [min, max). */
export const ORDER_SHARE = [0.004, 0.025] as const;
/** A pair whose minimum order is more than this share of its budget is not traded. */
const MIN_ORDER_SHARE_MAX = 0.05;

/** The live trader's first look (a MARKET order, so a fill at once): [min, max] simulated ms after the start (after a gateway's stream is up, most often). */
export const FIRST_ACTION_MS = [10_000, 25_000] as const;
/** The live trader looks at its orders at most this far apart... */
const LOOK_MAX_MS = 60_000;
/** ...and at least this far apart, however busy its pace. */
const LOOK_MIN_MS = 100;
/** Looks per gap between two fills, at the least (so an order is placed soon after the pace allows one). */
const LOOKS_PER_FILL = 4;
/** Fills the live trader may be ahead of its pace, at most (a quiet spell is not made up in a burst). */
const FILL_BURST = 2;

/** A pair the account can trade both ways, with the scale of its orders. */
export interface PairBudget {
  readonly config: SymbolConfig;
  /** Lots the pair's budget buys at the current price: ORDER_SHARE of it is one order. */
  readonly budgetLots: number;
}

/**
 * The pairs whose two assets the account holds (API trading enabled), each with a budget: the
 * smaller of what it holds of the base (valued at the price) and its share of the quote (split
 * over the pairs quoting it). A pair whose minimum order is a large share of its budget is left out.
 */
export function pairBudgets(
  symbols: readonly SymbolConfig[],
  held: ReadonlyMap<string, Big>,
  ticksNow: (config: SymbolConfig) => number,
): PairBudget[] {
  const candidates = symbols.filter(
    (config) =>
      !config.apiTradingDisabled &&
      (held.get(config.baseAsset)?.gt(0) ?? false) &&
      (held.get(config.quoteAsset)?.gt(0) ?? false),
  );
  const quoting = (asset: string) => candidates.filter((config) => config.quoteAsset === asset).length;
  const pairs: PairBudget[] = [];
  for (const config of candidates) {
    const ticks = ticksNow(config);
    if (!(ticks >= 1)) continue;
    const quoteShare = held.get(config.quoteAsset)!.div(quoting(config.quoteAsset)).div(priceOf(config, ticks));
    const base = held.get(config.baseAsset)!;
    const budgetLots = toSteps(base.lt(quoteShare) ? base : quoteShare, config.quantityPrecision);
    if (minLots(config, ticks) <= budgetLots * MIN_ORDER_SHARE_MAX) pairs.push({ config, budgetLots });
  }
  return pairs;
}

/** Lots of one order on a pair: `share` (drawn from ORDER_SHARE) of its budget, at least its minimum. */
export function orderLots(pair: PairBudget, share: number, ticks: number): number {
  return Math.max(minLots(pair.config, ticks), Math.round(pair.budgetLots * share));
}

/**
 * How often the live trader looks at its orders at a pace of `fillsPerDay`: [min, max] simulated
 * ms, at least LOOKS_PER_FILL times per gap between two fills, at most LOOK_MAX_MS apart.
 */
export function lookIntervalMs(fillsPerDay: number): readonly [number, number] {
  const gap = DAY_MS / fillsPerDay;
  const max = Math.round(Math.max(LOOK_MIN_MS, Math.min(LOOK_MAX_MS, gap / LOOKS_PER_FILL)));
  return [Math.max(LOOK_MIN_MS, Math.round(max / 3)), max];
}

/**
 * The live trader's allowance of fills: it earns `fillsPerDay` a simulated day (one to start
 * with, for the first fill), keeps at most FILL_BURST in hand, and each fill spends one. An order
 * is placed only while the allowance covers it and the orders still resting.
 */
export interface FillAllowance {
  /** True when one more order fits: the allowance at `now` covers it and `resting` orders still to fill. */
  allows(now: number, resting: number): boolean;
  /** A fill of the trader's account. */
  filled(): void;
}

export function createFillAllowance(fillsPerDay: number, start: number): FillAllowance {
  if (!(fillsPerDay > 0)) throw new RangeError(`demoFillsPerDay must be more than 0, got ${fillsPerDay}`);
  const perMs = fillsPerDay / DAY_MS;
  let inHand = 1;
  let at = start;
  const earn = (now: number) => {
    if (now > at) inHand = Math.min(FILL_BURST, inHand + (now - at) * perMs);
    at = Math.max(at, now);
  };
  return {
    allows: (now, resting) => {
      if (fillsPerDay === Number.POSITIVE_INFINITY) return true;
      earn(now);
      return inHand - resting >= 1;
    },
    filled: () => {
      inHand -= 1;
    },
  };
}
