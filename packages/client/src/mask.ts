/**
 * Secrets (API key, API secret, listen keys) never reach a log line or an error message: the
 * client logs `mask(key)` (first 4 characters + "…"), and `redactSecrets` scrubs text that may
 * carry one (a URL, a server message) before it is logged.
 */

import type { Logger } from "./ws/logger.js";

export type { Logger };

const noop = () => {};
export const SILENT_LOGGER: Logger = { debug: noop, info: noop, warn: noop, error: noop };

const VISIBLE_PREFIX = 4;

/** `mx0vAbCd…` for `mx0vAbCdEf...`: enough to tell keys apart, never enough to use one. */
export function mask(secret: string | undefined): string {
  if (secret === undefined || secret === "") return "<none>";
  return `${secret.slice(0, VISIBLE_PREFIX)}…`;
}

/** `text` with every occurrence of each secret replaced by its mask; also `listenKey=...` query values. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let safe = text.replace(/(listenKey=)[^&\s"]+/g, (_match, name: string) => `${name}<masked>`);
  safe = safe.replace(/(signature=)[0-9a-fA-F]+/g, (_match, name: string) => `${name}<masked>`);
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= VISIBLE_PREFIX) safe = safe.split(secret).join(mask(secret));
  }
  return safe;
}
