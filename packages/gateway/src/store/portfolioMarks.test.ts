import { describe, expect, it } from "vitest";
import { openStore } from "./index.js";
import { MAX_STORED_READINGS } from "./portfolioMarks.js";

describe("the portfolio's marks", () => {
  it("lists every asset with a mark, and forgets every asset's marks after a moment, keeping those at or before it", () => {
    const store = openStore({ path: ":memory:" });
    const marks = store.portfolio;
    const mark = (n: number) => `${n} 0 0 0 0 0 0 0 0 0 0 0`;
    marks.putMarks(
      ["BTC", "ETH", "USDT", "ZRX"].flatMap((asset) => [10, 20, 30].map((time) => [time, asset, mark(time)] as const)),
    );
    expect(marks.assets()).toEqual(["BTC", "ETH", "USDT", "ZRX"]);
    marks.dropAfter(20);
    expect(Object.fromEntries(marks.at(30))).toEqual(
      Object.fromEntries(["BTC", "ETH", "USDT", "ZRX"].map((asset) => [asset, mark(20)])),
    );
    marks.dropAfter(5);
    expect(marks.assets()).toEqual([]);
    store.close();
  });
});

describe("the portfolio's readings in the store", () => {
  it("keeps at most MAX_STORED_READINGS, the latest moments, and forgets those a change reaches", () => {
    const store = openStore({ path: ":memory:" });
    const marks = store.portfolio;
    const reading = (n: number) => new Map([["USDT", `${n} 0 0 0 0 0 0 0 0 0 0 0`]]);
    const times = Array.from({ length: MAX_STORED_READINGS + 5 }, (_, i) => 1_000 + i);
    marks.putReadings(times.slice(0, 10).map((time) => [time, reading(time)]));
    marks.putReadings(times.slice(10).map((time) => [time, reading(time)]));
    // The five earliest went; the rest read back as written.
    for (const time of times.slice(0, 5)) expect(marks.reading(time)).toBeUndefined();
    for (const time of [times[5], times[times.length - 1]] as number[])
      expect(marks.reading(time)).toEqual(reading(time));

    marks.dropAfter(1_500); // marks after 1,500 recomputed: readings after it go, 1,500 itself stays
    expect(marks.reading(1_500)).toEqual(reading(1_500));
    expect(marks.reading(1_501)).toBeUndefined();
    marks.dropReadingsFrom(1_200); // a mark written at 1,200
    expect(marks.reading(1_199)).toEqual(reading(1_199));
    expect(marks.reading(1_200)).toBeUndefined();
    marks.dropReadingsFrom(Number.NEGATIVE_INFINITY);
    expect(marks.reading(1_005)).toBeUndefined();
    marks.putReadings([[7, reading(7)]]);
    marks.clear();
    expect(marks.reading(7)).toBeUndefined();
    store.close();
  });
});
