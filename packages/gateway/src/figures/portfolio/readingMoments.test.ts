import { DAY_MS, HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { MAX_STORED_READINGS } from "../../store/portfolioMarks.js";
import { EMPTY_TOTALS } from "./portfolio.js";
import { MAX_READING_OFFSETS, ReadingMoments, ReadingsLeft } from "./readingMoments.js";

const DAY = Date.UTC(2026, 0, 10);

describe("the moments a recompute leaves readings at", () => {
  it("are each midnight UTC and the zones' day starts, in order", () => {
    const moments = new ReadingMoments([18.5 * HOUR_MS, 23 * HOUR_MS]);
    const seen: number[] = [];
    for (let time = moments.after(DAY - 1); seen.length < 6; time = moments.after(time)) seen.push(time);
    expect(seen.map((time) => new Date(time).toISOString().slice(5, 16))).toEqual([
      "01-10T00:00",
      "01-10T18:30",
      "01-10T23:00",
      "01-11T00:00",
      "01-11T18:30",
      "01-11T23:00",
    ]);
  });

  it("keep at most MAX_READING_OFFSETS times of day, and none that is not one", () => {
    const offsets = [-1, DAY_MS, 1.5, 17.5 * MINUTE_MS, ...Array.from({ length: 10 }, (_, i) => (i + 1) * HOUR_MS)];
    const moments = new ReadingMoments(offsets);
    const seen = new Set<number>();
    for (let time = moments.after(DAY - 1); time < DAY + DAY_MS; time = moments.after(time)) seen.add(time - DAY);
    expect([...seen]).toEqual([0, HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS]);
    expect(seen.size).toBe(MAX_READING_OFFSETS);
  });
});

/** Totals standing for a mark (only told apart by their fees here). */
const totals = (fees: bigint) => ({ ...EMPTY_TOTALS, fees });

describe("the readings a walk leaves", () => {
  it("hold every asset's last mark at each moment passed, none before the first mark, the latest with their totals", () => {
    const left = new ReadingsLeft(new ReadingMoments(), 2);
    left.passTo(DAY + 15 * MINUTE_MS); // the first event's bucket starts: no moment before it is left
    left.set("BTC", "b1", totals(1n));
    left.passTo(DAY + 2 * DAY_MS); // the next event two days on
    left.set("USDT", "u1", totals(2n));
    left.passTo(DAY + 3 * DAY_MS);
    expect(
      left
        .left()
        .map(({ time, marks, totals }) => [
          (time - DAY) / DAY_MS,
          Object.fromEntries(marks),
          totals === undefined ? undefined : Object.fromEntries([...totals].map(([asset, t]) => [asset, t.fees])),
        ]),
    ).toEqual([
      [1, { BTC: "b1" }, undefined], // older than the latest two: its marks only
      [2, { BTC: "b1" }, { BTC: 1n }],
      [3, { BTC: "b1", USDT: "u1" }, { BTC: 1n, USDT: 2n }],
    ]);
  });

  it("start from a checkpoint's marks (no totals until each asset is marked again), and keep the latest MAX_STORED_READINGS of a long walk", () => {
    const left = new ReadingsLeft(new ReadingMoments([12 * HOUR_MS]), 2, {
      time: DAY,
      marks: new Map([["BTC", "b0"]]),
    });
    left.passTo(DAY + DAY_MS);
    left.set("BTC", "b1", totals(1n));
    left.passTo(DAY + 3 * MAX_STORED_READINGS * DAY_MS);
    const readings = left.left();
    expect(readings).toHaveLength(MAX_STORED_READINGS);
    expect(readings.at(-1)?.time).toBe(DAY + 3 * MAX_STORED_READINGS * DAY_MS);
    expect(readings[0]?.marks.get("BTC")).toBe("b1");
    expect(readings.filter((reading) => reading.totals !== undefined)).toHaveLength(2);
  });
});
