/**
 * Discord: Execute Webhook (discord.com/developers/docs/resources/webhook#execute-webhook), POST
 * {api}/webhooks/<id>/<token>?wait=true with JSON `{content, allowed_mentions: {parse: []}}`: no
 * @everyone, role or user ping from alert text. `wait=true` makes Discord confirm the message was
 * saved (200 and the message; without it 204, and "a message that is not saved does not return
 * an error").
 *
 * Answers (discord.com/developers/docs/topics/rate-limits; .../opcodes-and-status-codes#json):
 * errors are `{"message": "…", "code": N}`: 404 `Unknown Webhook` (10015), 401 `Invalid Webhook
 * Token` (50027). 429: `{"message": "You are being rate limited.", "retry_after": 0.5 (seconds,
 * float), "global": false}` with `Retry-After` (seconds) and `X-RateLimit-*` headers. "If a
 * webhook returns a 404 status you should not attempt to use it again" (rate-limits page).
 */
import { parseJson } from "@mexc-live/protocol";
import { channelSecrets, type SendableTarget } from "./channelUrl.js";
import { discordContent } from "./format.js";
import type { ChannelSender, SenderOptions } from "./httpPost.js";
import { channelSender, JSON_HEADERS, outcomeOf, retryAfterOf, shortReason } from "./httpPost.js";
/**
 * A webhook takes 5 requests per 2 s (its X-RateLimit headers) and its channel 30 messages per
 * minute (discord/discord-api-docs issue #367, a Discord engineer: "it should be reporting 5/2, the
 * 30/60 was added as a limit to the channel itself"): 2 s apart keeps under both.
 */
export const DISCORD_WEBHOOK_INTERVAL_MS = 2000;

type DiscordTarget = Extract<SendableTarget, { kind: "discord" }>;

interface DiscordAnswer {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly retry_after?: unknown;
}

export function createDiscordSender(target: DiscordTarget, options: SenderOptions): ChannelSender {
  const api = options.endpoints.discordApi.replace(/\/+$/, "");
  const url = `${api}/webhooks/${target.webhookId}/${target.webhookToken}?wait=true`;
  return channelSender(
    {
      kind: "discord",
      minIntervalMs: DISCORD_WEBHOOK_INTERVAL_MS,
      secrets: channelSecrets(target),
      request: (message) => ({
        url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ content: discordContent(message), allowed_mentions: { parse: [] } }),
      }),
      outcome(answer, named) {
        const json = (parseJson(answer.body) ?? {}) as DiscordAnswer;
        const reason = shortReason(json.message);
        const code = typeof json.code === "number" ? ` (${json.code})` : "";
        const retryAfterMs = retryAfterOf(answer, json.retry_after);
        return outcomeOf(answer.status, named, reason === undefined ? undefined : `${reason}${code}`, retryAfterMs);
      },
    },
    options,
  );
}
