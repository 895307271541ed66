import type { AssetPnlItem, PnlItem, RealizedCauses } from "@mexc-live/contract";
import { dec } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { realizedShown } from "./realizedCauses.js";

const asset = (name: string, realized: string): AssetPnlItem => ({
  asset: name,
  quantity: "1",
  costBasis: "1",
  averageCost: "1",
  realized,
  unrealized: "0",
  fees: "0",
  value: "1",
  method: "avg",
});
const pair = (symbol: string, realized: string): PnlItem => ({
  symbol,
  realized,
  unrealized: "0",
  position: "0",
  averageCost: "0",
  method: "avg",
});
const ASSETS = [asset("BTC", "100.004"), asset("ETH", "-20.004"), asset("MX", "0.333")];
const PAIRS = [pair("BTCUSDT", "10.004"), pair("ETHUSDT", "-1.004"), pair("ETHBTC", "0.0001")];
// byAsset 80.333 = byPair 9 + 71.333, split: otherBase -30.006, otherQuote 100.004, feeCoins 0.333, quotePairs 1.002
const ANSWER: RealizedCauses = {
  quote: "USDT",
  method: "avg",
  byAsset: "80.333",
  byPair: "9",
  causes: [
    { cause: "quotePairs", realized: "1.002", names: ["BTCUSDT", "ETHUSDT"], more: 0, unpriced: [] },
    { cause: "otherBase", realized: "-30.006", names: ["ETHBTC"], more: 0, unpriced: [] },
    { cause: "otherQuote", realized: "100.004", names: ["ETHBTC"], more: 0, unpriced: [] },
    { cause: "feeCoins", realized: "0.333", names: ["MX"], more: 0, unpriced: [] },
  ],
};

describe("the realized PnL by asset from the pairs' total, as shown", () => {
  it("leads with the by-asset total row's figure and adds up to the cent as shown", () => {
    const shown = realizedShown(ANSWER, ASSETS, PAIRS, "USDT");
    // The total rows as shown: 100.00 - 20.00 + 0.33 and 10.00 - 1.00 (ETHBTC left out).
    expect(shown?.lead).toBe("80.33");
    expect(shown?.byPair).toBe("9");
    const causes = Object.fromEntries((shown?.causes ?? []).map((cause) => [cause.cause, cause.shown]));
    expect(causes).toEqual({ otherBase: "-30.01", otherQuote: "100", feeCoins: "0.33", quotePairs: "1.01" });
    const summed = Object.values(causes).reduce((total, value) => total.plus(value ?? "0"), dec(shown?.byPair ?? "0"));
    expect(summed.eq(dec(shown?.lead ?? "x"))).toBe(true);
    expect(shown?.causes.find((cause) => cause.cause === "otherQuote")?.label).toMatch(/quote of ETHBTC/);
  });

  it("shows nothing while the answer is not of the tables' figures (reads of two moments)", () => {
    expect(realizedShown({ ...ANSWER, byAsset: "80.334" }, ASSETS, PAIRS, "USDT")).toBeNull();
    expect(realizedShown(ANSWER, ASSETS, [pair("BTCUSDT", "10.005"), ...PAIRS.slice(1)], "USDT")).toBeNull();
  });

  it("says which cause is not known, and its amount is not made up", () => {
    const unpriced: RealizedCauses = {
      ...ANSWER,
      causes: ANSWER.causes.map((cause) =>
        cause.cause === "otherQuote" ? { ...cause, realized: null, unpriced: ["BTC"] } : cause,
      ),
    };
    const shown = realizedShown(unpriced, ASSETS, PAIRS, "USDT");
    expect(shown?.unpriced).toEqual(["BTC"]);
    expect(shown?.causes.find((cause) => cause.cause === "otherQuote")?.shown).toBeNull();
    expect(shown?.causes.find((cause) => cause.cause === "quotePairs")?.shown).toBe("1");
  });
});
