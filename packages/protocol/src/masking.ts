/**
 * The one set of masking rules of mexc-live: the client's logs, the gateway's logger and start-up
 * lines, MEXC's error messages and the alert channels' URLs all hide secrets by it. Secrets (API
 * key, API secret, listen keys, signatures, tokens, passwords in URLs) never reach a log line, an
 * error message or a URL shown to a user:
 *  - a secret is shown as its first MASK_VISIBLE_CHARS characters + "…" (`maskSecret`), enough to
 *    tell two keys apart, never enough to use one; a short one (or none) is shown as REDACTED;
 *  - `listenKey=`, `signature=` and `token=` query values are replaced whole by REDACTED;
 *  - a password in a URL's user info is replaced by REDACTED.
 * In protocol because MEXC's error messages (errors.ts) are cleaned here too; the client
 * re-exports it for the gateway.
 */

/** What a value taken out whole is replaced with: the one placeholder. */
export const REDACTED = "[redacted]";
/** Characters of a secret left visible by `maskSecret`. */
export const MASK_VISIBLE_CHARS = 4;
/** A secret shorter than this is not shown at all: 4 characters of it would be a third of it. */
export const MIN_MASKED_LENGTH = 12;
/** Shorter "secrets" are not searched for in text (they would mask ordinary words). */
export const MIN_REDACTED_LENGTH = 6;

const QUERY_SECRET = /\b(listenKey|signature|token)=[^&#\s"'\\]+/gi;
const URL_PASSWORD = /(\/\/[^/:@\s]*:)[^@/\s]+@/g;

/** `mx0v…` for `mx0vAbCdEfGhIjKlMn`; REDACTED for a short secret or none. */
export function maskSecret(secret: string | undefined): string {
  if (secret === undefined || secret.length < MIN_MASKED_LENGTH) return REDACTED;
  return `${secret.slice(0, MASK_VISIBLE_CHARS)}…`;
}

/** A URL as it may be logged or printed: secret query values and a password taken out. */
export function redactUrl(url: string): string {
  return url.replace(QUERY_SECRET, `$1=${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/**
 * `text` with secret query values and URL passwords taken out (redactUrl), and every occurrence
 * of each given secret (and of its JSON-escaped form) replaced by its mask.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let safe = redactUrl(text);
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_REDACTED_LENGTH) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      if (safe.includes(form)) safe = safe.split(form).join(maskSecret(secret));
    }
  }
  return safe;
}
