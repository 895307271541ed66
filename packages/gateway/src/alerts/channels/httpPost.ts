/**
 * One POST to a channel's service, shared by the senders: a time limit over the whole exchange,
 * a capped read of the answer, and the outcome a status means. Errors are built from what is
 * known to be safe (the service's name, the status, the service's own short reason) and
 * scrubbed of the channel's secrets; an exception's message or cause (undici puts the URL there)
 * is never used.
 */
import type { SendOutcome } from "./senders.js";

/** The most of an answer read (error bodies are small JSON; more is dropped unread). */
export const MAX_ANSWER_BYTES = 16 * 1024;
/** An error string's length (the delivery log shows it on one line). */
export const MAX_ERROR_LENGTH = 200;
/** A service asking for more than this is taken at this (the outbox backs off on its own too). */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export interface ChannelRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ChannelAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The first MAX_ANSWER_BYTES of the body, as text. */
  readonly body: string;
}

export interface PostOptions {
  /** "telegram", "discord", "ntfy", "webhook": how errors begin. */
  readonly service: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  /** Taken out of any error text (channelSecrets). */
  readonly secrets: readonly string[];
}

/** Posts; the answer, or the failed outcome when none came (time limit, network, aborted). */
export async function postToChannel(
  request: ChannelRequest,
  options: PostOptions,
): Promise<ChannelAnswer | SendOutcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  try {
    const response = await (options.fetch ?? fetch)(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal,
      // A redirected POST turns into a GET or leaves our headers behind: the URL should be the final one.
      redirect: "manual",
    });
    return { status: response.status, headers: response.headers, body: await readCapped(response) };
  } catch (error) {
    if (options.signal?.aborted === true) return failed(options, "aborted", false);
    if (timeout.aborted) return failed(options, `no answer within ${options.timeoutMs} ms`, false);
    return failed(options, `network error${networkCode(error)}`, false);
  }
}

async function readCapped(response: Response): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= MAX_ANSWER_BYTES) await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8");
}

/** " (ECONNREFUSED)" from an undici error's cause: a code only, never its message. */
function networkCode(error: unknown): string {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return ` (${code})`;
    cause = cause.cause;
  }
  return "";
}

/**
 * The error text: the service's name then `what` (" 400: Bad Request…", ": network error"), the
 * channel's secrets and control characters out, at most MAX_ERROR_LENGTH.
 */
export function errorText(options: Pick<PostOptions, "service" | "secrets">, what: string): string {
  let text = `${options.service}${what}`.replace(/[\u0000-\u001f\u007f]+/g, " ");
  for (const secret of [...options.secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) text = text.split(secret).join("…");
  }
  return text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

function failed(options: PostOptions, what: string, permanent: boolean): SendOutcome {
  return { ok: false, permanent, error: errorText(options, `: ${what}`) };
}

export function isAnswer(result: ChannelAnswer | SendOutcome): result is ChannelAnswer {
  return "status" in result;
}

/**
 * The outcome a status means: 2xx sent; 429 try again (after `retryAfterMs`); 408, 425 and 5xx
 * try again; a redirect and any other 4xx (bad token, unknown chat or webhook) fail for good.
 */
export function outcomeOf(
  status: number,
  options: Pick<PostOptions, "service" | "secrets">,
  reason?: string,
  retryAfterMs?: number,
): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true };
  const detail = reason === undefined || reason === "" ? "" : `: ${reason}`;
  const redirect = status >= 300 && status < 400 ? ": redirected elsewhere; use the final URL" : "";
  const error = errorText(options, ` ${status}${redirect}${detail}`);
  const transient = status === 429 || status === 408 || status === 425 || status >= 500;
  if (!transient) return { ok: false, permanent: true, error };
  return retryAfterMs === undefined
    ? { ok: false, permanent: false, error }
    : { ok: false, permanent: false, retryAfterMs, error };
}

/** A JSON body, or undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A number of seconds (a body's `retry_after`) in ms, or undefined when it is not one. */
export function secondsToMs(seconds: unknown): number | undefined {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(Math.ceil(seconds * 1000), MAX_RETRY_AFTER_MS);
}

/** `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from `now`. */
export function retryAfterHeaderMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return secondsToMs(Number(text));
  // An HTTP-date names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse takes more.
  const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

/** A short reason from a service's own text: one line, at most 120 characters. */
export function shortReason(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return undefined;
  return line.length <= 120 ? line : `${line.slice(0, 119)}…`;
}
