import { describe, expect, it } from "vitest";
import { book } from "../../test/items.js";
import { DEPTH_LEVELS, depthRows } from "./depthRows.js";

describe("depthRows", () => {
  it("keeps the best 20 levels per side, best first, values as received", () => {
    const rows = depthRows(book("BTCUSDT", 30));
    expect(rows.bids).toHaveLength(DEPTH_LEVELS);
    expect(rows.asks).toHaveLength(DEPTH_LEVELS);
    expect(rows.bids[0]).toMatchObject({ price: "99.9", quantity: "1" });
    expect(rows.asks[0]).toMatchObject({ price: "100.0", quantity: "1" });
    expect(rows.bids.at(-1)?.price).toBe("98.0");
  });

  it("sizes each bar against the largest level shown on either side", () => {
    const rows = depthRows({
      symbol: "BTCUSDT",
      version: "1",
      bids: [
        ["99", "2"],
        ["98", "garbage"],
      ],
      asks: [["101", "8"]],
      resyncs: 0,
    });
    expect(rows.bids.map((r) => r.share)).toEqual([0.25, 0]);
    expect(rows.asks.map((r) => r.share)).toEqual([1]);
  });

  it("gives the spread exactly, with its share of the bid", () => {
    const rows = depthRows({
      symbol: "X",
      version: "1",
      bids: [["64999.9", "1"]],
      asks: [["65000.50", "1"]],
      resyncs: 0,
    });
    expect(rows.spread).toBe("0.60");
    expect(rows.spreadPct).toBeCloseTo((0.6 / 64999.9) * 100, 10);
  });

  it("has no spread with one side empty, and nothing without a book", () => {
    const oneSided = depthRows({ symbol: "X", version: "1", bids: [["1", "1"]], asks: [], resyncs: 0 });
    expect(oneSided.spread).toBeNull();
    expect(depthRows(null)).toEqual({ bids: [], asks: [], spread: null, spreadPct: null });
  });
});
