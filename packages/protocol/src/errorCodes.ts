/**
 * MEXC's business error codes (docs/mexc/errors.md#the-error-codes, official table of seed 002, plus codes seen
 * live) with what a client should do about each, what each means for the account (its kind), and
 * the HTTP status the simulator answers with. The one home of these facts: the client classes
 * answers by it, the gateway names a refusal by it, the simulator answers with its words.
 *
 * `httpStatus` is [UNCONFIRMED] for every entry: MEXC does not document which HTTP status goes
 * with which code (docs/mexc/errors.md). The simulator's default follows docs/mexc/errors.md: 400 for parameter, signature,
 * timestamp and business-rule errors; 401 for a missing or bad API key; 403 for permission, IP
 * whitelist and account bans; 429/500/503/504 for the codes that mirror those statuses. No code
 * maps to 404.
 */

import type { ErrorClass } from "./errorClass.js";

/**
 * The class in the table. "serverError" resolves by the request: a write may have taken effect
 * (unknown_outcome, docs/mexc/errors.md "5XX ... request may have succeeded"), a read can be retried.
 */
export type CodeClass = ErrorClass | "serverError";

/**
 * What an error means beyond the one request, so a caller knows whether to stop and what to tell
 * the user:
 *
 * - bad_signature: the signature does not verify: a wrong secret, or a key MEXC expired (90 days
 *   without an IP binding) or deleted; MEXC gives all three the same 700002 (docs/mexc/undocumented.md#api-keys item 11.14);
 * - invalid_key: the key is malformed, unknown or missing;
 * - ip_not_allowed: this machine's address is not on the key's whitelist;
 * - no_permission: the key lacks the permission the endpoint needs;
 * - account_restricted: MEXC has restricted the account (abnormal status, orders suspended);
 * - clock: the request's timestamp is off: resync the server time, then send again;
 * - maintenance: MEXC is under maintenance or the feature is switched off for a while;
 * - rate_limit: too many requests (429, 418);
 * - blocked: an edge in front of MEXC refused the request (a WAF page, HTML 403);
 * - history_window: a history was asked for further back than MEXC serves;
 * - server: MEXC failed (5XX codes);
 * - request: anything about this request alone (parameters, symbols, orders, balances).
 */
export type ErrorKind =
  | "bad_signature"
  | "invalid_key"
  | "ip_not_allowed"
  | "no_permission"
  | "account_restricted"
  | "clock"
  | "maintenance"
  | "rate_limit"
  | "blocked"
  | "history_window"
  | "server"
  | "request";

/** Kinds that refuse the key itself: every signed call fails the same way until the user acts. */
const KEY_REFUSALS: ReadonlySet<ErrorKind> = new Set([
  "bad_signature",
  "invalid_key",
  "ip_not_allowed",
  "no_permission",
  "account_restricted",
]);

/** True when MEXC refuses the API key (or the account) itself, not one request. */
export function refusesKey(kind: ErrorKind): boolean {
  return KEY_REFUSALS.has(kind);
}

/** True when MEXC (or its edge) is out of reach for a while: retry later, slowly; nothing to fix. */
export function isOutage(kind: ErrorKind): boolean {
  return kind === "maintenance" || kind === "blocked";
}

export interface ErrorCodeInfo {
  readonly code: number;
  /**
   * MEXC's message: as live answers carry it where a capture shows one (700002, 700003 and 70011
   * end in a period there: ccxt's exception map comments), else as in the official table.
   */
  readonly message: string;
  readonly errorClass: CodeClass;
  /** The simulator's status for this code. [UNCONFIRMED] */
  readonly httpStatus: number;
  /** "table": the official docs/mexc/errors.md#the-error-codes table; "observed": seen in live responses only [3P]. */
  readonly source: "table" | "observed";
  readonly kind: ErrorKind;
  /** What the user can do about it, in words, where the code alone does not say (NEXT_STEPS). */
  readonly nextStep?: string;
}

/**
 * The codes callers test for by name: GET /api/v3/order's answer for an order MEXC does not find
 * (also, for a while, one it just accepted: docs/mexc/undocumented.md#orders item 11.13), and the answer to a keepalive of a listen key
 * MEXC no longer knows (docs/mexc/undocumented.md#requests-and-answers item 11.2). Both rows are in OBSERVED below.
 */
export const ORDER_DOES_NOT_EXIST = -2013;
export const LISTEN_KEY_INFORMATION_ERROR = 730708;

/** A row; `kind` defaults to "server" for the serverError class and "request" otherwise. */
type Row = readonly [code: number, message: string, errorClass: CodeClass, httpStatus: number, kind?: ErrorKind];

