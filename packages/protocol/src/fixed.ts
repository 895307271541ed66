/**
 * The figures' one fixed-point type: a decimal as a whole number of 10^-18 (OUTPUT_DP, the places
 * every figure is given to) in a bigint. Sums and differences are exact; a value is rounded only
 * at the rounding points named below, each half-even to 18 places, the same rule wherever a figure
 * is made (by pair, by asset, the tax report, the journal), so two views of the same trades agree
 * to the last digit. A bigint is ten times and more faster than arbitrary-precision decimals on
 * the figures' hot path (bench/store); what leaves it is a plain decimal string.
 *
 * The rounding points (all half-even to OUTPUT_DP places):
 *   fixed(text)          an input with more places than 18 (MEXC's decimals have fewer; a value
 *                        worked out elsewhere may not)
 *   fixedOf(decimal)     a big.js result brought in (an opening's quantity x cost price)
 *   share(a, part, whole)  a x part / whole: the cost of what leaves a lot, the proceeds of the
 *                        part of a sale a position covered, the value of a part of a trip
 *   product(a, b)        a x b: a price times a quantity
 *   fixedTimes(a, b)     a x b with b a big.js value (a market price): a quantity's value at it,
 *                        the same digits as roundFigure(a x b) without big.js's arithmetic
 *   roundFigure(decimal) a big.js product or quotient worked out beside the fixed-point figures
 *                        (a value at a price, an average cost), brought to the same places
 */
import { type Decimal, dec, decimalPoint, OUTPUT_DP, ROUND_HALF_EVEN } from "./decimal.js";
import { DecimalError } from "./errors.js";

/** A decimal as a whole number of 10^-OUTPUT_DP. */
export type Fixed = bigint;

const POW10: readonly bigint[] = Array.from({ length: OUTPUT_DP + 1 }, (_, i) => 10n ** BigInt(i));
/** 1 as a Fixed. */
export const FIXED_ONE: Fixed = POW10[OUTPUT_DP] as bigint;
const ZEROS = "0".repeat(OUTPUT_DP);
/** Digits a double holds exactly (2^53 > 10^15): such a number is read without a string on the way. */
const MAX_EXACT_DIGITS = 15;

/**
 * A plain decimal string ("12", "-0.5") as a Fixed (rounding point: more than 18 places are rounded
 * half-even); throws DecimalError naming `field` for anything else (decimal.ts's one grammar).
 */
export function fixed(text: string, field = "value"): Fixed {
  const point = decimalPoint(text);
  if (point < 0) throw new DecimalError(field, text);
  const negative = text.charCodeAt(0) === 45; /* - */
  const start = negative ? 1 : 0;
  const places = point === text.length ? 0 : text.length - point - 1;
  const digitCount = text.length - start - (places === 0 ? 0 : 1);
  let digits: bigint;
  if (digitCount <= MAX_EXACT_DIGITS) digits = BigInt(smallDigits(text, start));
  else digits = BigInt(places === 0 ? text.slice(start) : text.slice(start, point) + text.slice(point + 1));
  let value: Fixed;
  if (places <= OUTPUT_DP) value = digits * (POW10[OUTPUT_DP - places] as bigint);
  else value = divHalfEven(digits, 10n ** BigInt(places - OUTPUT_DP));
  return negative ? -value : value;
}

/** A big.js value rounded as a Fixed is (half-even to 18 places), still a big.js value. */
export function roundFigure(value: Decimal): Decimal {
  return value.round(OUTPUT_DP, ROUND_HALF_EVEN);
}

/** A big.js value as a Fixed (rounding point: half-even to 18 places). */
export function fixedOf(value: Decimal): Fixed {
  return fixed(value.toFixed(), "value");
}

/** The trimmed decimal string of a Fixed: no exponent, no trailing zeros, "0" for zero. */
export function fixedText(value: Fixed): string {
  if (value === 0n) return "0";
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString();
  if (digits.length <= OUTPUT_DP) digits = ZEROS.slice(digits.length - 1) + digits;
  const cut = digits.length - OUTPUT_DP;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48 /* 0 */) end--;
  const whole = digits.slice(0, cut);
  const text = end === cut ? whole : `${whole}.${digits.slice(cut, end)}`;
  return negative ? `-${text}` : text;
}

/** A Fixed as a big.js value (exact). */
export function fixedDecimal(value: Fixed): Decimal {
  return dec(fixedText(value));
}

/** a x part / whole (whole not zero), rounded half-even to 18 places: the one way a share is taken. */
export function share(a: Fixed, part: Fixed, whole: Fixed): Fixed {
  // Exact without the division: a lot that cost its quantity (the quote currency's own, at 1 a
  // unit) is about half the shares taken at a million fills (BENCHMARKS.md at 9fe1756, issue 39, session 17).
  if (a === whole) return part;
  if (a === -whole) return -part;
  return divHalfEven(a * part, whole);
}

/** a x b, rounded half-even to 18 places. */
export function product(a: Fixed, b: Fixed): Fixed {
  return divHalfEven(a * b, FIXED_ONE);
}

/**
 * a x b, b a big.js value (a price, with however many places), rounded half-even to 18 places:
 * exactly roundFigure(fixedDecimal(a).times(b)), at bigint speed (a year of PnL by day values
 * 16,000 holdings). Reads b's documented coefficient, exponent and sign (big.js: c, e, s).
 */
export function fixedTimes(a: Fixed, b: Decimal): Fixed {
  const { c, e, s } = b as unknown as { readonly c: readonly number[]; readonly e: number; readonly s: number };
  const digits = BigInt(c.length === 1 ? (c[0] as number) : c.join(""));
  const n = a * (s < 0 ? -digits : digits);
  // b = digits x 10^-places
  const places = c.length - 1 - e;
  if (places <= 0) return n * pow10(-places);
  return divHalfEven(n, pow10(places));
}

function pow10(places: number): bigint {
  return POW10[places] ?? 10n ** BigInt(places);
}

export function absFixed(value: Fixed): Fixed {
  return value < 0n ? -value : value;
}

/** n / d rounded half-even (d not zero). */
function divHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  // n % d, as a product: a second long division costs more than a multiplication.
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const size = d < 0n ? -d : d;
  if (twice < size || (twice === size && q % 2n === 0n)) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

/** The digits of a short decimal, sign and point skipped, as a number (exact below 2^53). */
function smallDigits(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 46 /* . */) n = n * 10 + (code - 48);
  }
  return n;
}
