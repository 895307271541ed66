/**
 * What each channel sends for one outgoing message: one alert, or a folded burst summed up in
 * one message ("12 alerts: 10 fills, 2 orders canceled" and the first titles). Every text fits
 * its service's limit and is cut cleanly (whole characters, an ellipsis at the end).
 */
import { ALERT_EVENTS, type AlertEvent, type AlertNotice } from "@mexc-live/contract";

export interface OutgoingMessage {
  /** The delivery's id: the webhook's Idempotency-Key and body `id`. */
  readonly id: string;
  /** One alert, or the alerts of a folded burst, oldest first. */
  readonly notices: readonly AlertNotice[];
}

/** sendMessage `text`: "1-4096 characters after entities parsing" (core.telegram.org/bots/api#sendmessage). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Execute Webhook `content`: "up to 2000 characters" (discord.com/developers/docs/resources/webhook#execute-webhook). */
export const DISCORD_CONTENT_LIMIT = 2000;
/**
 * ntfy: "Each message can be up to 4,096 bytes long. Longer messages are treated as attachments"
 * (docs.ntfy.sh/publish/#limitations; server/config.go DefaultMessageSizeLimit = 4096); a server
 * without attachments refuses them (400, code 40014).
 */
export const NTFY_MESSAGE_LIMIT_BYTES = 4096;
/** A title on one line, in every channel (our choice; a notice's title is one short line). */
const TITLE_LIMIT = 250;
/** A folded burst's message lists this many alert titles, then "… and K more" (our choice). */
const SUMMARY_LISTED_TITLES = 10;

const ELLIPSIS = "…";
const BACKSLASH = 0x5c;

/** How a count of each event reads in a summary's title, and how ntfy shows it. */
interface EventLabel {
  readonly one: string;
  readonly many: string;
  /** An emoji short code ntfy shows before the title (docs.ntfy.sh/emojis). */
  readonly emoji: string;
  /** Wants attention soon: ntfy priority 4 ("high") instead of 3 ("default"). */
  readonly urgent: boolean;
}

const label = (one: string, many: string, emoji: string, urgent = false): EventLabel => ({ one, many, emoji, urgent });

const EVENT_LABELS: Readonly<Record<AlertEvent, EventLabel>> = {
  fill: label("fill", "fills", "moneybag"),
  order_placed: label("order placed", "orders placed", "memo"),
  order_canceled: label("order canceled", "orders canceled", "wastebasket"),
  order_expired: label("order expired", "orders expired", "hourglass"),
  deposit: label("deposit", "deposits", "inbox_tray"),
  withdrawal: label("withdrawal", "withdrawals", "outbox_tray"),
  balance_above: label("balance above threshold", "balances above threshold", "arrow_up"),
  balance_below: label("balance below threshold", "balances below threshold", "arrow_down"),
  equity_above: label("equity above threshold", "equity above threshold", "chart_with_upwards_trend"),
  equity_below: label("equity below threshold", "equity below threshold", "chart_with_downwards_trend"),
  drawdown: label("drawdown", "drawdowns", "chart_with_downwards_trend", true),
  stream_down: label("stream down", "stream outages", "electric_plug", true),
  missed_fills: label("missed fills found", "missed fills found", "mag", true),
  auth_error: label("authentication error", "authentication errors", "no_entry", true),
  listen_key_failure: label("listen key failure", "listen key failures", "key", true),
  key_expiry: label("API key expiry warning", "API key expiry warnings", "alarm_clock", true),
  test: label("test", "tests", "test_tube"),
};

// ------------------------------------------------------------------------------ cutting text

/** At most `max` UTF-16 units, never half a surrogate pair; a cut text ends with "…". */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/** At most `maxBytes` of UTF-8, never half a character; a cut text ends with "…". */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS);
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * The text on one line: each line break, with the spaces around it, becomes one space. Linear in
 * the text's length: split at the breaks, trim each piece. (It was `/\s*[\r\n]+\s*\/g`, whose
 * `\s*` rescans a run of spaces from each of its positions: 8.5 s for a 60,000-space symbol.)
 */
function oneLine(text: string): string {
  const pieces = text.split(LINE_BREAKS).map((piece) => piece.trim());
  return truncateText(pieces.filter((piece) => piece !== "").join(" "), TITLE_LIMIT);
}
const LINE_BREAKS = /[\r\n]+/;

// ------------------------------------------------------------------------------ what is said

export interface MessageSummary {
  /** One line. */
  readonly title: string;
  /** Plain text; may be empty. */
  readonly text: string;
}

/** "10 fills, 2 orders canceled": the most frequent first, then in ALERT_EVENTS order. */
function countsByEvent(notices: readonly AlertNotice[]): string {
  const counts = new Map<AlertEvent, number>();
  for (const notice of notices) counts.set(notice.event, (counts.get(notice.event) ?? 0) + 1);
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || ALERT_EVENTS.indexOf(a) - ALERT_EVENTS.indexOf(b))
    .map(([event, count]) => `${count} ${count === 1 ? EVENT_LABELS[event].one : EVENT_LABELS[event].many}`)
    .join(", ");
}

