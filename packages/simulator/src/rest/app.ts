/**
 * The simulator's REST side as a fastify instance, built without listening: tests drive it
 * with inject(), simulator.ts listens on 127.0.0.1 and shares the port with the WebSocket
 * server. Routes by scope:
 *
 * - public (IP-family limits): /api/v3 ping, time, exchangeInfo, defaultSymbols, depth,
 *   trades, klines, ticker/price, ticker/bookTicker, ticker/24hr; /api/v1/contract/detail
 * - signed (signature guard, auth.ts): account, myTrades, order (POST/GET/DELETE),
 *   order/test, openOrders (GET/DELETE), allOrders, userDataStream (POST/PUT/DELETE/GET),
 *   capital/config/getall, capital/deposit/hisrec, capital/withdraw/history, capital/transfer,
 *   capital/transfer/internal, capital/convert (routes/capital.ts)
 * - public besides: symbol/offline (behaviour `symbolOffline`)
 * - admin, only with `admin: true`: /_sim/* (routes/admin.ts; unsigned, local test use only), behind
 *   adminGuard.ts: JSON bodies only, the simulator's own loopback Host, no foreign Origin
 *
 * Bodies are kept as raw text whatever the Content-Type (MEXC clients send form bodies labelled
 * application/json): the signature covers the exact bytes received. With the real-MEXC behaviours
 * on (behaviours.ts, the default) a write must be labelled application/json (700013 otherwise,
 * contentType.ts) and an address may send at most 20 public requests/s, an account 20 signed ones
 * (429, rateLimit.ts);
 * during a maintenance window (maintenance.ts) every /api/v3 request gets MEXC's maintenance answer.
 */

import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest, LogController } from "fastify";
import type { Logger } from "pino";
import { createAnnouncements } from "../announcements.js";
import { HTTP429_FAULT_RETRY_AFTER_S } from "../constants.js";
import { RetryLaterError, restErrors, SimError, sendError } from "../errors.js";
import { createAdminGuard } from "./adminGuard.js";
import { chargeAccount, createSignatureGuard } from "./auth.js";
import { checkContentType } from "./contentType.js";
import { type RestDeps, rawQueryOf } from "./context.js";
import { RequestParams } from "./params.js";
import { signingAccount } from "./publicVisibility.js";
import { createRateLimiter, createRequestRateLimiter, type RateLimitOptions } from "./rateLimit.js";
import { registerAccountRoutes } from "./routes/account.js";
import { registerAdminRoutes } from "./routes/admin.js";
import { registerAnnouncementRoutes } from "./routes/announcements.js";
import { registerCapitalRoutes } from "./routes/capital.js";
import { registerGeneralRoutes } from "./routes/general.js";
import { registerMarketDataRoutes } from "./routes/marketData.js";
import { registerOrderRoutes } from "./routes/orders.js";
import { registerSubAccountRoutes } from "./routes/subAccounts.js";
import { registerUserDataStreamRoutes } from "./routes/userDataStream.js";

/** RestDeps but those buildApp makes (the limiters, the announcements), and how to serve. */
export interface BuildAppOptions extends Omit<RestDeps, "limiter" | "requestRate" | "announcements" | "keySymbols"> {
  /** Mount /_sim/* (local test use only). Default false. */
  readonly admin?: boolean;
  /** Host names the admin routes answer under besides 127.0.0.1, localhost and [::1] (adminGuard.ts). */
  readonly adminHosts?: readonly string[];
  readonly rateLimit?: RateLimitOptions;
  /** The pairs an account's key may trade; undefined: every pair open to the API (RestDeps.keySymbols). */
  readonly keySymbols?: RestDeps["keySymbols"];
  /** Silent when omitted. Request URLs are never logged (they carry signatures and listen keys). */
  readonly logger?: Logger;
}

const API_V3 = "/api/v3/";

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const deps: RestDeps = {
    ...options,
    keySymbols: options.keySymbols ?? (() => undefined),
    limiter: createRateLimiter(options.clock, options.rateLimit),
    requestRate: createRequestRateLimiter(options.clock, {
      ...options.rateLimit,
      enabled: options.rateLimit?.enabled !== false && options.behaviours.requestRate,
    }),
    announcements: createAnnouncements(options.clock),
  };
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
  }) as unknown as FastifyInstance;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));
  app.decorateRequest("mexc", null as never);

  app.addHook("onRequest", async (request) => admitRequest(deps, request));

  app.setErrorHandler((error: FastifyError | SimError, request, reply) => {
    if (error instanceof SimError) {
      return sendError(reply, error, error instanceof RetryLaterError ? error.retryAfterSeconds : undefined);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return sendError(reply, new SimError(status, error.message, status));
    request.log.error({ err: { type: error.name, message: error.message } }, "REST handler failed");
    return sendError(reply, restErrors.internal());
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, restErrors.notFound()));

  registerGeneralRoutes(app, deps);
  registerMarketDataRoutes(app, deps);
  registerAnnouncementRoutes(app, deps);
  app.register(async (signed) => {
    signed.addHook("onRoute", (route) => {
      route.config = { ...route.config, signed: true };
    });
    signed.addHook("preHandler", createSignatureGuard(deps));
    registerAccountRoutes(signed, deps);
    registerCapitalRoutes(signed, deps);
    registerOrderRoutes(signed, deps);
    registerUserDataStreamRoutes(signed, deps);
    registerSubAccountRoutes(signed, deps);
  });
  if (options.admin) {
    const guard = createAdminGuard({ hosts: options.adminHosts });
    app.register(async (admin) => {
      admin.addHook("onRequest", guard);
      registerAdminRoutes(admin, deps);
    });
  }
  return app;
}

/**
 * What every request meets first: its parameters read; for /api/v3/, the traffic count, the
 * content type, a maintenance window, the http429 fault, and the public rate limits (a signed
 * route is counted once its key is known, auth.ts).
 */
async function admitRequest(deps: RestDeps, request: FastifyRequest): Promise<void> {
  const { faults, limiter, behaviours, requestRate } = deps;
  request.mexc = { params: RequestParams.fromQuery(rawQueryOf(request)) };
  if (!request.url.startsWith(API_V3)) return;
  deps.traffic.request(`${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`);
  if (behaviours.contentType) checkContentType(request);
  const maintenance = deps.maintenance.refusal();
  if (maintenance) throw maintenance;
  if (faults.roll("http429")) {
    faults.count("http429");
    throw new RetryLaterError(restErrors.tooManyRequests(), HTTP429_FAULT_RETRY_AFTER_S);
  }
  // A signed route is counted per account once its key is known (auth.ts); so is a public read
  // a known key validly signed (publicVisibility.ts).
  if (request.routeOptions.config.signed === true) return;
  const account = signingAccount(deps, request);
  if (account !== undefined) return chargeAccount(deps, request, account);
  const endpoint = `${request.method} ${request.routeOptions.url}`;
  const rate = requestRate.hit(`ip ${request.ip}`, endpoint);
  if (!rate.ok) throw new RetryLaterError(restErrors.tooManyRequests(), rate.retryAfterSeconds);
  const weight = request.routeOptions.config.weight?.ip;
  if (weight === undefined) return;
  const cost = typeof weight === "function" ? weight(request.mexc.params) : weight;
  const verdict = limiter.charge("ip", request.ip, endpoint, cost);
  if (!verdict.ok) {
    const base = verdict.status === 429 ? restErrors.tooManyRequests() : restErrors.banned();
    throw new RetryLaterError(base, verdict.retryAfterSeconds);
  }
}
