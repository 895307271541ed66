import { DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { zoneOf } from "../format/timeZone.js";
import { GRID_STEPS, gridStep, MAX_GRID_POINTS, toGrid, valuedCount } from "./timeGrid.js";

const UTC = zoneOf("UTC");
const T = Date.UTC(2026, 10, 1);

describe("the time grid of the equity chart", () => {
  it("gives 30 days of daily history and 4 minutes of live points widths in proportion to their times", () => {
    // One estimated point a day for 30 days, then a live point a second for 4 minutes.
    const history = Array.from({ length: 30 }, (_, day) => ({ time: T + day * DAY_MS, value: 1000 + day }));
    const liveStart = T + 30 * DAY_MS;
    const live = Array.from({ length: 240 }, (_, s) => ({ time: liveStart + s * 1000, value: 2000 + s }));
    const samples = [...history, ...live];
    const step = gridStep(samples.at(-1)!.time - T);
    const grid = toGrid(samples, step, { zone: UTC, whitespace: true });
    expect(grid.length).toBeLessThanOrEqual(MAX_GRID_POINTS);
    // Every slot is one step: equal widths are equal times.
    for (let i = 1; i < grid.length; i++) expect(grid[i]!.time - grid[i - 1]!.time).toBe(step / 1000);
    // The 4 live minutes take their share of 30 days, not half the axis: at most a bucket or two.
    const liveSlots = grid.filter((p) => p.time * 1000 >= liveStart).length;
    expect(liveSlots / grid.length).toBeLessThan(0.01);
    // Each bucket shows the newest point in it: the chart ends at the newest value.
    expect(grid.at(-1)).toMatchObject({ value: 2239 });
    expect(valuedCount(grid)).toBeLessThanOrEqual(32);
  });

  it("picks the smallest step that keeps the points under the limit", () => {
    expect(gridStep(60 * MINUTE_MS)).toBe(5_000); // 1 h / 999 = 3.6 s -> 5 s
    expect(gridStep(DAY_MS)).toBe(2 * MINUTE_MS);
    expect(gridStep(30 * DAY_MS)).toBe(60 * MINUTE_MS);
    expect(gridStep(0)).toBe(GRID_STEPS[0]);
  });

  it("leaves whitespace where no point fell, and none without asking", () => {
    const samples = [
      { time: T, value: 1 },
      { time: T + 3 * MINUTE_MS + 5_000, value: 2 },
    ];
    expect(toGrid(samples, MINUTE_MS, { zone: UTC, whitespace: true })).toEqual([
      { time: T / 1000, value: 1 },
      { time: T / 1000 + 60 },
      { time: T / 1000 + 120 },
      { time: T / 1000 + 180, value: 2 },
    ]);
    expect(toGrid(samples, MINUTE_MS, { zone: UTC })).toEqual([
      { time: T / 1000, value: 1 },
      { time: T / 1000 + 180, value: 2 },
    ]);
  });

  it("cuts day buckets at the zone's midnight, and never goes back in time when clocks are put back", () => {
    const saved = process.env.TZ;
    process.env.TZ = "Europe/Berlin";
    try {
      const berlin = zoneOf("browser", "Europe/Berlin");
      // 23:30 UTC on 1 Nov is 00:30 on 2 Nov in Berlin: the 2 Nov bucket.
      const [point] = toGrid([{ time: Date.UTC(2026, 10, 1, 23, 30), value: 5 }], DAY_MS, { zone: berlin });
      expect(point?.time).toBe(Date.UTC(2026, 10, 2) / 1000);
      // 25 Oct 2026, 02:30 happens twice in Berlin (clocks back at 03:00 CEST).
      const first = Date.UTC(2026, 9, 25, 0, 30); // 02:30 CEST
      const second = Date.UTC(2026, 9, 25, 1, 30); // 02:30 CET
      const grid = toGrid(
        [
          { time: first, value: 1 },
          { time: first + 40 * MINUTE_MS, value: 2 },
          { time: second, value: 3 },
        ],
        15 * MINUTE_MS,
        { zone: berlin, whitespace: true },
      );
      for (let i = 1; i < grid.length; i++) expect(grid[i]!.time).toBeGreaterThan(grid[i - 1]!.time);
      expect(grid.at(-1)).toMatchObject({ value: 3 });
    } finally {
      process.env.TZ = saved;
    }
  });
});
