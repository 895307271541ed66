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

  it("changes nothing for a call a later one overtook (its push went out without it)", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const reads = {
      ...readsWithFees(() => 100),
      // The first call reads an older answer, and comes back last.
      fees: async () => {
        calls++;
        if (calls > 1) return readsWithFees(() => 100).fees();
        await held;
        return readsWithFees(() => 150).fees();
      },
    };
    const pushed = new PushedAnswers(reads, "avg");
    const overtaken = pushed.at(1);
    const latest = await pushed.at(2);
    release();
    await expect(overtaken).rejects.toThrow(/overtaken/);
    expect(latest.changedAt.fees).toBe(2);
    expect((await pushed.at(3)).changedAt.fees).toBe(2);
  });

  it("after a push nobody could receive, carries every answer, changed at the next version, even one as it was", async () => {
    const pushed = new PushedAnswers(
      readsWithFees(() => 100),
      "avg",
    );
    expect((await pushed.at(1)).changedAt.fees).toBe(1);
    // Versions 2 to 4 went out alone; the answers may have passed through other values meanwhile,
    // and a browser that opened then holds a read of one of them.
    pushed.unheard();
    const next = await pushed.at(5);
    expect(next.changedAt).toEqual({ fees: 5, feeDays: 5, pnl: 5 });
    expect(Object.keys(next.answers).sort()).toEqual(["feeDays", "fees", "pnl"]);
  });

  it("changes nothing for a call under way when a push went out unheard", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reads = {
      ...readsWithFees(() => 100),
      fees: async () => {
        await held;
        return readsWithFees(() => 100).fees();
      },
    };
    const pushed = new PushedAnswers(reads, "avg");
    const underWay = pushed.at(1);
    pushed.unheard();
    release();
    await expect(underWay).rejects.toThrow(/overtaken/);
    expect((await pushed.at(2)).changedAt).toEqual({ fees: 2, feeDays: 2, pnl: 2 });
  });
});
