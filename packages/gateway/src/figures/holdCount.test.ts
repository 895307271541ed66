import { describe, expect, it } from "vitest";
import { HoldCount } from "./holdCount.js";

describe("HoldCount", () => {
  it("stays held until every hold is released, and a release called twice counts its hold off once", () => {
    const holds = new HoldCount();
    const first = holds.take(() => {});
    const second = holds.take(() => {});
    first();
    first();
    expect(holds.held).toBe(true);
    second();
    expect(holds.held).toBe(false);
  });

  it("calls back once per hold, after counting it off", () => {
    const holds = new HoldCount();
    const seen: boolean[] = [];
    const release = holds.take(() => seen.push(holds.held));
    release();
    release();
    expect(seen).toEqual([false]);
  });
});
