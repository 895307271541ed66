/**
 * What the add-rule form asks for each event, and how a rule reads in the list. One table
 * (EVENTS) drives both: the conditions an event takes (README "Alerts"), the form's inputs for
 * them, and the words of a rule's summary. Checks here are hints only: the gateway decides, and
 * its 400 message (which starts with the field's name) is shown next to that field.
 */
import type { AlertConditions, AlertEvent, AlertRuleInput } from "@mexc-live/contract";

export type ConditionKey = keyof AlertConditions;
/** Events a rule can be made for (`test` is what "Send test" raises). */
export type RuleEvent = Exclude<AlertEvent, "test">;

export interface ConditionField {
  readonly key: ConditionKey;
  readonly label: string;
  readonly kind: "symbol" | "asset" | "side" | "decimal" | "whole";
  readonly required: boolean;
  readonly placeholder?: string;
}

const SYMBOL: ConditionField = { key: "symbol", label: "Symbol", kind: "symbol", required: false, placeholder: "any" };
const SIDE: ConditionField = { key: "side", label: "Side", kind: "side", required: false };
const ASSET_ANY: ConditionField = { key: "asset", label: "Asset", kind: "asset", required: false, placeholder: "any" };
const ASSET: ConditionField = { key: "asset", label: "Asset", kind: "asset", required: true, placeholder: "BTC" };
const THRESHOLD: ConditionField = { key: "threshold", label: "Threshold", kind: "decimal", required: true };
const MIN_QUOTE: ConditionField = {
  key: "minQuote",
  label: "Min. value",
  kind: "decimal",
  required: false,
  placeholder: "any",
};

export const EVENTS: Readonly<
  Record<RuleEvent, { readonly label: string; readonly fields: readonly ConditionField[] }>
> = {
  fill: { label: "Fill", fields: [SYMBOL, SIDE, MIN_QUOTE] },
  order_placed: { label: "Order placed", fields: [SYMBOL, SIDE] },
  order_canceled: { label: "Order canceled", fields: [SYMBOL, SIDE] },
  order_expired: { label: "Order expired", fields: [SYMBOL, SIDE] },
  deposit: { label: "Deposit credited", fields: [ASSET_ANY] },
  withdrawal: { label: "Withdrawal sent", fields: [ASSET_ANY] },
  balance_above: { label: "Balance above", fields: [ASSET, THRESHOLD] },
  balance_below: { label: "Balance below", fields: [ASSET, THRESHOLD] },
  equity_above: { label: "Equity above", fields: [THRESHOLD] },
  equity_below: { label: "Equity below", fields: [THRESHOLD] },
  drawdown: {
    label: "Drawdown",
    fields: [
      { key: "percent", label: "Drawdown %", kind: "decimal", required: true, placeholder: "5" },
      { key: "windowMinutes", label: "Within minutes", kind: "whole", required: false, placeholder: "1440" },
    ],
  },
  stream_down: {
    label: "Stream not live",
    fields: [{ key: "seconds", label: "For seconds", kind: "whole", required: false, placeholder: "60" }],
  },
  missed_fills: { label: "Missed fills found", fields: [] },
  auth_error: { label: "API key refused", fields: [] },
  listen_key_failure: { label: "Listen key failure", fields: [] },
  key_expiry: { label: "API key expiring", fields: [] },
};

export const RULE_EVENTS = Object.keys(EVENTS) as RuleEvent[];

export function eventLabel(event: AlertEvent): string {
  return event === "test" ? "Test" : EVENTS[event].label;
}

/** The accepted channel URLs, for the hint under the input. */
export const CHANNEL_FORMS = [
  "https://… (JSON webhook)",
  "tgram://BOT_TOKEN/CHAT_ID",
  "discord://WEBHOOK_ID/WEBHOOK_TOKEN",
  "ntfy://[host/]topic",
  "browser",
] as const;

const CHANNEL_URL = /^(https?:\/\/\S+|tgram:\/\/\S+|discord:\/\/\S+|ntfy:\/\/\S+|browser)$/i;
const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;
const SYMBOL_TEXT = /^[A-Za-z0-9]{2,20}$/;
const ASSET_TEXT = /^[A-Za-z0-9]{1,20}$/;

