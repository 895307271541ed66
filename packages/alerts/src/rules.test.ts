/**
 * The rule checker follows contract's RULE_CONDITIONS, the table the dashboard's form reads: every
 * condition it lists is taken, every one it leaves out refused, every required one needed.
 */
import { CONDITION_KEYS, type ConditionRule, RULE_CONDITIONS, RULE_EVENTS } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { checkRule } from "./rules.js";

/** A value the condition accepts. */
function validValue(rule: ConditionRule): string | number {
  switch (rule.kind) {
    case "symbol":
      return "BTCUSDT";
    case "asset":
      return "BTC";
    case "side":
      return "SELL";
    case "amount":
      return "12.5";
    case "percent":
      return "5";
    case "whole":
      return rule.max ?? 1;
  }
}

describe("alert rule conditions", () => {
  it("takes every condition contract's table lists for an event, and refuses the others by name", () => {
    for (const event of RULE_EVENTS) {
      const rules = RULE_CONDITIONS[event];
      const all = Object.fromEntries(rules.map((rule) => [rule.key, validValue(rule)]));
      expect(checkRule({ on: event, to: "browser", conditions: all }, false)).toMatchObject({ ok: true });
      for (const key of CONDITION_KEYS.filter((name) => !rules.some((rule) => rule.key === name))) {
        expect(checkRule({ on: event, to: "browser", conditions: { ...all, [key]: "1" } }, false)).toEqual({
          ok: false,
          field: `conditions.${key}`,
          message: `is not a condition of "${event}" (README "Alerts" lists them)`,
        });
      }
    }
  });

  it("needs the required ones, and fills in the defaults of the others", () => {
    for (const event of RULE_EVENTS) {
      const check = checkRule({ on: event, to: "browser" }, false);
      const required = RULE_CONDITIONS[event].filter((rule) => rule.required);
      if (required.length > 0) {
        expect(check).toMatchObject({ ok: false, message: `is needed for "${event}"` });
        continue;
      }
      const defaults = Object.fromEntries(
        RULE_CONDITIONS[event].flatMap((rule) => (rule.default === undefined ? [] : [[rule.key, rule.default]])),
      );
      expect(check).toMatchObject({ ok: true, draft: { conditions: defaults } });
    }
  });

  it("keeps whole numbers within the table's bounds", () => {
    const seconds = RULE_CONDITIONS.stream_down[0]!;
    const at = (value: number) =>
      checkRule({ on: "stream_down", to: "browser", conditions: { seconds: value } }, false);
    expect(at(seconds.min!)).toMatchObject({ ok: true });
    expect(at(seconds.min! - 1)).toMatchObject({ ok: false, field: "conditions.seconds" });
    expect(at(seconds.max! + 1)).toMatchObject({ ok: false, field: "conditions.seconds" });
  });
});
