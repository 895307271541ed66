/**
 * The markets the decode corpus is drawn from: symbols with the price and quantity precision
 * MEXC uses for them, a plausible mid price and depth version (a big decimal counter, like
 * vector A's `43296363236`), and how often each one pushes. Prices and sizes are integers of
 * ticks/units turned into trimmed decimal strings, so no float ever becomes an amount.
 */
import type { Rng } from "../lib/prng.js";

export interface MarketSpec {
  readonly symbol: string;
  /** Share of public pushes relative to the other symbols. */
  readonly weight: number;
  /** Aggregation interval of the public channels subscribed for this symbol. */
  readonly interval: "100ms" | "10ms";
  readonly priceDecimals: number;
  /** Mid price in ticks of 10^-priceDecimals. */
  readonly midTicks: number;
  readonly quantityDecimals: number;
  /** Level/trade sizes in units of 10^-quantityDecimals, spread log-uniformly. */
  readonly minUnits: number;
  readonly maxUnits: number;
  readonly firstVersion: number;
}

export const MARKETS: readonly MarketSpec[] = [
  market("BTCUSDT", 30, "10ms", 2, 11714549, 8, 1_000, 300_000_000, 43296363236),
  market("ETHUSDT", 20, "10ms", 2, 365012, 5, 100, 5_000_000, 27788110452),
  market("SOLUSDT", 10, "100ms", 2, 18045, 3, 10, 2_000_000, 9876543210),
  market("XRPUSDT", 8, "100ms", 4, 29876, 2, 100, 5_000_000, 12004455667),
  market("DOGEUSDT", 8, "100ms", 5, 21345, 2, 1_000, 50_000_000, 8123409871),
  market("MXUSDT", 8, "100ms", 4, 36962, 2, 10, 1_000_000, 3320198455),
  market("PEPEUSDT", 6, "100ms", 8, 1234, 0, 100_000, 2_000_000_000, 1520334871),
  market("SUIUSDT", 5, "100ms", 4, 34521, 2, 10, 2_000_000, 2211300984),
  market("KASUSDT", 5, "100ms", 5, 9120, 2, 1_000, 10_000_000, 905512377),
];

/** Mutable state of one market while the corpus is generated. */
export interface MarketState {
  readonly spec: MarketSpec;
  midTicks: number;
  version: number;
}

/** What a frame builder draws from: the PRNG, the markets and the stream clock. */
export interface FrameContext {
  readonly rng: Rng;
  readonly markets: readonly MarketState[];
  /** Exchange time of the frame being built, ms since epoch. */
  now: number;
}

export function openMarkets(): MarketState[] {
  return MARKETS.map((spec) => ({ spec, midTicks: spec.midTicks, version: spec.firstVersion }));
}

/** A market picked by its push weight. */
export function pickMarket(ctx: FrameContext): MarketState {
  return ctx.rng.weighted(ctx.markets, (m) => m.spec.weight);
}

/** A numeric id of `length` digits, no leading zero (MEXC order and trade ids are such strings). */
export function digits(rng: Rng, length: number): string {
  let text = String(rng.int(1, 9));
  while (text.length < length) text += String(rng.int(0, 9));
  return text;
}

/** Random walk of the mid by a few ticks, never below 100 ticks. */
export function moveMid(rng: Rng, m: MarketState): void {
  m.midTicks = Math.max(100, m.midTicks + rng.int(-3, 3));
}

export function priceString(m: MarketState, ticks: number): string {
  return toDecimal(ticks, m.spec.priceDecimals);
}

export function randomQuantity(rng: Rng, m: MarketState): string {
  return toDecimal(rng.logInt(m.spec.minUnits, m.spec.maxUnits), m.spec.quantityDecimals);
}

/**
 * An integer count of 10^-decimals units as MEXC writes it in pushes: trimmed, no exponent
 * (`11714549, 2` -> "117145.49", `1000, 2` -> "10", `0, 8` -> "0", `5, 3` -> "0.005").
 */
export function toDecimal(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units) || units < 0) throw new Error(`not a count of units: ${units}`);
  if (decimals === 0) return String(units);
  const digits = String(units).padStart(decimals + 1, "0");
  const whole = digits.slice(0, -decimals);
  const fraction = digits.slice(-decimals).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

function market(
  symbol: string,
  weight: number,
  interval: MarketSpec["interval"],
  priceDecimals: number,
  midTicks: number,
  quantityDecimals: number,
  minUnits: number,
  maxUnits: number,
  firstVersion: number,
): MarketSpec {
  return { symbol, weight, interval, priceDecimals, midTicks, quantityDecimals, minUnits, maxUnits, firstVersion };
}
