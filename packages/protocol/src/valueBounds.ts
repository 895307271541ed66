/**
 * What a value MEXC sends may be, the one home of the rules the client's edge (stream events and
 * REST answers), the gateway's import of MEXC's exported files and the candle store all apply:
 * a decimal has at most MAX_DECIMAL_DIGITS digits and the sign its field allows, a time lies in
 * MEXC's window, an asset and a symbol are names of the shape MEXC gives them. Whatever fails is
 * never stored: the caller counts it, says so once and skips it (docs/security.md, "Bounds:
 * values from MEXC"). Each check answers with the reason, or undefined when the value is fine,
 * and costs a length comparison for every ordinary value (it runs on every decoded field).
 */
import { isDecimal } from "./decimal.js";
import { ProtocolError } from "./errors.js";
import { DAY_MS } from "./timeUnits.js";

/**
 * Digits of a decimal, at most (both sides of the point together): MEXC's exchangeInfo gives each
 * market's precision as a handful of decimals (baseAssetPrecision / quotePrecision, at most ~20
 * places) and no price or amount has more than ~15 integer digits; 40 hold any real amount, and a
 * 10^6-digit "price" costs one length comparison to refuse instead of seconds of big.js.
 */
export const MAX_DECIMAL_DIGITS = 40;
/** Characters of a cell of an exported file, at most: the longest real cell is a transaction id or an address (~100). */
export const MAX_CELL_CHARS = 256;
/**
 * The earliest time a value may carry: older than any crypto exchange's history (MEXC opened in
 * 2018; the import has refused rows before 2010 since it was written, and one window serves both).
 */
export const EARLIEST_TIME_MS = Date.UTC(2010, 0, 1);
/** How far ahead of now a time may be: a zone's offset and a clock's drift, no more. */
export const FUTURE_SLACK_MS = DAY_MS;
/**
 * Characters of an asset name, at most. MEXC's are upper-case letters and digits ("USDT",
 * "1INCH", "AZERO3S", "NBNTEST" in the conformance corpus); the longest seen is ~12.
 */
export const MAX_ASSET_CHARS = 20;
/** Characters of a pair's symbol, at most: two assets side by side ("AZERO3SUSDT"), optionally "_"-joined. */
export const MAX_SYMBOL_CHARS = 2 * MAX_ASSET_CHARS + 1;
/**
 * Characters of a word MEXC uses as a value of its own (an order's `cancelReason`, "stp_cancel"),
 * at most: its words are a dozen characters of letters, digits and `_`.
 */
export const MAX_WORD_CHARS = 32;
/**
 * Characters of a web address MEXC sends (a withdrawal's `explorerUrl`: a block explorer's page
 * of the transaction, ~100 characters), at most.
 */
export const MAX_URL_CHARS = 512;
/**
 * Characters of an id a client chose (a withdrawal's `withdrawOrderId`), at most: MEXC's docs
 * give it no bound; Binance, whose API MEXC's follows, allows 36 for a client order id.
 */
export const MAX_CLIENT_ID_CHARS = 64;
/** Characters of a refused value a log line or an error quotes, at most. */
export const QUOTED_VALUE_CHARS = 32;

/**
 * The sign a decimal field allows: "positive" (a price, a fill's quantity), "nonNegative" (a
 * balance, a fee, a depth level's quantity: zero removes the level), "signed" (a change, a rate).
 */
export type DecimalSign = "positive" | "nonNegative" | "signed";

/** Why `value` is not a decimal its field can hold, or undefined when it is one. */
export function decimalProblem(value: unknown, sign: DecimalSign): string | undefined {
  if (typeof value !== "string" || !isDecimal(value)) return "not a decimal";
  const negative = value.charCodeAt(0) === 45; /* - */
  // No more characters than digits allowed: no digits to count (every ordinary value ends here).
  if (value.length > MAX_DECIMAL_DIGITS && digitCount(value) > MAX_DECIMAL_DIGITS) {
    return `more than ${MAX_DECIMAL_DIGITS} digits`;
  }
  if (sign === "signed") return undefined;
  const zero = isZero(value);
  if (negative && !zero) return "negative";
  if (sign === "positive" && zero) return "zero";
  return undefined;
}

/**
 * decimalProblem for a value already known to be a plain decimal (its grammar checked as it was
 * read): its digits and sign only, with no second pass over its characters for most values.
 */
