/**
 * Who may use the gateway. One policy object answers for HTTP routes (onRequest hook), the login
 * route and the WebSocket upgrade, so the rules cannot drift apart:
 * - token: required when the user set one, when the server binds a non-loopback address, or when
 *   it sits behind a reverse proxy (tokenRule.ts); presented as a Bearer header, or by a browser
 *   as the session its login opened (sessions.ts);
 * - Origin: a browser request from another site (WebSocket upgrade, POST) is refused unless its
 *   origin (scheme, host and port) is the page's own (its Host, or behind a trusted proxy its
 *   X-Forwarded-Host, with the scheme the browser used), the public origin or a configured one;
 *   requests without an Origin header are not from a page and pass;
 * - Secure cookie: when the public origin is https, or a trusted proxy says X-Forwarded-Proto: https;
 * - Host: without a token, only loopback host names are served, so a page on another site cannot
 *   reach the gateway through DNS rebinding;
 * - guessing: wrong tokens are counted per client address (failedTokenLimit.ts); one policy is
 *   shared by the HTTP app and the WebSocket upgrade so they count together;
 * - the client address: behind a trusted reverse proxy, the one it forwarded (trustedProxies.ts),
 *   by the same rule for HTTP (Fastify's request.ip with `trustsProxy`) and the upgrade.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { FailedTokenLimit } from "./failedTokenLimit.js";
import { streamOriginOf } from "./headers.js";
import { Sessions } from "./sessions.js";
import { credentialOf, tokensMatch } from "./token.js";
import { TrustedProxies } from "./trustedProxies.js";

export interface SecuritySettings {
  /** API routes, /metrics, /events and /stream need the token (tokenRule.ts decides). */
  readonly requireToken: boolean;
  /** MEXC_LIVE_TOKEN or one the service generated; required when `requireToken`. */
  readonly token?: string;
  /** Origins allowed besides the page's own, e.g. "https://desk.example:8443". */
  readonly allowedOrigins?: readonly string[];
  /**
   * Where browsers reach the dashboard, e.g. "https://desk.example" behind an HTTPS reverse proxy:
   * its origin is allowed, its host served, and when it is https the login cookie gets `Secure`.
   */
  readonly publicOrigin?: string;
  /** The page is served over https: the login cookie gets `Secure` (implied by an https publicOrigin). */
  readonly secureCookie?: boolean;
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For names the client; default none. */
  readonly trustProxy?: readonly string[];
}

/** The verdict on a token check; `blocked`: the client presented too many wrong ones lately. */
export type TokenCheck =
  /** `session`: the key (Sessions.keyOf) of the login session that authorized it, to end with it. */
  | { readonly ok: true; readonly session?: string }
  | { readonly ok: false; readonly reason: "missing" | "wrong" }
  | { readonly ok: false; readonly reason: "blocked"; readonly retryAfterS: number };

export interface AccessPolicyOptions {
  /** Wrong tokens counted per client address; default: MAX_FAILED_TOKENS per minute. */
  readonly failures?: FailedTokenLimit;
  /** A client just used up its wrong tokens (for a log line; never given the token). */
  readonly onBlocked?: (address: string, retryAfterS: number) => void;
  /** Logged-in browsers; default: a fresh set (sessions.ts). */
  readonly sessions?: Sessions;
}

/** A request as the policy reads it: an HTTP request or a WebSocket upgrade (node's IncomingMessage). */
export interface PolicyRequest {
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined; readonly encrypted?: boolean };
}

const OK: TokenCheck = { ok: true };

export class AccessPolicy {
  readonly tokenRequired: boolean;
  readonly sessions: Sessions;
  private readonly secureCookie: boolean;
  private readonly publicHost: string | undefined;
  private readonly publicOrigin: URL | undefined;
  private readonly token: string | undefined;
  private readonly origins: ReadonlySet<string>;
  private readonly originHosts: ReadonlySet<string>;
  private readonly failures: FailedTokenLimit;
  private readonly onBlocked: AccessPolicyOptions["onBlocked"];
  private readonly proxies: TrustedProxies;

  constructor(settings: SecuritySettings, options: AccessPolicyOptions = {}) {
    if (settings.requireToken && (settings.token === undefined || settings.token.length === 0)) {
      throw new Error("token: required but none given");
    }
    this.tokenRequired = settings.requireToken;
    this.token = settings.token;
    const publicOrigin =
      settings.publicOrigin === undefined ? undefined : parseOrigin("publicOrigin", settings.publicOrigin);
    this.secureCookie = (settings.secureCookie ?? false) || publicOrigin?.protocol === "https:";
    const origins = (settings.allowedOrigins ?? []).map((origin) => parseOrigin("allowedOrigins", origin));
    if (publicOrigin !== undefined) origins.push(publicOrigin);
    this.publicHost = publicOrigin?.host;
    this.publicOrigin = publicOrigin;
    this.origins = new Set(origins.map((url) => url.origin));
    this.originHosts = new Set(origins.map((url) => url.host.toLowerCase()));
    this.failures = options.failures ?? new FailedTokenLimit();
    this.onBlocked = options.onBlocked;
    this.sessions = options.sessions ?? new Sessions();
    this.proxies = new TrustedProxies(settings.trustProxy);
  }

  /** No reverse proxy is trusted: the socket peer is the client, X-Forwarded-For is ignored. */
  get trustsNoProxy(): boolean {
    return this.proxies.none;
  }

