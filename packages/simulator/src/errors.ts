/**
 * Every error the simulator raises, in one place: the MEXC errors it answers (engine, wallet, REST,
 * listen keys, admin routes), the one place that turns an error into MEXC's error JSON, and the
 * CLI's usage error. MEXC's codes and their words come from protocol's error table
 * (errorCodes.ts, `fromTable`); only the messages that name a parameter or a limit are written here.
 *
 * HTTP statuses (MEXC documents none per code, docs/mexc/errors.md [UNCONFIRMED]): 400 for parameters,
 * signature, timestamp and business rules; 401 for a missing, malformed or unknown API key; 403
 * for a symbol the key may not trade; 404 for an unknown route; 429/418 for rate limits; 5xx for
 * faults.
 */

import { type ErrorTable, MexcLiveError } from "@mexc-live/protocol";
import {
  type ErrorKind,
  errorCodeInfo,
  LISTEN_KEY_INFORMATION_ERROR,
  MESSAGE_VARIANT_CODES,
  ORDER_DOES_NOT_EXIST,
} from "@mexc-live/protocol/error-codes";
import { classifyError } from "@mexc-live/protocol/rest";
import type { FastifyReply } from "fastify";

export type SimulatorErrorCode =
  | "MEXC_ANSWER"
  | "ADMIN_UNKNOWN_ACCOUNT"
  | "ADMIN_BAD_REQUEST"
  | "ADMIN_NOT_JSON"
  | "ADMIN_FOREIGN_HOST"
  | "ADMIN_FOREIGN_ORIGIN"
  | "USAGE";

/** The simulator's codes (docs/errors.md lists them). */
export const SIMULATOR_ERRORS: ErrorTable<SimulatorErrorCode> = {
  MEXC_ANSWER: {
    class: "varies",
    when: "a request the simulated MEXC refuses: answered with MEXC's error JSON (`mexcCode`, msg) and the status of protocol's MEXC code table; class as a client would read it",
  },
  ADMIN_UNKNOWN_ACCOUNT: {
    class: "not_retryable",
    status: 404,
    when: "an admin route (/_sim/...) named an account the simulator does not hold",
  },
  ADMIN_BAD_REQUEST: { class: "not_retryable", status: 400, when: "an admin route's body or parameter is malformed" },
  ADMIN_NOT_JSON: {
    class: "not_retryable",
    status: 415,
    when: "a POST to an admin route not labelled application/json (a cross-site form or text/plain POST)",
  },
  ADMIN_FOREIGN_HOST: {
    class: "not_retryable",
    status: 421,
    when: "an admin route asked for under a Host that is not the simulator's loopback address and port (DNS rebinding)",
  },
  ADMIN_FOREIGN_ORIGIN: {
    class: "not_retryable",
    status: 403,
    when: "an admin route asked for by a page of another origin than the simulator's own",
  },
  USAGE: {
    class: "fatal",
    exitCode: 2,
    when: "a command-line mistake of `mexc-sim` / `mexc-live simulator`, named in one line",
  },
};

/** An error answer of the simulator: MEXC's code and msg, its HTTP status, and our code. */
export class SimError extends MexcLiveError<Exclude<SimulatorErrorCode, "USAGE">> {
  override readonly name = "SimError";
  declare readonly status: number;

  constructor(
    /** The `code` of the JSON answer, as MEXC spells it. */
    readonly mexcCode: number,
    message: string,
    status = 400,
    code: Exclude<SimulatorErrorCode, "USAGE"> = "MEXC_ANSWER",
  ) {
    super(SIMULATOR_ERRORS, code, message, {
      status,
      class: classifyError({ code: mexcCode, httpStatus: status, isWrite: false, message }),
    });
  }
}

/** A refusal that tells the client when to come back (429, 418): sent with `Retry-After`. */
export class RetryLaterError extends SimError {
  constructor(
    base: SimError,
    readonly retryAfterSeconds: number,
  ) {
    super(base.mexcCode, base.message, base.status);
  }
}

/** A command-line mistake of `mexc-live simulator` (exit code 2 with the message). */
export class UsageError extends MexcLiveError<"USAGE"> {
  override readonly name = "UsageError";
  constructor(message: string) {
    super(SIMULATOR_ERRORS, "USAGE", message);
  }
}

