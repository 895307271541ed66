import type { FeeSummary } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { MAX_PUSHED_ANSWER_CHARS, PushedAnswers } from "./pushedAnswers.js";

/** Reads whose fees answer takes `chars` characters of JSON; the others empty. */
function readsWithFees(chars: () => number) {
  const fees = (): FeeSummary => {
    const bare = { quote: "USDT", byCurrency: {}, valueByCurrency: {}, totalValue: "" };
    return { ...bare, totalValue: "1".repeat(chars() - JSON.stringify(bare).length) };
  };
  return {
    fees,
    feeDays: () => ({ quote: "USDT", items: [], total: "0" }),
    pnl: () => [],
    assetPnl: () => [],
  };
}

describe("the answers a figures push carries", () => {
  it("carries an answer of MAX_PUSHED_ANSWER_CHARS, and leaves out one a character longer (its change still said)", async () => {
    let chars = MAX_PUSHED_ANSWER_CHARS;
    const pushed = new PushedAnswers(
      readsWithFees(() => chars),
      "avg",
    );
    const atBound = await pushed.at(1);
    expect(JSON.stringify(atBound.answers.fees)).toHaveLength(MAX_PUSHED_ANSWER_CHARS);
    expect(atBound.changedAt.fees).toBe(1);
    chars = MAX_PUSHED_ANSWER_CHARS + 1;
    const over = await pushed.at(2);
    expect(over.answers.fees).toBeUndefined();
    expect(over.changedAt.fees).toBe(2);
    // The others did not change: not carried again, their version of change kept.
    expect(over.answers.pnl).toBeUndefined();
    expect(over.changedAt.pnl).toBe(1);
  });
});
