/**
 * Telegram: Bot API sendMessage (core.telegram.org/bots/api#sendmessage), POST
 * {api}/bot<token>/sendMessage with JSON `{chat_id, text, link_preview_options}`. Plain text (no
 * parse_mode), so no alert can break markup.
 *
 * Answers (core.telegram.org/bots/api#making-requests; tdlib/telegram-bot-api Query.cpp and
 * HttpConnection.cpp): `{"ok":true,"result":Message}`, or `{"ok":false,"error_code":N,
 * "description":"…","parameters":{…}}` with the HTTP status = error_code. 429: description
 * "Too Many Requests: retry after N", `parameters.retry_after` = N seconds and a `Retry-After: N`
 * header. 400 "Bad Request: chat not found"; 401 "Unauthorized" (a wrong token); 403 "Forbidden:
 * bot was blocked by the user"; 404 "Not Found" (a malformed token); a group upgraded to a
 * supergroup answers 400 with `parameters.migrate_to_chat_id`, the chat's new id.
 */
import { parseJson } from "@mexc-live/protocol";
import { channelSecrets, type SendableTarget } from "./channelUrl.js";
import { telegramText } from "./format.js";
import type { ChannelSender, SenderOptions } from "./httpPost.js";
import { channelSender, JSON_HEADERS, outcomeOf, retryAfterOf, shortReason } from "./httpPost.js";
/**
 * "When sending messages inside a particular chat, avoid sending more than one message per
 * second" (Bot FAQ, core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 */
export const TELEGRAM_CHAT_INTERVAL_MS = 1000;
/**
 * "your bot will not be able to send more than 20 messages per minute to the same group" (same
 * FAQ): 3 s for a group or channel (a negative id, or an @channel username).
 */
export const TELEGRAM_GROUP_INTERVAL_MS = 3000;

type TelegramTarget = Extract<SendableTarget, { kind: "telegram" }>;

interface TelegramAnswer {
  readonly ok?: unknown;
  readonly error_code?: unknown;
  readonly description?: unknown;
  readonly parameters?: { readonly retry_after?: unknown; readonly migrate_to_chat_id?: unknown };
}

function isGroupChat(chatId: string): boolean {
  return chatId.startsWith("-") || chatId.startsWith("@");
}

export function createTelegramSender(target: TelegramTarget, options: SenderOptions): ChannelSender {
  const url = `${options.endpoints.telegramApi.replace(/\/+$/, "")}/bot${target.botToken}/sendMessage`;
  return channelSender(
    {
      kind: "telegram",
      minIntervalMs: isGroupChat(target.chatId) ? TELEGRAM_GROUP_INTERVAL_MS : TELEGRAM_CHAT_INTERVAL_MS,
      secrets: channelSecrets(target),
      request: (message) => ({
        url,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          chat_id: target.chatId,
          text: telegramText(message),
          // The current form of the older disable_web_page_preview (Bot API 7.0).
          link_preview_options: { is_disabled: true },
        }),
      }),
      outcome(answer, named) {
        const json = (parseJson(answer.body) ?? {}) as TelegramAnswer;
        const ok = answer.status >= 200 && answer.status < 300;
        const status = ok && json.ok === false ? errorCode(json) : answer.status;
        const migratedTo = json.parameters?.migrate_to_chat_id;
        const reason = [
          shortReason(json.description),
          typeof migratedTo === "number" ? `(the chat's new id is ${migratedTo})` : undefined,
        ]
          .filter((part) => part !== undefined)
          .join(" ");
        return outcomeOf(status, named, reason, retryAfterOf(answer, json.parameters?.retry_after));
      },
    },
    options,
  );
}

/** An `ok: false` answer under a 2xx status (not seen, but the body decides): its error_code. */
function errorCode(json: TelegramAnswer): number {
  return typeof json.error_code === "number" && json.error_code >= 400 ? json.error_code : 500;
}
