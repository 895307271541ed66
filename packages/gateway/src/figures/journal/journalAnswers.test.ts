import { dec, fixed } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import {
  byStrategy,
  drawdownOf,
  journalStats,
  outcomeOf,
  outcomeOfItem,
  rowOf,
  type TripOutcome,
  tripItem,
} from "./journalAnswers.js";
import type { Trip } from "./tripTable.js";

const PREFIXES = ["grid-", "dca-", "grid-7x"];

/** Trips closing in this order, each worth its realized (the quote asset is the quote currency), or unpriced. */
const trips = (values: readonly (string | [string, null])[], clientOrderId = ""): TripOutcome[] =>
  values.map((value, i) => {
    const realized = fixed(typeof value === "string" ? value : value[0]);
    const trip: Trip = {
      symbol: "BTCUSDT",
      orderId: `o${i}`,
      clientOrderId,
      openTime: i,
      closeTime: i + 1,
      quantity: fixed("1"),
      cost: 0n,
      proceeds: realized,
      realized,
      fees: 0n,
      amount: fixed("1"),
      amountValue: typeof value === "string" ? fixed("1") : null,
      heldQuantity: fixed("1"),
      heldWeight: fixed("1"),
      firstDay: 0,
      lastDay: 0,
    };
    return outcomeOf(rowOf(trip), PREFIXES);
  });

describe("journal statistics", () => {
  it("counts wins, losses and breakeven, the streaks in the order of closing, and the averages over the values", () => {
    const stats = journalStats(trips(["10", "5", "-3", "0", "-1", "-2", "-4", "7", ["2", null]]));
    expect(stats).toEqual({
      count: 9,
      wins: 4,
      losses: 4,
      breakeven: 1,
      winRate: "0.444444444444444444",
      // 22 won / 10 lost; the unpriced win counts as a win but has no value to add.
      profitFactor: "2.2",
      averageWin: "7.333333333333333333",
      averageLoss: "-2.5",
      expectancy: "1.5",
      best: "10",
      worst: "-4",
      longestWinStreak: 2,
      // -1 -2 -4 after a breakeven: three.
      longestLossStreak: 3,
      realized: "12",
      unpriced: 1,
    });
  });

  it("says null where a ratio has nothing to divide by", () => {
    expect(journalStats([])).toMatchObject({
      count: 0,
      winRate: null,
      profitFactor: null,
      expectancy: null,
      best: null,
      realized: "0",
    });
    expect(journalStats(trips(["3"]))).toMatchObject({ profitFactor: null, averageLoss: null, averageWin: "3" });
  });

  it("splits by strategy; the counts sum to the whole", () => {
    const all = [...trips(["1", "-1"], "grid-7"), ...trips(["2"], "x"), ...trips(["5", "5", "-1"], "dca-2")];
    const split = byStrategy(all);
    expect(split).toEqual([
      { strategy: "dca-", count: 3, realized: "9", winRate: "0.666666666666666667" },
      { strategy: "grid-", count: 2, realized: "0", winRate: "0.5" },
      { strategy: "manual", count: 1, realized: "2", winRate: "1" },
    ]);
  });
});

describe("a trip's outcome", () => {
  it("is the same read from the kept trip or from the trip as the API gave it (all accounts merge those)", () => {
    for (const value of ["12.5", "-0.000000000000000001", "0"]) {
      const realized = fixed(value);
      const trip: Trip = {
        symbol: "ETHBTC",
        orderId: "o",
        clientOrderId: "dca-9",
        openTime: 1,
        closeTime: 2,
        quantity: fixed("3"),
        cost: 0n,
        proceeds: realized,
        realized,
        fees: null,
        amount: fixed("3"),
        heldQuantity: fixed("3"),
        heldWeight: fixed("3"),
        amountValue: fixed("7"),
        firstDay: 0,
        lastDay: 0,
      };
      const row = rowOf(trip);
      expect(outcomeOfItem(tripItem(row, PREFIXES))).toEqual(outcomeOf(row, PREFIXES));
    }
  });
});

describe("drawdown of the PnL curve", () => {
  const curve = (pnls: readonly string[], equity = "1000") =>
    pnls.map((pnl, i) => ({ time: i * 10, pnl: dec(pnl), equity: dec(equity).plus(pnl) }));

  it("is the largest fall from a peak, with its times, and where the last point stands, as non-negative amounts", () => {
    expect(drawdownOf(curve(["0", "50", "20", "60", "-40", "10"]))).toEqual({
      max: "100",
      maxPct: "0.094339622641509434",
      peakTime: 30,
      troughTime: 40,
      current: "50",
      currentPct: "0.047169811320754717",
    });
  });

  it("is zero on a curve that only rises, and on no curve at all", () => {
    expect(drawdownOf(curve(["0", "1", "2"]))).toMatchObject({
      max: "0",
      peakTime: null,
      current: "0",
      currentPct: "0",
    });
    expect(drawdownOf([])).toMatchObject({ max: "0", current: "0", currentPct: null });
  });
});
