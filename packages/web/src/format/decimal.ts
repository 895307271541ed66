/**
 * How the dashboard shows money: decimal strings exactly as the gateway sent them (never through a
 * float), grouped and rounded for reading by protocol's one decimal module.
 */
import {
  alignDecimals,
  type Decimal,
  dec,
  decimalParts,
  exact,
  groupThousands,
  isDecimal,
  padDecimals,
  roundDecimal,
  ZERO,
} from "@mexc-live/protocol";

export { alignDecimals, compareDecimal, padDecimals, roundDecimal } from "@mexc-live/protocol";

/**
 * A column of prices or sizes as received, padded to the same places so the points line up, with
 * thousands separators ("3402.64" -> "3,402.64"): every price on the screen reads alike.
 */
export function alignedColumn(values: readonly string[]): string[] {
  return alignDecimals(values).map(formatDecimal);
}

/** "1234567.8900" -> "1,234,567.8900"; "–" for a missing value; anything that is not a plain decimal unchanged. */
export function formatDecimal(value: string | null | undefined): string {
  if (value == null || value === "") return "–";
  return groupThousands(value);
}

/** A valuation in the quote currency, for display: exactly `decimals` places (rounded or padded), grouped. */
export function formatValue(value: string | null | undefined, decimals = 2): string {
  if (value == null || value === "") return "–";
  return formatDecimal(padDecimals(roundDecimal(value, decimals), decimals));
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
  const parts = decimalParts(value);
  if (parts === undefined) return value;
  const minDecimals = options.minDecimals ?? 0;
  const int = parts.int;
  const frac = parts.frac ?? "";
  const leadingZeros = frac.length - frac.replace(/^0+/, "").length;
  const belowOne = /^0*$/.test(int) && leadingZeros < frac.length;
  const places = belowOne
    ? Math.max(options.maxDecimals, leadingZeros + (options.significant ?? 3))
    : options.maxDecimals;
  const text = frac.length > places ? trimZeros(roundDecimal(value, places), minDecimals) : value;
  return formatDecimal(padDecimals(text, minDecimals));
}

/** Places a value in the quote currency is shown in (formatMoney). */
const MONEY_PLACES = 2;

/**
 * The sum of `values` as they are shown, each rounded to `places` as formatValue rounds it, exact
 * (protocol's decimal module): a total under figures is the sum a reader adds up from them, never
 * the exact sum rounded (issue 57: 87,575.94 and 87,582.58 under a total of 175,158.53). Values
 * that are not decimals (null: no price) are left out and counted in `missing`.
 */
export function sumAsShown(
  values: readonly (string | null | undefined)[],
  places = MONEY_PLACES,
): { readonly value: string; readonly missing: number } {
  let total: Decimal = ZERO;
  let missing = 0;
  for (const value of values) {
    if (typeof value === "string" && isDecimal(value)) total = total.plus(dec(roundDecimal(value, places)));
    else missing++;
  }
  return { value: exact(total), missing };
}

/**
 * A value in the quote currency, as a trader reads money: always 2 places ("1,234.50", "0.88",
 * "0.00"), whatever its size; where that rounds, the exact figure goes on hover (tables/amounts.tsx)
 * and in the CSV exports.
 */
export function formatMoney(value: string | null | undefined): string {
  return formatValue(value, MONEY_PLACES);
}

/** Places shown at most for an amount of an asset of 1 or more (a satoshi, for BTC). */
const AMOUNT_DECIMALS = 8;

/**
 * An amount of an asset (a balance, a fee as charged): at most AMOUNT_DECIMALS places, and 3
 * significant digits for anything smaller ("0.00000000123").
 */
export function formatAmount(value: string | null | undefined): string {
  return formatRounded(value, { maxDecimals: AMOUNT_DECIMALS });
}

/**
 * An amount at the places MEXC trades it in (exchangeInfo, GET /api/precisions): exactly `places`
 * places, rounded or padded ("0.5" BTC at 6: "0.500000"; 1210.938121686452551931 MX at 2:
 * "1,210.94"), except that a value below 1 keeps 3 significant digits, so dust never reads as 0.
 */
export function formatAtPlaces(value: string | null | undefined, places: number): string {
  return formatRounded(value, { minDecimals: places, maxDecimals: places });
}
