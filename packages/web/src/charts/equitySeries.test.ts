import { describe, expect, it } from "vitest";
import { equityPoint, T0 } from "../../test/items.js";
import { assetsOf, equitySamples, isKnownEquity, knownPoints, liveSince, SEAM_MS, TOTAL } from "./equitySeries.js";

describe("never a false zero", () => {
  it("takes a point with no asset and a total of 0 for unknown balances, not for an empty account's equity", () => {
    expect(isKnownEquity(equityPoint(T0, "0"))).toBe(false);
    expect(isKnownEquity(equityPoint(T0, "0.000"))).toBe(false);
    expect(isKnownEquity(equityPoint(T0, "87580.12", { BTC: "87580.12" }))).toBe(true);
    // Held, but worth nothing at the prices known: a true 0.
    expect(isKnownEquity(equityPoint(T0, "0", { FROP: "0" }))).toBe(true);
  });

  it("draws no point while the balances were unknown, so the line does not ramp from 0", () => {
    // A refused key stored 0s before the balances came (issue 27: the chart ramped from 0 to 87,580).
    const points = [
      equityPoint(T0, "0"),
      equityPoint(T0 + 1000, "0"),
      equityPoint(T0 + 2000, "87580", { BTC: "87580" }),
      equityPoint(T0 + 3000, "87590", { BTC: "87590" }),
    ];
    const samples = equitySamples(knownPoints(points), TOTAL);
    expect(samples.map((s) => s.value)).toEqual([87580, 87590]);
  });
});

describe("equitySamples", () => {
  it("takes the points of the range, oldest first whatever the input order, as floats", () => {
    const points = [equityPoint(T0 + 2000, "102.5"), equityPoint(T0, "100"), equityPoint(T0 + 1000, "101")];
    expect(equitySamples(knownPoints(points, { to: T0 + 1000 }), TOTAL)).toEqual([
      { time: T0, value: 100 },
      { time: T0 + 1000, value: 101 },
    ]);
    // The range starts with what was held then: the newest point before it, at the range's start.
    expect(equitySamples(knownPoints(points, { from: T0 + 1500 }), TOTAL)).toEqual([
      { time: T0 + 1500, value: 101 },
      { time: T0 + 2000, value: 102.5 },
    ]);
  });

  it("leaves out a value that is not a number, and an asset without a price then (a gap, not a zero)", () => {
    const points = [
      equityPoint(T0, "100", { BTC: "60", USDT: "40" }),
      equityPoint(T0 + 1000, "NaN", { USDT: "41" }),
      equityPoint(T0 + 2000, "103", { BTC: "62", USDT: "41" }),
    ];
    expect(equitySamples(points, TOTAL).map((s) => s.value)).toEqual([100, 103]);
    expect(equitySamples(points, { kind: "asset", asset: "BTC" }).map((s) => s.value)).toEqual([60, 62]);
  });

  it("colours the points worked out from the history, and finds where live data begins", () => {
    const points = [
      { ...equityPoint(T0, "90", { BTC: "90" }), estimated: true },
      equityPoint(T0 + 1000, "100", { BTC: "100" }),
    ];
    expect(equitySamples(points, TOTAL, "#faded")).toEqual([
      { time: T0, value: 90, color: "#faded" },
      { time: T0 + 1000, value: 100 },
    ]);
    expect(liveSince(points)).toBe(T0 + 1000);
  });
});

describe("assetsOf", () => {
  it("lists every asset seen in any point, alphabetically", () => {
    const points = [equityPoint(T0, "1", { USDT: "1", BTC: "2" }), equityPoint(T0 + 1, "1", { ETH: "3", BTC: "2" })];
    expect(assetsOf(points)).toEqual(["BTC", "ETH", "USDT"]);
  });
});

describe("where the lines of a range begin (issue 40)", () => {
  const HOUR = 3_600_000;
  // "Today" in GMT+1: midnight there is 23:00 UTC; the estimated UTC day end falls an hour later.
  const midnight = T0;
  const dayEnd = { ...equityPoint(midnight + HOUR - 1, "87439.89", { BTC: "87439.89" }), estimated: true };
  const live = equityPoint(midnight + 3 * HOUR, "87500", { BTC: "87500" });

  it("starts at the range's start with its start equity, not at the first estimated day end after it", () => {
    const older = { ...equityPoint(midnight - 23 * HOUR - 1, "86000", { BTC: "86000" }), estimated: true };
    const shown = knownPoints([older, dayEnd, live], { from: midnight }, { time: midnight, equity: "87057.69" });
    expect(shown.map((p) => [p.time, p.equity])).toEqual([
      [midnight, "87057.69"],
      [midnight + HOUR - 1, "87439.89"],
      [midnight + 3 * HOUR, "87500"],
    ]);
    // Faded as the estimated stretch it leads.
    expect(shown[0]?.estimated).toBe(true);
    // An open range (all history) starts where the answer's range does.
    expect(knownPoints([dayEnd, live], {}, { time: midnight, equity: "87057.69" })[0]).toMatchObject({
      time: midnight,
      equity: "87057.69",
    });
  });

  it("ends a range that ended before now at its end, with its end equity (a past day at its 24:00)", () => {
    const to = midnight + 24 * HOUR - 1;
    const shown = knownPoints(
      [dayEnd],
      { from: midnight, to },
      { time: midnight, equity: "87057.69" },
      { time: to, equity: "87876.18" },
    );
    expect(shown.map((p) => [p.time, p.equity, p.estimated === true])).toEqual([
      [midnight, "87057.69", true],
      [midnight + HOUR - 1, "87439.89", true],
      [to, "87876.18", true],
    ]);
  });

  it("draws no estimate within SEAM_MS before the first live point, so the seam is no vertical step", () => {
    const atStart = { ...equityPoint(live.time - 800, "87200", { BTC: "87200" }), estimated: true };
    const edge = { ...equityPoint(live.time - SEAM_MS - 1, "87300", { BTC: "87300" }), estimated: true };
    expect(knownPoints([dayEnd, atStart, live]).map((p) => p.equity)).toEqual(["87439.89", "87500"]);
    // Just beyond the bound it is an estimate of its own and stays.
    expect(knownPoints([dayEnd, edge, live]).map((p) => p.equity)).toEqual(["87439.89", "87300", "87500"]);
    // Only estimates before live points go: estimates alone are all drawn.
    expect(knownPoints([dayEnd, atStart]).map((p) => p.equity)).toEqual(["87439.89", "87200"]);
  });
});
