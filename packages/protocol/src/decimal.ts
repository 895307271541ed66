/**
 * The one decimal module of mexc-live: validation, exact arithmetic through big.js (configured
 * here, once), and the string forms money is shown in. Browser-safe: the gateway derives its
 * figures with it, the client and the simulator compute with it, the dashboard formats with it.
 *
 * A decimal at every edge is a plain string: an optional "-", digits, optionally "." and digits
 * ("12", "-0.5", "0.00010300"); no exponent, no spaces, no leading "+" or ".". Sums and products
 * are exact; divisions are carried to INTERNAL_DP places and rounded half-even to OUTPUT_DP
 * places when a figure is turned into a string by `fmt`.
 */
import { Big } from "big.js";
import { DecimalError } from "./errors.js";

/** Places kept by a division while figures are still being combined. */
export const INTERNAL_DP = 40;
/** Places of a figure that went through a division, when it is turned into a string (18: wei). */
export const OUTPUT_DP = 18;
/** big.js rounding modes (the typings' const enum cannot be imported under isolatedModules). */
export const ROUND_DOWN = 0;
export const ROUND_HALF_UP = 1;
export const ROUND_HALF_EVEN = 2;
export const ROUND_UP = 3;

/**
 * The configured big.js constructor every package computes with (`new Decimal("1.5")`).
 * A constructor of our own, so precision never depends on anyone's global big.js settings;
 * rounding without a mode is half up (big.js's default), divisions keep INTERNAL_DP places.
 */
export const Decimal = Big();
Decimal.DP = INTERNAL_DP;
Decimal.RM = ROUND_HALF_UP;
export type Decimal = Big;

export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);

/** Whether `value` is a plain decimal string. A character loop: it runs on every decoded field. */
export function isDecimal(value: string): boolean {
  return decimalPoint(value) >= 0;
}

/**
 * The grammar of a plain decimal string, in one place: the index of its point, or its length when
 * it has none; -1 when `value` is not one. isDecimal asks it; the figures' fixed-point parser
 * (fixed.ts) reads the parts by it. isDecimalBytes is the same grammar over UTF-8 bytes.
 */
