/**
 * URLs as they may appear in a log line or an error: a `listenKey` query value is a secret and
 * is cut to its first 4 characters + "…" (the client-wide masking rule).
 */

const SECRET_PARAM = /([?&]listenKey=)([^&#]*)/gi;
const VISIBLE_CHARS = 4;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAM, (_match, prefix: string, value: string) => `${prefix}${maskSecret(value)}`);
}

export function maskSecret(secret: string): string {
  return `${secret.slice(0, VISIBLE_CHARS)}…`;
}

export function hasListenKey(url: string): boolean {
  return /[?&]listenKey=/i.test(url);
}
