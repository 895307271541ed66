import { describe, expect, it } from "vitest";
import { valuedBalance } from "../../test/items.js";
import { groupAllocation, isHeld, unpricedHeld } from "./allocation.js";

describe("groupAllocation", () => {
  it("gives one slice per valued asset, largest first, with its share and exact value", () => {
    const slices = groupAllocation([valuedBalance("USDT", "250.50"), valuedBalance("BTC", "750.5")]);
    expect(slices.map((s) => [s.name, s.value, s.detail])).toEqual([
      ["BTC", 750.5, "750.5"],
      ["USDT", 250.5, "250.50"],
    ]);
    expect(slices[0]?.share).toBeCloseTo(750.5 / 1001);
  });

  it("leaves out assets without a value, with a zero or non-finite one", () => {
    const slices = groupAllocation([
      valuedBalance("BTC", "100"),
      valuedBalance("NEW", null),
      valuedBalance("DUST", "0"),
      valuedBalance("BAD", "NaN"),
    ]);
    expect(slices.map((s) => s.name)).toEqual(["BTC"]);
  });

  it("groups slices below the minimum share into Other", () => {
    const slices = groupAllocation([
      valuedBalance("BTC", "900"),
      valuedBalance("ETH", "85"),
      valuedBalance("A", "10"),
      valuedBalance("B", "5"),
    ]);
    expect(slices.map((s) => [s.name, s.value])).toEqual([
      ["BTC", 900],
      ["ETH", 85],
      ["Other", 15],
    ]);
    expect(slices[2]?.detail).toBe("A, B");
  });

  it("shows a single small asset as itself rather than as a one-asset Other", () => {
    const slices = groupAllocation([valuedBalance("BTC", "990"), valuedBalance("A", "10")]);
    expect(slices.map((s) => s.name)).toEqual(["BTC", "A"]);
  });

  it("never returns more slices than the maximum, Other included", () => {
    const many = Array.from({ length: 12 }, (_, i) => valuedBalance(`A${i}`, String(100 + i)));
    const slices = groupAllocation(many, { maxSlices: 5 });
    expect(slices).toHaveLength(5);
    expect(slices[4]?.name).toBe("Other");
    expect(slices.reduce((sum, s) => sum + s.value, 0)).toBe(many.reduce((sum, b) => sum + Number(b.value), 0));
  });

  it("is empty without any valued asset", () => {
    expect(groupAllocation([])).toEqual([]);
    expect(groupAllocation([valuedBalance("X", null)])).toEqual([]);
  });
});

describe("unpricedHeld", () => {
  it("names the assets held with no price, not those valued or held at zero", () => {
    const balance = (asset: string, free: string, locked: string, value: string | null) => ({
      ...valuedBalance(asset, value),
      free,
      locked,
    });
    const balances = [
      balance("BTC", "0.5", "0", null),
      balance("ETH", "0", "2", null),
      balance("SOLD", "0.000", "0", null),
      balance("USDT", "100", "0", "100"),
    ];
    expect(unpricedHeld(balances)).toEqual(["BTC", "ETH"]);
    expect(balances.filter(isHeld).map((b) => b.asset)).toEqual(["BTC", "ETH", "USDT"]);
  });
});
