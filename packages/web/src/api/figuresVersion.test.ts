import { FIGURES_VERSION_HEADER } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { figuresVersionOf, oneMoment } from "./figuresVersion.js";

describe("figures of one version", () => {
  it("reads the version an answer carries, and nothing from a missing or malformed header", () => {
    expect(figuresVersionOf(new Headers({ [FIGURES_VERSION_HEADER]: "42" }))).toBe(42);
    expect(figuresVersionOf(new Headers())).toBeNull();
    for (const bad of ["", "-1", "1.5", "x", "1e3", "9".repeat(16)])
      expect(figuresVersionOf(new Headers({ [FIGURES_VERSION_HEADER]: bad })), bad).toBeNull();
  });

  it("two panels of different versions are not one moment", () => {
    expect(oneMoment([7, 8])).toBe(false);
    expect(oneMoment([7, 7])).toBe(true);
  });

  it("a panel not read yet holds the moment back; a gateway without versions does not", () => {
    expect(oneMoment([7, undefined])).toBe(false);
    expect(oneMoment([7, null])).toBe(true);
    expect(oneMoment([null, null])).toBe(true);
  });
});
