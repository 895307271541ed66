/**
 * What the REST layer hangs on each request and route: the decoded parameters, the account of
 * a signed request, and each route's rate-limit weight (docs/mexc/rest.md#rate-limits).
 */
import { REST_WEIGHTS, type RestEndpoint, type RestWeight } from "@mexc-live/protocol/rest";
import type { FastifyRequest } from "fastify";
import type { AccountCredentials, AccountRegistry } from "../accounts.js";
import type { Announcements } from "../announcements.js";
import type { Behaviours } from "../behaviours.js";
import type { SimClock } from "../clock.js";
import { restErrors } from "../errors.js";
import type { KeyPermissions } from "../keyPermissions.js";
import type { KeyStates } from "../keyStates.js";
import type { Maintenance } from "../maintenance.js";
import type { Random } from "../random.js";
import type { TrafficCounter } from "../traffic.js";
import type { Exchange, FaultPlan, ListenKeyStore, Market } from "../types.js";
import type { RequestParams } from "./params.js";
import type { RateLimiter, RequestRateLimiter } from "./rateLimit.js";

/** A route's weight per limit family; `ip` may depend on the query (ticker with or without `symbol`). */
export interface EndpointWeight {
  readonly ip?: number | ((params: RequestParams) => number);
  readonly uid?: number;
}

interface MexcRequestContext {
  /** Query parameters; for a signed request, query and body after the signature check. */
  params: RequestParams;
  /** Set once a signed request passed the API key and signature checks. */
  account?: AccountCredentials;
}

declare module "fastify" {
  interface FastifyContextConfig {
    weight?: EndpointWeight;
    /** A route of the signed scope: counted per account, after its key is known (auth.ts). */
    signed?: boolean;
  }
  interface FastifyRequest {
    mexc: MexcRequestContext;
  }
}

/** Everything the routes use. */
export interface RestDeps {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly listenKeys: ListenKeyStore;
  readonly faults: FaultPlan;
  readonly accounts: AccountRegistry;
  readonly clock: SimClock;
  readonly random: Random;
  readonly limiter: RateLimiter;
  /** The 20 requests a second (behaviour `requestRate`): per IP for public calls, per account for signed ones. */
  readonly requestRate: RequestRateLimiter;
  readonly behaviours: Behaviours;
  /** Which API keys MEXC refuses now (expired, revoked). */
  readonly keyStates: KeyStates;
  readonly maintenance: Maintenance;
  /** How long after it was placed GET /api/v3/order still answers -2013 for an order (behaviour `orderReadLag`), real ms. */
  readonly orderReadLagMs: number;
  /** Every /api/v3/ request and WebSocket session, counted for GET /_sim/traffic. */
  readonly traffic: TrafficCounter;
  /**
   * The pairs an account's key may trade (SimulatorOptions.keySymbols); undefined: every pair open
   * to the API. docs/mexc/undocumented.md#fills-and-keys item 11.27.
   */
  readonly keySymbols: (account: string) => ReadonlySet<string> | undefined;
  /** Each key's permissions, and the main account's sub-accounts (keyPermissions.ts). */
  readonly keyPermissions: KeyPermissions;
  /** MEXC's platform announcements (GET /api/v3/announcements, POST /_sim/announcements). */
  readonly announcements: Announcements;
}

/** The account of a signed request (the signature guard ran before the handler). */
export function signedAccount(request: FastifyRequest): string {
  const credentials = request.mexc.account;
  if (!credentials) throw restErrors.internal();
  return credentials.account;
}

/** A route's options with MEXC's weight for it (protocol's REST_WEIGHTS, docs/mexc/rest.md#rate-limits). */
export function weightOf(endpoint: RestEndpoint): { config: { weight: EndpointWeight } } {
  const { ip, uid, ipWithoutSymbol } = REST_WEIGHTS[endpoint] as RestWeight;
  const ipWeight =
    ipWithoutSymbol === undefined || ip === undefined
      ? ip
      : (params: RequestParams) => (params.optional("symbol") === undefined ? ipWithoutSymbol : ip);
  return {
    config: { weight: { ...(ipWeight === undefined ? {} : { ip: ipWeight }), ...(uid === undefined ? {} : { uid }) } },
  };
}

/** The raw query string of a request, without `?`. */
export function rawQueryOf(request: FastifyRequest): string {
  const url = request.raw.url ?? "";
  const question = url.indexOf("?");
  return question === -1 ? "" : url.slice(question + 1);
}
