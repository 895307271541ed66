/**
 * The access token: generated or from MEXC_LIVE_TOKEN, accepted from `Authorization: Bearer <t>`,
 * never from a URL (URLs end up in logs, history and Referer headers). Compared in constant time.
 * A browser logs in once with it and then carries a session id in the `mexc_live_session` cookie
 * (sessions.ts), never the token itself.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { GENERATED_TOKEN_BYTES } from "./limits.js";

const SESSION_COOKIE = "mexc_live_session";
/** The file of the data folder holding the token when the user set none (store/accessTokenFile.ts). */
export const ACCESS_TOKEN_FILE = "access-token";

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

/** What a request presents: the token (Authorization: Bearer) or a session id (cookie); a query string is ignored. */
export type Credential = { readonly kind: "token" | "session"; readonly value: string };

export function credentialOf(headers: IncomingHttpHeaders): Credential | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return { kind: "token", value: match[1] as string };
  }
  const session = readCookie(headers.cookie, SESSION_COOKIE);
  return session === undefined ? undefined : { kind: "session", value: session };
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

export interface SessionCookieOptions {
  /** Set `Secure` (the page is served over https). */
  readonly secure: boolean;
  /** Lifetime in seconds; 0 clears the cookie. */
  readonly maxAgeSeconds: number;
}

/** A Set-Cookie value for a session id: HttpOnly, SameSite=Strict, whole site. */
export function sessionCookie(sessionId: string, options: SessionCookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(sessionId)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
