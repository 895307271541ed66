import { Decimal as Big } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { canonicalDecimal, DepthBook } from "./depthBook.js";

describe("canonicalDecimal", () => {
  it("gives padded snapshot numbers and trimmed push numbers one spelling", () => {
    expect(canonicalDecimal("96987.90")).toBe("96987.9");
    expect(canonicalDecimal("96987.9")).toBe("96987.9");
    expect(canonicalDecimal("0.00032200")).toBe("0.000322");
    expect(canonicalDecimal("007")).toBe("7");
    expect(canonicalDecimal("0.000")).toBe("0");
    expect(canonicalDecimal("0")).toBe("0");
  });

  it("refuses what is not a plain non-negative decimal", () => {
    for (const bad of ["", "-1", "1e-3", "NaN", "1.", ".5", "1,5", " 1", "0x10"]) {
      expect(() => canonicalDecimal(bad), bad).toThrow(/not a decimal/);
    }
  });
});

describe("DepthBook", () => {
  it("loads a padded REST snapshot and applies trimmed pushes to the same levels", () => {
    const book = new DepthBook("BTCUSDT");
    book.load({
      version: "100",
      bids: [
        ["96987.90", "0.005971"],
        ["96970.54", "0.008297"],
      ],
      asks: [
        ["97013.89", "0.002937"],
        ["97036.19", "0.004202"],
      ],
    });
    book.apply({
      toVersion: "103",
      bids: [
        { price: "96987.9", quantity: "0.1" },
        { price: "96990", quantity: "0.2" },
      ],
      asks: [{ price: "97013.89", quantity: "0" }],
    });
    expect(book.version).toBe("103");
    expect(book.bestBid()).toEqual({ price: "96990", quantity: "0.2" });
    expect(book.bestAsk()).toEqual({ price: "97036.19", quantity: "0.004202" });
    expect(book.top(5)).toEqual({
      bids: [
        { price: "96990", quantity: "0.2" },
        { price: "96987.9", quantity: "0.1" },
        { price: "96970.54", quantity: "0.008297" },
      ],
      asks: [{ price: "97036.19", quantity: "0.004202" }],
    });
    expect(book.size).toEqual({ bids: 3, asks: 1 });
  });

  it("keeps bids best-first descending and asks ascending across many inserts and removals", () => {
    const book = new DepthBook("MXUSDT");
    book.load({ version: "1", bids: [], asks: [] });
    const prices = ["3.2", "3.15", "3.2001", "10", "0.9", "3.1999", "3.21"];
    book.apply({
      toVersion: "2",
      bids: prices.map((price) => ({ price, quantity: "1" })),
      asks: prices.map((price) => ({ price, quantity: "1" })),
    });
    book.apply({
      toVersion: "3",
      bids: [{ price: "10.000", quantity: "0" }],
      asks: [{ price: "0.90", quantity: "0" }],
    });
    const sorted = [...prices].filter((p) => p !== "10" && p !== "0.9").sort((a, b) => new Big(a).cmp(new Big(b)));
    expect(book.top(10).asks.map((level) => level.price)).toEqual([...sorted, "10"]);
    expect(book.top(10).bids.map((level) => level.price)).toEqual(["0.9", ...sorted].reverse());
  });

  it("leaves the book untouched when a push carries a malformed number", () => {
    const book = new DepthBook("BTCUSDT");
    book.load({ version: "5", bids: [["1", "1"]], asks: [["2", "1"]] });
    expect(() =>
      book.apply({ toVersion: "6", bids: [{ price: "1", quantity: "0" }], asks: [{ price: "2", quantity: "1e3" }] }),
    ).toThrow(/not a decimal/);
    expect(book.version).toBe("5");
    expect(book.top(5)).toEqual({ bids: [{ price: "1", quantity: "1" }], asks: [{ price: "2", quantity: "1" }] });
  });

  it("ignores the removal of a level it does not have", () => {
    const book = new DepthBook("BTCUSDT");
    book.load({ version: "1", bids: [["1", "1"]], asks: [] });
    book.apply({ toVersion: "2", bids: [{ price: "2", quantity: "0" }], asks: [] });
    expect(book.top(5).bids).toEqual([{ price: "1", quantity: "1" }]);
  });
});
