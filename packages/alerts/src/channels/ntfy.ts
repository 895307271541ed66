/**
 * ntfy: publish by POST {baseUrl}/<topic> with the message as the body and the title, tags and
 * priority in `X-Title`, `X-Tags` and `X-Priority` (docs.ntfy.sh/publish). HTTP header values
 * are Latin-1 (node refuses others), so a title with other characters goes RFC 2047-encoded
 * (`=?UTF-8?B?…?=`), which ntfy decodes ("ntfy supports UTF-8 in HTTP headers, but not every
 * library or programming language does … you can also encode any header as RFC 2047").
 * Auth: `Authorization: Basic` for user:password, `Bearer tk_…` for an access token
 * (docs.ntfy.sh/publish/#authentication).
 *
 * Answers (binwiederhier/ntfy server/server.go, server/errors.go): 200 and the message as JSON
 * (`{"id","time","expires","event":"message","topic","title","message","priority","tags"}`);
 * errors `{"code": 42901, "http": 429, "error": "limit reached: too many requests, please be nice",
 * "link": "https://ntfy.sh/docs/publish/#limitations"}`; 401 40101 "unauthorized" (wrong
 * credentials), 403 40301 "forbidden" (none, on a protected topic). A 429 carries no Retry-After.
 * The server is whatever a rule names (self-hosted ntfy is a use case), so its text is never
 * quoted: a known error code is said in our words (NTFY_ERRORS), with the code.
 */
import { parseJson } from "@mexc-live/protocol";
import type { SendableTarget } from "./channelUrl.js";
import { channelSecrets } from "./channelUrl.js";
import { ntfyMessage } from "./format.js";
import { type ChannelSender, channelSender, outcomeOf, retryAfterOf, type SenderOptions } from "./httpPost.js";

/**
 * "the server is configured to allow 60 requests per visitor at once, and then refills the your
 * allowed requests bucket at a rate of one request per 5 seconds" (docs.ntfy.sh/publish/#limitations;
 * server/config.go DefaultVisitorRequestLimitBurst = 60, DefaultVisitorRequestLimitReplenish = 5 s).
 * The bucket is per visitor (address or account) on a server, shared by all its topics.
 */
export const NTFY_TOPIC_INTERVAL_MS = 5000;

type NtfyTarget = Extract<SendableTarget, { kind: "ntfy" }>;

/**
 * ntfy's error codes we explain, in our words (binwiederhier/ntfy server/errors.go): the first
 * three digits are the HTTP status; 429xx are its limits.
 */
const NTFY_ERRORS: Readonly<Record<number, string>> = {
  40101: "unauthorized: wrong user, password or token",
  40301: "forbidden: the topic needs a user or token with write access",
  41301: "the message is too large",
};

/** A header value node sends: as is when printable ASCII, else one RFC 2047 encoded-word. */
export function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

export function createNtfySender(target: NtfyTarget, options: SenderOptions): ChannelSender {
  const url = `${target.baseUrl}/${target.topic}`;
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "user-agent": "mexc-live" };
  if (target.auth?.kind === "basic") {
    const credentials = Buffer.from(`${target.auth.user}:${target.auth.password}`).toString("base64");
    headers.authorization = `Basic ${credentials}`;
  }
  if (target.auth?.kind === "token") headers.authorization = `Bearer ${target.auth.token}`;
  return channelSender(
    {
      kind: "ntfy",
      minIntervalMs: NTFY_TOPIC_INTERVAL_MS,
      secrets: channelSecrets(target),
      request(message) {
        const ntfy = ntfyMessage(message);
        const priority = String(ntfy.priority);
        const tags = encodeHeader(ntfy.tags.join(","));
        return {
          url,
          headers: { ...headers, "x-title": encodeHeader(ntfy.title), "x-tags": tags, "x-priority": priority },
          body: ntfy.message,
        };
      },
      outcome: (answer, named) =>
        outcomeOf(answer.status, named, ntfyReason(parseJson(answer.body)), retryAfterOf(answer)),
    },
    options,
  );
}

/** A known ntfy error code in our words, with the code; nothing of the server's own text. */
function ntfyReason(json: unknown): string | undefined {
  const code = (json as { code?: unknown } | undefined)?.code;
  if (typeof code !== "number" || !Number.isInteger(code) || code < 10000 || code > 99999) return undefined;
  const known = NTFY_ERRORS[code] ?? (Math.floor(code / 100) === 429 ? "too many requests" : undefined);
  return known === undefined ? undefined : `${known} (${code})`;
}
