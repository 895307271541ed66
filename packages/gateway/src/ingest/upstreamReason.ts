/**
 * Why MEXC refuses the account or is out of reach, in words a trader acts on: MEXC's own code and
 * message, and what to do. Which case an answer is comes from protocol's error table (its
 * `kind`), never from a list of codes here. A key MEXC expired after 90 days is answered like a
 * wrong secret (700002, docs/mexc/undocumented.md#api-keys item 11.14): when the key's creation date is configured and 90 days have
 * passed (from its last renewal, when the renewed date is configured too: protocol's apiKeyExpiresAt),
 * the words say it expired.
 */
import type { UpstreamReason, UpstreamReasonKind } from "@mexc-live/contract";
import type { MexcApiError } from "@mexc-live/protocol";
import type { ErrorKind } from "@mexc-live/protocol/error-codes";
import { apiKeyExpiresAt } from "@mexc-live/protocol/limits";

/** The kinds of protocol's table a trader is told about, as the health topic names them. */
const REASON_OF_KIND: Partial<Record<ErrorKind, UpstreamReasonKind>> = {
  bad_signature: "bad_signature",
  invalid_key: "invalid_key",
  ip_not_allowed: "ip_not_allowed",
  no_permission: "no_permission",
  account_restricted: "account_restricted",
  maintenance: "maintenance",
  blocked: "blocked",
};

const ADVICE: Readonly<Record<UpstreamReasonKind, string>> = {
  bad_signature:
    "Check the API secret. MEXC answers a key it expired (90 days after it was made, unless bound to an IP) or deleted the same way: then create a new key.",
  invalid_key: "MEXC does not know this API key: copy it again from MEXC's API management page, or create a new key.",
  ip_not_allowed: "Add this machine's public IP address to the key's IP whitelist on MEXC.",
  no_permission: "Give the key read permission for the account and orders on MEXC (trading is not needed).",
  account_restricted: "MEXC has restricted the account: contact MEXC support.",
  maintenance: "MEXC is under maintenance: mexc-live asks again by itself and catches up when MEXC is back.",
  blocked:
    "MEXC's edge blocks this machine's address (a VPN, a proxy, or a region MEXC does not serve): mexc-live asks again slowly.",
};

/** The contract's bound on `message`. */
const MAX_MESSAGE_CHARS = 200;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const EXPIRED_ADVICE = (created: number, renewed: number | undefined) =>
  renewed === undefined
    ? `The key was made on ${day(created)}: MEXC expires keys without an IP binding after 90 days. Create a new key (bound to an IP, it does not expire).`
    : `The key was made on ${day(created)} and renewed on ${day(renewed)}, so it ran until ${day(apiKeyExpiresAt(created, renewed))}: MEXC expires keys without an IP binding after 90 days (each renewal adds 90). Create a new key (bound to an IP, it does not expire).`;

/** The reason to show for `error`, first seen at `since`; undefined for a refusal the user cannot act on. */
export function upstreamReason(
  error: Pick<MexcApiError, "mexcCode" | "kind" | "status" | "mexcMessage">,
  since: number,
  keyCreatedAt?: number,
  keyRenewedAt?: number,
): UpstreamReason | undefined {
  const kind = REASON_OF_KIND[error.kind];
  if (kind === undefined) return undefined;
  const expired =
    kind === "bad_signature" && keyCreatedAt !== undefined && since >= apiKeyExpiresAt(keyCreatedAt, keyRenewedAt);
  return {
    kind,
    code: error.mexcCode ?? error.status,
    message: (error.mexcMessage === "" ? `HTTP ${error.status}` : error.mexcMessage).slice(0, MAX_MESSAGE_CHARS),
    advice: expired ? EXPIRED_ADVICE(keyCreatedAt, keyRenewedAt) : ADVICE[kind],
    since,
  };
}
