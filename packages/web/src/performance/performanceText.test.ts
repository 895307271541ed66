import { describe, expect, it } from "vitest";
import { signedValueText, twrText } from "./performanceText.js";

describe("twrText", () => {
  it("shows the return as a signed percentage with 2 places, from the exact fraction", () => {
    expect(twrText("0.0123")).toEqual({ text: "+1.23 %", direction: "up" });
    expect(twrText("-0.018041184890927607")).toEqual({ text: "-1.80 %", direction: "down" });
    expect(twrText("0.5")).toEqual({ text: "+50.00 %", direction: "up" });
    expect(twrText("12.345")).toEqual({ text: "+1,234.50 %", direction: "up" });
  });

  it("shows a return that rounds to nothing as 0.00 % with no sign or colour", () => {
    expect(twrText("0.00001")).toEqual({ text: "0.00 %", direction: "flat" });
    expect(twrText("-0.00001")).toEqual({ text: "0.00 %", direction: "flat" });
  });

  it("has no text when the return was not measured or is not a decimal", () => {
    expect(twrText(null)).toBeNull();
    expect(twrText("NaN")).toBeNull();
  });
});

describe("signedValueText", () => {
  it("shows net deposits with 2 places, grouped and signed", () => {
    expect(signedValueText("12290.274")).toEqual({ text: "+12,290.27", direction: "up" });
    expect(signedValueText("-500")).toEqual({ text: "-500.00", direction: "down" });
    expect(signedValueText("0")).toEqual({ text: "0.00", direction: "flat" });
  });
});
