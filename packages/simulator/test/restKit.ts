/**
 * Test helpers for the REST side: a whole simulator without a listening socket (requests go
 * through fastify's inject()), and signed requests built with the protocol package's signer,
 * as a client would send them.
 */
import { HOUR_MS } from "@mexc-live/protocol";
import { type Params, signRequest } from "@mexc-live/protocol/rest";
import type { LightMyRequestResponse } from "fastify";
import type { AccountCredentials } from "../src/accounts.js";
import { buildSimulator, type SimulatorOptions, type SimulatorParts } from "../src/simulator.js";

/** The header every POST to an admin route carries: they take JSON only (rest/adminGuard.ts). */
export const ADMIN_JSON = { "content-type": "application/json" } as const;

/** The key material of MEXC's worked signing examples (docs/mexc/rest.md#the-docs-worked-examples-checked). */
export const DOCS_ACCOUNT = {
  account: "docs",
  apiKey: "mx0aBYs33eIilxBWC5",
  secretKey: "45d0b3c26f2644f19bfb98b07741b2f5",
} as const;

/**
 * Quiet defaults: fixed seed, no demo trader, a market that stands still (makers and takers act
 * once an hour), a short kline history, admin routes on, the docs/mexc/rest.md#the-docs-worked-examples-checked account funded, and no request
 * rate limit (unless asked for with `behaviours: { requestRate: true }`).
 */
export function testSimulator(options: SimulatorOptions = {}): SimulatorParts {
  return buildSimulator({
    seed: 42,
    demoTrader: false,
    admin: true,
    extraAccounts: [{ ...DOCS_ACCOUNT, balances: { USDT: "100000", BTC: "2" } }],
    market: { seedHistoryMinutes: 120, makerRequoteMs: HOUR_MS, takerIntervalMs: HOUR_MS },
    ...options,
    // These tests send requests back to back, faster than MEXC's 20/s (docs/mexc/undocumented.md#requests-and-answers item 11.5); that limit has
    // its own tests (realMexcBehaviours.test.ts). Every other real-MEXC behaviour stays on.
    behaviours: { requestRate: false, ...options.behaviours },
  });
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface SignedRequestOptions {
  /** Put the parameters (and timestamp, signature) in a form body instead of the query. */
  inBody?: boolean;
  timestamp?: number;
  recvWindow?: number;
}

/** A correctly signed request for `credentials`, the way MEXC's SDK and ccxt send it. */
export function sendSigned(
  parts: SimulatorParts,
  credentials: Pick<AccountCredentials, "apiKey" | "secretKey">,
  method: HttpMethod,
  path: string,
  params: Params = {},
  options: SignedRequestOptions = {},
): Promise<LightMyRequestResponse> {
  const signed = signRequest({
    secret: credentials.secretKey,
    ...(options.inBody ? { body: params } : { query: params }),
    timestamp: options.timestamp ?? Date.now(),
    recvWindow: options.recvWindow,
  });
  return sendRaw(parts, method, path, { apiKey: credentials.apiKey, query: signed.query, body: signed.body });
}

/**
 * Exactly these strings on the wire (for tampering and the docs' vectors). Labelled
 * `Content-Type: application/json` like every request of MEXC's SDK, bodiless ones too (MEXC
 * refuses writes without it, docs/mexc/undocumented.md#requests-and-answers item 11.1); `contentType: null` sends none.
 */
export function sendRaw(
  parts: SimulatorParts,
  method: HttpMethod,
  path: string,
  request: { apiKey?: string; query?: string; body?: string; contentType?: string | null },
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (request.apiKey !== undefined) headers["x-mexc-apikey"] = request.apiKey;
  const contentType = request.contentType === undefined ? "application/json" : request.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  return parts.app.inject({
    method,
    url: request.query ? `${path}?${request.query}` : path,
    headers,
    ...(request.body ? { payload: request.body } : {}),
  });
}
