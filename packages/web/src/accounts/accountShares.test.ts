import { describe, expect, it } from "vitest";
import { accountItem, equityPoint, T0 } from "../../test/items.js";
import { accountShares } from "./accountShares.js";

function withEquity(name: string, equity: string | null, isDefault = false) {
  return accountItem(name, isDefault, "live", equity === null ? null : equityPoint(T0, equity));
}

function sumOfTenths(shares: readonly (string | null)[]): number {
  return shares.reduce((sum, share) => sum + (share === null ? 0 : Number(share.replace(".", ""))), 0);
}

describe("accountShares", () => {
  it("gives each account its share of the total in percent with one place", () => {
    const shares = accountShares([withEquity("main", "7500", true), withEquity("sub1", "2500")], "10000");
    expect(shares).toEqual([
      { name: "main", equity: "7500", share: "75.0" },
      { name: "sub1", equity: "2500", share: "25.0" },
    ]);
  });

  it("adds up to exactly 100.0 %: the tenths lost to rounding go to the largest remainders", () => {
    const thirds = accountShares([withEquity("a", "1", true), withEquity("b", "1"), withEquity("c", "1")], "3");
    expect(thirds.map((s) => s.share)).toEqual(["33.4", "33.3", "33.3"]);
    const uneven = accountShares(
      [withEquity("a", "12345.67", true), withEquity("b", "0.04"), withEquity("c", "987.654321"), withEquity("d", "5")],
      "13338.364321",
    );
    expect(uneven.map((s) => s.share)).toEqual(["92.6", "0.0", "7.4", "0.0"]);
    expect(sumOfTenths(uneven.map((s) => s.share))).toBe(1000);
  });

  it("leaves an account without equity out of the shares, the others still adding up", () => {
    const shares = accountShares(
      [withEquity("main", "1000", true), withEquity("sub1", null), withEquity("sub2", "3000")],
      "4000",
    );
    expect(shares[1]).toEqual({ name: "sub1", equity: null, share: null });
    expect(shares.map((s) => s.share)).toEqual(["25.0", null, "75.0"]);
    expect(sumOfTenths(shares.map((s) => s.share))).toBe(1000);
  });

  it("takes an equity that is not a plain decimal as none: corrupt data is worse than no data", () => {
    const shares = accountShares([withEquity("main", "1000", true), withEquity("sub1", "NaN")], "1000");
    expect(shares.map((s) => [s.equity, s.share])).toEqual([
      ["1000", "100.0"],
      [null, null],
    ]);
  });

  it("shows no share when nothing is valued yet", () => {
    const shares = accountShares([withEquity("main", null, true), withEquity("sub1", "0")], "0");
    expect(shares.map((s) => s.share)).toEqual([null, null]);
    expect(shares[1]?.equity).toBe("0");
  });
});
