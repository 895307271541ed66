import type { JournalAgainstBenchmark, JournalAgainstHolding, JournalSummary } from "@mexc-live/contract";
import { describe, expect, it } from "vitest";
import { noHistory } from "../../figures/accountReads.js";
import { sumComparisons } from "./allAccountsJournal.js";

/** An account's summary with these comparisons (the rest as for no history). */
function summary(holding: JournalAgainstHolding, benchmark: JournalAgainstBenchmark | null): JournalSummary {
  return { ...noHistory("journal", {}, "USDT"), againstHolding: holding, againstBenchmark: benchmark };
}

const priced = summary(
  { pnl: "10", holdingPnl: "4", difference: "6", unpriced: [] },
  { asset: "BTC", pnl: "10", benchmarkPnl: "12", difference: "-2", unpriced: [] },
);
const waiting = summary(
  { pnl: "-3", holdingPnl: "1", difference: "-4", unpriced: ["ETH"], pricesPending: true },
  { asset: "BTC", pnl: "-3", benchmarkPnl: null, difference: null, unpriced: ["ETH"], pricesPending: true },
);

describe("every account's comparisons summed", () => {
  it("adds each part, names every account's unpriced assets, and stays pending while one account's prices are", () => {
    const { holding, benchmark } = sumComparisons([priced, waiting], "BTC");
    expect(holding).toEqual({ pnl: "7", holdingPnl: "5", difference: "2", unpriced: ["ETH"], pricesPending: true });
    expect(benchmark).toEqual({
      asset: "BTC",
      pnl: "7",
      benchmarkPnl: null,
      difference: null,
      unpriced: ["ETH"],
      pricesPending: true,
    });
  });

  it("is not pending once no account's prices are, and leaves the benchmark out when none was asked", () => {
    const { holding, benchmark } = sumComparisons([priced, priced], undefined);
    expect(holding).toEqual({ pnl: "20", holdingPnl: "8", difference: "12", unpriced: [] });
    expect(holding?.pricesPending).toBeUndefined();
    expect(benchmark).toBeNull();
  });
});
