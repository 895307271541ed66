/**
 * The tax report's choices (GET /api/export/tax.csv; docs/figures.md, "The tax report"): the
 * route's parameters check them (api/params.ts) and the dashboard's panel offers them.
 */

/** `method=`: the five lot-selection rules of the gateway's position engine (figures/engine/lots.ts). */
export const TAX_METHODS = ["avg", "fifo", "lifo", "hifo", "lofo"] as const;
export type TaxMethodName = (typeof TAX_METHODS)[number];

/** `lots=`: a row per disposal (`disposal`, the default), or a row per lot a disposal takes (`split`). */
export const TAX_LOTS = ["disposal", "split"] as const;
export type TaxLotsName = (typeof TAX_LOTS)[number];

/**
 * `longTermDays=`: a lot held more than this many days is long term. 365 unless asked (US Form
 * 8949's "more than one year", the one year of § 23 EStG); from a day to ten years.
 */
export const LONG_TERM_DAYS = { min: 1, max: 3_660, default: 365 } as const;

/**
 * `currency=`: what the report counts in. The quote currency (USDT) unless asked; USD, or a
 * currency of the European Central Bank's reference rates (EUR, GBP, CHF, JPY...), checked
 * against the rates imported (docs/exchange-rates.md).
 */
export const TAX_CURRENCY_PATTERN = /^(?:[A-Z]{3}|USDT)$/;

/**
 * The currencies the panel offers besides the quote currency: USD, and those of the ECB's
 * reference rates with a rate on 2026-04-13 (eurofxref-hist.csv of that day: 29 columns not N/A),
 * EUR among them. The gateway checks the one asked against the rates imported.
 */
export const TAX_CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "CHF",
  "JPY",
  "AUD",
  "BRL",
  "CAD",
  "CNY",
  "CZK",
  "DKK",
  "HKD",
  "HUF",
  "IDR",
  "ILS",
  "INR",
  "ISK",
  "KRW",
  "MXN",
  "MYR",
  "NOK",
  "NZD",
  "PHP",
  "PLN",
  "RON",
  "SEK",
  "SGD",
  "THB",
  "TRY",
  "ZAR",
] as const;
