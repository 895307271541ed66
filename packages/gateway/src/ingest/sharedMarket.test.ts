import { describe, expect, it } from "vitest";
import { marketsReadText } from "./sharedMarket.js";

describe("the exchangeInfo read, said at the terminal", () => {
  it("names the pairs MEXC refuses API orders on and those it lists to signed requests only, in words", () => {
    expect(marketsReadText(9, 1, 1)).toBe(
      "MEXC's pairs read: 9; 1 with API trading off at MEXC (shown, but MEXC refuses API orders on it); 1 listed to signed requests only (MEXC's Assessment Zone)",
    );
    expect(marketsReadText(2_000, 3, 0)).toBe(
      "MEXC's pairs read: 2000; 3 with API trading off at MEXC (shown, but MEXC refuses API orders on them)",
    );
    expect(marketsReadText(9, 0, 0)).toBe("MEXC's pairs read: 9");
  });
});