  /** Whether `address` is a trusted reverse proxy (Fastify's `trustProxy` function, http/app.ts). */
  trustsProxy(address: string | undefined): boolean {
    return this.proxies.trusts(address);
  }

  /** The address a raw request (the WebSocket upgrade) is counted under; equals Fastify's request.ip. */
  clientAddress(request: IncomingMessage): string {
    return this.proxies.clientAddress(request.socket.remoteAddress, request.headers);
  }

  /**
   * Whether a request from `address` may pass: it carries the right token (Authorization header)
   * or a live session's cookie, or none is needed. A wrong token or an unknown session counts
   * against the address; a missing one does not.
   */
  checkRequest(headers: IncomingHttpHeaders, address: string): TokenCheck {
    if (!this.tokenRequired) return OK;
    const given = credentialOf(headers);
    if (given === undefined) return { ok: false, reason: "missing" };
    if (given.kind === "token") return this.checkToken(given.value, address);
    const blockedMs = this.failures.blockedForMs(address);
    if (blockedMs > 0) return { ok: false, reason: "blocked", retryAfterS: Math.ceil(blockedMs / 1000) };
    if (this.sessions.has(given.value)) return { ok: true, session: Sessions.keyOf(given.value) };
    return this.wrong(address, given.value);
  }

  /**
   * Whether `given` is the token (POST /api/login). A client with too many wrong tokens lately is
   * refused without a comparison, so it cannot keep guessing; a wrong token counts against it.
   */
  checkToken(given: string, address: string): TokenCheck {
    const blockedMs = this.failures.blockedForMs(address);
    if (blockedMs > 0) return { ok: false, reason: "blocked", retryAfterS: Math.ceil(blockedMs / 1000) };
    if (this.token !== undefined && tokensMatch(given, this.token)) return OK;
    return this.wrong(address, given);
  }

  /** Whether the login cookie gets `Secure`: the page is served over https, directly or through a trusted proxy. */
  secureFor(request: PolicyRequest): boolean {
    if (this.secureCookie) return true;
    return this.forwardedBy(request)?.proto === "https";
  }

  /**
   * The WebSocket origin the page served to `request` connects to (for the CSP): the public
   * origin's host, or the host a trusted proxy forwarded, or the request's Host.
   */
  streamOrigin(request: PolicyRequest): string | undefined {
    const host = this.publicHost ?? this.forwardedBy(request)?.host ?? request.headers.host;
    return streamOriginOf(host, this.secureFor(request));
  }

  private wrong(address: string, given: string): TokenCheck {
    if (this.failures.recordWrong(address, given)) {
      this.onBlocked?.(address, Math.ceil(this.failures.blockedForMs(address) / 1000));
    }
    return { ok: false, reason: "wrong" };
  }

  /** The host and scheme a trusted reverse proxy says the browser used; undefined from anyone else. */
  private forwardedBy(request: PolicyRequest): { host?: string; proto?: string } | undefined {
    if (!this.proxies.trusts(request.socket.remoteAddress)) return undefined;
    return {
      host: lastEntry(request.headers["x-forwarded-host"])?.toLowerCase(),
      proto: lastEntry(request.headers["x-forwarded-proto"])?.toLowerCase(),
    };
  }

  /**
   * No Origin header, the page's own origin, the public origin or a configured one. An origin is
   * its scheme, host and port, all three compared: the page's own is the host it asked for (behind
   * a trusted proxy that rewrites Host, the X-Forwarded-Host it sends) with the scheme the browser
   * used, which is the proxy's X-Forwarded-Proto, else the public origin's when that is the host
   * asked for (a proxy passing Host unchanged, Caddy's default), else the connection's own.
   * `http://desk.example` is not the page at `https://desk.example`.
   */
  originAllowed(request: PolicyRequest): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // includes the opaque origin "null"
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return this.origins.has(url.origin) || this.ownOrigin(request) === url.origin;
  }

  /** The origin (scheme://host[:port]) of the page that sent `request`; undefined when it has no Host. */
  private ownOrigin(request: PolicyRequest): string | undefined {
    const forwarded = this.forwardedBy(request);
    const host = forwarded?.host ?? request.headers.host?.toLowerCase();
    if (host === undefined) return undefined;
    const scheme =
      forwarded?.proto ??
      (this.publicOrigin !== undefined && this.publicOrigin.host === host
        ? this.publicOrigin.protocol.slice(0, -1)
        : request.socket.encrypted === true
          ? "https"
          : "http");
    if (scheme !== "http" && scheme !== "https") return undefined;
    try {
      return new URL(`${scheme}://${host}`).origin;
    } catch {
      return undefined;
    }
  }

  /** Without a token only loopback host names (or configured origins' hosts) are served. */
  hostAllowed(headers: IncomingHttpHeaders): boolean {
    if (this.tokenRequired) return true;
    const host = headers.host?.toLowerCase();
    if (host === undefined) return true;
    if (this.originHosts.has(host)) return true;
    try {
      return isLoopbackHost(new URL(`http://${host}`).hostname);
    } catch {
      return false;
    }
  }
}

function parseOrigin(setting: string, text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {}
  throw new Error(`${setting}: "${text}" is not an origin such as https://host:port`);
}

/** The last of a header's comma-separated entries (the one the nearest proxy wrote). */
function lastEntry(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.at(-1) : header;
  const entry = value?.split(",").at(-1)?.trim();
  return entry === "" ? undefined : entry;
}

/** A host name or address that only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (isIP(name) === 4) return name.startsWith("127.");
  if (isIP(name) === 6) return name === "::1" || /^::ffff:127\./.test(name);
  return false;
}