export function decimalPoint(value: string): number {
  const length = value.length;
  let i = value.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const intStart = i;
  while (i < length && isDigit(value.charCodeAt(i))) i++;
  if (i === intStart) return -1;
  if (i === length) return length;
  if (value.charCodeAt(i) !== 46 /* . */) return -1;
  const point = i++;
  while (i < length && isDigit(value.charCodeAt(i))) i++;
  return i === length && i > point + 1 ? point : -1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * `isDecimal` of the UTF-8 bytes `buf[start, end)`, read where the decoder reads them (no string
 * yet). The same grammar: every character of a plain decimal is ASCII, and a byte >= 0x80 (part
 * of any other character, or invalid UTF-8) is never a digit, "-" or ".".
 */
export function isDecimalBytes(buf: Uint8Array, start: number, end: number): boolean {
  let i = start < end && buf[start] === 45 /* - */ ? start + 1 : start;
  const intStart = i;
  while (i < end && isDigit(buf[i]!)) i++;
  if (i === intStart) return false;
  if (i === end) return true;
  if (buf[i] !== 46 /* . */) return false;
  const fracStart = ++i;
  while (i < end && isDigit(buf[i]!)) i++;
  return i === end && i > fracStart;
}

/** A plain decimal without a sign ("12", "0.5"): prices, quantities, amounts MEXC sends. */
export function isUnsignedDecimal(value: string): boolean {
  return value.charCodeAt(0) !== 45 /* - */ && isDecimal(value);
}

/** A decimal from its string; throws DecimalError naming `field` for anything else ("", "1e5", "NaN"). */
export function dec(value: string, field = "value"): Decimal {
  if (!isDecimal(value)) throw new DecimalError(field, value);
  return new Decimal(value);
}

/** Trimmed string: no exponent, no trailing zeros, "0" for zero, at most OUTPUT_DP places (half-even). */
export function fmt(value: Decimal): string {
  return signless(value.round(OUTPUT_DP, ROUND_HALF_EVEN).toFixed());
}

/** Trimmed string of the exact value, however many places (for stored data such as price x quantity). */
export function exact(value: Decimal): string {
  return signless(value.toFixed());
}

function signless(text: string): string {
  return text === "-0" ? "0" : text;
}

/** Already canonical: no leading zeros, no trailing fractional zeros (skips big.js). */
const CANONICAL_TEXT = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** The canonical form of a decimal string ("1.500" -> "1.5", "-0" -> "0"), exact; throws on garbage. */
export function normalize(value: string, field = "value"): string {
  if (CANONICAL_TEXT.test(value) && value !== "-0") return value;
  return exact(dec(value, field));
}

/**
 * Orders two canonical non-negative decimals (normalize's output: "96987.9", "0.01") exactly,
 * negative, zero or positive like a - b, by their digits alone: no big.js on an order book's
 * hot path.
 */
export function compareCanonical(a: string, b: string): number {
  const dotA = a.indexOf(".");
  const dotB = b.indexOf(".");
  const intA = dotA === -1 ? a : a.slice(0, dotA);
  const intB = dotB === -1 ? b : b.slice(0, dotB);
  if (intA.length !== intB.length) return intA.length - intB.length;
  if (intA !== intB) return intA < intB ? -1 : 1;
  // Canonical fractions have no trailing zeros, so plain string order is numeric order.
  const fracA = dotA === -1 ? "" : a.slice(dotA + 1);
  const fracB = dotB === -1 ? "" : b.slice(dotB + 1);
  if (fracA === fracB) return 0;
  return fracA < fracB ? -1 : 1;
}

// ------------------------------------------------------------------------------ for display

/**
 * Orders two decimal strings by exact value (for sorting a column). Values that are not
 * decimals (null, "", garbage) sort before every number.
 */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  const x = a != null && isDecimal(a);
  const y = b != null && isDecimal(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return new Decimal(a).cmp(new Decimal(b));
}

/**
 * Rounds half away from zero to `places` places when the value has more ("0.005" -> "0.01"),
 * padding to exactly `places`; a value with as many places or fewer is returned as given.
 * Anything that is not a decimal is returned unchanged. "-0.001" at 2 places is "0.00".
 */
export function roundDecimal(value: string, places: number): string {
  if (!isDecimal(value)) return value;
  const point = value.indexOf(".");
  if (point < 0 || value.length - point - 1 <= places) return value;
  const rounded = new Decimal(value).round(places, ROUND_HALF_UP).toFixed(places);
  return rounded.startsWith("-") && /^-[0.]*$/.test(rounded) ? rounded.slice(1) : rounded;
}

/** Digits after the point as written ("1.2300" -> 4). */
function placesOf(value: string): number {
  const point = value.indexOf(".");
  return point < 0 ? 0 : value.length - point - 1;
}

/** a - b, exact, at the larger number of places of the two ("65000.50" - "64999.9" = "0.60"); undefined unless both are decimals. */
export function subtractDecimal(a: string, b: string): string | undefined {
  if (!isDecimal(a) || !isDecimal(b)) return undefined;
  return new Decimal(a).minus(b).toFixed(Math.max(placesOf(a), placesOf(b)));
}

/** (a + b) / 2, exact: one more place than the inputs only when the halving needs it; undefined unless both are decimals. */
export function midDecimal(a: string, b: string): string | undefined {
  if (!isDecimal(a) || !isDecimal(b)) return undefined;
  const places = Math.max(placesOf(a), placesOf(b));
  const mid = new Decimal(a).plus(b).div(2);
  return mid.round(places, ROUND_DOWN).eq(mid) ? mid.toFixed(places) : mid.toFixed(places + 1);
}

/** The parts of a plain decimal string as written; undefined for anything else. */
export function decimalParts(value: string): { sign: "" | "-"; int: string; frac: string | undefined } | undefined {
  if (!isDecimal(value)) return undefined;
  const negative = value.startsWith("-");
  const body = negative ? value.slice(1) : value;
  const point = body.indexOf(".");
  return {
    sign: negative ? "-" : "",
    int: point < 0 ? body : body.slice(0, point),
    frac: point < 0 ? undefined : body.slice(point + 1),
  };
}

/** Thousands separators in the integer part, every digit kept ("1234567.8900" -> "1,234,567.8900"); anything else unchanged. */
export function groupThousands(value: string): string {
  const parts = decimalParts(value);
  if (parts === undefined) return value;
  const grouped = parts.int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${parts.sign}${grouped}${parts.frac === undefined ? "" : `.${parts.frac}`}`;
}

/** `value` with at least `places` digits after the point, padded with zeros (exact: nothing is dropped). */
export function padDecimals(value: string, places: number): string {
  if (places <= 0 || !isDecimal(value)) return value;
  const have = placesOf(value);
  if (have >= places) return value;
  return `${value}${have === 0 ? "." : ""}${"0".repeat(places - have)}`;
}

/**
 * A column of decimal strings padded to the same number of places, so the points line up in a
 * right-aligned column ("3.2", "3.1995" -> "3.2000", "3.1995"). Values are never rounded.
 */
export function alignDecimals(values: readonly string[]): string[] {
  let places = 0;
  for (const value of values) if (isDecimal(value)) places = Math.max(places, placesOf(value));
  return values.map((value) => padDecimals(value, places));
}
