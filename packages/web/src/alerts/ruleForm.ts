/**
 * What the add-rule form asks for each event, and how a rule reads in the list. The conditions an
 * event takes are contract's RULE_CONDITIONS (the gateway checks rules by the same table); EVENTS
 * adds the form's labels and placeholders. Checks here are hints only: the gateway decides, and
 * its 400 message (which starts with the field's name) is shown next to that field.
 */
import {
  type AlertConditions,
  type AlertEvent,
  type AlertRuleInput,
  ASSET_TEXT_PATTERN,
  CONDITION_KEYS,
  type ConditionKey,
  type ConditionRule,
  RULE_CONDITIONS,
  RULE_EVENTS,
  type RuleEvent,
  SYMBOL_TEXT_PATTERN,
} from "@mexc-live/contract";

import { quoteOfPair } from "../format/pairQuote.js";

export { CHANNEL_URL_FORMS as CHANNEL_FORMS, RULE_EVENTS } from "@mexc-live/contract";
export type { ConditionKey, RuleEvent };

/** A condition as the form asks for it: contract's rule with a label and a placeholder. */
export interface ConditionField extends ConditionRule {
  readonly label: string;
  readonly placeholder?: string;
}

/** Each condition's label, and its placeholder when the field is required and has no default. */
const FIELD_TEXT: Readonly<Record<ConditionKey, { readonly label: string; readonly example?: string }>> = {
  symbol: { label: "Symbol" },
  side: { label: "Side" },
  asset: { label: "Asset", example: "BTC" },
  minQuote: { label: "Min. value" },
  threshold: { label: "Threshold" },
  percent: { label: "Drawdown %", example: "5" },
  windowMinutes: { label: "Within minutes" },
  seconds: { label: "For seconds" },
};

/** An optional field's placeholder says what leaving it empty means: its default, or "any". */
function formField(rule: ConditionRule): ConditionField {
  const { label, example } = FIELD_TEXT[rule.key];
  const placeholder =
    rule.default !== undefined
      ? String(rule.default)
      : rule.kind === "side"
        ? undefined
        : rule.required
          ? example
          : "any";
  return placeholder === undefined ? { ...rule, label } : { ...rule, label, placeholder };
}

const LABELS: Readonly<Record<RuleEvent, string>> = {
  fill: "Fill",
  order_placed: "Order placed",
  order_canceled: "Order canceled",
  order_expired: "Order expired",
  deposit: "Deposit credited",
  withdrawal: "Withdrawal sent",
  balance_above: "Balance above",
  balance_below: "Balance below",
  equity_above: "Equity above",
  equity_below: "Equity below",
  drawdown: "Drawdown",
  stream_down: "Stream not live",
  missed_fills: "Missed fills found",
  auth_error: "API key refused",
  listen_key_failure: "Listen key failure",
  key_expiry: "API key expiring",
};

/** Each event's label and the form's fields for its conditions (contract's RULE_CONDITIONS). */
export const EVENTS: Readonly<
  Record<RuleEvent, { readonly label: string; readonly fields: readonly ConditionField[] }>
> = Object.fromEntries(
  RULE_EVENTS.map((event) => [event, { label: LABELS[event], fields: RULE_CONDITIONS[event].map(formField) }]),
) as Record<RuleEvent, { label: string; fields: ConditionField[] }>;

export function eventLabel(event: AlertEvent): string {
  return event === "test" ? "Test" : EVENTS[event].label;
}

const CHANNEL_URL = /^(https?:\/\/\S+|tgram:\/\/\S+|discord:\/\/\S+|ntfy:\/\/\S+|browser)$/i;
const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

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
    case "amount":
    case "percent":
      return DECIMAL.test(text) ? undefined : "a number such as 1000 or 0.5";
    case "whole":
      return WHOLE.test(text) && Number(text) > 0 ? undefined : "a whole number above 0";
    case "symbol":
      return SYMBOL_TEXT_PATTERN.test(text) ? undefined : "a symbol such as BTCUSDT";
    case "asset":
      return ASSET_TEXT_PATTERN.test(text) ? undefined : "an asset such as BTC";
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

function isConditionKey(name: string): name is ConditionKey {
  return (CONDITION_KEYS as readonly string[]).includes(name);
}

/**
 * The unit a condition's amount is in, as the form's label says it: a fill's value is in its pair's
 * quote asset (the alerts' engine compares the fill's amount: "BTC" for ETHBTC), the equity in the
 * quote currency, a balance in its asset; for a pair or asset not typed yet, in words.
 */
export function conditionUnit(key: ConditionKey, on: RuleEvent, values: ConditionValues, quote: string): string | null {
  if (key === "minQuote") {
    const symbol = (values.symbol ?? "").trim().toUpperCase();
    return (symbol === "" ? "" : quoteOfPair(symbol, quote)) || "the pair's quote asset";
  }
  if (key !== "threshold") return null;
  if (on === "equity_above" || on === "equity_below") return quote;
  const asset = (values.asset ?? "").trim().toUpperCase();
  return asset === "" ? "in the asset" : asset;
}

/** A rule's conditions in a few words: "BTCUSDT · BUY · value ≥ 100 USDT", "BTC below 0.5". */
export function describeConditions(on: AlertEvent, c: AlertConditions, quote: string): string {
  switch (on) {
    case "fill":
    case "order_placed":
    case "order_canceled":
    case "order_expired":
      return [
        c.symbol ?? "any symbol",
        c.side,
        c.minQuote === undefined
          ? undefined
          : `value ≥ ${c.minQuote} ${(c.symbol && quoteOfPair(c.symbol, quote)) || "in the pair's quote asset"}`,
      ]
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