/** One alert: its title and text. A burst: "N alerts: …" and the first SUMMARY_LISTED_TITLES titles. */
export function summarize(message: OutgoingMessage): MessageSummary {
  const { notices } = message;
  const [first] = notices;
  if (first === undefined) return { title: "No alerts", text: "" };
  if (notices.length === 1) return { title: oneLine(first.title), text: first.text.trim() };
  const listed = notices.slice(0, SUMMARY_LISTED_TITLES).map((notice) => `• ${oneLine(notice.title)}`);
  const more = notices.length - listed.length;
  if (more > 0) listed.push(`${ELLIPSIS} and ${more} more`);
  return { title: oneLine(`${notices.length} alerts: ${countsByEvent(notices)}`), text: listed.join("\n") };
}

/** Telegram: plain text (no parse_mode, so nothing in an alert can break markup), title first. */
export function telegramText(message: OutgoingMessage): string {
  const { title, text } = summarize(message);
  return truncateText(text === "" ? title : `${title}\n\n${text}`, TELEGRAM_TEXT_LIMIT);
}

/**
 * Discord markdown's inline markers, escaped with a backslash so alert text shows as written
 * (a literal `*` or `_` in a symbol or a note would otherwise start emphasis).
 */
export function escapeDiscord(text: string): string {
  // Blanks within the line only: `\s*` would cross line breaks and rescan them from every line start.
  return text.replace(/[\\*_~`|]/g, "\\$&").replace(/^([^\S\r\n]*)([#>-])/gm, "$1\\$2");
}

/** Discord: the title in bold, then the text; mentions are switched off by the sender (allowed_mentions). */
export function discordContent(message: OutgoingMessage): string {
  const { title, text } = summarize(message);
  const head = `**${escapeDiscord(title)}**`;
  const content = truncateText(text === "" ? head : `${head}\n${escapeDiscord(text)}`, DISCORD_CONTENT_LIMIT);
  // A cut right after an escaping backslash would escape the ellipsis instead: an odd run of
  // backslashes before the final ellipsis loses one (counted, not matched: linear).
  if (!content.endsWith(`\\${ELLIPSIS}`)) return content;
  let start = content.length - ELLIPSIS.length;
  while (start > 0 && content.charCodeAt(start - 1) === BACKSLASH) start--;
  const run = content.length - ELLIPSIS.length - start;
  return run % 2 === 1 ? `${content.slice(0, -ELLIPSIS.length - 1)}${ELLIPSIS}` : content;
}

export interface NtfyMessage {
  readonly title: string;
  readonly message: string;
  /** Emoji short codes and plain tags (docs.ntfy.sh/publish/#tags-emojis). */
  readonly tags: readonly string[];
  /** 1 (min) … 5 (max); 3 is ntfy's default, 4 "high" (docs.ntfy.sh/publish/#message-priority). */
  readonly priority: 3 | 4;
}

/** ntfy: the title apart, the text as the message (at most NTFY_MESSAGE_LIMIT_BYTES). */
export function ntfyMessage(message: OutgoingMessage): NtfyMessage {
  const { title, text } = summarize(message);
  const events = [...new Set(message.notices.map((notice) => notice.event))];
  const emojis = [...new Set(events.map((event) => EVENT_LABELS[event].emoji))].slice(0, 3);
  return {
    title,
    message: truncateUtf8(text === "" ? title : text, NTFY_MESSAGE_LIMIT_BYTES),
    tags: [...emojis, ...events.slice(0, 5)],
    priority: events.some((event) => EVENT_LABELS[event].urgent) ? 4 : 3,
  };
}

/**
 * The generic webhook's body (POST, `Content-Type: application/json`, `Idempotency-Key: <id>`):
 *
 * ```json
 * {
 *   "source": "mexc-live",
 *   "version": 1,
 *   "id": "<delivery id, also the Idempotency-Key header>",
 *   "title": "BTCUSDT BUY 0.01 @ 96,500.00",
 *   "text": "Fill of order 123…",
 *   "count": 1,
 *   "alerts": [
 *     {
 *       "id": "fill:BTCUSDT:123",
 *       "event": "fill",
 *       "time": 1732300000000,
 *       "title": "BTCUSDT BUY 0.01 @ 96,500.00",
 *       "text": "Fill of order 123…",
 *       "fields": { "tradeId": "123", "symbol": "BTCUSDT", "side": "BUY", "price": "96500.00" }
 *     }
 *   ]
 * }
 * ```
 * - `version`: 1 until a field changes meaning or goes away (fields may be added).
 * - `id`: one per delivery; a retry of the same delivery carries the same id, so a receiver
 *   drops repeats by it (or by each alert's `id`, unique per event).
 * - `title`, `text`: the alert's, or for a folded burst (`count` > 1) a summary: "12 alerts:
 *   10 fills, 2 orders canceled" and the first 10 titles.
 * - `alerts`: every alert the message carries, oldest first; `time` in ms since the epoch
 *   (the exchange's time where there is one); `fields` the event's own fields, amounts as
 *   decimal strings.
 */
export interface WebhookBody {
  readonly source: "mexc-live";
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly count: number;
  readonly alerts: readonly AlertNotice[];
}

export function webhookBody(message: OutgoingMessage): WebhookBody {
  const { title, text } = summarize(message);
  return {
    source: "mexc-live",
    version: 1,
    id: message.id,
    title,
    text,
    count: message.notices.length,
    alerts: message.notices.map(({ id, event, time, title, text, fields }) => ({
      id,
      event,
      time,
      title,
      text,
      fields,
    })),
  };
}
