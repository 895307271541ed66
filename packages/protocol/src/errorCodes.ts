/**
 * MEXC's business error codes (mexc-protocol.md §5, official table of seed 002, plus codes seen
 * live) with what a client should do about each and the HTTP status the simulator answers with.
 *
 * `httpStatus` is [UNCONFIRMED] for every entry: MEXC does not document which HTTP status goes
 * with which code (§2.4). The simulator's default follows §2.4: 400 for parameter, signature,
 * timestamp and business-rule errors; 401 for a missing or bad API key; 403 for permission, IP
 * whitelist and account bans; 429/500/503/504 for the codes that mirror those statuses. No code
 * maps to 404.
 */

/** What a caller should do: retry (after a back-off), give up, or reconcile before retrying. */
export type ErrorClass = "retryable" | "notRetryable" | "unknownOutcome";

/**
 * The class in the table. "serverError" resolves by the request: a write may have taken effect
 * (unknownOutcome, §2.4 "5XX ... request may have succeeded"), a read can be retried.
 */
export type CodeClass = ErrorClass | "serverError";

export interface ErrorCodeInfo {
  readonly code: number;
  /** MEXC's message, as in the official table (live messages may add a trailing period). */
  readonly message: string;
  readonly errorClass: CodeClass;
  /** The simulator's status for this code. [UNCONFIRMED] */
  readonly httpStatus: number;
  /** "table": the official §5 table; "observed": seen in live responses only [3P]. */
  readonly source: "table" | "observed";
}

type Row = readonly [code: number, message: string, errorClass: CodeClass, httpStatus: number];

