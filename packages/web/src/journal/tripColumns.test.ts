import { describe, expect, it } from "vitest";
import { holdingText } from "./tripColumns.js";

describe("how long a trip held what it sold", () => {
  it("reads in days and hours, hours and minutes, minutes, or seconds; unknown as a dash", () => {
    expect(holdingText(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe("3 d 4 h");
    expect(holdingText(5 * 3_600_000 + 2 * 60_000)).toBe("5 h 2 m");
    expect(holdingText(40 * 60_000)).toBe("40 m");
    expect(holdingText(40_000)).toBe("40 s");
    expect(holdingText(null)).toBe("–");
  });
});
