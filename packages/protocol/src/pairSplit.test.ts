import { describe, expect, it } from "vitest";
import { splitPair } from "./pairSplit.js";

describe("splitPair", () => {
  it("takes the two assets an export names (BTC_USDT), whatever the quote", () => {
    expect(splitPair("AZC_USDT")).toEqual({ base: "AZC", quote: "USDT", by: "named" });
    expect(splitPair("ABC_TRY")).toEqual({ base: "ABC", quote: "TRY", by: "named" });
  });

  it("splits a BTCUSDT by the longest known quote it ends in", () => {
    expect(splitPair("AZCUSDT")).toEqual({ base: "AZC", quote: "USDT", by: "suffix" });
    expect(splitPair("ETHBTC")).toEqual({ base: "ETH", quote: "BTC", by: "suffix" });
    // USDE, not... E: the longest quote wins over any shorter one it ends in.
    expect(splitPair("ENAUSDE")).toEqual({ base: "ENA", quote: "USDE", by: "suffix" });
  });

  it("gives nothing for a symbol it cannot split, a quote alone or a bad asset", () => {
    expect(splitPair("ABCTRY")).toBeUndefined();
    expect(splitPair("USDT")).toBeUndefined();
    expect(splitPair("_USDT")).toBeUndefined();
    expect(splitPair("BTC_")).toBeUndefined();
    expect(splitPair("BTC_US_DT")).toBeUndefined();
    expect(splitPair("btc_usdt")).toBeUndefined();
  });
});
