/**
 * The access token: generated or from MEXC_LIVE_TOKEN, accepted from `Authorization: Bearer <t>`
 * or the `mexc_live_token` cookie, never from a URL (URLs end up in logs, history and Referer
 * headers). Compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { GENERATED_TOKEN_BYTES } from "./limits.js";

export const TOKEN_COOKIE = "mexc_live_token";

/** A fresh random token: GENERATED_TOKEN_BYTES bytes, base64url (43 characters for 32). */
export function generateToken(): string {
  return randomBytes(GENERATED_TOKEN_BYTES).toString("base64url");
}

/** Compares in time independent of where the strings differ (and of their lengths). */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries in its Authorization header or cookie; a query string is ignored. */
export function tokenFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  return readCookie(headers.cookie, TOKEN_COOKIE);
}

/** One cookie's value from a Cookie header, URI-decoded; undefined when absent or malformed. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface TokenCookieOptions {
  /** Set `Secure` (the page is served over https). */
  readonly secure: boolean;
  /** Lifetime in seconds; 0 clears the cookie. */
  readonly maxAgeSeconds: number;
}

/** A Set-Cookie value for the token: HttpOnly, SameSite=Strict, whole site. */
export function tokenCookie(token: string, options: TokenCookieOptions): string {
  const parts = [
    `${TOKEN_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
