/**
 * Alert rules: what a rule is once checked, how a rule from the config file or the dashboard is
 * checked (a mistake names its field, never quotes a channel URL: it holds tokens), and whether an
 * alert matches a rule's conditions.
 *
 * Conditions by event (README "Alerts"); amounts are decimal strings:
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
import {
  ALERT_EVENTS,
  type AlertConditions,
  type AlertEvent,
  type AlertNotice,
  type AlertRuleItem,
} from "@mexc-live/contract";
import { compareDecimal, isUnsignedDecimal, MINUTE_MS } from "@mexc-live/protocol";
import { z } from "zod";
import {
  type ChannelTarget,
  channelKind,
  destinationKey,
  maskChannelUrl,
  parseChannelUrl,
} from "./channels/channelUrl.js";

/** A checked rule, with its channel URL (a secret: never returned by the API, never logged). */
export interface AlertRule {
  readonly id: string;
  readonly source: "config" | "dashboard";
  readonly on: AlertEvent;
  readonly url: string;
  readonly target: ChannelTarget;
  /** Where it sends, without secrets: rate limits and "once per channel" go by it. */
  readonly destination: string;
  readonly conditions: AlertConditions;
  readonly muted: boolean;
  readonly createdAt: number;
}

/** What a rule needs before it is stored: the event, the channel URL and conditions. */
export interface RuleDraft {
  readonly on: AlertEvent;
  readonly url: string;
  readonly target: ChannelTarget;
  readonly conditions: AlertConditions;
}

export type RuleCheck = { ok: true; draft: RuleDraft } | { ok: false; field: string; message: string };

export const DEFAULT_DRAWDOWN_WINDOW_MINUTES = 24 * 60;
/** The longest drawdown window a rule may have: 30 days. */
export const MAX_DRAWDOWN_WINDOW_MINUTES = 43_200;
export const MAX_DRAWDOWN_WINDOW_MS = MAX_DRAWDOWN_WINDOW_MINUTES * MINUTE_MS;
export const DEFAULT_STREAM_DOWN_SECONDS = 60;

/** Events a rule can be on ("test" is only what "send a test" raises). */
export const RULE_EVENTS = ALERT_EVENTS.filter((event) => event !== "test");

const SYMBOL = z.string().regex(/^[A-Z0-9]{2,20}$/, "must be an upper-case symbol such as BTCUSDT");
const ASSET = z.string().regex(/^[A-Z0-9]{1,20}$/, "must be an upper-case asset such as BTC");
const AMOUNT = z
  .string()
  .refine(isUnsignedDecimal, 'must be a decimal number as a string, such as "0.5"')
  .refine((text) => compareDecimal(text, "0") > 0, "must be more than 0");
const PERCENT = AMOUNT.refine((text) => compareDecimal(text, "100") < 0, "must be less than 100");
const SIDE = z.enum(["BUY", "SELL"]);

/** Which conditions each event takes, and which it needs. */
const CONDITIONS: Readonly<Record<Exclude<AlertEvent, "test">, z.ZodType<AlertConditions>>> = {
  fill: z.strictObject({ symbol: SYMBOL.optional(), side: SIDE.optional(), minQuote: AMOUNT.optional() }),
  order_placed: z.strictObject({ symbol: SYMBOL.optional(), side: SIDE.optional() }),
  order_canceled: z.strictObject({ symbol: SYMBOL.optional(), side: SIDE.optional() }),
  order_expired: z.strictObject({ symbol: SYMBOL.optional(), side: SIDE.optional() }),
  deposit: z.strictObject({ asset: ASSET.optional() }),
  withdrawal: z.strictObject({ asset: ASSET.optional() }),
  balance_above: z.strictObject({ asset: ASSET, threshold: AMOUNT }),
  balance_below: z.strictObject({ asset: ASSET, threshold: AMOUNT }),
  equity_above: z.strictObject({ threshold: AMOUNT }),
  equity_below: z.strictObject({ threshold: AMOUNT }),
  drawdown: z.strictObject({
    percent: PERCENT,
    windowMinutes: z.number().int().min(1).max(MAX_DRAWDOWN_WINDOW_MINUTES).default(DEFAULT_DRAWDOWN_WINDOW_MINUTES),
  }),
  stream_down: z.strictObject({ seconds: z.number().int().min(5).max(86_400).default(DEFAULT_STREAM_DOWN_SECONDS) }),
  missed_fills: z.strictObject({}),
  auth_error: z.strictObject({}),
  listen_key_failure: z.strictObject({}),
  key_expiry: z.strictObject({}),
};

