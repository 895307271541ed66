/**
 * Which pairs a public REST request sees. MEXC leaves its "Assessment Zone" pairs out of unsigned
 * public answers since 2025-03-23 (docs/mexc/undocumented.md#fills-and-keys item 11.29: hummingbot
 * pull request #7586 citing MEXC's article, issues #7553, #7784; DFXswiss/api pull request #2973
 * for ZCHF/USDT): a request that carries a known API key and a valid signature sees them, any other
 * request does not (a pair it names answers -1121 "Invalid symbol.", as an unknown one does).
 * Whether MEXC shows a signed request every such pair or only those the key was cleared for is not
 * published: here every one [UNCONFIRMED]. Klines are hidden too [UNCONFIRMED: the reports name
 * exchangeInfo, defaultSymbols, tickers, depth and the book stream].
 */
import { verifySignature } from "@mexc-live/protocol/rest";
import type { FastifyRequest } from "fastify";
import type { SymbolConfig } from "../types.js";
import { type RestDeps, rawQueryOf } from "./context.js";

const API_KEY_HEADER = "x-mexc-apikey";

/** Whether `config` shows in this request's public answers. */
export type PairVisible = (config: SymbolConfig) => boolean;

export function publicVisibility(
  deps: Pick<RestDeps, "accounts" | "keyStates" | "behaviours">,
  request: FastifyRequest,
): PairVisible {
  if (!deps.behaviours.assessmentZone || signedByKnownKey(deps, request)) return () => true;
  return (config) => config.assessmentZone !== true;
}

function signedByKnownKey(deps: Pick<RestDeps, "accounts" | "keyStates">, request: FastifyRequest): boolean {
  return signingAccount(deps, request) !== undefined;
}

/**
 * The account whose known key validly signed this public request, if any: MEXC counts a request
 * that carries an API key for its account, not its address (docs/mexc/rest.md, "Limits per IP or
 * per account"), so a signed public read (an Assessment Zone pair's) is charged like a signed route.
 */
export function signingAccount(
  deps: Pick<RestDeps, "accounts" | "keyStates">,
  request: FastifyRequest,
): string | undefined {
  const header = request.headers[API_KEY_HEADER];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey === undefined || apiKey === "") return undefined;
  const credentials = deps.accounts.byApiKey(apiKey);
  if (!credentials || deps.keyStates.refuses(apiKey)) return undefined;
  const check = verifySignature({ secret: credentials.secretKey, rawQuery: rawQueryOf(request), rawBody: "" });
  return check.ok ? credentials.account : undefined;
}
