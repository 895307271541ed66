/**
 * SIGNED endpoints (docs/mexc/rest.md#signed-endpoints-hmac-sha256): the `X-MEXC-APIKEY` header names the account, the
 * `signature` pair may sit anywhere in the query or the body, and the HMAC covers the query
 * followed directly by the body (verifySignature). Checks, in order, each with MEXC's answer:
 *
 * 1. no key header -> 400 "api key required"; not MEXC-shaped -> 700001; unknown -> 10072;
 *    a key MEXC expired or revoked (keyStates.ts) -> 700002, as MEXC answers it (docs/mexc/undocumented.md#api-keys item 11.14)
 * 2. the account's rate limits (429/418): its 20 requests a second and the endpoint's weight, charged
 *    where MEXC counts a call that carries a key (protocol's chargedWeight): to the account, and
 *    to the IP as well where the table gives both families (POST order)
 * 3. no signature -> 700004; wrong -> 700002; signed but undecodable -> 700008
 * 4. recvWindow not a whole number -> 33333; above 60000 -> 700005
 * 5. no or malformed timestamp -> 700004; outside the window -> 700003, the rule being
 *    accept iff `timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`.
 */
import { DEFAULT_RECV_WINDOW_MS, MAX_RECV_WINDOW_MS, MAX_TIMESTAMP_AHEAD_MS } from "@mexc-live/protocol/limits";
import { chargedWeight, verifySignature } from "@mexc-live/protocol/rest";
import type { FastifyRequest } from "fastify";
import { API_KEY_FORMAT } from "../accounts.js";
import { RetryLaterError, restErrors } from "../errors.js";
import { type RestDeps, rawQueryOf } from "./context.js";
import { RequestParams } from "./params.js";

const API_KEY_HEADER = "x-mexc-apikey";
const WHOLE_NUMBER = /^\d+$/;

/** A preHandler for the signed routes' scope: throws the SimError MEXC would answer. */
type GuardDeps = Pick<RestDeps, "accounts" | "clock" | "limiter" | "requestRate" | "keyStates">;

/** A signed call's 20 a second and weight, counted for its account (and the IP where the table says both). */
export function chargeAccount(deps: GuardDeps, request: FastifyRequest, account: string): void {
  const endpoint = `${request.method} ${request.routeOptions.url}`;
  const rate = deps.requestRate.hit(`uid ${account}`, endpoint);
  if (!rate.ok) throw new RetryLaterError(restErrors.tooManyRequests(), rate.retryAfterSeconds);
  const table = request.routeOptions.config.weight;
  if (table === undefined) return;
  const ip = typeof table.ip === "function" ? table.ip(request.mexc.params) : table.ip;
  const weight = chargedWeight(
    { ...(ip === undefined ? {} : { ip }), ...(table.uid === undefined ? {} : { uid: table.uid }) },
    true,
  );
  const verdicts = [
    weight.uid === undefined ? undefined : deps.limiter.charge("uid", account, endpoint, weight.uid),
    weight.ip === undefined ? undefined : deps.limiter.charge("ip", request.ip, endpoint, weight.ip),
  ];
  for (const verdict of verdicts) {
    if (verdict === undefined || verdict.ok) continue;
    const base = verdict.status === 429 ? restErrors.tooManyRequests() : restErrors.banned();
    throw new RetryLaterError(base, verdict.retryAfterSeconds);
  }
}

export function createSignatureGuard(deps: GuardDeps) {
  return async function verifySignedRequest(request: FastifyRequest): Promise<void> {
    const header = request.headers[API_KEY_HEADER];
    const apiKey = Array.isArray(header) ? header[0] : header;
    if (apiKey === undefined || apiKey === "") throw restErrors.apiKeyRequired();
    if (!API_KEY_FORMAT.test(apiKey)) throw restErrors.apiKeyFormat();
    const credentials = deps.accounts.byApiKey(apiKey);
    if (!credentials) throw restErrors.unknownApiKey();
    if (deps.keyStates.refuses(apiKey)) throw restErrors.badSignature();

    chargeAccount(deps, request, credentials.account);

    const check = verifySignature({
      secret: credentials.secretKey,
      rawQuery: rawQueryOf(request),
      rawBody: typeof request.body === "string" ? request.body : "",
    });
    if (!check.ok) {
      if (check.reason === "missing") throw restErrors.mandatoryParameter("signature");
      if (check.reason === "malformed") throw restErrors.illegalCharacters();
      throw restErrors.badSignature();
    }

    const params = new RequestParams(check.params);
    const recvWindowText = params.optional("recvWindow");
    if (recvWindowText !== undefined && !WHOLE_NUMBER.test(recvWindowText)) {
      throw restErrors.badParameter("recvWindow", "must be a whole number of ms");
    }
    const recvWindow = recvWindowText === undefined ? DEFAULT_RECV_WINDOW_MS : Number(recvWindowText);
    if (recvWindow > MAX_RECV_WINDOW_MS) throw restErrors.recvWindowTooLarge();

    const timestampText = params.optional("timestamp");
    if (timestampText === undefined || !WHOLE_NUMBER.test(timestampText)) {
      throw restErrors.mandatoryParameter("timestamp");
    }
    const timestamp = Number(timestampText);
    const serverTime = deps.clock.now();
    if (!(timestamp < serverTime + MAX_TIMESTAMP_AHEAD_MS && serverTime - timestamp <= recvWindow)) {
      throw restErrors.outsideRecvWindow();
    }

    request.mexc = { params, account: credentials };
  };
}
