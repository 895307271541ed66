/**
 * Decimal strings for display and sorting, by string operations only: money is shown exactly as
 * the gateway sent it (never through a float), with thousands separators added to the integer part.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** "1234567.8900" -> "1,234,567.8900"; anything that is not a plain decimal is returned unchanged. */
export function formatDecimal(value: string | null | undefined): string {
  if (value == null || value === "") return "–";
  const m = DECIMAL.exec(value);
  if (!m) return value;
  const [, sign = "", int = "", frac] = m;
  const grouped = (int === "" ? "0" : int).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign === "+" ? "" : sign}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

interface Parts {
  readonly negative: boolean;
  readonly int: string;
  readonly frac: string;
}

function parts(value: string): Parts | undefined {
  const m = DECIMAL.exec(value);
  if (!m) return undefined;
  const int = (m[2] ?? "").replace(/^0+/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const zero = int === "" && frac === "";
  return { negative: m[1] === "-" && !zero, int, frac };
}

function compareMagnitude(a: Parts, b: Parts): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const width = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(width, "0");
  const fb = b.frac.padEnd(width, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * Orders two decimal strings by value without converting them to floats (exact for any length).
 * Values that are not decimals (null, "", garbage) sort before every number.
 */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  const pa = a == null ? undefined : parts(a);
  const pb = b == null ? undefined : parts(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0;
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}

/**
 * Rounds a decimal string half away from zero to at most `decimals` places, by string
 * operations (for derived valuations such as "value in USDT", which the gateway computes to
 * many places; amounts from the exchange are shown as given). Trailing zeros are kept as given.
 */
export function roundDecimal(value: string, decimals: number): string {
  const m = DECIMAL.exec(value);
  if (!m) return value;
  const [, sign = "", int = "", frac = ""] = m;
  if (frac.length <= decimals) return value;
  const digits = `${int === "" ? "0" : int}${frac.slice(0, decimals)}`.split("").map(Number);
  if ((Number(frac[decimals]) || 0) >= 5) {
    let i = digits.length - 1;
    while (i >= 0) {
      const d = (digits[i] ?? 0) + 1;
      digits[i] = d % 10;
      if (d < 10) break;
      i--;
    }
    if (i < 0) digits.unshift(1);
  }
  const text = digits.join("");
  const intPart = text.slice(0, text.length - decimals).replace(/^0+(?=\d)/, "");
  const fracPart = decimals > 0 ? `.${text.slice(text.length - decimals)}` : "";
  const rounded = `${intPart}${fracPart}`;
  return /^[0.]*$/.test(rounded) || sign !== "-" ? rounded : `-${rounded}`;
}

/** A valuation in the quote currency, for display: exactly `decimals` places (rounded or padded), grouped. */
export function formatValue(value: string | null | undefined, decimals = 2): string {
  if (value == null || value === "") return "–";
  const rounded = roundDecimal(value, decimals);
  if (!DECIMAL.test(rounded) || decimals === 0) return formatDecimal(rounded);
  const [int, frac = ""] = rounded.split(".");
  return formatDecimal(`${int}.${frac.padEnd(decimals, "0")}`);
}

/** `value` with at least `places` digits after the point, padded with zeros (exact: nothing is dropped). */
export function padDecimals(value: string, places: number): string {
  const m = DECIMAL.exec(value);
  if (!m || places <= 0) return value;
  const frac = m[3] ?? "";
  if (frac.length >= places) return value;
  return `${m[1] ?? ""}${m[2] ?? ""}.${frac.padEnd(places, "0")}`;
}

/**
 * A column of decimal strings padded to the same number of places, so the points line up in a
 * right-aligned column ("3.2", "3.1995" -> "3.2000", "3.1995"). Values are never rounded.
 */
export function alignDecimals(values: readonly string[]): string[] {
  let places = 0;
  for (const value of values) places = Math.max(places, DECIMAL.exec(value)?.[3]?.length ?? 0);
  return values.map((value) => padDecimals(value, places));
}

export interface RoundForDisplay {
  /** Places always shown (padded with zeros); default 0. */
  readonly minDecimals?: number;
  /** Places at most for a value of 1 or more (and the least a value below 1 gets). */
  readonly maxDecimals: number;
  /** A value below 1 keeps this many significant digits, however many places that takes; default 3. */
  readonly significant?: number;
}

function trimZeros(value: string, minDecimals: number): string {
  const dot = value.indexOf(".");
  if (dot < 0) return value;
  let end = value.length;
  while (end - dot - 1 > minDecimals && value[end - 1] === "0") end--;
  return value.slice(0, end - dot - 1 === 0 ? dot : end);
}

/**
 * A decimal string rounded for reading, by string operations: at most `maxDecimals` places, but
 * a value below 1 keeps `significant` significant digits ("0.00001235") so a tiny fee or dust
 * never reads as 0; at least `minDecimals` places; thousands separators. A value short enough is
 * shown with its digits as given; zeros that only rounding produced are dropped.
 */
export function formatRounded(value: string | null | undefined, options: RoundForDisplay): string {
  if (value == null || value === "") return "–";
  const m = DECIMAL.exec(value);
  if (!m) return value;
  const minDecimals = options.minDecimals ?? 0;
  const int = m[2] ?? "";
  const frac = m[3] ?? "";
  const leadingZeros = frac.length - frac.replace(/^0+/, "").length;
  const belowOne = /^0*$/.test(int) && leadingZeros < frac.length;
  const places = belowOne
    ? Math.max(options.maxDecimals, leadingZeros + (options.significant ?? 3))
    : options.maxDecimals;
  const text = frac.length > places ? trimZeros(roundDecimal(value, places), minDecimals) : value;
  return formatDecimal(padDecimals(text, minDecimals));
}

/** A value in the quote currency: 2 places ("1,234.50", "0.88"), 2 significant digits below 0.1 ("0.0012"). */
export function formatMoney(value: string | null | undefined): string {
  return formatRounded(value, { minDecimals: 2, maxDecimals: 2, significant: 2 });
}

/** Places shown at most for an amount of an asset of 1 or more (a satoshi, for BTC). */
export const AMOUNT_DECIMALS = 8;

/**
 * An amount of an asset (a balance, a fee as charged): at most AMOUNT_DECIMALS places, and 3
 * significant digits for anything smaller ("0.00000000123").
 */
export function formatAmount(value: string | null | undefined): string {
  return formatRounded(value, { maxDecimals: AMOUNT_DECIMALS });
}
