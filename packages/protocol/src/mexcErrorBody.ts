/**
 * Reading MEXC's error answers (mexc-protocol.md §2.4, §5, §11.2): which answers are errors,
 * what class each is (retryable / not retryable / unknown outcome), and the MexcApiError
 * (errors.ts) an answer becomes.
 */

import { isUnsignedDecimal } from "./decimal.js";
import { type ErrorClass, errorCodeInfo } from "./errorCodes.js";
import { MexcApiError } from "./errors.js";
import { SUCCESS_CODES } from "./limits.js";

/**
 * In order: 429 and 418 are retryable (after Retry-After); any 5XX leaves a write's outcome
 * unknown (it may have been executed) and a read retryable; then the code's class from the
 * table; a 403 with no known code is the WAF limit (§2.4), retryable; anything else is not.
 */
export function classifyError(input: { code?: number | undefined; httpStatus: number; isWrite: boolean }): ErrorClass {
  const { code, httpStatus, isWrite } = input;
  if (httpStatus === 429 || httpStatus === 418) return "retryable";
  if (httpStatus >= 500 && httpStatus <= 599) return isWrite ? "unknownOutcome" : "retryable";
  const info = code === undefined ? undefined : errorCodeInfo(code);
  if (info !== undefined) {
    if (info.errorClass !== "serverError") return info.errorClass;
    return isWrite ? "unknownOutcome" : "retryable";
  }
  return httpStatus === 403 ? "retryable" : "notRetryable";
}

/**
 * Turns an error response into a MexcApiError. `body` is the parsed JSON or the raw text; `code`
 * may be a number or a numeric string (`{"code":"730708",...}`), `_extend` and other keys are
 * ignored, a missing `msg` falls back to the table's message. A body that is not MEXC JSON (an
 * HTML WAF page) gives an error without a code and without any of that text.
 */
export function parseMexcErrorBody(
  body: unknown,
  httpStatus: number,
  opts: { isWrite: boolean; retryAfterHeader?: string | null | undefined },
): MexcApiError {
  const fields = readFields(typeof body === "string" ? parseJson(body) : body);
  const code = parseCode(fields.code);
  const mexcMessage =
    typeof fields.msg === "string" ? fields.msg : code === undefined ? "" : (errorCodeInfo(code)?.message ?? "");
  return new MexcApiError({
    code,
    httpStatus,
    errorClass: classifyError({ code, httpStatus, isWrite: opts.isWrite }),
    mexcMessage,
    retryAfterMs: parseRetryAfter(opts.retryAfterHeader),
  });
}

/**
 * True when a parsed answer is an error whatever its HTTP status (§11.2): a JSON object with a
 * `code` that is not a success code (0, "0", 200, "200"). MEXC answers some errors with HTTP 200,
 * e.g. PUT /api/v3/userDataStream on a dead key: `{"code":"730708","msg":"listen key information error"}`
 * (mexcdevelop/mexc-api-demo#35; Mexc.Net checks `Code != 0`; hummingbot-deploy#19 checks `"code" in data`).
 * Bare answers (`{}`, `{"listenKey":…}`, arrays) and envelopes such as `{"code":200,"data":…}` are not.
 */
export function isErrorBody(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("code" in body)) return false;
  const code = (body as { code: unknown }).code;
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

function readFields(body: unknown): { code?: unknown; msg?: unknown } {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
}

function parseCode(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
