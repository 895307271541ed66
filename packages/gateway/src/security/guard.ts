/**
 * The access checks on every HTTP request, in order: a page of another site (Sec-Fetch-Site), Host (DNS rebinding, when no token is
 * needed), Origin (on anything that changes state), token (on the API, /metrics and /events),
 * then security headers on the response. The page and its static files need no token, so the
 * dashboard can load and show its login form; the WebSocket upgrade is checked in wsServer.ts
 * with the same AccessPolicy. Wrong tokens count against the client address (failedTokenLimit.ts):
 * past the limit it gets 429 with Retry-After for the rest of the window.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../errors.js";
import type { AccessPolicy, TokenCheck } from "./accessPolicy.js";
import { securityHeaders } from "./headers.js";
import { ACCESS_TOKEN_FILE } from "./token.js";

/** Routes that need the token when one is required (matched on the route, not the raw URL). */
const PROTECTED = /^\/(api|metrics|events)(\/|$)/;
/** Reachable without a token: logging in and out. */
const OPEN_API = new Set(["/api/login", "/api/logout"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** A 401's words: what to send, and where the token is when the user set none (never the path: it says where the data is). */
const UNAUTHORIZED_MESSAGE =
  "token: missing or wrong; send Authorization: Bearer <token> or log in " +
  `(unless MEXC_LIVE_TOKEN is set, the token is in the file ${ACCESS_TOKEN_FILE} of the gateway's data folder)`;

export function installGuard(app: FastifyInstance, policy: AccessPolicy): void {
  app.addHook("onRequest", async (request, reply) => {
    const route = request.routeOptions.url ?? "";
    if (crossSiteRefused(request.method, request.headers, route)) {
      throw new HttpError("FORBIDDEN_ORIGIN", "sec-fetch-site: a page of another site may not use this gateway");
    }
    if (!policy.hostAllowed(request.headers)) {
      throw new HttpError("FORBIDDEN_HOST", "host: not a loopback name; set a token to serve other hosts");
    }
    if (!SAFE_METHODS.has(request.method) && !policy.originAllowed(request.raw)) {
      throw new HttpError("FORBIDDEN_ORIGIN", "origin: not allowed");
    }
    if (!PROTECTED.test(route) || OPEN_API.has(route)) return;
    const check = policy.checkRequest(request.headers, request.ip);
    if (!check.ok) {
      throw tokenRefusal(check, reply, UNAUTHORIZED_MESSAGE);
    }
  });
  app.addHook("onSend", async (request, reply, payload) => {
    reply.headers(securityHeaders(policy.streamOrigin(request.raw)));
    return payload;
  });
}

/**
 * A request a page of another site made (the browser's `Sec-Fetch-Site: cross-site`): refused
 * before any work (issue 54 item 5: such a GET on loopback was computed in full; the page could
 * not read the answer, but `/api/journal?benchmark=` made candle requests). Only following a link
 * to the dashboard itself passes (a top-level navigation GET of a page, not of the API): a link
 * from an alert or a bookmark page still opens it, as the resource isolation policy of
 * web.dev/articles/fetch-metadata allows. `same-origin`, `same-site`, `none` (typed, a bookmark)
 * and no header (curl, scripts, older browsers) pass.
 */
function crossSiteRefused(method: string, headers: FastifyRequest["headers"], route: string): boolean {
  if (headers["sec-fetch-site"] !== "cross-site") return false;
  const followedLink =
    method === "GET" && headers["sec-fetch-mode"] === "navigate" && headers["sec-fetch-dest"] === "document";
  return !followedLink || PROTECTED.test(route);
}

/** The answer to a failed token check: 401 with WWW-Authenticate, or 429 with Retry-After. */
export function tokenRefusal(
  check: Exclude<TokenCheck, { ok: true }>,
  reply: FastifyReply,
  unauthorizedMessage: string,
): HttpError {
  if (check.reason === "blocked") {
    reply.header("retry-after", String(check.retryAfterS));
    return new HttpError(
      "TOO_MANY_WRONG_TOKENS",
      `token: too many wrong tokens from this address; try again in ${check.retryAfterS} s`,
    );
  }
  reply.header("www-authenticate", 'Bearer realm="mexc-live"');
  return new HttpError("UNAUTHORIZED", unauthorizedMessage);
}