const TABLE: readonly Row[] = [
  [-2011, "Unknown order sent", "notRetryable", 400],
  [26, "operation not allowed", "notRetryable", 400],
  [400, "api key required", "notRetryable", 401],
  [401, "No authority", "notRetryable", 401],
  // Mirrors HTTP 403, which §2.4 defines as "WAF limit violated": back off and retry.
  [403, "Access Denied", "retryable", 403],
  [429, "Too Many Requests", "retryable", 429],
  [500, "Internal error", "serverError", 500],
  [503, "service not available, please try again", "serverError", 503],
  [504, "Gateway Time-out", "serverError", 504],
  [602, "Signature verification failed", "notRetryable", 400],
  [10001, "user does not exist", "notRetryable", 400],
  [10007, "bad symbol", "notRetryable", 400],
  [10015, "user id cannot be null", "notRetryable", 400],
  [10072, "invalid access key", "notRetryable", 401],
  // A clock problem: retrying with the same clock fails again; resync time first.
  [10073, "invalid Request-Time", "notRetryable", 400],
  [10095, "amount cannot be null", "notRetryable", 400],
  [10096, "amount decimal places is too long", "notRetryable", 400],
  [10097, "amount is error", "notRetryable", 400],
  [10098, "risk control system detected abnormal", "notRetryable", 400],
  [10099, "user sub account does not open", "notRetryable", 400],
  [10100, "this currency transfer is not supported", "notRetryable", 400],
  [10101, "Insufficient balance", "notRetryable", 400],
  [10102, "amount cannot be zero or negative", "notRetryable", 400],
  [10103, "this account transfer is not supported", "notRetryable", 400],
  // Still in progress: whether it ends done or failed is not known yet.
  [10200, "transfer operation processing", "unknownOutcome", 400],
  [10201, "transfer in failed", "notRetryable", 400],
  [10202, "transfer out failed", "notRetryable", 400],
  [10206, "transfer is disabled", "notRetryable", 400],
  [10211, "transfer is forbidden", "notRetryable", 400],
  [
    10212,
    "This withdrawal address is not on the commonly used address list or has been invalidated",
    "notRetryable",
    400,
  ],
  [10216, "no address available. Please try again later", "retryable", 400],
  [10219, "asset flow writing failed please try again", "retryable", 400],
  [10222, "currency cannot be null", "notRetryable", 400],
  [10232, "currency does not exist", "notRetryable", 400],
  [10259, "Intermediate account does not configured in redisredis", "notRetryable", 400],
  [10265, "Due to risk control, withdrawal is unavailable, please try again later", "notRetryable", 400],
  [10268, "remark length is too long", "notRetryable", 400],
  [20001, "subsystem is not supported", "notRetryable", 400],
  [20002, "Internal system error please contact support", "serverError", 500],
  [22222, "record does not exist", "notRetryable", 400],
  [30000, "suspended transaction for the symbol", "notRetryable", 400],
  [30001, "The current transaction direction is not allowed to place an order", "notRetryable", 400],
  [30002, "The minimum transaction volume cannot be less than :", "notRetryable", 400],
  [30003, "The maximum transaction volume cannot be greater than :", "notRetryable", 400],
  [30004, "Insufficient position", "notRetryable", 400],
  [30005, "Oversold", "notRetryable", 400],
  [30010, "no valid trade price", "notRetryable", 400],
  [30014, "invalid symbol", "notRetryable", 400],
  [30016, "trading disabled", "notRetryable", 400],
  [30018, "market order is disabled", "notRetryable", 400],
  [30019, "api market order is disabled", "notRetryable", 400],
  [30020, "no permission for the symbol", "notRetryable", 403],
  [30021, "invalid symbol", "notRetryable", 400],
  [30025, "no exist opponent order", "notRetryable", 400],
  [30026, "invalid order ids", "notRetryable", 400],
  [30027, "The currency has reached the maximum position limit, the buying is suspended", "notRetryable", 400],
  [30028, "The currency triggered the platform risk control, the selling is suspended", "notRetryable", 400],
  [30029, "Cannot exceed the maximum order limit", "notRetryable", 400],
  [30032, "Cannot exceed the maximum position", "notRetryable", 400],
  [30041, "current order type can not place order", "notRetryable", 400],
  [33333, "param is error", "notRetryable", 400],
  [44444, "param cannot be null", "notRetryable", 400],
  [60005, "your account is abnormal", "notRetryable", 403],
  [70011, "Pair user ban trade apikey", "notRetryable", 403],
  [700001, "API-key format invalid", "notRetryable", 401],
  [700002, "Signature for this request is not valid", "notRetryable", 400],
  // Also a clock problem (§2.2 timing rule): resync server time before sending again.
  [700003, "Timestamp for this request is outside of the recvWindow", "notRetryable", 400],
  // Live responses use this code for any missing mandatory parameter, e.g. 'signature' (§2.2).
  [700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null", "notRetryable", 400],
  [700005, "recvWindow must less than 60000", "notRetryable", 400],
  [700006, "IP non white list", "notRetryable", 403],
  [700007, "No permission to access the endpoint", "notRetryable", 403],
  [700008, "Illegal characters found in parameter", "notRetryable", 400],
  [730000, "Request failed, please contact the customer service", "notRetryable", 400],
  // The official table lists 730001 and 730002 twice; the other messages are
  // "User information error" and "Parameter error".
  [730001, "Pair not found", "notRetryable", 400],
  [730002, "Your input param is invalid", "notRetryable", 400],
  [730003, "Unsupported operation, please contact the customer service", "notRetryable", 400],
  [730100, "Unusual user status", "notRetryable", 403],
  [730101, "The user Name already exists", "notRetryable", 400],
  [730600, "Sub-account Name cannot be null", "notRetryable", 400],
  [730601, "Sub-account Name must be a combination of 8-32 letters and numbers", "notRetryable", 400],
  [730602, "Sub-account remarks cannot be null", "notRetryable", 400],
  [730700, "API KEY remarks cannot be null", "notRetryable", 400],
  [730701, "API KEY permission cannot be null", "notRetryable", 400],
  [730702, "API KEY permission does not exist", "notRetryable", 400],
  [
    730703,
    "The IP information is incorrect, and a maximum of 10 IPs are allowed to be bound only",
    "notRetryable",
    400,
  ],
  [730704, "The bound IP format is incorrect, please refill", "notRetryable", 400],
  [730705, "At most 30 groups of Api Keys are allowed to be created only", "notRetryable", 400],
  [730706, "API KEY information does not exist", "notRetryable", 400],
  [730707, "accessKey cannot be null", "notRetryable", 400],
  [140001, "sub account does not exist", "notRetryable", 400],
  [140002, "sub account is forbidden", "notRetryable", 403],
];

/** Seen in live responses, not in the official table (§2.4, §3.10, §5). [3P] */
const OBSERVED: readonly Row[] = [
  [-2013, "Order does not exist.", "notRetryable", 400],
  // The message is Binance's text for -1121; MEXC's own wording was not captured.
  [-1121, "Invalid symbol.", "notRetryable", 400],
  [-1128, "Combination of optional parameters invalid.", "notRetryable", 400],
  // PUT /api/v3/userDataStream with an unknown or expired key, sent with `code` as a string and,
  // like other listen-key errors, with HTTP 200 (§11.2; mexcdevelop/mexc-api-demo#35). Not
  // retryable as is: the key is dead, the caller must create a new one.
  [730708, "listen key information error", "notRetryable", 200],
  // A write without `Content-Type: application/json` (since 2024-02-22, §11.1): the request did
  // not run; sending it again unchanged fails again (mexcdevelop/mexc-api-sdk#68, hummingbot#6871,
  // ccxt#21345). The HTTP status of these answers was not captured: 400 is our assumption.
  [700013, "Invalid content Type.", "notRetryable", 400],
];

function toInfo(source: ErrorCodeInfo["source"]) {
  return ([code, message, errorClass, httpStatus]: Row): ErrorCodeInfo =>
    Object.freeze({ code, message, errorClass, httpStatus, source });
}

/** Every known code, official table first, then the observed ones. */
export const ERROR_CODES: readonly ErrorCodeInfo[] = Object.freeze([
  ...TABLE.map(toInfo("table")),
  ...OBSERVED.map(toInfo("observed")),
]);

const BY_CODE: ReadonlyMap<number, ErrorCodeInfo> = new Map(ERROR_CODES.map((info) => [info.code, info]));

/** The entry for a MEXC code, or undefined for a code this table does not know. */
export function errorCodeInfo(code: number): ErrorCodeInfo | undefined {
  return BY_CODE.get(code);
}
