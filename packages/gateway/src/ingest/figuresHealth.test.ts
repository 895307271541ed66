import { describe, expect, it } from "vitest";
import { FiguresHealth } from "./figuresHealth.js";

describe("health's figures", () => {
  it("says what the figures take in once it has gone on for a while, and nothing once they hold everything", () => {
    const health = new FiguresHealth(2_000);
    const valuing = ["valuing 120 fills at the prices of their time"];
    expect(health.read(0, [])).toEqual({ updating: [] });
    expect(health.read(1_000, valuing)).toEqual({ updating: [] }); // a moment's recompute is not news
    expect(health.read(2_500, valuing)).toEqual({ updating: [] });
    expect(health.read(3_000, valuing)).toEqual({ updating: valuing });
    expect(health.read(3_500, ["working out PnL by asset again"])).toEqual({
      updating: ["working out PnL by asset again"],
    });
    expect(health.read(4_000, [])).toEqual({ updating: [] });
    expect(health.read(5_000, valuing)).toEqual({ updating: [] }); // counted again from here
  });
});
