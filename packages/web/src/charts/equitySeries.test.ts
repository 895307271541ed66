import { describe, expect, it } from "vitest";
import { equityPoint, T0 } from "../../test/items.js";
import { assetsOf, RANGE_MS, TOTAL, toEquitySeries, WINDOW_SLACK, windowStart } from "./equitySeries.js";

const s = (ms: number) => Math.floor(ms / 1000);

describe("toEquitySeries", () => {
  it("maps the total to ascending (seconds, number) points whatever the input order", () => {
    const points = [equityPoint(T0 + 2000, "102.5"), equityPoint(T0, "100"), equityPoint(T0 + 1000, "101")];
    expect(toEquitySeries(points, TOTAL)).toEqual([
      { time: s(T0), value: 100 },
      { time: s(T0 + 1000), value: 101 },
      { time: s(T0 + 2000), value: 102.5 },
    ]);
  });

  it("keeps the last point of several within one second (lightweight-charts needs unique times)", () => {
    const points = [equityPoint(T0 + 100, "100"), equityPoint(T0 + 900, "105")];
    expect(toEquitySeries(points, TOTAL)).toEqual([{ time: s(T0), value: 105 }]);
  });

  it("skips points whose value is not a finite number", () => {
    const points = [equityPoint(T0, "100"), equityPoint(T0 + 1000, "NaN"), equityPoint(T0 + 2000, "")];
    expect(toEquitySeries(points, TOTAL)).toEqual([{ time: s(T0), value: 100 }]);
  });

  it("maps one asset's value, with a gap where the asset had no price", () => {
    const points = [
      equityPoint(T0, "100", { BTC: "60", USDT: "40" }),
      equityPoint(T0 + 1000, "41", { USDT: "41" }),
      equityPoint(T0 + 2000, "103", { BTC: "62", USDT: "41" }),
    ];
    expect(toEquitySeries(points, { kind: "asset", asset: "BTC" })).toEqual([
      { time: s(T0), value: 60 },
      { time: s(T0 + 2000), value: 62 },
    ]);
  });

  it("leaves out points before the window start", () => {
    const points = [equityPoint(T0, "1"), equityPoint(T0 + 5000, "2"), equityPoint(T0 + 10_000, "3")];
    expect(toEquitySeries(points, TOTAL, T0 + 5000).map((p) => p.value)).toEqual([2, 3]);
  });
});

describe("assetsOf", () => {
  it("lists every asset seen in any point, alphabetically", () => {
    const points = [equityPoint(T0, "1", { USDT: "1", BTC: "2" }), equityPoint(T0 + 1, "1", { ETH: "3", BTC: "2" })];
    expect(assetsOf(points)).toEqual(["BTC", "ETH", "USDT"]);
  });
});

describe("windowStart", () => {
  const hourly = [equityPoint(T0, "1"), equityPoint(T0 + 3 * 3_600_000, "2")];
  const newest = T0 + 3 * 3_600_000;

  it("starts one range before the newest point, or nowhere for all", () => {
    expect(windowStart(hourly, "1h")).toBe(newest - RANGE_MS["1h"]);
    expect(windowStart(hourly, "1d")).toBe(newest - RANGE_MS["1d"]);
    expect(windowStart(hourly, "all")).toBe(-Infinity);
    expect(windowStart([], "1h")).toBe(-Infinity);
  });

  it("keeps the current start while new points stay within the slack, so they can be appended", () => {
    const current = newest - RANGE_MS["1h"];
    const later = [...hourly, equityPoint(newest + RANGE_MS["1h"] * WINDOW_SLACK * 0.9, "3")];
    expect(windowStart(later, "1h", current)).toBe(current);
  });

  it("moves the start once the window lags more than the slack", () => {
    const current = newest - RANGE_MS["1h"];
    const muchLater = newest + RANGE_MS["1h"] * (WINDOW_SLACK + 0.1);
    const later = [...hourly, equityPoint(muchLater, "3")];
    expect(windowStart(later, "1h", current)).toBe(muchLater - RANGE_MS["1h"]);
  });
});
