/**
 * Alert rules: what a rule is once checked, how a rule from the config file or the dashboard is
 * checked (a mistake names its field, never quotes a channel URL: it holds tokens), and whether an
 * alert matches a rule's conditions. Which conditions each event takes, and what each accepts, is
 * contract's RULE_CONDITIONS (the dashboard's form reads the same table); the checker here is
 * built from it.
 */
import {
  type AlertConditions,
  type AlertEvent,
  type AlertNotice,
  type AlertRuleItem,
  ASSET_PATTERN,
  type ConditionRule,
  MAX_DRAWDOWN_WINDOW_MINUTES,
  RULE_CONDITIONS,
  RULE_EVENTS,
  type RuleEvent,
  SYMBOL_PATTERN,
} from "@mexc-live/contract";
import { compareDecimal, isJsonObject, isUnsignedDecimal, MINUTE_MS, SIDES } from "@mexc-live/protocol";
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

/** The longest drawdown window, in ms: the equity the engine keeps looking back. */
export const MAX_DRAWDOWN_WINDOW_MS = MAX_DRAWDOWN_WINDOW_MINUTES * MINUTE_MS;

const SYMBOL = z.string().regex(SYMBOL_PATTERN, "must be an upper-case symbol such as BTCUSDT");
const ASSET = z.string().regex(ASSET_PATTERN, "must be an upper-case asset such as BTC");
const AMOUNT = z
  .string()
  .refine(isUnsignedDecimal, 'must be a decimal number as a string, such as "0.5"')
  .refine((text) => compareDecimal(text, "0") > 0, "must be more than 0");
const PERCENT = AMOUNT.refine((text) => compareDecimal(text, "100") < 0, "must be less than 100");
const SIDE = z.enum(SIDES);

/** The checker of one condition, from contract's table. */
function conditionSchema(rule: ConditionRule): z.ZodType {
  switch (rule.kind) {
    case "symbol":
      return SYMBOL;
    case "asset":
      return ASSET;
    case "side":
      return SIDE;
    case "amount":
      return AMOUNT;
    case "percent":
      return PERCENT;
    case "whole": {
      const whole = z
        .number()
        .int()
        .min(rule.min ?? 0)
        .max(rule.max ?? Number.MAX_SAFE_INTEGER);
      return rule.default === undefined ? whole : whole.default(rule.default);
    }
  }
}

/** Which conditions each event takes, and which it needs (contract's RULE_CONDITIONS). */
const CONDITIONS = Object.fromEntries(
  RULE_EVENTS.map((event) => [
    event,
    z.strictObject(
      Object.fromEntries(
        RULE_CONDITIONS[event].map((rule) => {
          const schema = conditionSchema(rule);
          return [rule.key, rule.required || rule.default !== undefined ? schema : schema.optional()];
        }),
      ),
    ),
  ]),
) as unknown as Readonly<Record<RuleEvent, z.ZodType<AlertConditions>>>;

/**
 * Checks a rule as written: `{ on, to, conditions }` from the API, or `{ on, to, ...conditions }`
 * from the config file (`flat`). Field names in mistakes are relative: "to", "conditions.threshold"
 * (or "threshold" when flat).
 */
export function checkRule(input: unknown, flat: boolean): RuleCheck {
  if (!isJsonObject(input)) {
    return { ok: false, field: "", message: 'must be an object such as { "on": "fill", "to": "browser" }' };
  }
  const { on, to, ...rest } = input;
  if (typeof on !== "string" || !(RULE_EVENTS as readonly string[]).includes(on)) {
    return { ok: false, field: "on", message: `must be one of ${RULE_EVENTS.join(", ")}` };
  }
  const event = on as RuleEvent;
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

/** A checked draft made a rule: its identity, and the destination its rate limits go by. */
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
