/**
 * Order sizes that respect a symbol's rules: prices in whole ticks (10^-pricePrecision),
 * quantities in whole lots (10^-quantityPrecision), at least minQuantity, and a notional
 * (price x quantity) of at least minNotional. Integer arithmetic, exact.
 */
import type { SymbolConfig } from "../types.js";
import { fromSteps, toSteps } from "./decimalSteps.js";

interface Minimums {
  readonly lots: number;
  /** minNotional in units of 10^-(pricePrecision + quantityPrecision): ticks x lots must reach it. */
  readonly notional: bigint;
}

const minimumsCache = new WeakMap<SymbolConfig, Minimums>();

function minimums(config: SymbolConfig): Minimums {
  let found = minimumsCache.get(config);
  if (!found) {
    const scale = config.pricePrecision + config.quantityPrecision;
    found = {
      lots: Math.max(1, toSteps(config.minQuantity, config.quantityPrecision, true)),
      notional: BigInt(toSteps(config.minNotional, scale, true)),
    };
    minimumsCache.set(config, found);
  }
  return found;
}

/** Fewest lots a valid order at a price of `ticks` may have. */
export function minLots(config: SymbolConfig, ticks: number): number {
  const { lots, notional } = minimums(config);
  const price = BigInt(Math.max(1, ticks));
  return Math.max(lots, Number((notional + price - 1n) / price));
}

/** Price string of a tick count. */
export function priceOf(config: SymbolConfig, ticks: number): string {
  return fromSteps(ticks, config.pricePrecision);
}

/** Quantity string of a lot count. */
export function quantityOf(config: SymbolConfig, lots: number): string {
  return fromSteps(lots, config.quantityPrecision);
}

/** Ticks of a price string (rounded down to the grid). */
export function ticksOf(config: SymbolConfig, price: string): number {
  return toSteps(price, config.pricePrecision);
}

/** Lots of a quantity (rounded down to the grid). */
export function lotsOf(config: SymbolConfig, quantity: string): number {
  return toSteps(quantity, config.quantityPrecision);
}
