import { describe, expect, it } from "vitest";
import { endEquityBehind } from "./endMoment.js";

describe("endEquityBehind", () => {
  it("holds an end equity back while its answer is older than the equity point the summary shows", () => {
    expect(endEquityBehind(6, 7, true)).toBe(true);
    expect(endEquityBehind(7, 7, true)).toBe(false);
    expect(endEquityBehind(9, 7, true)).toBe(false); // fills after the point moved it on: it holds the point
  });

  it("holds nothing back for a range that ended, or versions not known", () => {
    expect(endEquityBehind(6, 7, false)).toBe(false);
    expect(endEquityBehind(null, 7, true)).toBe(false);
    expect(endEquityBehind(undefined, 7, true)).toBe(false);
    expect(endEquityBehind(6, undefined, true)).toBe(false);
  });
});