/**
 * Checks a rule as written: `{ on, to, conditions }` from the API, or `{ on, to, ...conditions }`
 * from the config file (`flat`). Field names in mistakes are relative: "to", "conditions.threshold"
 * (or "threshold" when flat).
 */
export function checkRule(input: unknown, flat: boolean): RuleCheck {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, field: "", message: 'must be an object such as { "on": "fill", "to": "browser" }' };
  }
  const { on, to, ...rest } = input as Record<string, unknown>;
  if (typeof on !== "string" || !(RULE_EVENTS as readonly string[]).includes(on)) {
    return { ok: false, field: "on", message: `must be one of ${RULE_EVENTS.join(", ")}` };
  }
  const event = on as Exclude<AlertEvent, "test">;
  if (typeof to !== "string" || to.trim() === "") {
    return {
      ok: false,
      field: "to",
      message: "must be a channel URL (https://…, tgram://, discord://, ntfy://) or browser",
    };
  }
  let target: ChannelTarget;
  try {
    target = parseChannelUrl(to.trim());
  } catch (error) {
    return { ok: false, field: "to", message: (error as Error).message };
  }
  let conditions: unknown;
  if (flat) conditions = rest;
  else {
    const extra = Object.keys(rest).filter((key) => key !== "conditions");
    if (extra.length > 0) return { ok: false, field: extra[0]!, message: "is not a rule field (on, to, conditions)" };
    conditions = rest.conditions ?? {};
  }
  const parsed = CONDITIONS[event].safeParse(conditions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path.join(".");
    const field = flat ? String(key ?? "") : `conditions${key ? `.${String(key)}` : ""}`;
    const message =
      issue.code === "unrecognized_keys"
        ? `is not a condition of "${event}" (README "Alerts" lists them)`
        : issue.code === "invalid_type" && issue.input === undefined
          ? `is needed for "${event}"`
          : issue.message;
    return { ok: false, field, message };
  }
  return { ok: true, draft: { on: event, url: to.trim(), target, conditions: parsed.data } };
}

export function toRule(
  draft: RuleDraft,
  identity: { id: string; source: AlertRule["source"]; muted: boolean; createdAt: number },
): AlertRule {
  return { ...draft, ...identity, destination: destinationKey(draft.target) };
}

/** The rule as the API shows it: its URL masked. */
export function ruleItem(rule: AlertRule): AlertRuleItem {
  return {
    id: rule.id,
    source: rule.source,
    on: rule.on,
    to: maskChannelUrl(rule.target),
    channel: channelKind(rule.target),
    conditions: rule.conditions,
    muted: rule.muted,
    createdAt: rule.createdAt,
  };
}

/** Whether an alert of the rule's event passes its symbol/side/asset/minQuote conditions. */
export function matchesConditions(rule: AlertRule, notice: AlertNotice): boolean {
  const { symbol, side, asset, minQuote } = rule.conditions;
  const { fields } = notice;
  if (symbol !== undefined && fields.symbol !== symbol) return false;
  if (side !== undefined && fields.side !== side) return false;
  if (asset !== undefined && fields.asset !== asset) return false;
  if (minQuote !== undefined && compareDecimal(String(fields.amount ?? "0"), minQuote) < 0) return false;
  return true;
}