export function boundsProblem(value: string, sign: DecimalSign): string | undefined {
  if (value.length > MAX_DECIMAL_DIGITS && digitCount(value) > MAX_DECIMAL_DIGITS) {
    return `more than ${MAX_DECIMAL_DIGITS} digits`;
  }
  if (sign === "signed") return undefined;
  const first = value.charCodeAt(0);
  // "-0" is a zero: refused where the field must be positive, as decimalProblem refuses it.
  if (first === 45 /* - */) return isZero(value) ? (sign === "positive" ? "zero" : undefined) : "negative";
  if (sign === "positive" && !(first >= 49 && first <= 57) && isZero(value)) return "zero";
  return undefined;
}

function digitCount(value: string): number {
  let digits = value.length;
  if (value.charCodeAt(0) === 45) digits--;
  if (value.includes(".")) digits--;
  return digits;
}

function isZero(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 49 && code <= 57) return false;
  }
  return true;
}

/**
 * Why `ms` is not a time MEXC could have sent when it was received at `receivedAt`, or undefined
 * when it is one. "The future" is the later of `receivedAt` and this machine's clock, so a frame
 * replayed, or decoded by a test with an old receipt time, is judged by when it is read; the clock
 * is asked only for a time past `receivedAt` + FUTURE_SLACK_MS (never for an ordinary value).
 */
export function timeProblem(ms: unknown, receivedAt: number): string | undefined {
  if (typeof ms !== "number" || !Number.isSafeInteger(ms)) return "not a whole number of milliseconds";
  if (ms < EARLIEST_TIME_MS) return "before 2010, older than any MEXC history";
  if (ms > receivedAt + FUTURE_SLACK_MS && ms > Date.now() + FUTURE_SLACK_MS) return "more than a day in the future";
  return undefined;
}

/**
 * The latest time a value received at `receivedAt` may carry without asking the clock: computed
 * once per frame, so a reader's time check is two integer compares (timeInWindow).
 */
export function latestTimeMs(receivedAt: number): number {
  return receivedAt + FUTURE_SLACK_MS;
}

/**
 * Whether `ms` (a whole number, as the readers give it) is in MEXC's window by `latest`
 * (latestTimeMs). True means timeProblem finds nothing; false means ask timeProblem, which may
 * still accept it (the clock may be past the receipt time).
 */
export function timeInWindow(ms: number, latest: number): boolean {
  return ms >= EARLIEST_TIME_MS && ms <= latest;
}

/** Whether `text[start, end)` is upper-case letters and digits only (a character loop: it runs per frame). */
function isUpperAlnum(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 65 && code <= 90) || (code >= 48 && code <= 57))) return false;
  }
  return true;
}

/** Why `name` is not an asset name ("USDT", "1INCH"), or undefined when it is one. `__proto__` and `=cmd|...` fail. */
export function assetProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "empty";
  if (name.length > MAX_ASSET_CHARS) return `longer than ${MAX_ASSET_CHARS} characters`;
  if (!isUpperAlnum(name, 0, name.length)) return "not upper-case letters and digits";
  return undefined;
}

/**
 * Why `symbol` is not a pair's symbol ("BTCUSDT", "BTC_USDT"), or undefined when it is one. Its
 * shape only: whether the pair exists is the caller's to ask (exchangeInfo, the offline list).
 */
export function symbolProblem(symbol: unknown): string | undefined {
  if (typeof symbol !== "string" || symbol.length === 0) return "empty";
  if (symbol.length > MAX_SYMBOL_CHARS) return `longer than ${MAX_SYMBOL_CHARS} characters`;
  const joint = symbol.indexOf("_");
  const shaped =
    joint < 0
      ? isUpperAlnum(symbol, 0, symbol.length)
      : isUpperAlnum(symbol, 0, joint) && isUpperAlnum(symbol, joint + 1, symbol.length);
  if (!shaped) return "not upper-case letters and digits";
  return undefined;
}

/**
 * Why `word` is not one of MEXC's value words ("stp_cancel": letters, digits and `_`, at most
 * MAX_WORD_CHARS), or undefined when it is one. `__proto__`-like and HTML text fail the shape.
 */
export function wordProblem(word: unknown): string | undefined {
  if (typeof word !== "string" || word.length === 0) return "empty";
  if (word.length > MAX_WORD_CHARS) return `longer than ${MAX_WORD_CHARS} characters`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_]*$/.test(word)) return "not letters, digits and _";
  return undefined;
}

