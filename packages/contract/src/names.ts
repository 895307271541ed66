/**
 * How the gateway and the dashboard write the names they pass each other: pairs, assets, the
 * query parameter that names an account, the quote currency figures are valued in by default.
 * The gateway's checks (query parameters, alert rules, settings) and the dashboard's hints both
 * read them from here.
 */

/** A pair as MEXC names it, upper case: 2-20 letters and digits (`BTCUSDT`). */
export const SYMBOL_PATTERN = /^[A-Z0-9]{2,20}$/;
/** An asset as MEXC names it, upper case: 1-20 letters and digits (`BTC`, `1INCH`). */
export const ASSET_PATTERN = /^[A-Z0-9]{1,20}$/;

/**
 * The same names as typed by a user, in any case (`btcusdt`: the caller upper-cases it). The `i`
 * flag, not `toUpperCase()`: no character outside ASCII passes as a letter (`ı`, `ß`).
 */
export const SYMBOL_TEXT_PATTERN = new RegExp(SYMBOL_PATTERN.source, "i");
export const ASSET_TEXT_PATTERN = new RegExp(ASSET_PATTERN.source, "i");

/**
 * The query parameter that names the account a request is for (`?account=NAME`) on the
 * account-scoped routes; without it, the gateway's default account (or all accounts, for a read
 * that can merge them).
 */
export const ACCOUNT_PARAM = "account";

/** The quote currency figures are valued in when the gateway's settings name none. */
export const DEFAULT_QUOTE = "USDT";
