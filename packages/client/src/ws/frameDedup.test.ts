import { describe, expect, it } from "vitest";
import { FrameDedup } from "./frameDedup.js";

const frame = (...bytes: number[]) => Uint8Array.from(bytes);

describe("FrameDedup", () => {
  it("drops each copy the old socket delivered exactly once", () => {
    const dedup = new FrameDedup(1_000);
    dedup.remember(frame(1), 0);
    dedup.remember(frame(1), 1);
    dedup.remember(frame(2), 2);
    expect(dedup.isDuplicate(frame(1), 10)).toBe(true);
    expect(dedup.isDuplicate(frame(1), 10)).toBe(true);
    expect(dedup.isDuplicate(frame(1), 10)).toBe(false);
    expect(dedup.isDuplicate(frame(3), 10)).toBe(false);
    expect(dedup.isDuplicate(frame(2), 10)).toBe(true);
    expect(dedup.size).toBe(0);
  });

  it("forgets frames older than its window", () => {
    const dedup = new FrameDedup(100);
    dedup.remember(frame(1), 0);
    dedup.remember(frame(2), 50);
    expect(dedup.isDuplicate(frame(1), 120)).toBe(false);
    expect(dedup.isDuplicate(frame(2), 120)).toBe(true);
  });

  it("does not let an expired entry take away a newer copy of the same bytes", () => {
    const dedup = new FrameDedup(100);
    dedup.remember(frame(9), 0);
    expect(dedup.isDuplicate(frame(9), 10)).toBe(true); // the first copy is used up
    dedup.remember(frame(9), 60);
    expect(dedup.isDuplicate(frame(9), 130)).toBe(true); // the entry at 0 expired, the copy at 60 did not
  });
});
