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
