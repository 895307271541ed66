/**
 * Answers the client refuses to take, as coded errors (issue 37 item 4):
 * - a redirect (3XX): never followed. A signed call's API key header and signed query would go to
 *   whatever host the Location names, and MEXC does not redirect its API, so a redirect means a
 *   wrong restUrl (http for https, a captive portal, a proxy) or a hostile one. The error names
 *   the host it pointed at, never its path or query (which may echo the signature);
 * - an answer over the byte cap (answerBody.ts).
 * Neither is sent again within the call: the same request gets the same answer.
 */
import { ClientError } from "../errors.js";
import type { AnswerBody } from "./answerBody.js";

/** A DNS name's longest form (RFC 1035): a Location's host is cut there in a message. */
const HOST_MAX_CHARS = 253;

/** HTTP statuses that redirect (RFC 9110 section 15.4; 304 is a cache answer, not a redirect, and is refused as one too). */
export function isRedirect(status: number): boolean {
  return status >= 300 && status <= 399;
}

export function redirectRefused(
  endpoint: string,
  status: number,
  location: string | null,
  baseUrl: string,
): ClientError {
  return new ClientError(
    "REDIRECT_REFUSED",
    `${endpoint} answered HTTP ${status} redirecting to ${redirectHost(location, baseUrl)}: not followed (MEXC does not redirect its API; check restUrl)`,
  );
}

export function answerTooLarge(
  endpoint: string,
  body: Extract<AnswerBody, { kind: "too_large" }>,
  maxBytes: number,
  isWrite: boolean,
): ClientError {
  const what =
    body.declared === undefined
      ? `stopped after ${body.bytesRead} bytes`
      : `its Content-Length says ${body.declared} bytes; not read`;
  return new ClientError(
    "ANSWER_TOO_LARGE",
    `${endpoint} answered more than the ${maxBytes}-byte cap on a REST answer (${what}; maxAnswerBytes)`,
    // A write's answer came from a server that ran it, or not: its outcome is unknown.
    { class: isWrite ? "unknown_outcome" : "not_retryable" },
  );
}

/** The host and port a Location names (relative: the base URL's own), or why there is none. */
function redirectHost(location: string | null, baseUrl: string): string {
  if (location === null || location.trim() === "") return "nowhere (no Location header)";
  try {
    const target = new URL(location, baseUrl);
    const host = target.hostname.slice(0, HOST_MAX_CHARS);
    return target.port === "" ? host : `${host}:${target.port}`;
  } catch {
    return "an unreadable Location";
  }
}
