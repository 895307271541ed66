/**
 * The client's logger type and its silent default; the masking rules themselves are protocol's
 * (masking.ts), re-exported here for the client's modules and the gateway. `mask` is
 * protocol's `maskSecret`.
 */

import type { Logger } from "./logger.js";

export {
  MASK_VISIBLE_CHARS,
  MIN_REDACTED_LENGTH,
  maskSecret as mask,
  REDACTED,
  redactSecrets,
  redactUrl,
} from "@mexc-live/protocol";
export type { Logger };

const noop = () => {};
export const SILENT_LOGGER: Logger = { debug: noop, info: noop, warn: noop, error: noop };

export function hasListenKey(url: string): boolean {
  return /[?&]listenKey=/i.test(url);
}
