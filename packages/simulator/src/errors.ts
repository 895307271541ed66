/**
 * Every error the simulator raises, in one place: the MEXC errors it answers (engine, wallet, REST,
 * listen keys, admin routes) with MEXC's code and words (mexc-protocol.md §2.2, §2.4, §5), the
 * one place that turns an error into MEXC's error JSON, and the CLI's usage error.
 *
 * HTTP statuses (MEXC documents none per code, §2.4 [UNCONFIRMED]): 400 for parameters,
 * signature, timestamp and business rules; 401 for a missing, malformed or unknown API key; 403
 * for a symbol the key may not trade; 404 for an unknown route; 429/418 for rate limits; 5xx for
 * faults.
 */

import { errorCodeInfo, MAX_RECV_WINDOW_MS } from "@mexc-live/protocol";
import type { FastifyReply } from "fastify";

/** A MEXC error the simulator answers: MEXC code + msg (+ HTTP status). */
export class SimError extends Error {
  override readonly name = "SimError";
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

/** A refusal that tells the client when to come back (429, 418): sent with `Retry-After`. */
export class RetryLaterError extends SimError {
  constructor(
    base: SimError,
    readonly retryAfterSeconds: number,
  ) {
    super(base.code, base.message, base.httpStatus);
  }
}

/** A command-line mistake of `mexc-live simulator` (exit code 2 with the message). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A code of protocol's error table with its message and status. */
function fromTable(code: number): SimError {
  const info = errorCodeInfo(code);
  if (info === undefined) throw new Error(`error code ${code} is not in protocol's table`);
  return new SimError(info.code, info.message, info.httpStatus);
}

/** Errors of the matching engine and the accounts (§5 table). */
export const engineErrors = {
  userDoesNotExist: () => new SimError(10001, "user does not exist"),
  insufficientBalance: () => new SimError(10101, "Insufficient balance"),
  insufficientPosition: () => new SimError(30004, "Insufficient position"),
  noValidTradePrice: () => new SimError(30010, "no valid trade price"),
  belowMinimum: (minimum: string, asset: string) =>
    new SimError(30002, `The minimum transaction volume cannot be less than : ${minimum} ${asset}`),
  tooManyOpenOrders: () => new SimError(30029, "Cannot exceed the maximum order limit"),
  orderTypeNotAllowed: () => new SimError(30041, "current order type can not place order"),
  unknownOrder: () => new SimError(-2011, "Unknown order sent."),
} as const;

/** Listen keys (§3.10). */
export const listenKeyErrors = {
  /** MEXC's answer for a key that is unknown, expired or another account's (§11.2: a string code). */
  unknown: () => new SimError(730708, "listen key information error"),
  /**
   * Creating a key over the cap: MEXC's reply is not documented [UNCONFIRMED]. We answer 26
   * "operation not allowed" (the official table's generic refusal), naming the limit.
   */
  tooMany: (max: number) =>
    new SimError(26, `operation not allowed: an account may hold at most ${max} valid listen keys`),
} as const;

/** The simulator's own admin routes (/_sim/...): not MEXC, plain HTTP statuses as codes. */
export const adminErrors = {
  unknownAccount: (account: string) => new SimError(404, `unknown account "${account}"`, 404),
  badRequest: (message: string) => new SimError(400, message, 400),
} as const;

export const restErrors = {
  apiKeyRequired: () => new SimError(400, "api key required", 401),
  apiKeyFormat: () => new SimError(700001, "API-key format invalid.", 401),
  /** A well-formed key no account holds. */
  unknownApiKey: () => new SimError(10072, "invalid access key", 401),
  badSignature: () => new SimError(700002, "Signature for this request is not valid.", 400),
  /** A correctly signed request whose parameters do not decode (bad %-escape, JSON not an object). */
  illegalCharacters: () => new SimError(700008, "Illegal characters found in parameter.", 400),
  outsideRecvWindow: () => new SimError(700003, "Timestamp for this request is outside of the recvWindow.", 400),
  recvWindowTooLarge: () => new SimError(700005, `recvWindow must less than ${MAX_RECV_WINDOW_MS}`, 400),
  /** The observed text for `signature` (§2.2); we use it for `timestamp` too. */
  mandatoryParameter: (name: string) =>
    new SimError(700004, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`, 400),
  orderReferenceMissing: () =>
    new SimError(700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!", 400),
  /** 44444 "param cannot be null", naming the parameter. */
  missingParameter: (name: string) => new SimError(44444, `${name} cannot be null`, 400),
  /** 33333 "param is error", naming the parameter and what is wrong with it. */
  badParameter: (name: string, problem: string) => new SimError(33333, `${name} ${problem}`, 400),
  /** Market-data endpoints answer an unknown symbol Binance-style (§5 "observed": -1121). */
  invalidMarketSymbol: () => new SimError(-1121, "Invalid symbol.", 400),
  /** Trading and account endpoints, and the engine (§5 table). */
  invalidSymbol: () => new SimError(30014, "invalid symbol", 400),
  /** 700013: a request not labelled application/json (§11.1). */
  invalidContentType: () => fromTable(700013),
  /** Any other code of protocol's table, with its message and status (the fault injector's 5XX). */
  fromTable,
  /**
   * An API order on a pair whose API trading MEXC disabled (seed 000). The exact code MEXC
   * answers is not documented: 30020 "no permission for the symbol" is our choice.
   */
  noSymbolPermission: () => new SimError(30020, "no permission for the symbol", 403),
  orderDoesNotExist: () => new SimError(-2013, "Order does not exist.", 400),
  notFound: () => new SimError(404, "Not Found", 404),
  tooManyRequests: () => new SimError(429, "Too Many Requests", 429),
  /** 418 is an IP ban after repeated 429s (§2.4); MEXC's body is not documented. */
  banned: () => new SimError(418, "IP banned until the Retry-After has passed", 418),
  internal: () => new SimError(500, "Internal error", 500),
} as const;

/**
 * The wallet (engine/wallet.ts): deposits, withdrawals and spot <-> futures transfers. MEXC's
 * answers to a bad withdrawal or transfer request are not in our notes: a short balance is 10101
 * as for an order (§5 table), anything malformed 33333 naming the field [UNCONFIRMED].
 */
export const walletErrors = {
  insufficientBalance: () => engineErrors.insufficientBalance(),
  badAsset: (asset: string) =>
    restErrors.badParameter("asset", `"${asset}" is not an asset name (upper-case letters and digits)`),
  badAmount: (name: string, text: string) =>
    restErrors.badParameter(name, `"${text}" is not a positive decimal number`),
  badFee: (text: string) => restErrors.badParameter("fee", `"${text}" is not a decimal number of 0 or more`),
  /** A withdrawal's amount includes its fee (ccxt: "mexc withdrawal amount includes the fee"). */
  amountNotAboveFee: (amount: string, fee: string, asset: string) =>
    restErrors.badParameter("amount", `${amount} ${asset} must be more than the ${fee} ${asset} fee it includes`),
  badAccountType: (name: string, value: string) => restErrors.badParameter(name, `"${value}" is not SPOT or FUTURES`),
  sameAccountType: (type: string) =>
    restErrors.badParameter("toAccountType", `must differ from fromAccountType (both are ${type})`),
} as const;

/** Codes MEXC sends with extra spellings (§2.4): -2013 adds `_extend: null`, 730708 is a string. */
const ORDER_DOES_NOT_EXIST = -2013;
const LISTEN_KEY_INFORMATION_ERROR = 730708;

/** MEXC's error JSON for a SimError, with its exact observed spellings. */
export function errorBody(error: SimError): Record<string, unknown> {
  if (error.code === ORDER_DOES_NOT_EXIST) return { msg: error.message, code: error.code, _extend: null };
  if (error.code === LISTEN_KEY_INFORMATION_ERROR) return { code: String(error.code), msg: error.message };
  return { code: error.code, msg: error.message };
}

export function sendError(reply: FastifyReply, error: SimError, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header("Retry-After", String(retryAfterSeconds));
  return reply.code(error.httpStatus).send(errorBody(error));
}
