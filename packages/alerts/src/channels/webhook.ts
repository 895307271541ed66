/**
 * The generic JSON webhook: POST the documented body (format.ts `WebhookBody`) with
 * `Content-Type: application/json`, `User-Agent: mexc-live` and `Idempotency-Key: <delivery id>`.
 * Credentials in the URL (https://user:pass@host/…) go as `Authorization: Basic`, decoded, and
 * leave the URL. The receiver's answer body is never quoted in an error: it is not a service we
 * know, and it may echo the URL or anything else it holds. The delivery log says "HTTP 500" or
 * "no connection".
 */
import { channelSecrets, decodeOrKeep } from "./channelUrl.js";
import { type OutgoingMessage, webhookBody } from "./format.js";
import { isAnswer, outcomeOf, postToChannel, retryAfterHeaderMs } from "./httpPost.js";
import type { ChannelSender, SenderOptions } from "./senders.js";

/** One webhook destination gets at most 5 messages a second (our choice: no service limit applies). */
export const WEBHOOK_MIN_INTERVAL_MS = 200;

export function createWebhookSender(target: { readonly url: string }, options: SenderOptions): ChannelSender {
  const url = new URL(target.url);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "mexc-live" };
  if (url.username !== "" || url.password !== "") {
    const credentials = `${decodeOrKeep(url.username)}:${decodeOrKeep(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  const secrets = channelSecrets({ kind: "webhook", url: target.url });
  const post = { service: "webhook", secrets, timeoutMs: options.timeoutMs, resolve: options.resolve };
  return {
    kind: "webhook",
    minIntervalMs: WEBHOOK_MIN_INTERVAL_MS,
    async send(message: OutgoingMessage, signal?: AbortSignal) {
      const request = {
        url: url.href,
        headers: { ...headers, "idempotency-key": message.id },
        body: JSON.stringify(webhookBody(message)),
      };
      const answer = await postToChannel(request, { ...post, signal });
      if (!isAnswer(answer)) return answer;
      return outcomeOf(answer.status, post, undefined, retryAfterHeaderMs(answer.headers.get("retry-after")));
    },
  };
}
