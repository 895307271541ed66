import { TickMarkType, type UTCTimestamp } from "lightweight-charts";
import { describe, expect, it } from "vitest";
import { baseOptions, localTickLabel } from "./lightweightTheme.js";

/** Local time -> chart seconds. */
function at(year: number, month: number, day: number, h = 0, m = 0, s = 0): UTCTimestamp {
  return (new Date(year, month - 1, day, h, m, s).getTime() / 1000) as UTCTimestamp;
}

describe("time axis labels", () => {
  it("tells apart ticks within one minute by their seconds", () => {
    const a = localTickLabel(at(2025, 11, 21, 11, 18, 5), TickMarkType.TimeWithSeconds);
    const b = localTickLabel(at(2025, 11, 21, 11, 18, 50), TickMarkType.TimeWithSeconds);
    expect([a, b]).toEqual(["11:18:05", "11:18:50"]);
    expect(localTickLabel(at(2025, 11, 21, 11, 19, 0), TickMarkType.TimeWithSeconds)).toBe("11:19");
  });

  it("labels minutes, days, months and years as coarsely as the tick", () => {
    expect(localTickLabel(at(2025, 11, 21, 9, 5), TickMarkType.Time)).toBe("09:05");
    expect(localTickLabel(at(2025, 11, 21), TickMarkType.DayOfMonth)).toBe("21 Nov");
    expect(localTickLabel(at(2025, 11, 1), TickMarkType.Month)).toBe("Nov");
    expect(localTickLabel(at(2025, 1, 1), TickMarkType.Year)).toBe("2025");
  });

  it("asks the library for second ticks, so points seconds apart get distinct labels", () => {
    expect(baseOptions("dark").timeScale).toMatchObject({ timeVisible: true, secondsVisible: true });
  });
});
