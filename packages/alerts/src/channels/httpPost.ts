/**
 * One POST to a channel's service, shared by the senders: a time limit over the whole exchange
 * (protocol's startDeadline: a timer the runtime holds, where `AbortSignal.any` with
 * `AbortSignal.timeout` let Node 20 collect the limit before it fired and a silent service held a
 * send forever, nodejs/node#57736, issue 54), a capped read of the answer, and the outcome a
 * status means. The connection is node's own
 * (http/https, one connection per message, closed after it) with a lookup that refuses
 * link-local and metadata addresses (destinationAddress.ts): a name is judged by the addresses the
 * connection really uses. Errors are our own words ("HTTP 500", "no connection"), never a remote
 * body or an exception's message (both can carry what the gateway should not repeat: a
 * listener's text, the URL); a known service's own short reason is added by its sender, scrubbed
 * of the channel's secrets.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { AlertChannelKind } from "@mexc-live/contract";
import { DAY_MS, startDeadline } from "@mexc-live/protocol";
import { RefusedAddressError } from "../errors.js";
import { guardedLookup, type HostResolver, refusedAddressReason, systemResolver } from "./destinationAddress.js";
import type { OutgoingMessage } from "./format.js";

/** The most of an answer read (error bodies are small JSON; more is dropped unread). */
const MAX_ANSWER_BYTES = 16 * 1024;
/** An error string's length (the delivery log shows it on one line). */
export const MAX_ERROR_LENGTH = 200;
/** A service asking for more than this is taken at this (the outbox backs off on its own too). */
export const MAX_RETRY_AFTER_MS = DAY_MS;

export type SendOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** True when sending the same again cannot work (bad token, unknown chat or webhook). */
      readonly permanent: boolean;
      /** What the service asked for (429 Retry-After / retry_after), in ms. */
      readonly retryAfterMs?: number;
      /** Short: "telegram: HTTP 400: Bad Request: chat not found", "webhook: no connection"; never a token, a URL or a remote text. */
      readonly error: string;
    };

/**
 * A sender: one per service, a small object that posts one outgoing message to one destination
 * and says how it went (sent; failed for good; failed, try again, maybe after N ms). It never
 * throws for a failed send and never puts a token or URL in an error.
 */
export interface ChannelSender {
  readonly kind: AlertChannelKind;
  /** The service's pace per destination: send to one destination at most once per this many ms. */
  readonly minIntervalMs: number;
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome>;
}

export interface ChannelEndpoints {
  /** Telegram Bot API base, default https://api.telegram.org (a test points it at a fake). */
  readonly telegramApi: string;
  /** Discord API base, default https://discord.com/api. */
  readonly discordApi: string;
}

export const DEFAULT_ENDPOINTS: ChannelEndpoints = {
  telegramApi: "https://api.telegram.org",
  discordApi: "https://discord.com/api",
};

export interface SenderOptions {
  readonly endpoints: ChannelEndpoints;
  /** One attempt's limit, connect to last byte; past it the send fails, not permanently. */
  readonly timeoutMs: number;
  /** How host names are resolved; default the system's (tests stand in a table). */
  readonly resolve?: HostResolver;
}

/** What a service's sender says: where and how it posts, and what an answer means. */
export interface ChannelService {
  readonly kind: AlertChannelKind;
  readonly minIntervalMs: number;
  /** Taken out of any error text (channelSecrets). */
  readonly secrets: readonly string[];
  request(message: OutgoingMessage): ChannelRequest;
  /** The outcome of an answer that came (`named` begins and scrubs its error text). */
  outcome(answer: ChannelAnswer, named: ErrorNaming): SendOutcome;
}

type ErrorNaming = Pick<PostOptions, "service" | "secrets">;

/** The sender of a service: each send one post, its answer read by the service's rules. */
export function channelSender(service: ChannelService, options: SenderOptions): ChannelSender {
  const post = {
    service: service.kind,
    secrets: service.secrets,
    timeoutMs: options.timeoutMs,
    resolve: options.resolve,
  };
  return {
    kind: service.kind,
    minIntervalMs: service.minIntervalMs,
    async send(message: OutgoingMessage, signal?: AbortSignal) {
      const answer = await postToChannel(service.request(message), { ...post, signal });
      return isAnswer(answer) ? service.outcome(answer, post) : answer;
    },
  };
}

/** The headers of a JSON post. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json",
  "user-agent": "mexc-live",
};

interface ChannelRequest {
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

interface PostOptions {
  /** "telegram", "discord", "ntfy", "webhook": how errors begin. */
  readonly service: string;
  readonly timeoutMs: number;
  /** How host names are resolved; default the system's (a test stands in a table). */
  readonly resolve?: HostResolver;
  readonly signal?: AbortSignal;
  /** Taken out of any error text (channelSecrets). */
  readonly secrets: readonly string[];
}

