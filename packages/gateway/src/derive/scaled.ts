/**
 * The figures by pair in whole multiples of 10^-40 (INTERNAL_DP) in a bigint: the very numbers
 * big.js gives under the protocol's settings (decimal.ts: exact sums and products, divisions
 * carried to INTERNAL_DP places and rounded half away from zero), at a fraction of the cost. A
 * full rebuild at a million fills spent most of its time in big.js's digit arrays and the garbage
 * they leave (bench/store). Sums stay exact; the one rounding is where a cost is shared out
 * (`mulDiv`), as big.js rounds `a.times(b).div(c)`.
 *
 * Every input the figures read (a fill's quantity, amount, fee, their valuations) has at most 40
 * places: MEXC's decimals have a few, valuations are `fmt`'s 18. One with more is rounded half
 * away from zero to 40 places here, where big.js would have kept its digits.
 */
import { type Decimal, DecimalError, dec, INTERNAL_DP } from "@mexc-live/protocol";

export type Scaled = bigint;

const POW10: readonly bigint[] = Array.from({ length: INTERNAL_DP + 1 }, (_, i) => 10n ** BigInt(i));
const ONE_UNIT = POW10[INTERNAL_DP] as bigint;
const ZEROS = "0".repeat(INTERNAL_DP);

/** A plain decimal string ("12", "-0.5") as a Scaled; throws DecimalError naming `field` for anything else. */
export function scaled(text: string, field = "value"): Scaled {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const intStart = i;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  if (i === intStart) throw new DecimalError(field, text);
  if (i === length) return BigInt(text) * ONE_UNIT;
  if (text.charCodeAt(i) !== 46 /* . */) throw new DecimalError(field, text);
  const point = i++;
  while (i < length && isDigit(text.charCodeAt(i))) i++;
  if (i !== length || i === point + 1) throw new DecimalError(field, text);
  const places = length - point - 1;
  const digits = length - intStart <= MAX_EXACT_DIGITS ? smallDigits(text, intStart) : BigInt(text.replace(".", ""));
  if (places <= INTERNAL_DP) return digits * (POW10[INTERNAL_DP - places] as bigint);
  return divHalfUp(digits, 10n ** BigInt(places - INTERNAL_DP));
}

/** A big.js Decimal as a Scaled (an opening's quantity and cost). */
export function scaledOf(value: Decimal): Scaled {
  return scaled(value.toFixed());
}

/** big.js's `toFixed()` of the same number: trimmed, no exponent, "0" for zero. */
export function scaledText(value: Scaled): string {
  if (value === 0n) return "0";
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString();
  if (digits.length <= INTERNAL_DP) digits = ZEROS.slice(digits.length - 1) + digits;
  const cut = digits.length - INTERNAL_DP;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48 /* 0 */) end--;
  const whole = digits.slice(0, cut);
  const text = end === cut ? whole : `${whole}.${digits.slice(cut, end)}`;
  return negative ? `-${text}` : text;
}

export function toDecimal(value: Scaled): Decimal {
  return dec(scaledText(value));
}

/** a x b / c (c not zero) as big.js gives `a.times(b).div(c)`: INTERNAL_DP places, half away from zero. */
export function mulDiv(a: Scaled, b: Scaled, c: Scaled): Scaled {
  return divHalfUp(a * b, c);
}

/** a x b, exact to INTERNAL_DP places (as `mulDiv(a, b, ONE)`). */
export function mul(a: Scaled, b: Scaled): Scaled {
  return divHalfUp(a * b, ONE_UNIT);
}

function divHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  // n % d, as a product: a second long division costs more than a multiplication.
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice < (d < 0n ? -d : d)) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

/** Digits a double holds exactly (2^53 > 10^15). */
const MAX_EXACT_DIGITS = 15;

/** The digits of a short decimal, point skipped, as a bigint with its sign: no string made on the way. */
function smallDigits(text: string, from: number): bigint {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 46 /* . */) n = n * 10 + (code - 48);
  }
  return BigInt(from === 1 ? -n : n);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
