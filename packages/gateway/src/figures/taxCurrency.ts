/**
 * The tax report in the trader's currency (issue 56 item 2): the ledger's money, counted in the
 * gateway's quote currency (USDT, at par with USD), turned into another currency leg by leg at
 * the ECB's rate of the leg's UTC day (store/exchangeRates.ts rateOn: a day without a rate takes
 * the last one published before it), before the portfolio reads it. So, with no rule of its own:
 *
 *   - a disposal's proceeds are at the rate of its day;
 *   - each lot's cost is its acquisition's money at the rate of the day it was acquired, and
 *     average cost carries its pool in that currency (the sum of its acquisitions' converted
 *     costs); HIFO and LOFO rank lots by their cost in that currency;
 *   - USDT itself is an asset like any other: spending USDT bought at another rate realizes the
 *     difference (a `spend` row), as it does for a trader who files in EUR.
 *
 * Per unit prices (a deposit's, a conversion's, an opening's) are converted as prices, each
 * rounded at 18 places before the quantity multiplies it.
 */
import { DAY_MS } from "@mexc-live/protocol";
import { type UsdRate, usdConverter } from "../store/usdConversion.js";
import type { Leg } from "./ledger/legs.js";

/** A currency the report counts in, and how a quote-currency amount of a moment becomes it. */
export interface TaxCurrency {
  readonly code: string;
  /** The converter of `time`'s UTC day. */
  at(time: number): (amount: string) => string;
}

/** `code` at the rates `rateOn` finds; a day without one throws (its caller checked the days first: missingDays). */
export function taxCurrency(code: string, rateOn: (currency: string, day: string) => UsdRate | undefined): TaxCurrency {
  // The day of the last leg converted, [dayStart, dayStart + DAY_MS): legs come oldest first.
  let dayStart = Number.NaN;
  let convert: (amount: string) => string = (amount) => amount;
  return {
    code,
    at(time) {
      if (time >= dayStart && time < dayStart + DAY_MS) return convert;
      const day = new Date(time).toISOString().slice(0, 10);
      const rate = rateOn(code, day);
      if (rate === undefined) throw new RangeError(`currency: no ${code} rate for ${day}`);
      dayStart = Date.parse(`${day}T00:00:00Z`);
      convert = usdConverter(rate);
      return convert;
    },
  };
}

/** The legs with their money in `currency`. */
export function* legsIn(legs: Iterable<Leg>, currency: TaxCurrency): Generator<Leg> {
  for (const leg of legs) yield legIn(leg, currency.at(leg.time));
}

function legIn(leg: Leg, convert: (amount: string) => string): Leg {
  const valued = (money: string | null) => (money === null ? null : convert(money));
  switch (leg.kind) {
    case "trade":
      return { ...leg, value: valued(leg.value), feeValue: valued(leg.feeValue) };
    case "flow":
      return { ...leg, price: valued(leg.price) };
    case "conversion":
      return { ...leg, gave: leg.gave.map((gave) => ({ ...gave, price: valued(gave.price) })) };
    case "opening":
      return { ...leg, costPrice: valued(leg.costPrice) };
    default:
      return leg;
  }
}
