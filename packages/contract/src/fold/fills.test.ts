import { describe, expect, it } from "vitest";
import type { FillItem } from "../items.js";
import { appendOlderFills, applyFillsSnapshot, emptyFills, mergeFills } from "./fills.js";

const fill = (tradeId: string, time: number, price = "1"): FillItem => ({
  tradeId,
  orderId: "o",
  symbol: "BTCUSDT",
  side: "BUY",
  price,
  quantity: "1",
  amount: price,
  fee: "0",
  feeCurrency: "USDT",
  feeValue: "0",
  isMaker: false,
  time,
  source: "stream",
});
const ids = (state: { items: readonly FillItem[] }) => state.items.map((f) => f.tradeId);

describe("fills fold", () => {
  it("keeps one row per tradeId, newest first, same-millisecond trades by id", () => {
    let state = mergeFills(emptyFills(10), [fill("9", 1), fill("10", 1), fill("8", 2)]);
    state = mergeFills(state, [fill("9", 1, "2")]);
    expect(ids(state)).toEqual(["8", "10", "9"]);
    expect(state.items.find((f) => f.tradeId === "9")?.price).toBe("2");
  });

  it("drops the oldest beyond the cap, also when a late fill lands in the middle", () => {
    let state = mergeFills(emptyFills(3), [fill("1", 10), fill("2", 20), fill("3", 30)]);
    state = mergeFills(state, [fill("4", 15)]);
    expect(ids(state)).toEqual(["3", "2", "4"]);
  });

  it("drops held fills a snapshot does not reach back to, rather than show a hole", () => {
    const held = mergeFills(emptyFills(5), [fill("1", 10)]);
    expect(ids(applyFillsSnapshot(held, [fill("7", 70), fill("6", 60)], 5))).toEqual(["7", "6"]);
    expect(ids(applyFillsSnapshot(held, [fill("7", 70), fill("1", 10)], 5))).toEqual(["7", "1"]);
  });

  it("raises the cap for older pages, up to the total bound", () => {
    const held = mergeFills(emptyFills(2), [fill("5", 50), fill("4", 40)]);
    const more = appendOlderFills(held, [fill("3", 30), fill("2", 20), fill("1", 10)], 4);
    expect(ids(more)).toEqual(["5", "4", "3", "2"]);
  });
});
