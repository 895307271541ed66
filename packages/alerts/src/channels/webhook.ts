/**
 * The generic JSON webhook: POST the documented body (format.ts `WebhookBody`) with
 * `Content-Type: application/json`, `User-Agent: mexc-live` and `Idempotency-Key: <delivery id>`.
 * Credentials in the URL (https://user:pass@host/…) go as `Authorization: Basic`, decoded, and
 * leave the URL. The receiver's answer body is never quoted in an error: it is not a service we
 * know, and it may echo the URL or anything else it holds. The delivery log says "HTTP 500" or
 * "no connection".
 */
import { channelSecrets, decodeOrKeep } from "./channelUrl.js";
import { webhookBody } from "./format.js";
import {
  type ChannelSender,
  channelSender,
  JSON_HEADERS,
  outcomeOf,
  retryAfterOf,
  type SenderOptions,
} from "./httpPost.js";

/** One webhook destination gets at most 5 messages a second (our choice: no service limit applies). */
export const WEBHOOK_MIN_INTERVAL_MS = 200;

export function createWebhookSender(target: { readonly url: string }, options: SenderOptions): ChannelSender {
  const url = new URL(target.url);
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (url.username !== "" || url.password !== "") {
    const credentials = `${decodeOrKeep(url.username)}:${decodeOrKeep(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return channelSender(
    {
      kind: "webhook",
      minIntervalMs: WEBHOOK_MIN_INTERVAL_MS,
      secrets: channelSecrets({ kind: "webhook", url: target.url }),
      request: (message) => ({
        url: url.href,
        headers: { ...headers, "idempotency-key": message.id },
        body: JSON.stringify(webhookBody(message)),
      }),
      outcome: (answer, named) => outcomeOf(answer.status, named, undefined, retryAfterOf(answer)),
    },
    options,
  );
}
