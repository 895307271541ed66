/**
 * What a failed fetch says, for a REST error a user can act on (issue 38 item 3): `fetch failed`
 * alone names neither the host nor the reason. The reason is in the error's `cause` chain (the
 * system error code, e.g. ECONNREFUSED), which is read here, named in the message with the host
 * and port, and kept as the ClientError's `cause`.
 */
import { isMexcApiError } from "@mexc-live/protocol";
import { redactSecrets } from "../redact.js";

/**
 * System error codes that mean no connection was made, so the request never left: nothing
 * listens there (ECONNREFUSED), no such host (ENOTFOUND), no route (EHOSTUNREACH, ENETUNREACH),
 * each only when raised by the connect or the name lookup (CONNECT_SYSCALLS: on a socket already
 * open, an unreachable host may be reported after a request went out). Sending again within the
 * same call finds the same (a restUrl with a wrong port took 3 s, a signed call 16 s, an order
 * 32 s, to say "fetch failed"), so such a call fails at once, a write as not sent (retryable,
 * not unknown_outcome: there is no order to look for), and the caller's own back-off
 * (reconciliation, listen keys, the gateway's restarts) decides when to try again. EAI_AGAIN (a
 * DNS server that did not answer) is not here: it is temporary by definition.
 */
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);
const CONNECT_SYSCALLS: ReadonlySet<string> = new Set(["connect", "getaddrinfo"]);

/** How deep a cause chain is followed (undici nests two levels; AggregateError one more). */
const CAUSE_DEPTH_MAX = 4;

export interface FetchFailure {
  /** e.g. `ECONNREFUSED 127.0.0.1:8900`, or `bad port (127.0.0.1:1)` when there is no code. */
  readonly reason: string;
  /** No connection was made (NOT_CONNECTED_CODES): the request never left; sending it again at once gets the same. */
  readonly notSent: boolean;
  /** The error to keep as `cause`: the original, or a copy with its messages redacted should one name a secret. */
  readonly cause: unknown;
}

export function describeFetchFailure(
  error: unknown,
  hostPort: string,
  secrets: readonly (string | undefined)[],
): FetchFailure {
  const chain = causeChain(error);
  const code = chain.map(errorCode).find((found) => found !== undefined);
  const innermost = chain.at(-1);
  const detail = redactSecrets(innermost instanceof Error ? innermost.message : String(innermost), secrets);
  const reason =
    code === undefined
      ? `${detail} (${hostPort})`
      : `${code} ${hostPort}${detail.includes(code) || detail === "" ? "" : ` (${detail})`}`;
  return {
    reason,
    notSent: chain.some(neverConnected),
    cause: safeCause(error, chain, secrets),
  };
}

/** `host:port` of a base URL, the port written out even when it is the scheme's default. */
export function hostAndPort(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
}

/**
 * The most specific code of a failed REST call, to name it in one word: the system's from its cause
 * chain (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET), else its own (TIMEOUT, NETWORK, CLOSED...);
 * MEXC's answers by MEXC's code (MEXC_730708), or the HTTP status when they have none.
 */
export function failureCode(error: unknown): string {
  if (isMexcApiError(error)) return error.mexcCode === undefined ? `HTTP_${error.status}` : `MEXC_${error.mexcCode}`;
  return (
    causeChain(error)
      .map(errorCode)
      .findLast((code) => code !== undefined) ?? "UNKNOWN"
  );
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [error];
  for (let depth = 0; depth < CAUSE_DEPTH_MAX; depth++) {
    const last = chain.at(-1);
    const next =
      last instanceof AggregateError && last.errors.length > 0
        ? last.errors[0]
        : last instanceof Error
          ? last.cause
          : undefined;
    if (next === undefined || next === null) break;
    chain.push(next);
  }
  return chain;
}

function neverConnected(error: unknown): boolean {
  const code = errorCode(error);
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  return (
    code !== undefined && NOT_CONNECTED_CODES.has(code) && typeof syscall === "string" && CONNECT_SYSCALLS.has(syscall)
  );
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : undefined;
}

/**
 * The original error when no message in its chain names a secret (fetch quotes a header value
 * it refuses; the key is checked when the client is made, but a custom `fetch` may say anything);
 * else one plain Error with the redacted messages and the code, so `cause` never carries what a
 * message may not.
 */
function safeCause(error: unknown, chain: readonly unknown[], secrets: readonly (string | undefined)[]): unknown {
  const messages = chain.map((link) => (link instanceof Error ? link.message : String(link)));
  const redacted = messages.map((message) => redactSecrets(message, secrets));
  if (redacted.every((message, index) => message === messages[index])) return error;
  const copy = new Error(redacted.join(": ")) as Error & { code?: string };
  const code = chain.map(errorCode).find((found) => found !== undefined);
  if (code !== undefined) copy.code = code;
  return copy;
}
