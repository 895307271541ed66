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
});