/** A code of protocol's error table with its message and status. */
function fromTable(code: number): SimError {
  const info = errorCodeInfo(code);
  if (info === undefined) throw new Error(`error code ${code} is not in protocol's table`);
  return new SimError(info.code, info.message, info.httpStatus);
}

/** A code whose meaning MEXC's message changes (protocol's BY_MESSAGE), by that meaning, with its words. */
function fromVariant(code: number, kind: ErrorKind): SimError {
  const info = MESSAGE_VARIANT_CODES.find((entry) => entry.code === code && entry.kind === kind);
  if (info === undefined) throw new Error(`error ${code} (${kind}) is not in protocol's table`);
  return new SimError(info.code, info.message, info.httpStatus);
}

/** Errors of the matching engine and the accounts (docs/mexc/errors.md#the-error-codes table). */
export const engineErrors = {
  userDoesNotExist: () => fromTable(10001),
  insufficientBalance: () => fromTable(10101),
  insufficientPosition: () => fromTable(30004),
  noValidTradePrice: () => fromTable(30010),
  belowMinimum: (minimum: string, asset: string) =>
    new SimError(30002, `${errorCodeInfo(30002)?.message} ${minimum} ${asset}`),
  tooManyOpenOrders: () => fromTable(30029),
  orderTypeNotAllowed: () => fromTable(30041),
  unknownOrder: () => fromTable(-2011),
  /** A pair MEXC paused or delisted (docs/mexc/undocumented.md#market-data item 11.18): 30000 "suspended transaction for the symbol". */
  symbolSuspended: () => fromTable(30000),
} as const;

/** Listen keys (docs/mexc/rest.md#listen-keys). */
export const listenKeyErrors = {
  /** MEXC's answer for a key that is unknown, expired or another account's (docs/mexc/undocumented.md#requests-and-answers item 11.2: a string code). */
  // HTTP 400 here: the route answers it with 200 under the behaviour errorsInHttp200 (the default, as MEXC does).
  unknown: () => new SimError(LISTEN_KEY_INFORMATION_ERROR, fromTable(LISTEN_KEY_INFORMATION_ERROR).message, 400),
  /**
   * Creating a key over the cap: MEXC's reply is not documented [UNCONFIRMED]. We answer 26
   * "operation not allowed" (the official table's generic refusal), naming the limit.
   */
  tooMany: (max: number) =>
    new SimError(26, `operation not allowed: an account may hold at most ${max} valid listen keys`),
} as const;

/** The simulator's own admin routes (/_sim/...): not MEXC, plain HTTP statuses as codes. */
export const adminErrors = {
  unknownAccount: (account: string) => new SimError(404, `unknown account "${account}"`, 404, "ADMIN_UNKNOWN_ACCOUNT"),
  badRequest: (message: string) => new SimError(400, message, 400, "ADMIN_BAD_REQUEST"),
  notJson: () =>
    new SimError(
      415,
      "the admin routes take a JSON body: the Content-Type header must be application/json",
      415,
      "ADMIN_NOT_JSON",
    ),
  foreignHost: () =>
    new SimError(
      421,
      "the admin routes answer only under the simulator's own loopback address (Host 127.0.0.1, localhost or [::1] and its port)",
      421,
      "ADMIN_FOREIGN_HOST",
    ),
  foreignOrigin: () =>
    new SimError(
      403,
      "the admin routes refuse requests from another site's page (Origin)",
      403,
      "ADMIN_FOREIGN_ORIGIN",
    ),
} as const;

