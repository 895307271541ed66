/**
 * When browsers need the token. A token the user chose (MEXC_LIVE_TOKEN or `token` in the config
 * file) is always enforced, on loopback too: set, it protects whatever reaches the port, such as a
 * reverse proxy on the same machine forwarding to 127.0.0.1. Without one, a token is needed (the
 * one in `access-token` of the data folder, store/accessTokenFile.ts) from every client, whatever
 * its address, when the gateway binds anything but 127.0.0.1, ::1 or localhost, or when it
 * trusts a reverse proxy (`trustProxy`), or when its public origin is another machine's: then
 * requests come from other machines through the proxy. Otherwise, on loopback, no token is needed.
 */

import { isLoopbackHost } from "./accessPolicy.js";

/** Only these are "this machine" (127.0.0.2 and other 127/8 addresses need a token). */
const LOCAL_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

type TokenReason = "token set" | "non-loopback host" | "trusted proxy" | "public origin";

export type TokenRule =
  | { readonly required: true; readonly reason: TokenReason }
  | { readonly required: false; readonly reason: "loopback, no token set" };

export interface TokenRuleInput {
  readonly host: string;
  /** The token the user set; undefined when none. */
  readonly token: string | undefined;
  readonly trustProxy: readonly string[];
  /** Where browsers reach the dashboard (settings.publicOrigin), if not here. */
  readonly publicOrigin?: string | undefined;
}

export function tokenRule(input: TokenRuleInput): TokenRule {
  if (input.token !== undefined) return { required: true, reason: "token set" };
  if (!isLocalHost(input.host)) return { required: true, reason: "non-loopback host" };
  if (input.trustProxy.length > 0) return { required: true, reason: "trusted proxy" };
  if (input.publicOrigin !== undefined && !isLoopbackHost(new URL(input.publicOrigin).hostname)) {
    return { required: true, reason: "public origin" };
  }
  return { required: false, reason: "loopback, no token set" };
}

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host.toLowerCase().replace(/^\[(.*)\]$/, "$1"));
}

/**
 * Who may reach the gateway, in words, for GET /api/health and the start-up log, e.g.
 * "listening on 0.0.0.0:8787, beyond this machine; every client needs the token".
 */
export function accessText(host: string, port: number, rule: TokenRule): string {
  const listening = `listening on ${host.includes(":") ? `[${host}]` : host}:${port}`;
  switch (rule.reason) {
    case "loopback, no token set":
      return `${listening}; only this machine can reach it, and it needs no token`;
    case "non-loopback host":
      return `${listening}, beyond this machine; every client needs the token`;
    case "token set":
      return `${listening}; every client needs the token set in MEXC_LIVE_TOKEN, this machine's too`;
    case "trusted proxy":
      return `${listening}, behind a trusted reverse proxy; every client needs the token`;
    case "public origin":
      return `${listening}; browsers reach it at another address (the public origin), so every client needs the token`;
  }
}
