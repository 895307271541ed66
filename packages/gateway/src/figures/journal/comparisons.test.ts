import { type Decimal, dec, fixed } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import type { Reading } from "../portfolio/bridge.js";
import { EMPTY_TOTALS } from "../portfolio/portfolio.js";
import { againstBenchmark, againstHolding, type ComparisonInput, noComparison, type RangeFlow } from "./comparisons.js";

const T = 1_767_225_600_000;

/** A reading holding `held` (asset -> quantity) at `prices` (asset -> price; absent: unpriced). */
function reading(time: number, held: Record<string, string>, prices: Record<string, string>): Reading {
  const totals = new Map(
    Object.entries(held).map(([asset, quantity]) => [asset, { ...EMPTY_TOTALS, quantity: fixed(quantity) }]),
  );
  return { time, totals, price: (asset) => (prices[asset] === undefined ? null : dec(prices[asset])) };
}

const flow = (time: number, asset: string, quantity: string, value: string | null): RangeFlow => ({
  time,
  asset,
  quantity: dec(quantity),
  value: value === null ? null : dec(value),
});

/**
 * 1 BTC at 100 and 1000 USDT at the start (equity 1100); 0.5 BTC deposited when BTC was 120 (60),
 * 200 USDT withdrawn when it was 125; BTC at 150 at the end. Performance's pnl: 80.
 */
function input(overrides: Partial<ComparisonInput> = {}): ComparisonInput {
  return {
    start: reading(T, { BTC: "1", USDT: "1000" }, { BTC: "100", USDT: "1" }),
    end: reading(T + 3, { BTC: "0.2", USDT: "1900" }, { BTC: "150", USDT: "1" }),
    pnl: dec("80"),
    startEquity: dec("1100"),
    unpriced: [],
    flows: [flow(T + 1, "BTC", "0.5", "60"), flow(T + 2, "USDT", "-200", "-200")],
    ...overrides,
  };
}

const BTC_AT: Record<number, string> = { [T + 1]: "120", [T + 2]: "125" };
const btcAt = (asset: string, time: number): Decimal | null =>
  asset === "BTC" && BTC_AT[time] !== undefined ? dec(BTC_AT[time]) : asset === "USDT" ? dec("1") : null;

describe("against holding still", () => {
  it("values the start's holdings plus the flows in kind at the end, less the start equity and the net flows", () => {
    // 1.5 BTC x 150 + 800 USDT = 1025; 1025 - 1100 - (60 - 200) = 65; the trades made 80 - 65 = 15.
    expect(againstHolding(input())).toEqual({ pnl: "80", holdingPnl: "65", difference: "15", unpriced: [] });
  });

  it("difference = pnl - holdingPnl whatever the numbers", () => {
    const answer = againstHolding(input({ pnl: dec("-12.345678901234567891") }));
    expect(answer.difference).toBe(
      dec(answer.pnl as string)
        .minus(answer.holdingPnl as string)
        .toFixed(),
    );
  });

  it("is null, naming the asset, when a holding has no price at the end (never a guess)", () => {
    const end = reading(T + 3, { USDT: "2000" }, { USDT: "1" });
    expect(againstHolding(input({ end }))).toEqual({
      pnl: "80",
      holdingPnl: null,
      difference: null,
      unpriced: ["BTC"],
    });
  });

  it("is null when a flow of the range had no price", () => {
    const flows = [flow(T + 1, "BTC", "0.5", null)];
    expect(againstHolding(input({ flows }))).toMatchObject({ holdingPnl: null, unpriced: ["BTC"] });
  });

  it("leaves out what Performance leaves out (no price), naming it, as Performance's pnl does", () => {
    const start = reading(T, { BTC: "1", USDT: "1000", XYZ: "5" }, { BTC: "100", USDT: "1" });
    expect(againstHolding(input({ start, unpriced: ["XYZ"] }))).toEqual({
      pnl: "80",
      holdingPnl: "65",
      difference: "15",
      unpriced: ["XYZ"],
    });
  });

  it("counts an asset withdrawn beyond what holding still would hold as owed, at the end price", () => {
    // Bought 2 ETH by trade and withdrew them: still holding, 2 ETH would be owed (-2 x 30 at the end).
    const flows = [flow(T + 1, "ETH", "-2", "-50")];
    const end = reading(T + 3, { USDT: "1" }, { BTC: "150", USDT: "1", ETH: "30" });
    // 150 + 1000 - 60 = 1090; 1090 - 1100 + 50 = 40.
    expect(againstHolding(input({ flows, end })).holdingPnl).toBe("40");
  });
});

describe("against a benchmark", () => {
  it("buys the asset with the start equity and each net flow at its price then, valued at the end", () => {
    // 1100 / 100 + 60 / 120 - 200 / 125 = 11 + 0.5 - 1.6 = 9.9 BTC; 9.9 x 150 = 1485; 1485 - 1100 + 140 = 525.
    expect(againstBenchmark(input(), "BTC", btcAt)).toEqual({
      asset: "BTC",
      pnl: "80",
      benchmarkPnl: "525",
      difference: "-445",
      unpriced: [],
    });
  });

  it("makes nothing against the quote currency itself (the flows kept as cash)", () => {
    expect(againstBenchmark(input(), "USDT", btcAt)).toMatchObject({ benchmarkPnl: "0", difference: "80" });
  });

  it("is null, naming the benchmark, when it had no price at a flow's time", () => {
    const flows = [...input().flows, flow(T + 9, "USDT", "10", "10")];
    expect(againstBenchmark(input({ flows }), "BTC", btcAt)).toEqual({
      asset: "BTC",
      pnl: "80",
      benchmarkPnl: null,
      difference: null,
      unpriced: ["BTC"],
    });
  });

  it("is nothing to compare over a range Performance has no figure for", () => {
    expect(noComparison("BTC")).toEqual({
      holding: { pnl: null, holdingPnl: null, difference: null, unpriced: [] },
      benchmark: { asset: "BTC", pnl: null, benchmarkPnl: null, difference: null, unpriced: [] },
    });
    expect(noComparison(undefined).benchmark).toBeNull();
  });
});