/** The form's values: every input as typed. */
export type ConditionValues = Readonly<Partial<Record<ConditionKey, string>>>;

/** A hint for the channel URL as typed, or undefined when it looks right (or is still empty). */
export function channelHint(to: string): string | undefined {
  const text = to.trim();
  if (text === "" || CHANNEL_URL.test(text)) return undefined;
  return "not a channel URL mexc-live knows: see the forms below";
}

/** A hint for a condition's value as typed, or undefined when it looks right. */
export function conditionHint(field: ConditionField, value: string | undefined): string | undefined {
  const text = (value ?? "").trim();
  if (text === "") return field.required ? "required" : undefined;
  switch (field.kind) {
    case "decimal":
      return DECIMAL.test(text) ? undefined : "a number such as 1000 or 0.5";
    case "whole":
      return WHOLE.test(text) && Number(text) > 0 ? undefined : "a whole number above 0";
    case "symbol":
      return SYMBOL_TEXT.test(text) ? undefined : "a symbol such as BTCUSDT";
    case "asset":
      return ASSET_TEXT.test(text) ? undefined : "an asset such as BTC";
    default:
      return undefined;
  }
}

/** The POST body for what the form holds: only the chosen event's conditions, empty ones left out. */
export function ruleInput(on: RuleEvent, to: string, values: ConditionValues): AlertRuleInput {
  const conditions: Record<string, string | number> = {};
  for (const field of EVENTS[on].fields) {
    const text = (values[field.key] ?? "").trim();
    if (text === "") continue;
    if (field.kind === "symbol" || field.kind === "asset") conditions[field.key] = text.toUpperCase();
    // A whole number is sent as a number; anything else as typed, for the gateway to name what is wrong.
    else if (field.kind === "whole") conditions[field.key] = WHOLE.test(text) ? Number(text) : text;
    else conditions[field.key] = text;
  }
  const input = { on, to: to.trim() };
  return Object.keys(conditions).length === 0 ? input : { ...input, conditions: conditions as AlertConditions };
}

/** Where a 400's message belongs: "to: …" is the channel's, "threshold: …" a condition's, anything else the form's. */
export function fieldOfMessage(message: string): { field: "on" | "to" | ConditionKey | null; text: string } {
  const match = /^(?:conditions\.)?([A-Za-z]+): (.*)$/s.exec(message);
  const name = match?.[1];
  if (match && name !== undefined && (name === "on" || name === "to" || isConditionKey(name))) {
    return { field: name, text: match[2] ?? message };
  }
  return { field: null, text: message };
}

const CONDITION_KEYS: readonly ConditionKey[] = [
  "symbol",
  "side",
  "asset",
  "minQuote",
  "threshold",
  "percent",
  "windowMinutes",
  "seconds",
];

function isConditionKey(name: string): name is ConditionKey {
  return (CONDITION_KEYS as readonly string[]).includes(name);
}

/** A rule's conditions in a few words: "BTCUSDT · BUY · value ≥ 100 USDT", "BTC below 0.5". */
export function describeConditions(on: AlertEvent, c: AlertConditions, quote: string): string {
  switch (on) {
    case "fill":
    case "order_placed":
    case "order_canceled":
    case "order_expired":
      return [c.symbol ?? "any symbol", c.side, c.minQuote === undefined ? undefined : `value ≥ ${c.minQuote} ${quote}`]
        .filter((part) => part !== undefined)
        .join(" · ");
    case "deposit":
    case "withdrawal":
      return c.asset ?? "any asset";
    case "balance_above":
      return `${c.asset ?? "?"} above ${c.threshold ?? "?"}`;
    case "balance_below":
      return `${c.asset ?? "?"} below ${c.threshold ?? "?"}`;
    case "equity_above":
      return `above ${c.threshold ?? "?"} ${quote}`;
    case "equity_below":
      return `below ${c.threshold ?? "?"} ${quote}`;
    case "drawdown":
      return `${c.percent ?? "?"} % from the peak within ${c.windowMinutes === undefined ? "?" : minutesText(c.windowMinutes)}`;
    case "stream_down":
      return `not live for ${c.seconds ?? "?"} s`;
    default:
      return "";
  }
}

/** 1440 -> "1 d", 90 -> "90 min", 120 -> "2 h". */
function minutesText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
