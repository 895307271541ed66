import fc from "fast-check";
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

describe("the portfolio's marks, any history", () => {
  const QUARTER = 15 * 60_000;
  const T0 = Date.UTC(2026, 0, 1);
  /** Marks at quarter-hour ends over three days, of three assets, written in batches of any size and order. */
  const history = fc.record({
    marks: fc.array(
      fc.record({
        quarter: fc.integer({ min: 1, max: 3 * 96 }),
        asset: fc.constantFrom("BTC", "ETH", "USDT"),
        n: fc.nat(),
      }),
      { minLength: 1, maxLength: 120 },
    ),
    batches: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
    sorted: fc.boolean(),
    reads: fc.array(fc.integer({ min: -QUARTER, max: 3 * 96 * QUARTER + QUARTER }), { minLength: 1, maxLength: 20 }),
    cut: fc.integer({ min: 0, max: 3 * 96 * QUARTER }),
  });

  it("read back each asset's last mark at or before any moment, and forget those after a cut", () => {
    fc.assert(
      fc.property(history, ({ marks, batches, sorted, reads, cut }) => {
        const store = openStore({ path: ":memory:" });
        const written = marks.map(({ quarter, asset, n }) => [T0 + quarter * QUARTER, asset, `${n} 0 0`] as const);
        if (sorted) written.sort((a, b) => a[0] - b[0]);
        // The reference: a mark a key, the last written winning.
        const expected = new Map<string, Map<number, string>>();
        for (const [time, asset, totals] of written) {
          if (!expected.has(asset)) expected.set(asset, new Map());
          expected.get(asset)?.set(time, totals);
        }
        const lastAt = (time: number) => {
          const out: Record<string, string> = {};
          for (const [asset, byTime] of expected) {
            const times = [...byTime.keys()].filter((t) => t <= time).sort((a, b) => a - b);
            const last = times[times.length - 1];
            if (last !== undefined) out[asset] = byTime.get(last) as string;
          }
          return out;
        };
        let at = 0;
        for (let b = 0; at < written.length; b++) {
          const size = batches[b % batches.length] as number;
          store.portfolio.putMarks(written.slice(at, at + size));
          at += size;
        }
        expect(store.portfolio.assets()).toEqual([...expected.keys()].sort());
        for (const read of reads.map((r) => T0 + r))
          expect(Object.fromEntries(store.portfolio.at(read))).toEqual(lastAt(read));
        store.portfolio.dropAfter(T0 + cut);
        for (const byTime of expected.values())
          for (const time of [...byTime.keys()]) if (time > T0 + cut) byTime.delete(time);
        for (const [asset, byTime] of [...expected]) if (byTime.size === 0) expected.delete(asset);
        for (const read of reads.map((r) => T0 + r))
          expect(Object.fromEntries(store.portfolio.at(read))).toEqual(lastAt(read));
        expect(store.portfolio.assets()).toEqual([...expected.keys()].sort());
        store.close();
      }),
      { numRuns: 200 },
    );
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
