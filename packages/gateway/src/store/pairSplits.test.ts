import { afterEach, describe, expect, it } from "vitest";
import { type GatewayStore, openStore } from "./index.js";

let store: GatewayStore | undefined;
afterEach(() => store?.close());

describe("the pairs remembered", () => {
  it("keep what the symbol list said over what an export named, and an export's over nothing", () => {
    store = openStore({ path: ":memory:" });
    const before = store.pairsRemembered;
    store.rememberPairs([
      { symbol: "AZCUSDT", base: "AZC", quote: "USDT", source: "export" },
      { symbol: "ABCTRY", base: "ABC", quote: "TRY", source: "listed" },
    ]);
    // An export cannot undo the list; the list replaces an export's.
    store.rememberPairs([
      { symbol: "ABCTRY", base: "ABCT", quote: "RY", source: "export" },
      { symbol: "AZCUSDT", base: "AZCU", quote: "SDT", source: "listed" },
    ]);
    expect(store.rememberedPairs()).toEqual([
      { symbol: "ABCTRY", base: "ABC", quote: "TRY", source: "listed" },
      { symbol: "AZCUSDT", base: "AZCU", quote: "SDT", source: "listed" },
    ]);
    expect(store.pairsRemembered).toBe(before + 2);
  });
});
