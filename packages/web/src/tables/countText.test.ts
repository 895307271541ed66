import { describe, expect, it } from "vitest";
import { countText } from "./countText.js";

describe("countText", () => {
  it("says how many of how many are shown", () => {
    expect(countText(200, 20_817, "fills")).toBe("200 of 20,817 fills");
    expect(countText(3, 3, "fills")).toBe("3 fills");
    expect(countText(3, null, "fills")).toBe("3 fills held");
  });

  it("says loading, never '0 of 20,817', while the first rows have not come", () => {
    expect(countText(0, 20_817, "fills", true)).toBe("loading fills… (20,817 in all)");
    expect(countText(0, null, "orders", true)).toBe("loading orders…");
    // Once rows are in, the count again, whatever the flag says.
    expect(countText(200, 20_817, "fills", true)).toBe("200 of 20,817 fills");
    // Loaded and truly none shown (a filter matching nothing held): the plain count.
    expect(countText(0, 20_817, "fills", false)).toBe("0 of 20,817 fills");
  });

  it("says one of a thing in the singular: '1 fill', never '1 fills'", () => {
    expect(countText(1, 1, "fills")).toBe("1 fill");
    expect(countText(1, 1, "BUY fills")).toBe("1 BUY fill");
    expect(countText(1, null, "entries")).toBe("1 entry held");
    expect(countText(1, 3, "transfers")).toBe("1 of 3 transfers");
    expect(countText(0, 1, "orders")).toBe("0 of 1 order");
  });
});
