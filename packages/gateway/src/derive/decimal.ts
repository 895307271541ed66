/**
 * The gateway's one decimal helper: big.js inside, trimmed strings at every boundary.
 *
 * Sums and products are exact. Divisions (an inverse price, an average cost, a pro-rata cost
 * basis) are carried to INTERNAL_DP places and rounded half-even to OUTPUT_DP places when a
 * figure leaves this module; figures that never divide come out exactly as computed.
 */
import Big from "big.js";

/** Places kept by a division while figures are still being combined. */
export const INTERNAL_DP = 40;
/** Places of a figure that went through a division, when it is turned into a string (18: wei). */
export const OUTPUT_DP = 18;
/** big.js rounding mode 2: half to even (the typings' const enum cannot be imported here). */
const ROUND_HALF_EVEN = 2;

/** A big.js constructor of our own, so division precision does not depend on global settings. */
const Dec = Big();
Dec.DP = INTERNAL_DP;
Dec.RM = ROUND_HALF_EVEN;

export type Decimal = Big;
export const ZERO: Decimal = new Dec(0);
export const ONE: Decimal = new Dec(1);

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
/** Already canonical: no leading zeros, no trailing fractional zeros (the hot path skips big.js). */
const CANONICAL_TEXT = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** A decimal from its string; throws DecimalError naming `field` for anything else ("", "1e5", "NaN"). */
export function dec(value: string, field = "value"): Decimal {
  if (!DECIMAL_TEXT.test(value)) throw new DecimalError(field, value);
  return new Dec(value);
}

/** Whether `value` is a plain decimal string ("12", "-0.5"; no exponent, no spaces). */
export function isDecimal(value: string): boolean {
  return DECIMAL_TEXT.test(value);
}

/** Trimmed string: no exponent, no trailing zeros, "0" for zero, at most OUTPUT_DP places. */
export function fmt(value: Decimal): string {
  const text = value.round(OUTPUT_DP, ROUND_HALF_EVEN).toFixed();
  return text === "-0" ? "0" : text;
}

/** Trimmed string of the exact value, however many places (for stored data such as price x quantity). */
export function exact(value: Decimal): string {
  const text = value.toFixed();
  return text === "-0" ? "0" : text;
}

/** The canonical form of a decimal string ("1.500" -> "1.5", "-0" -> "0"), exact; throws on garbage. */
export function normalize(value: string, field = "value"): string {
  if (CANONICAL_TEXT.test(value) && value !== "-0") return value;
  return exact(dec(value, field));
}

export class DecimalError extends Error {
  readonly code = "BAD_DECIMAL";
  constructor(
    readonly field: string,
    value: string,
  ) {
    super(`${field} is not a decimal: ${JSON.stringify(value.slice(0, 40))}`);
    this.name = "DecimalError";
  }
}
