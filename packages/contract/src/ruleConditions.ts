/**
 * Which conditions an alert rule takes for each event, and what each accepts: the gateway checks
 * a rule by this table (its checker is built from it) and the dashboard's add-rule form asks for
 * these fields and hints by the same rules. Amounts are decimal strings; minutes and seconds are
 * whole numbers.
 *
 *   fill                   symbol?, side?, minQuote? (the fill's amount in the pair's quote asset)
 *   order_placed/_canceled/_expired   symbol?, side?
 *   deposit, withdrawal    asset?
 *   balance_above/_below   asset, threshold (an amount of the asset: free + locked)
 *   equity_above/_below    threshold (in the gateway's quote currency)
 *   drawdown               percent (from the peak), windowMinutes? (default 1440: a day)
 *   stream_down            seconds? (default 60)
 *   missed_fills, auth_error, listen_key_failure, key_expiry   none
 */
import { ALERT_EVENTS, type AlertConditions, type AlertEvent } from "./alerts.js";

/** Events a rule can be on ("test" is only what "send a test" raises). */
export type RuleEvent = Exclude<AlertEvent, "test">;
export const RULE_EVENTS: readonly RuleEvent[] = ALERT_EVENTS.filter((event): event is RuleEvent => event !== "test");

export type ConditionKey = keyof AlertConditions;

/**
 * What a condition holds: a pair or an asset name (names.ts), a side, a decimal amount above 0, a
 * percent (above 0, below 100), or a whole number within `min`..`max`.
 */
export type ConditionKind = "symbol" | "asset" | "side" | "amount" | "percent" | "whole";

export interface ConditionRule {
  readonly key: ConditionKey;
  readonly kind: ConditionKind;
  readonly required: boolean;
  /** Whole numbers: the smallest and largest accepted, and the value when none is given. */
  readonly min?: number;
  readonly max?: number;
  readonly default?: number;
}

export const DEFAULT_DRAWDOWN_WINDOW_MINUTES = 24 * 60;
/** The longest drawdown window a rule may have: 30 days. */
export const MAX_DRAWDOWN_WINDOW_MINUTES = 30 * 24 * 60;
export const DEFAULT_STREAM_DOWN_SECONDS = 60;
/** A stream may be reported down after 5 s at the soonest, a day at the latest. */
export const MIN_STREAM_DOWN_SECONDS = 5;
export const MAX_STREAM_DOWN_SECONDS = 24 * 60 * 60;

const SYMBOL: ConditionRule = { key: "symbol", kind: "symbol", required: false };
const SIDE: ConditionRule = { key: "side", kind: "side", required: false };
const ANY_ASSET: ConditionRule = { key: "asset", kind: "asset", required: false };
const ASSET: ConditionRule = { key: "asset", kind: "asset", required: true };
const THRESHOLD: ConditionRule = { key: "threshold", kind: "amount", required: true };
const ORDER = [SYMBOL, SIDE];

/** The conditions of each event, in the order a form asks for them. */
export const RULE_CONDITIONS: Readonly<Record<RuleEvent, readonly ConditionRule[]>> = {
  fill: [...ORDER, { key: "minQuote", kind: "amount", required: false }],
  order_placed: ORDER,
  order_canceled: ORDER,
  order_expired: ORDER,
  deposit: [ANY_ASSET],
  withdrawal: [ANY_ASSET],
  balance_above: [ASSET, THRESHOLD],
  balance_below: [ASSET, THRESHOLD],
  equity_above: [THRESHOLD],
  equity_below: [THRESHOLD],
  drawdown: [
    { key: "percent", kind: "percent", required: true },
    {
      key: "windowMinutes",
      kind: "whole",
      required: false,
      min: 1,
      max: MAX_DRAWDOWN_WINDOW_MINUTES,
      default: DEFAULT_DRAWDOWN_WINDOW_MINUTES,
    },
  ],
  stream_down: [
    {
      key: "seconds",
      kind: "whole",
      required: false,
      min: MIN_STREAM_DOWN_SECONDS,
      max: MAX_STREAM_DOWN_SECONDS,
      default: DEFAULT_STREAM_DOWN_SECONDS,
    },
  ],
  missed_fills: [],
  auth_error: [],
  listen_key_failure: [],
  key_expiry: [],
};

/** Every condition key a rule may carry. */
export const CONDITION_KEYS: readonly ConditionKey[] = [
  ...new Set(Object.values(RULE_CONDITIONS).flatMap((rules) => rules.map((rule) => rule.key))),
];

/** The forms a rule's channel URL takes (the gateway parses each; the dashboard lists them). */
export const CHANNEL_URL_FORMS = [
  "https://… (JSON webhook)",
  "tgram://BOT_TOKEN/CHAT_ID",
  "discord://WEBHOOK_ID/WEBHOOK_TOKEN",
  "ntfy://[host/]topic",
  "browser",
] as const;
