import type { TradeTick } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { KEPT_TRADES, TapeCatchUp } from "./tapeCatchUp.js";

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const tick = (ms: number, price = "100", quantity = "1", side: TradeTick["side"] = "BUY"): TradeTick => ({
  symbol: "BTCUSDT",
  price,
  quantity,
  side,
  time: T0 + ms,
});

/** A tape whose reads the test answers one by one; `shown` is what the list got, in order. */
function tape() {
  const answers: ((ticks: readonly TradeTick[] | undefined) => void)[] = [];
  const shown: TradeTick[] = [];
  let reads = 0;
  const catchUp = new TapeCatchUp(
    () =>
      new Promise((resolve) => {
        reads++;
        answers.push(resolve);
      }),
    (ticks) => shown.push(...ticks),
  );
  const stream = (t: TradeTick) => {
    if (catchUp.streamed(t)) shown.push(t);
  };
  const answer = async (ticks: readonly TradeTick[] | undefined) => {
    answers.shift()?.(ticks);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { catchUp, shown, stream, answer, reads: () => reads };
}

const times = (ticks: readonly TradeTick[]) => ticks.map((t) => t.time - T0);

describe("the trades list: MEXC's latest trades and the stream's, each trade once", () => {
  it("shows the answer's trades oldest first, and none of them again when the stream pushes it", async () => {
    const t = tape();
    t.catchUp.catchUp();
    // A trade the stream pushed while the answer was on its way, which the answer holds too.
    t.stream(tick(30));
    await t.answer([tick(30), tick(10), tick(20)]); // in any order
    t.stream(tick(30)); // (a repeat of the same push is a second trade alike: see below)
    t.stream(tick(40));
    expect(times(t.shown)).toEqual([30, 10, 20, 30, 40]);
  });

  it("counts trades alike: two in one millisecond at one price show twice, whichever source has them", async () => {
    const t = tape();
    t.catchUp.catchUp();
    t.stream(tick(5, "100", "2", "SELL"));
    await t.answer([tick(5, "100", "2", "SELL"), tick(5, "100", "2", "SELL"), tick(5, "100", "2", "BUY")]);
    expect(t.shown.map((s) => s.side).sort()).toEqual(["BUY", "SELL", "SELL"]);
    // The stream's push of the second one now: shown already.
    t.stream(tick(5, "100", "2", "SELL"));
    expect(t.shown).toHaveLength(3);
  });

  it("after a gap, shows the trades the stream missed and not those shown before it", async () => {
    const t = tape();
    t.catchUp.catchUp();
    await t.answer([tick(1), tick(2)]);
    t.stream(tick(3));
    // Down from 4 to 8; the stream is live again at 9, before the read's answer.
    t.catchUp.catchUp();
    t.stream(tick(9));
    await t.answer([tick(2), tick(3), tick(4), tick(5, "101"), tick(8), tick(9)]);
    expect(times(t.shown)).toEqual([1, 2, 3, 9, 4, 5, 8]);
  });

  it("reads once at a time: gaps during a read make one more read after it, none after the topic closed", async () => {
    const t = tape();
    t.catchUp.catchUp();
    t.catchUp.catchUp();
    t.catchUp.catchUp();
    expect(t.reads()).toBe(1);
    await t.answer([tick(1)]);
    expect(t.reads()).toBe(2);
    await t.answer(undefined); // refused: nothing shown, the reader said why
    expect(t.reads()).toBe(2);
    t.catchUp.catchUp();
    t.catchUp.close();
    await t.answer([tick(2)]);
    t.catchUp.catchUp();
    expect(t.reads()).toBe(3);
    expect(times(t.shown)).toEqual([1]);
  });

  it(`remembers the last ${KEPT_TRADES} trades: an answer's trade at or before one forgotten is not shown again`, async () => {
    const t = tape();
    for (let ms = 1; ms <= KEPT_TRADES + 50; ms++) t.stream(tick(ms));
    t.catchUp.catchUp();
    // The answer holds the last 100 streamed and one the stream missed; the oldest 50 are forgotten.
    const answer = Array.from({ length: 100 }, (_, i) => tick(KEPT_TRADES - 50 + i + 1));
    await t.answer([...answer, tick(KEPT_TRADES + 60), tick(50), tick(51)]);
    // 50 was forgotten (not shown again though MEXC still lists it), 51 is remembered: only the missed one.
    expect(times(t.shown.slice(KEPT_TRADES + 50))).toEqual([KEPT_TRADES + 60]);
  });
});