/** Posts; the answer, or the failed outcome when none came (refused address, time limit, network, aborted). */
async function postToChannel(request: ChannelRequest, options: PostOptions): Promise<ChannelAnswer | SendOutcome> {
  const deadline = startDeadline(options.timeoutMs, [options.signal]);
  try {
    return await post(request, deadline.signal, options.resolve ?? systemResolver);
  } catch (error) {
    if (options.signal?.aborted === true) return failed(options, "aborted", false);
    if (deadline.expired) return failed(options, `no answer within ${options.timeoutMs} ms`, false);
    // An address no alert may go to: sending again cannot help.
    if (error instanceof RefusedAddressError) return failed(options, `not sent: ${error.message}`, true);
    return failed(options, "no connection", false);
  } finally {
    deadline.clear();
  }
}

function post(request: ChannelRequest, signal: AbortSignal, resolve: HostResolver): Promise<ChannelAnswer> {
  const url = new URL(request.url);
  const literal = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const reason = isIP(literal) === 0 ? undefined : refusedAddressReason(literal);
  if (reason !== undefined) return Promise.reject(new RefusedAddressError(`the host's address is ${reason}`));
  const send = url.protocol === "https:" ? httpsRequest : url.protocol === "http:" ? httpRequest : undefined;
  if (send === undefined) return Promise.reject(new Error("not an http(s) URL"));
  return new Promise((done, fail) => {
    const outgoing = send(
      url,
      {
        method: "POST",
        headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
        signal,
        lookup: guardedLookup(resolve),
        // One connection per message, closed after it: no idle socket outlives a send (or a stop).
        agent: false,
      },
      (answer) => {
        readCapped(answer).then(
          (body) => done({ status: answer.statusCode ?? 0, headers: headersOf(answer), body }),
          fail,
        );
      },
    );
    outgoing.on("error", fail);
    outgoing.end(request.body);
  });
}

/** The first MAX_ANSWER_BYTES of the body; the rest is not read (the connection is closed). */
function readCapped(answer: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => done(Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8"));
    answer.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= MAX_ANSWER_BYTES) {
        answer.destroy();
        finish();
      }
    });
    answer.on("end", finish);
    answer.on("error", fail);
  });
}

function headersOf(answer: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The error text: the service's name then `what` (": HTTP 400: Bad Request…", ": no connection"), the
 * channel's secrets and control characters out, at most MAX_ERROR_LENGTH.
 */
export function errorText(options: ErrorNaming, what: string): string {
  let text = `${options.service}${what}`.replace(/[\u0000-\u001f\u007f]+/g, " ");
  for (const secret of [...options.secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) text = text.split(secret).join("…");
  }
  return text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

function failed(options: PostOptions, what: string, permanent: boolean): SendOutcome {
  return { ok: false, permanent, error: errorText(options, `: ${what}`) };
}

function isAnswer(result: ChannelAnswer | SendOutcome): result is ChannelAnswer {
  return "status" in result;
}

/**
 * The outcome a status means: 2xx sent; 429 try again (after `retryAfterMs`); 408, 425 and 5xx
 * try again; a redirect and any other 4xx (bad token, unknown chat or webhook) fail for good.
 */
export function outcomeOf(status: number, options: ErrorNaming, reason?: string, retryAfterMs?: number): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true };
  const detail = reason === undefined || reason === "" ? "" : `: ${reason}`;
  const redirect = status >= 300 && status < 400 ? ": redirected elsewhere; use the final URL" : "";
  const error = errorText(options, `: HTTP ${status}${redirect}${detail}`);
  const transient = status === 429 || status === 408 || status === 425 || status >= 500;
  if (!transient) return { ok: false, permanent: true, error };
  return retryAfterMs === undefined
    ? { ok: false, permanent: false, error }
    : { ok: false, permanent: false, retryAfterMs, error };
}

/** A number of seconds (a body's `retry_after`) in ms, or undefined when it is not one. */
export function secondsToMs(seconds: unknown): number | undefined {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(Math.ceil(seconds * 1000), MAX_RETRY_AFTER_MS);
}

/** The wait an answer asks for, in ms: its body's `retry_after` seconds when given, else its `Retry-After` header. */
export function retryAfterOf(answer: ChannelAnswer, bodySeconds?: unknown): number | undefined {
  return secondsToMs(bodySeconds) ?? retryAfterHeaderMs(answer.headers.get("retry-after"));
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

/**
 * A short reason from a known service's own text (Telegram's `description`, Discord's `message`,
 * at the endpoints the operator set): one line, at most 120 characters. Never used for a host a
 * rule names (webhooks, self-hosted ntfy): whatever listens there could write anything.
 */
export function shortReason(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return undefined;
  return line.length <= 120 ? line : `${line.slice(0, 119)}…`;
}
