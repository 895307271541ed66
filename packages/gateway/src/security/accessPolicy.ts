/**
 * Who may use the gateway. One policy object answers for HTTP routes (onRequest hook), the login
 * route and the WebSocket upgrade, so the rules cannot drift apart:
 * - token: required when the user set one, when the server binds a non-loopback address, or when
 *   it sits behind a reverse proxy (tokenRule.ts);
 * - Origin: a browser request from another site (WebSocket upgrade, POST) is refused unless its
 *   origin is configured; requests without an Origin header are not from a page and pass;
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
import { tokenFromHeaders, tokensMatch } from "./token.js";
import { TrustedProxies } from "./trustedProxies.js";

export interface SecuritySettings {
  /** API routes, /metrics, /events and /stream need the token (tokenRule.ts decides). */
  readonly requireToken: boolean;
  /** MEXC_LIVE_TOKEN or one the service generated; required when `requireToken`. */
  readonly token?: string;
  /** Origins allowed besides the page's own, e.g. "https://desk.example:8443". */
  readonly allowedOrigins?: readonly string[];
  /** The page is served over https: the login cookie gets `Secure`. */
  readonly secureCookie?: boolean;
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For names the client; default none. */
  readonly trustProxy?: readonly string[];
}

/** The verdict on a token check; `blocked`: the client presented too many wrong ones lately. */
export type TokenCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "missing" | "wrong" }
  | { readonly ok: false; readonly reason: "blocked"; readonly retryAfterS: number };

export interface AccessPolicyOptions {
  /** Wrong tokens counted per client address; default: MAX_FAILED_TOKENS per minute. */
  readonly failures?: FailedTokenLimit;
  /** A client just used up its wrong tokens (for a log line; never given the token). */
  readonly onBlocked?: (address: string, retryAfterS: number) => void;
}

const OK: TokenCheck = { ok: true };

export class AccessPolicy {
  readonly tokenRequired: boolean;
  readonly secureCookie: boolean;
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
    this.secureCookie = settings.secureCookie ?? false;
    const origins = (settings.allowedOrigins ?? []).map((origin) => {
      try {
        return new URL(origin);
      } catch {
        throw new Error(`allowedOrigins: "${origin}" is not an origin such as https://host:port`);
      }
    });
    this.origins = new Set(origins.map((url) => url.origin));
    this.originHosts = new Set(origins.map((url) => url.host.toLowerCase()));
    this.failures = options.failures ?? new FailedTokenLimit();
    this.onBlocked = options.onBlocked;
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
   * Whether a request from `address` may pass: it carries the right token (Authorization header
   * or cookie), or none is needed. A wrong token counts against the address; a missing one does not.
   */
  checkRequest(headers: IncomingHttpHeaders, address: string): TokenCheck {
    if (!this.tokenRequired) return OK;
    const given = tokenFromHeaders(headers);
    if (given === undefined) return { ok: false, reason: "missing" };
    return this.checkToken(given, address);
  }

  /**
   * Whether `given` is the token (POST /api/login). A client with too many wrong tokens lately is
   * refused without a comparison, so it cannot keep guessing; a wrong token counts against it.
   */
  checkToken(given: string, address: string): TokenCheck {
    const blockedMs = this.failures.blockedForMs(address);
    if (blockedMs > 0) return { ok: false, reason: "blocked", retryAfterS: Math.ceil(blockedMs / 1000) };
    if (this.token !== undefined && tokensMatch(given, this.token)) return OK;
    if (this.failures.recordWrong(address, given)) {
      this.onBlocked?.(address, Math.ceil(this.failures.blockedForMs(address) / 1000));
    }
    return { ok: false, reason: "wrong" };
  }

  /** No Origin header, the page's own origin (same host), or a configured one. */
  originAllowed(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // includes the opaque origin "null"
    }
    if (this.origins.has(url.origin)) return true;
    const host = headers.host?.toLowerCase();
    return host !== undefined && url.host.toLowerCase() === host;
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

/** A host name or address that only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (isIP(name) === 4) return name.startsWith("127.");
  if (isIP(name) === 6) return name === "::1" || /^::ffff:127\./.test(name);
  return false;
}
