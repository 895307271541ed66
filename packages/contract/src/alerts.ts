/**
 * Alerts: what can raise one, the rules that route them to channels, what a raised alert carries
 * (to a browser on the `alerts` topic, in a webhook's body, as a chat message's text) and the
 * delivery log. Channel URLs hold tokens (a Telegram bot token, a Discord webhook token): every
 * rule the API returns carries its URL masked (`to`), never the real one.
 */

/** What can raise an alert. `test`: "send a test" on a rule. */
export const ALERT_EVENTS = [
  "fill",
  "order_placed",
  "order_canceled",
  "order_expired",
  "deposit",
  "withdrawal",
  "balance_above",
  "balance_below",
  "equity_above",
  "equity_below",
  "drawdown",
  "stream_down",
  "missed_fills",
  "auth_error",
  "listen_key_failure",
  "key_expiry",
  "test",
] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** The kinds of channel a rule sends to; `browser`: open dashboards (Web Notifications). */
export const ALERT_CHANNELS = ["webhook", "telegram", "discord", "ntfy", "browser"] as const;
export type AlertChannelKind = (typeof ALERT_CHANNELS)[number];

/**
 * A rule's conditions; which ones apply depends on the event (README "Alerts"):
 * - fill, order_*: `symbol`, `side`; fill also `minQuote` (the fill's value in the quote currency);
 * - deposit, withdrawal: `asset`;
 * - balance_above/below: `asset` and `threshold` (an amount of the asset);
 * - equity_above/below: `threshold` (in the quote currency);
 * - drawdown: `percent` from the peak within `windowMinutes`;
 * - stream_down: `seconds` not live.
 * Amounts are decimal strings.
 */
export interface AlertConditions {
  readonly symbol?: string;
  readonly side?: "BUY" | "SELL";
  readonly asset?: string;
  readonly minQuote?: string;
  readonly threshold?: string;
  readonly percent?: string;
  readonly windowMinutes?: number;
  readonly seconds?: number;
}

/** A rule as the API returns it. */
export interface AlertRuleItem {
  /** `config-` and a digest of the rule for the config file's (read-only in the dashboard), a number for the dashboard's. */
  readonly id: string;
  readonly source: "config" | "dashboard";
  readonly on: AlertEvent;
  /** The channel URL, its tokens masked (protocol's maskSecret): `tgram://1234…/-100123`. */
  readonly to: string;
  readonly channel: AlertChannelKind;
  readonly conditions: AlertConditions;
  readonly muted: boolean;
  readonly createdAt: number;
}

/** POST /api/alerts/rules. */
export interface AlertRuleInput {
  readonly on: AlertEvent;
  /** A channel URL (README "Alerts"): https://…, tgram://BOT_TOKEN/CHAT_ID, discord://ID/TOKEN, ntfy://topic, browser. */
  readonly to: string;
  readonly conditions?: AlertConditions;
}

/** PATCH /api/alerts/rules/:id. */
export interface AlertRulePatch {
  readonly muted: boolean;
}

/** One raised alert: what a browser notification, a chat message and a webhook's body are made of. */
export interface AlertNotice {
  /** Unique per event (e.g. `fill:BTCUSDT:123456`): a webhook receiver can drop repeats by it. */
  readonly id: string;
  readonly event: AlertEvent;
  /** When it happened (ms since the epoch, the exchange's time where there is one). */
  readonly time: number;
  /** One line: "BTCUSDT BUY 0.01 @ 96,500.00". */
  readonly title: string;
  /** A few lines of detail, plain text. */
  readonly text: string;
  /** The event's fields (e.g. a fill's tradeId, symbol, side, price, quantity, fee, feeAsset). */
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
}

export type AlertDeliveryStatus = "pending" | "sent" | "retrying" | "failed";

/** One message sent (or being sent) to one channel; several alerts of a burst fold into one. */
export interface AlertDeliveryItem {
  readonly id: string;
  readonly ruleId: string;
  /** The channel URL, masked. */
  readonly to: string;
  readonly channel: AlertChannelKind;
  readonly status: AlertDeliveryStatus;
  /** The alerts it carries (one, or a folded burst). */
  readonly alerts: number;
  readonly events: readonly AlertEvent[];
  readonly title: string;
  readonly attempts: number;
  readonly createdAt: number;
  readonly sentAt: number | null;
  /** Why the last attempt failed, without tokens. */
  readonly lastError: string | null;
}

/** The delivery log the API returns by default (GET /api/alerts/deliveries without `limit`), and at most. */
export const ALERT_LOG_PAGE = 50;
export const ALERT_LOG_MAX = 500;