export const restErrors = {
  apiKeyRequired: () => fromTable(400),
  apiKeyFormat: () => fromTable(700001),
  /** A well-formed key no account holds. */
  unknownApiKey: () => fromTable(10072),
  /** A wrong signature, and MEXC's answer to a key it expired or revoked (docs/mexc/undocumented.md#api-keys item 11.14). */
  badSignature: () => fromTable(700002),
  /** A correctly signed request whose parameters do not decode (bad %-escape, JSON not an object). */
  illegalCharacters: () => fromTable(700008),
  outsideRecvWindow: () => fromTable(700003),
  recvWindowTooLarge: () => fromTable(700005),
  /** The observed text for `signature` (docs/mexc/rest.md#signed-endpoints-hmac-sha256); we use it for `timestamp` too. */
  mandatoryParameter: (name: string) =>
    new SimError(700004, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`, 400),
  orderReferenceMissing: () => fromTable(700004),
  /** 44444 "param cannot be null", naming the parameter. */
  missingParameter: (name: string) => new SimError(44444, `${name} cannot be null`, 400),
  /** 33333 "param is error", naming the parameter and what is wrong with it. */
  badParameter: (name: string, problem: string) => new SimError(33333, `${name} ${problem}`, 400),
  /** Market-data endpoints answer an unknown symbol Binance-style (docs/mexc/errors.md#the-error-codes "observed": -1121). */
  invalidMarketSymbol: () => fromTable(-1121),
  /** Trading and account endpoints, and the engine (docs/mexc/errors.md#the-error-codes table). */
  invalidSymbol: () => fromTable(30014),
  /** 700013: a request not labelled application/json (docs/mexc/undocumented.md#requests-and-answers item 11.1). */
  invalidContentType: () => fromTable(700013),
  /** Any other code of protocol's table, with its message and status (the fault injector's 5XX). */
  fromTable,
  /**
   * An API order on a pair whose API trading MEXC disabled (seed 000). The exact code MEXC
   * answers is not documented: 30020 "no permission for the symbol" is our choice.
   */
  noSymbolPermission: () => fromTable(30020),
  /**
   * 10007 "symbol not support api": a pair outside the key's list (SimulatorOptions.keySymbols;
   * docs/mexc/undocumented.md#fills-and-keys item 11.27).
   */
  symbolNotSupportApi: () => fromTable(10007),
  orderDoesNotExist: () => fromTable(ORDER_DOES_NOT_EXIST),
  notFound: () => new SimError(404, "Not Found", 404),
  tooManyRequests: () => fromTable(429),
  /** 418 is an IP ban after repeated 429s (docs/mexc/errors.md); MEXC's body is not documented. */
  banned: () => new SimError(418, "IP banned until the Retry-After has passed", 418),
  internal: () => fromTable(500),
  /** Wallet history asked from more than 90 days back (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16), with the status of protocol's table [UNCONFIRMED]. */
  walletWindow: () => fromVariant(400, "history_window"),
  /** 11444 "This feature is temporarily unavailable..." (docs/mexc/undocumented.md#requests-and-answers item 11.15): the maintenance answer with a code. */
  maintenanceCode: () => fromTable(11444),
  /**
   * The other maintenance answer (docs/mexc/undocumented.md#requests-and-answers item 11.15, ccxt's handleErrors comment): `message` instead of
   * `msg`, with an announcement link; status 503 [UNCONFIRMED].
   */
  maintenanceMessage: () => new MaintenanceMessageError(),
} as const;

/** MEXC's maintenance link in the captured answer (ccxt's mexc.js handleErrors comment). */
const MAINTENANCE_ANNOUNCEMENT = "https://www.mexc.com/support/articles/17827791510263";
const MAINTENANCE_WORDS = fromVariant(500, "maintenance");

/** `{"code":500,"message":"Under maintenance, please try again later","announcement":...}`. */
class MaintenanceMessageError extends SimError {
  constructor() {
    super(MAINTENANCE_WORDS.mexcCode, MAINTENANCE_WORDS.message, MAINTENANCE_WORDS.status);
  }
}

/**
 * The wallet (engine/wallet.ts): deposits, withdrawals and spot <-> futures transfers. MEXC's
 * answers to a bad withdrawal or transfer request are not in our notes: a short balance is 10101
 * as for an order (docs/mexc/errors.md#the-error-codes table), anything malformed 33333 naming the field [UNCONFIRMED].
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

/**
 * MEXC's error JSON for a SimError, with its exact observed spellings (docs/mexc/errors.md): -2013 adds
 * `_extend: null`, 730708 sends its code as a string.
 */
function errorBody(error: SimError): Record<string, unknown> {
  if (error instanceof MaintenanceMessageError)
    return { code: error.mexcCode, message: error.message, announcement: MAINTENANCE_ANNOUNCEMENT };
  if (error.mexcCode === ORDER_DOES_NOT_EXIST) return { msg: error.message, code: error.mexcCode, _extend: null };
  if (error.mexcCode === LISTEN_KEY_INFORMATION_ERROR) return { code: String(error.mexcCode), msg: error.message };
  return { code: error.mexcCode, msg: error.message };
}

export function sendError(reply: FastifyReply, error: SimError, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header("Retry-After", String(retryAfterSeconds));
  return reply.code(error.status).send(errorBody(error));
}
