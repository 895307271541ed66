/**
 * Every error the REST layer answers itself, in MEXC's words (mexc-protocol.md §2.2, §2.4, §5),
 * and the one place that turns an error into MEXC's error JSON. Engine and listen-key errors
 * arrive as SimError and are answered the same way.
 *
 * HTTP statuses (MEXC documents none per code, §2.4 [UNCONFIRMED]): 400 for parameters,
 * signature and timestamp; 401 for a missing, malformed or unknown API key; 403 for a symbol
 * the key may not trade; 404 for an unknown route; 429/418 for rate limits; 5xx for faults.
 */

import { MAX_RECV_WINDOW_MS } from "@mexc-live/protocol";
import type { FastifyReply } from "fastify";
import { SimError } from "../types.js";

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
  /** Trading and account endpoints (§5 table). */
  invalidSymbol: () => new SimError(30014, "invalid symbol", 400),
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

/** A refusal that tells the client when to come back (429, 418): sent with `Retry-After`. */
export class RetryLaterError extends SimError {
  constructor(
    base: SimError,
    readonly retryAfterSeconds: number,
  ) {
    super(base.code, base.message, base.httpStatus);
  }
}