/** http(s), a host of letters, digits, dots and hyphens (no user part), a port, then printable ASCII. */
const LINK = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][\x21-\x7e]*)?$/;

/**
 * Why `url` is not a web address a page may link to (http or https, at most MAX_URL_CHARS, no
 * spaces or control characters, a plain host), or undefined when it is one. `javascript:` and
 * `data:` fail, so a value MEXC sends never becomes a script in the browser.
 */
export function linkProblem(url: unknown): string | undefined {
  if (typeof url !== "string" || url.length === 0) return "empty";
  if (url.length > MAX_URL_CHARS) return `longer than ${MAX_URL_CHARS} characters`;
  if (!LINK.test(url)) return "not an http(s) address";
  return undefined;
}

/** Why `id` is not an id a client chose (1 to MAX_CLIENT_ID_CHARS printable ASCII, no spaces), or undefined. */
export function clientIdProblem(id: unknown): string | undefined {
  if (typeof id !== "string" || id.length === 0) return "empty";
  if (id.length > MAX_CLIENT_ID_CHARS) return `longer than ${MAX_CLIENT_ID_CHARS} characters`;
  if (!/^[\x21-\x7e]+$/.test(id)) return "not printable characters without spaces";
  return undefined;
}

/** Throws OUT_OF_BOUNDS naming `field` unless `url` is a web address a page may link to (linkProblem). */
export function checkLink(field: string, url: unknown): void {
  throwIfOutOfBounds(field, linkProblem(url), url);
}

/** Throws OUT_OF_BOUNDS naming `field` unless `id` is an id a client chose (clientIdProblem). */
export function checkClientId(field: string, id: unknown): void {
  throwIfOutOfBounds(field, clientIdProblem(id), id);
}

/** Throws OUT_OF_BOUNDS naming `field` unless `word` is one of MEXC's value words (wordProblem). */
export function checkWord(field: string, word: unknown): void {
  throwIfOutOfBounds(field, wordProblem(word), word);
}

/** At most QUOTED_VALUE_CHARS characters of a refused value, for a log line or a message. */
export function quoteValue(value: unknown): string {
  const text = String(value);
  return text.length <= QUOTED_VALUE_CHARS ? text : `${text.slice(0, QUOTED_VALUE_CHARS - 1)}…`;
}

/** Throws outOfBounds(field, problem, value) when a check found a problem. */
function throwIfOutOfBounds(field: string, problem: string | undefined, value: unknown): void {
  if (problem !== undefined) throw outOfBounds(field, problem, value);
}

/** OUT_OF_BOUNDS naming `field` and the reason, quoting at most QUOTED_VALUE_CHARS characters of the value. */
function outOfBounds(field: string, reason: string, value: unknown): ProtocolError {
  const quoted = quoteValue(value);
  return new ProtocolError("OUT_OF_BOUNDS", `${field} is out of bounds (${reason}): ${JSON.stringify(quoted)}`, {
    field,
    value: quoted,
    reason,
  });
}

/** Throws OUT_OF_BOUNDS (or BAD_DECIMAL for a non-decimal) naming `field` unless `value` is a decimal its sign allows. */
export function checkDecimal(field: string, value: unknown, sign: DecimalSign): void {
  const problem = decimalProblem(value, sign);
  if (problem === undefined) return;
  if (problem === "not a decimal") {
    const quoted = quoteValue(value);
    throw new ProtocolError("BAD_DECIMAL", `${field} is not a decimal: ${JSON.stringify(quoted)}`, {
      field,
      value: quoted,
      reason: problem,
    });
  }
  throw outOfBounds(field, problem, value);
}

/** Throws OUT_OF_BOUNDS naming `field` unless `ms` is a time in MEXC's window (timeProblem). */
export function checkTime(field: string, ms: unknown, receivedAt: number): void {
  throwIfOutOfBounds(field, timeProblem(ms, receivedAt), ms);
}

/** Throws OUT_OF_BOUNDS naming `field` unless `name` is an asset name. */
export function checkAsset(field: string, name: unknown): void {
  throwIfOutOfBounds(field, assetProblem(name), name);
}

/** Throws OUT_OF_BOUNDS naming `field` unless `symbol` has a pair's shape. */
export function checkSymbol(field: string, symbol: unknown): void {
  throwIfOutOfBounds(field, symbolProblem(symbol), symbol);
}
