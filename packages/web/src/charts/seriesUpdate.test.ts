import { describe, expect, it, vi } from "vitest";
import { applySeriesUpdate, planSeriesUpdate, summarize, type Timed } from "./seriesUpdate.js";

const pts = (...times: number[]) => times.map((time) => ({ time, value: time * 10 }));

describe("planSeriesUpdate", () => {
  it("sets data on the first draw and does nothing for no data", () => {
    expect(planSeriesUpdate(undefined, pts(1, 2))).toEqual({ kind: "set" });
    expect(planSeriesUpdate(undefined, [])).toEqual({ kind: "none" });
  });

  it("appends from the last plotted point when new points only extend the series", () => {
    expect(planSeriesUpdate(summarize(pts(1, 2, 3)), pts(1, 2, 3, 4, 5))).toEqual({ kind: "append", from: 2 });
  });

  it("re-applies the last point when only its value changed (a forming candle)", () => {
    expect(planSeriesUpdate(summarize(pts(1, 2, 3)), pts(1, 2, 3))).toEqual({ kind: "append", from: 2 });
  });

  it("sets data when history was inserted, the window moved, or points went away", () => {
    const plotted = summarize(pts(2, 3, 4));
    expect(planSeriesUpdate(plotted, pts(1, 2, 3, 4))).toEqual({ kind: "set" });
    expect(planSeriesUpdate(plotted, pts(3, 4, 5))).toEqual({ kind: "set" });
    expect(planSeriesUpdate(plotted, pts(2, 3))).toEqual({ kind: "set" });
    expect(planSeriesUpdate(plotted, pts(2, 2.5, 3, 4))).toEqual({ kind: "set" });
    expect(planSeriesUpdate(plotted, [])).toEqual({ kind: "set" });
  });

  it("sets data when history fills whitespace of the same grid, or a value before the last changed", () => {
    // A range's start, days of whitespace, today's point: then the days' history arrives.
    const today = { time: 4, value: 87_000 };
    const grid: Timed[] = [{ time: 1, value: 80_000 }, { time: 2 }, { time: 3 }, today];
    const filled: Timed[] = [{ time: 1, value: 80_000 }, { time: 2, value: 86_000 }, { time: 3, value: 86_500 }, today];
    expect(planSeriesUpdate(summarize(grid), filled)).toEqual({ kind: "set" });
    const revalued: Timed[] = [...filled.slice(0, 2), { time: 3, value: 86_400 }, today];
    expect(planSeriesUpdate(summarize(filled), revalued)).toEqual({ kind: "set" });
    // Only the last one moved: appended, as before.
    expect(planSeriesUpdate(summarize(filled), [...filled.slice(0, 3), { time: 4, value: 87_100 }])).toEqual({
      kind: "append",
      from: 3,
    });
  });
});

describe("applySeriesUpdate", () => {
  it("sets data when only the first point's value changed (a range's start equity read again)", () => {
    const plotted = summarize([
      { time: 1, value: 88239.76 },
      { time: 2, value: 88108 },
    ]);
    const moved = [
      { time: 1, value: 87290 },
      { time: 2, value: 88108 },
    ];
    expect(planSeriesUpdate(plotted, moved)).toEqual({ kind: "set" });
    expect(
      planSeriesUpdate(plotted, [
        { time: 1, value: 88239.76 },
        { time: 2, value: 88110 },
      ]),
    ).toEqual({
      kind: "append",
      from: 1,
    });
  });

  it("calls series.update once per new point and setData only when needed", () => {
    const series = { setData: vi.fn(), update: vi.fn() };
    let state = applySeriesUpdate(series, undefined, pts(1, 2));
    expect(series.setData).toHaveBeenCalledTimes(1);
    expect(state.replaced).toBe(true);

    state = applySeriesUpdate(series, state.plotted, pts(1, 2, 3));
    expect(series.setData).toHaveBeenCalledTimes(1);
    expect(series.update.mock.calls.map((c) => c[0].time)).toEqual([2, 3]);
    expect(state).toEqual({
      plotted: { first: 1, last: 3, count: 3, firstValue: 10, body: { valued: 2, sum: 30 } },
      replaced: false,
    });
  });
});
