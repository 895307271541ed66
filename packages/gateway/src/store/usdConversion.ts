/**
 * Converting a USD amount into the trader's currency at the European Central Bank's euro reference
 * rates (issue 56 item 2): the rate a lookup found (exchangeRates.ts, rateOn), the conversion, and
 * the sentences a report that uses them prints. Pure: no store, no clock.
 *
 * The ECB publishes, for each working day, how many units of each currency one euro is worth
 * (docs/exchange-rates.md). A USD amount in currency C on day d:
 *
 *   amount_C = amount_USD × C_per_EUR(d) / USD_per_EUR(d)        (C = EUR: C_per_EUR is 1)
 *
 * The product is exact; the one division is carried to 40 places (protocol's Decimal: DP 40,
 * half-up); the figure given out is rounded to 18 places half-even (protocol's fmt). USDT counts
 * at par with USD (USDT_AT_PAR_NOTE says so where the report is read).
 */
import { DAY_MS, DecimalError, fixedText, INTERNAL_DP, isDecimal, OUTPUT_DP } from "@mexc-live/protocol";

/** The unit of the figures converted: the gateway's USD(T) amounts. */
export const USD = "USD";
/** The currency the ECB's rates are quoted against (one euro is worth N units of each). */
export const EUR = "EUR";

/** What a report converted into another currency says of its rates; printed once, as it stands. */
export const USDT_AT_PAR_NOTE =
  "USDT is counted at par with USD (1 USDT = 1 USD). USD amounts are converted at the European Central Bank's euro reference rate of their day, or for a day it published none (a weekend, a holiday) of the last day before it that it did.";

/** The rates a conversion on one day goes by. */
export interface UsdRate {
  /** The currency converted into (EUR, or a currency the ECB publishes). */
  readonly currency: string;
  /** The calendar day asked (YYYY-MM-DD). */
  readonly day: string;
  /** The ECB's day whose rates are used: `day`, or the last it published before it. */
  readonly rateDay: string;
  /** USD per euro on rateDay, as the ECB published it. */
  readonly usdPerEuro: string;
  /** `currency` per euro on rateDay, as the ECB published it ("1" for EUR). */
  readonly currencyPerEuro: string;
}

/** amountUsd (a plain decimal string) in rate.currency: exact product, one division (40 places), out at 18 half-even. */
export function convertUsd(amountUsd: string, rate: UsdRate): string {
  return usdConverter(rate)(amountUsd);
}

/**
 * convertUsd of one day's rate, for many amounts (the tax report converts every leg): the same
 * digits in integers, ~1 µs an amount where big.js's division to 40 places takes ~25 µs.
 */
export function usdConverter(rate: UsdRate): (amountUsd: string) => string {
  const [perEuro, perEuroPlaces] = scaled(rate.currencyPerEuro, "currencyPerEuro");
  const [usdPerEuro, usdPlaces] = scaled(rate.usdPerEuro, "usdPerEuro");
  return (amountUsd) => {
    const [amount, places] = scaled(amountUsd, "amount");
    // amount x perEuro / usdPerEuro, at INTERNAL_DP places: numerator and denominator as integers.
    const shift = INTERNAL_DP + usdPlaces - places - perEuroPlaces;
    const negative = amount < 0n;
    let top = (negative ? -amount : amount) * perEuro;
    let bottom = usdPerEuro;
    if (shift >= 0) top *= 10n ** BigInt(shift);
    else bottom *= 10n ** BigInt(-shift);
    // Half up (away from zero) at INTERNAL_DP places, as big.js divides; then half-even at OUTPUT_DP.
    const atInternal = (2n * top + bottom) / (2n * bottom);
    const out = halfEven(atInternal, 10n ** BigInt(INTERNAL_DP - OUTPUT_DP));
    return fixedText(negative ? -out : out);
  };
}

/** A decimal's digits as an integer, and its places. */
function scaled(text: string, field: string): [bigint, number] {
  if (!isDecimal(text)) throw new DecimalError(field, text);
  const point = text.indexOf(".");
  if (point < 0) return [BigInt(text), 0];
  return [BigInt(text.slice(0, point) + text.slice(point + 1)), text.length - point - 1];
}

/** value / divisor (both >= 0), rounded half to even. */
function halfEven(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  const twice = 2n * (value % divisor);
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a calendar day written YYYY-MM-DD ("2025-02-29" is not). */
export function isCalendarDay(text: string): boolean {
  const match = DAY_TEXT.exec(text);
  if (match === null) return false;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === text;
}

/** The day `days` after `day` (before, when negative), YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Runs of consecutive days, for a message: ["2026-04-14 to 2026-12-31", "2027-01-05"]. `days` ascending. */
export function dayRuns(days: readonly string[]): string[] {
  const runs: string[] = [];
  let start: string | undefined;
  let last: string | undefined;
  for (const day of days) {
    if (start !== undefined && last !== undefined && addDays(last, 1) === day) {
      last = day;
      continue;
    }
    if (start !== undefined && last !== undefined) runs.push(start === last ? start : `${start} to ${last}`);
    start = day;
    last = day;
  }
  if (start !== undefined && last !== undefined) runs.push(start === last ? start : `${start} to ${last}`);
  return runs;
}
