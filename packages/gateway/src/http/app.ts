/**
 * buildApp(deps): the gateway's HTTP side as a Fastify instance, not listening (tests drive it
 * with inject(); the service listens and attaches the WebSocket /stream to `app.server`).
 *
 *   /api/* (the API table's reads and exports, contract api/reads.ts, and the routes of its
 *           API_PATHS; every route and its parameters: docs/api.md, checked by apiDocs.test.ts)
 *   /metrics   /events (SSE)   / (dashboard)
 *
 * Errors are coded (errors.ts); access rules are in security/. Pass `deps.policy` to share one
 * AccessPolicy (its count of wrong tokens, its trusted proxies) with the WebSocket /stream.
 */
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { fromFastifyError, HttpError, InvalidCursorError, isHttpError } from "../errors.js";
import { AccessPolicy } from "../security/accessPolicy.js";
import { installGuard } from "../security/guard.js";
import { loginRoutes } from "../security/loginRoute.js";
import type { AppDeps } from "./deps.js";
import { answerClientError, closingGate } from "./rawErrors.js";
import { alertsRoutes } from "./routes/alerts.js";
import { dashboardRoute } from "./routes/dashboard.js";
import { exportRoutes } from "./routes/exports.js";
import { importRoutes } from "./routes/import.js";
import { instanceRoutes } from "./routes/instance.js";
import { openingCostRoute } from "./routes/openingPositions.js";
import { pnlRoute } from "./routes/pnl.js";
import { readRoutes } from "./routes/reads.js";
import { closeSilentConnectionsOnClose } from "./silentConnections.js";
import { sseRoute } from "./sse.js";

/** Largest request body: only the login form has one. */
export const MAX_BODY_BYTES = 4 * 1024;

export function buildApp(deps: AppDeps): FastifyInstance {
  const policy =
    deps.policy ??
    new AccessPolicy(deps.settings, {
      onBlocked: (client, retryAfterS) =>
        app.log.warn({ client, retryAfterS }, "too many wrong tokens; refusing client"),
    });
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: MAX_BODY_BYTES,
    // request.ip: the socket peer, or behind a trusted reverse proxy the client it forwarded, by
    // the policy's rule, the one the WebSocket upgrade applies (security/trustedProxies.ts).
    // Host is always taken as it arrives (the guard reads the header, not X-Forwarded-Host).
    trustProxy: policy.trustsNoProxy ? false : (address: string) => policy.trustsProxy(address),
    // Both answered by rawErrors.ts instead, with the security headers Fastify's own lack.
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    // Requests are logged below by path only: a query string could carry something private.
    logController: new LogController({ disableRequestLogging: true }),
  });
  closeSilentConnectionsOnClose(app);
  closingGate(app);
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug(
      { method: request.method, path: request.url.split("?")[0], status: reply.statusCode, ms: reply.elapsedTime },
      "request",
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const answer = isHttpError(error) ? error : answerOf(error);
    if (answer.code === "INTERNAL") request.log.error({ err: error }, "request failed");
    return reply.status(answer.status).send(answer.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new HttpError("NOT_FOUND", `route: ${request.method} ${request.url.split("?")[0]} not found`);
    return reply.status(error.status).send(error.toJSON());
  });

  installGuard(app, policy);
  // A logout ends the streams its session opened, on this app's hub.
  const stopEnding = policy.sessions.onEnded((login) => deps.hub.endLogin(login));
  app.addHook("onClose", async () => stopEnding());
  loginRoutes(app, policy);
  instanceRoutes(app, deps);
  readRoutes(app, deps);
  pnlRoute(app, deps);
  exportRoutes(app, deps);
  openingCostRoute(app, deps);
  importRoutes(app, deps);
  alertsRoutes(app, deps);
  sseRoute(app, { ...deps, policy });
  dashboardRoute(app, deps, policy);
  return app;
}

/**
 * A thrown error other than an HttpError, as the answer: a cursor no page of this gateway gave is
 * the caller's mistake, 400 on every paged read (the all-accounts journal's trips answered 500
 * with a stack at error level; issue 54 item 5); Fastify's own (a bad body, ...) by their code.
 */
function answerOf(error: unknown): HttpError {
  if (error instanceof InvalidCursorError)
    return new HttpError("BAD_REQUEST", "cursor: must be the nextCursor of a previous page");
  return fromFastifyError(error as { code?: string; message: string });
}
