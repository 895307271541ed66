import { describe, expect, it } from "vitest";
import { channelHint, describeConditions, fieldOfMessage, ruleInput } from "./ruleForm.js";

describe("rule form", () => {
  it("sends only the chosen event's conditions, symbols upper-cased, whole numbers as numbers", () => {
    const values = { symbol: " btcusdt ", side: "SELL", seconds: "90", percent: "", threshold: "5" };
    expect(ruleInput("fill", " tgram://1/2 ", values)).toEqual({
      on: "fill",
      to: "tgram://1/2",
      conditions: { symbol: "BTCUSDT", side: "SELL" },
    });
    expect(ruleInput("stream_down", "browser", values)).toEqual({
      on: "stream_down",
      to: "browser",
      conditions: { seconds: 90 },
    });
    expect(ruleInput("missed_fills", "browser", values)).toEqual({ on: "missed_fills", to: "browser" });
  });

  it("leaves a malformed whole number as typed, for the gateway to name the field", () => {
    expect(ruleInput("drawdown", "browser", { percent: "5", windowMinutes: "1.5" }).conditions).toEqual({
      percent: "5",
      windowMinutes: "1.5",
    });
  });

  it("places a refusal by the field its message names", () => {
    expect(fieldOfMessage("to: tgram:// needs BOT_TOKEN/CHAT_ID")).toEqual({
      field: "to",
      text: "tgram:// needs BOT_TOKEN/CHAT_ID",
    });
    expect(fieldOfMessage("conditions.threshold: not a decimal")).toEqual({
      field: "threshold",
      text: "not a decimal",
    });
    expect(fieldOfMessage("body: not JSON")).toEqual({ field: null, text: "body: not JSON" });
  });

  it("hints at a channel URL it does not know, never at the known forms", () => {
    for (const to of ["https://x.example/h", "tgram://1/2", "discord://1/t", "ntfy://topic", "browser", ""]) {
      expect(channelHint(to)).toBeUndefined();
    }
    expect(channelHint("telegram://1/2")).toContain("not a channel URL");
  });

  it("reads a rule's conditions in a few words", () => {
    expect(describeConditions("fill", {}, "USDT")).toBe("any symbol");
    // A fill's value is in its pair's quote asset.
    expect(describeConditions("fill", { symbol: "ETHBTC", minQuote: "0.01" }, "USDT")).toBe(
      "ETHBTC · value ≥ 0.01 BTC",
    );
    expect(describeConditions("fill", { minQuote: "100" }, "USDT")).toBe(
      "any symbol · value ≥ 100 in the pair's quote asset",
    );
    expect(describeConditions("drawdown", { percent: "5", windowMinutes: 60 }, "USDT")).toBe(
      "5 % from the peak within 1 h",
    );
    expect(describeConditions("drawdown", { percent: "2.5", windowMinutes: 90 }, "USDT")).toBe(
      "2.5 % from the peak within 90 min",
    );
    expect(describeConditions("equity_below", { threshold: "1000" }, "USDC")).toBe("below 1000 USDC");
    expect(describeConditions("auth_error", {}, "USDT")).toBe("");
  });
});