const TABLE: readonly Row[] = [
  [-2011, "Unknown order sent", "not_retryable", 400],
  [26, "operation not allowed", "not_retryable", 400],
  [400, "api key required", "not_retryable", 401, "invalid_key"],
  [401, "No authority", "not_retryable", 401, "no_permission"],
  // Mirrors HTTP 403, which docs/mexc/errors.md defines as "WAF limit violated": back off and retry.
  [403, "Access Denied", "retryable", 403, "blocked"],
  [429, "Too Many Requests", "retryable", 429, "rate_limit"],
  [500, "Internal error", "serverError", 500],
  [503, "service not available, please try again", "serverError", 503, "maintenance"],
  [504, "Gateway Time-out", "serverError", 504],
  [602, "Signature verification failed", "not_retryable", 400, "bad_signature"],
  [10001, "user does not exist", "not_retryable", 400, "invalid_key"],
  // The official table says "bad symbol"; live answers say "symbol not support api": the pair is not
  // open to API trading for this key (each key carries a list of pairs, GET /api/v3/selfSymbols) or
  // MEXC closed it to API trading (docs/mexc/undocumented.md#fills-and-keys item 11.27: JKorf/Mexc.Net#13,
  // ccxt/ccxt#17069). The key itself still works: reads and other pairs go on.
  [10007, "symbol not support api", "not_retryable", 400],
  [10015, "user id cannot be null", "not_retryable", 400],
  [10072, "invalid access key", "not_retryable", 401, "invalid_key"],
  // A clock problem: retrying with the same clock fails again; resync time first.
  [10073, "invalid Request-Time", "not_retryable", 400, "clock"],
  [10095, "amount cannot be null", "not_retryable", 400],
  [10096, "amount decimal places is too long", "not_retryable", 400],
  [10097, "amount is error", "not_retryable", 400],
  [10098, "risk control system detected abnormal", "not_retryable", 400],
  [10099, "user sub account does not open", "not_retryable", 400],
  [10100, "this currency transfer is not supported", "not_retryable", 400],
  [10101, "Insufficient balance", "not_retryable", 400],
  [10102, "amount cannot be zero or negative", "not_retryable", 400],
  [10103, "this account transfer is not supported", "not_retryable", 400],
  // Still in progress: whether it ends done or failed is not known yet.
  [10200, "transfer operation processing", "unknown_outcome", 400],
  [10201, "transfer in failed", "not_retryable", 400],
  [10202, "transfer out failed", "not_retryable", 400],
  [10206, "transfer is disabled", "not_retryable", 400],
  [10211, "transfer is forbidden", "not_retryable", 400],
  [
    10212,
    "This withdrawal address is not on the commonly used address list or has been invalidated",
    "not_retryable",
    400,
  ],
  [10216, "no address available. Please try again later", "retryable", 400],
  [10219, "asset flow writing failed please try again", "retryable", 400],
  [10222, "currency cannot be null", "not_retryable", 400],
  [10232, "currency does not exist", "not_retryable", 400],
  [10259, "Intermediate account does not configured in redisredis", "not_retryable", 400],
  [10265, "Due to risk control, withdrawal is unavailable, please try again later", "not_retryable", 400],
  [10268, "remark length is too long", "not_retryable", 400],
  [20001, "subsystem is not supported", "not_retryable", 400],
  [20002, "Internal system error please contact support", "serverError", 500],
  [22222, "record does not exist", "not_retryable", 400],
  [30000, "suspended transaction for the symbol", "not_retryable", 400],
  [30001, "The current transaction direction is not allowed to place an order", "not_retryable", 400],
  [30002, "The minimum transaction volume cannot be less than :", "not_retryable", 400],
  [30003, "The maximum transaction volume cannot be greater than :", "not_retryable", 400],
  [30004, "Insufficient position", "not_retryable", 400],
  [30005, "Oversold", "not_retryable", 400],
  [30010, "no valid trade price", "not_retryable", 400],
  [30014, "invalid symbol", "not_retryable", 400],
  [30016, "trading disabled", "not_retryable", 400],
  // The official table's words; in the wild 30018 also says the account may not place orders
  // (BY_MESSAGE below).
  [30018, "market order is disabled", "not_retryable", 400],
  [30019, "api market order is disabled", "not_retryable", 400],
  [30020, "no permission for the symbol", "not_retryable", 403],
  [30021, "invalid symbol", "not_retryable", 400],
  [30025, "no exist opponent order", "not_retryable", 400],
  [30026, "invalid order ids", "not_retryable", 400],
  [30027, "The currency has reached the maximum position limit, the buying is suspended", "not_retryable", 400],
  [30028, "The currency triggered the platform risk control, the selling is suspended", "not_retryable", 400],
  [30029, "Cannot exceed the maximum order limit", "not_retryable", 400],
  [30032, "Cannot exceed the maximum position", "not_retryable", 400],
  [30041, "current order type can not place order", "not_retryable", 400],
  [33333, "param is error", "not_retryable", 400],
  [44444, "param cannot be null", "not_retryable", 400],
  [60005, "your account is abnormal", "not_retryable", 403, "account_restricted"],
  [70011, "Pair user ban trade apikey.", "not_retryable", 403],
  [700001, "API-key format invalid", "not_retryable", 401, "invalid_key"],
  // Also MEXC's answer to a key it expired (90 days without an IP binding) or deleted: there is no
  // key-expired code (docs/mexc/undocumented.md#api-keys item 11.14: ccxt's exception map, "same message for expired API keys";
  // Floris272/py-mexc-api#1, 700002 on a setup that had worked, fixed by a new key).
  [700002, "Signature for this request is not valid.", "not_retryable", 400, "bad_signature"],
  // Also a clock problem (docs/mexc/rest.md#signed-endpoints-hmac-sha256 timing rule): resync server time before sending again.
  [700003, "Timestamp for this request is outside of the recvWindow.", "not_retryable", 400, "clock"],
  // Live responses use this code for any missing mandatory parameter, e.g. 'signature' (docs/mexc/rest.md#signed-endpoints-hmac-sha256).
  [700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null", "not_retryable", 400],
  [700005, "recvWindow must less than 60000", "not_retryable", 400],
  [700006, "IP non white list", "not_retryable", 403, "ip_not_allowed"],
  [700007, "No permission to access the endpoint", "not_retryable", 403, "no_permission"],
  [700008, "Illegal characters found in parameter", "not_retryable", 400],
  [730000, "Request failed, please contact the customer service", "not_retryable", 400],
  // The official table lists 730001 and 730002 twice; the other messages are
  // "User information error" and "Parameter error".
  [730001, "Pair not found", "not_retryable", 400],
  [730002, "Your input param is invalid", "not_retryable", 400],
  [730003, "Unsupported operation, please contact the customer service", "not_retryable", 400],
  [730100, "Unusual user status", "not_retryable", 403, "account_restricted"],
  [730101, "The user Name already exists", "not_retryable", 400],
  [730600, "Sub-account Name cannot be null", "not_retryable", 400],
  [730601, "Sub-account Name must be a combination of 8-32 letters and numbers", "not_retryable", 400],
  [730602, "Sub-account remarks cannot be null", "not_retryable", 400],
  [730700, "API KEY remarks cannot be null", "not_retryable", 400],
  [730701, "API KEY permission cannot be null", "not_retryable", 400],
  [730702, "API KEY permission does not exist", "not_retryable", 400],
  [
    730703,
    "The IP information is incorrect, and a maximum of 10 IPs are allowed to be bound only",
    "not_retryable",
    400,
  ],
  [730704, "The bound IP format is incorrect, please refill", "not_retryable", 400],
  [730705, "At most 30 groups of Api Keys are allowed to be created only", "not_retryable", 400],
  [730706, "API KEY information does not exist", "not_retryable", 400],
  [730707, "accessKey cannot be null", "not_retryable", 400],
  [140001, "sub account does not exist", "not_retryable", 400],
  [140002, "sub account is forbidden", "not_retryable", 403, "account_restricted"],
];

/** Seen in live responses, not in the official table (docs/mexc/errors.md, docs/mexc/rest.md#listen-keys, docs/mexc/errors.md#the-error-codes). [3P] */
const OBSERVED: readonly Row[] = [
  [-2013, "Order does not exist.", "not_retryable", 400],
  // The message is Binance's text for -1121; MEXC's own wording was not captured.
  [-1121, "Invalid symbol.", "not_retryable", 400],
  [-1128, "Combination of optional parameters invalid.", "not_retryable", 400],
  // PUT /api/v3/userDataStream with an unknown or expired key, sent with `code` as a string and,
  // like other listen-key errors, with HTTP 200 (docs/mexc/undocumented.md#requests-and-answers item 11.2; mexcdevelop/mexc-api-demo#35). Not
  // retryable as is: the key is dead, the caller must create a new one.
  [730708, "listen key information error", "not_retryable", 200],
  // A write without `Content-Type: application/json` (since 2024-02-22, docs/mexc/undocumented.md#requests-and-answers item 11.1): the request did
  // not run; sending it again unchanged fails again (mexcdevelop/mexc-api-sdk#68, hummingbot#6871,
  // ccxt#21345). The HTTP status of these answers was not captured: 400 is our assumption.
  [700013, "Invalid content Type.", "not_retryable", 400],
  // Maintenance, or a feature MEXC switched off for a while (docs/mexc/undocumented.md#requests-and-answers item 11.15: ccxt's exception map,
  // `11444: OnMaintenance`, with this message). The request did not run: retry later. The HTTP
  // status was not captured: 400 is our assumption (a business code).
  [
    11444,
    "This feature is temporarily unavailable. For details, please refer to our official announcement.",
    "retryable",
    400,
    "maintenance",
  ],
  // ccxt's exception map: {"msg":"Order price exceeds allowed range","code":30087} (docs/mexc/undocumented.md#orders item 11.22).
  [30087, "Order price exceeds allowed range", "not_retryable", 400],
];

/**
 * Codes whose meaning the message changes, seen live (docs/mexc/undocumented.md#requests-and-answers item 11.15, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16): tried in order before the
 * code's own row when an answer carries one of these codes and its message matches.
 */
const BY_MESSAGE: readonly (readonly [match: RegExp, row: Row])[] = [
  // Wallet history asked from more than 90 days back: {"msg":"The start time cannot be earlier
  // than 90 days","code":400} (ccxt's exception map comment on '400'), not "api key required".
  [
    /earlier than 90 days/i,
    [400, "The start time cannot be earlier than 90 days", "not_retryable", 400, "history_window"],
  ],
  // {"code":500,"message":"Under maintenance, please try again later","announcement":"https://www.mexc.com/support/articles/17827791510263"}
  // (ccxt's mexc.js handleErrors comment; its broad match on "maintenance" is OnMaintenance): the
  // request did not run.
  [/maintenance/i, [500, "Under maintenance, please try again later", "retryable", 503, "maintenance"]],
  // In the wild 30018 says, in Chinese, that the account cannot place orders for now and should
  // contact support: {"msg":"账号暂时不能下单，请联系客服","code":30018} (ccxt's exception map,
  // AccountSuspended; docs/mexc/undocumented.md#orders item 11.22).
  [/不能下单|cannot place order/i, [30018, "账号暂时不能下单，请联系客服", "not_retryable", 403, "account_restricted"]],
];

/** The next step for a user, for the codes whose message does not say it. */
const NEXT_STEPS: ReadonlyMap<number, string> = new Map([
  [
    10007,
    "this pair is not open to API trading for this key; check the key's pairs on MEXC (GET /api/v3/selfSymbols lists them)",
  ],
]);

function toInfo(source: ErrorCodeInfo["source"]) {
  return ([code, message, errorClass, httpStatus, kind]: Row): ErrorCodeInfo => {
    const nextStep = NEXT_STEPS.get(code);
    return Object.freeze({
      code,
      message,
      errorClass,
      httpStatus,
      source,
      kind: kind ?? (errorClass === "serverError" ? "server" : "request"),
      ...(nextStep === undefined ? {} : { nextStep }),
    });
  };
}

/** Every known code, official table first, then the observed ones. */
export const ERROR_CODES: readonly ErrorCodeInfo[] = Object.freeze([
  ...TABLE.map(toInfo("table")),
  ...OBSERVED.map(toInfo("observed")),
]);

const BY_CODE: ReadonlyMap<number, ErrorCodeInfo> = new Map(ERROR_CODES.map((info) => [info.code, info]));

const MESSAGE_VARIANTS: readonly (readonly [RegExp, ErrorCodeInfo])[] = BY_MESSAGE.map(([match, row]) => [
  match,
  toInfo("observed")(row),
]);

/**
 * The entry for a MEXC code, or undefined for a code this table does not know. With the answer's
 * message, a code whose meaning the message changes gets that meaning (400 "The start time cannot
 * be earlier than 90 days" is a history window, not a missing key).
 */
export function errorCodeInfo(code: number, message?: string): ErrorCodeInfo | undefined {
  if (message !== undefined) {
    for (const [match, info] of MESSAGE_VARIANTS) if (info.code === code && match.test(message)) return info;
  }
  return BY_CODE.get(code);
}

/** The observed meanings by message (BY_MESSAGE), for the simulator's answers and tests. */
export const MESSAGE_VARIANT_CODES: readonly ErrorCodeInfo[] = MESSAGE_VARIANTS.map(([, info]) => info);
