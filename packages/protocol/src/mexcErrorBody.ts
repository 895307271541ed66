/**
 * Reading MEXC's error answers (docs/mexc/errors.md, docs/mexc/errors.md#the-error-codes, docs/mexc/undocumented.md#requests-and-answers item 11.2): which answers are errors,
 * what class each is (retryable / not retryable / unknown outcome), and the MexcApiError
 * (errors.ts) an answer becomes.
 */

import { isUnsignedDecimal } from "./decimal.js";
import type { ErrorClass } from "./errorClass.js";
import { type ErrorKind, errorCodeInfo } from "./errorCodes.js";
import { MexcApiError } from "./errors.js";
import { isJsonObject } from "./jsonText.js";
import { SUCCESS_CODES } from "./limits.js";

/**
 * In order: 429 and 418 are retryable (after Retry-After); any 5XX leaves a write's outcome
 * unknown (it may have been executed) and a read retryable; then the code's class from the
 * table (the message may change a code's meaning, errorCodes.ts BY_MESSAGE); a 403 with no known
 * code is the WAF limit (docs/mexc/errors.md), retryable; anything else is not.
 */
export function classifyError(input: {
  code?: number | undefined;
  httpStatus: number;
  isWrite: boolean;
  message?: string;
}): ErrorClass {
  const { code, httpStatus, isWrite } = input;
  if (httpStatus === 429 || httpStatus === 418) return "retryable";
  if (httpStatus >= 500 && httpStatus <= 599) return isWrite ? "unknown_outcome" : "retryable";
  const info = code === undefined ? undefined : errorCodeInfo(code, input.message);
  if (info !== undefined) {
    if (info.errorClass !== "serverError") return info.errorClass;
    return isWrite ? "unknown_outcome" : "retryable";
  }
  return httpStatus === 403 ? "retryable" : "not_retryable";
}

/**
 * What an answer means beyond its request (errorCodes.ts ErrorKind): the code's kind from the
 * table (the message may change it); without a known code, by the HTTP status: 429/418 rate
 * limits, 403 an edge's refusal (a WAF page), 503 maintenance ("service not available", docs/mexc/errors.md),
 * other 5XX MEXC failing.
 */
export function kindOfError(input: { code?: number | undefined; httpStatus: number; message?: string }): ErrorKind {
  const { code, httpStatus } = input;
  const info = code === undefined ? undefined : errorCodeInfo(code, input.message);
  if (info !== undefined) return info.kind;
  if (httpStatus === 429 || httpStatus === 418) return "rate_limit";
  if (httpStatus === 403) return "blocked";
  if (httpStatus === 503) return "maintenance";
  if (httpStatus >= 500 && httpStatus <= 599) return "server";
  return "request";
}

/**
 * Turns an error response into a MexcApiError. `body` is the parsed JSON or the raw text; `code`
 * may be a number or a numeric string (`{"code":"730708",...}`), `_extend` and other keys are
 * ignored; the message is `msg`, else `message` (MEXC's maintenance answer spells it so, docs/mexc/undocumented.md#requests-and-answers item 11.15:
 * `{"code":500,"message":"Under maintenance...","announcement":...}`), else the table's words.
 * A body that is not MEXC JSON gives an error without a code and without that text; an HTML
 * "Access Denied" page with a 403 (an Akamai edge block, ccxt/ccxt#15873, docs/mexc/undocumented.md#requests-and-answers item 11.23) says
 * "blocked by MEXC's edge (HTML 403)" and its reference number, which MEXC's support asks for.
 */
export function parseMexcErrorBody(
  body: unknown,
  httpStatus: number,
  opts: {
    isWrite: boolean;
    retryAfterHeader?: string | null | undefined;
    /** The endpoint called, named in the error (a query string is dropped). */
    method?: string;
    path?: string;
  },
): MexcApiError {
  const fields = readFields(typeof body === "string" ? parseJson(body) : body);
  const code = parseCode(fields.code);
  const sent =
    typeof fields.msg === "string" ? fields.msg : typeof fields.message === "string" ? fields.message : undefined;
  const mexcMessage =
    sent ??
    (code === undefined
      ? typeof body === "string"
        ? edgePageMessage(body, httpStatus)
        : ""
      : (errorCodeInfo(code)?.message ?? ""));
  const message = sent ?? "";
  return new MexcApiError({
    mexcCode: code,
    status: httpStatus,
    class: classifyError({ code, httpStatus, isWrite: opts.isWrite, message }),
    kind: kindOfError({ code, httpStatus, message }),
    mexcMessage,
    retryAfterMs: parseRetryAfter(opts.retryAfterHeader),
    method: opts.method,
    path: opts.path,
  });
}

/**
 * True when a parsed answer is an error whatever its HTTP status (docs/mexc/undocumented.md#requests-and-answers item 11.2): a JSON object with a
 * `code` that is not a success code (0, "0", 200, "200"). MEXC answers some errors with HTTP 200,
 * e.g. PUT /api/v3/userDataStream on a dead key: `{"code":"730708","msg":"listen key information error"}`
 * (mexcdevelop/mexc-api-demo#35; Mexc.Net checks `Code != 0`; hummingbot-deploy#19 checks `"code" in data`).
 * Bare answers (`{}`, `{"listenKey":…}`, arrays) and envelopes such as `{"code":200,"data":…}` are not.
 */
export function isErrorBody(body: unknown): boolean {
  if (!isJsonObject(body) || !("code" in body)) return false;
  const code = body.code;
  if (typeof code === "string") return !SUCCESS_CODES.has(code.trim());
  return !SUCCESS_CODES.has(code as number);
}

/** `Retry-After` in seconds (MEXC's form) to ms; undefined when absent or not seconds. */
export function parseRetryAfter(header: string | null | undefined): number | undefined {
  const text = header?.trim() ?? "";
  return isUnsignedDecimal(text) ? Math.round(Number(text) * 1000) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An edge's HTML refusal page (Akamai: "Access Denied ... Reference #18.1fcbdc17..."): what it is, with its reference. */
const EDGE_REFERENCE = /Reference(?:\s|&#32;)*(?:#|&#35;)((?:[0-9a-f]+|\.|&#46;){3,40})/i;
const BLOCKED_MESSAGE = "blocked by MEXC's edge (HTML 403)";

function edgePageMessage(text: string, httpStatus: number): string {
  if (httpStatus !== 403 || !/<html|access denied/i.test(text)) return "";
  const reference = EDGE_REFERENCE.exec(text)?.[1]?.replace(/&#46;/g, ".");
  return reference === undefined ? BLOCKED_MESSAGE : `${BLOCKED_MESSAGE}, reference ${reference}`;
}

function readFields(body: unknown): { code?: unknown; msg?: unknown; message?: unknown } {
  return isJsonObject(body) ? body : {};
}

function parseCode(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
