import { TickMarkType, type UTCTimestamp } from "lightweight-charts";
import { describe, expect, it } from "vitest";
import { setDisplayZone, zoneOf } from "../format/timeZone.js";
import { baseOptions, zonedTickLabel, zonedTimeLabel } from "./lightweightTheme.js";
import { toChartSeconds } from "./numbers.js";

/** A wall-clock time in the zone shown -> chart seconds (shifted by the zone's offset). */
function at(year: number, month: number, day: number, h = 0, m = 0, s = 0): UTCTimestamp {
  return toChartSeconds(new Date(year, month - 1, day, h, m, s).getTime());
}

describe("time axis labels", () => {
  it("tells apart ticks within one minute by their seconds", () => {
    const a = zonedTickLabel(at(2025, 11, 21, 11, 18, 5), TickMarkType.TimeWithSeconds);
    const b = zonedTickLabel(at(2025, 11, 21, 11, 18, 50), TickMarkType.TimeWithSeconds);
    expect([a, b]).toEqual(["11:18:05", "11:18:50"]);
    expect(zonedTickLabel(at(2025, 11, 21, 11, 19, 0), TickMarkType.TimeWithSeconds)).toBe("11:19");
  });

  it("labels minutes, days, months and years as coarsely as the tick", () => {
    expect(zonedTickLabel(at(2025, 11, 21, 9, 5), TickMarkType.Time)).toBe("09:05");
    expect(zonedTickLabel(at(2025, 11, 21), TickMarkType.DayOfMonth)).toBe("21 Nov");
    expect(zonedTickLabel(at(2025, 11, 1), TickMarkType.Month)).toBe("Nov");
    expect(zonedTickLabel(at(2025, 1, 1), TickMarkType.Year)).toBe("2025");
  });

  it("labels a time in the zone picked, the browser's or UTC, and says which", () => {
    const saved = process.env.TZ;
    process.env.TZ = "Europe/Berlin";
    try {
      const ms = Date.UTC(2026, 10, 23, 23, 30, 5); // 00:30:05 on the 24th in Berlin (CET)
      setDisplayZone(zoneOf("browser", "Europe/Berlin"));
      expect(zonedTimeLabel(toChartSeconds(ms))).toBe("2026-11-24 00:30:05 GMT+1");
      expect(zonedTickLabel(toChartSeconds(Date.UTC(2026, 10, 23, 23)), TickMarkType.DayOfMonth)).toBe("24 Nov");
      setDisplayZone(zoneOf("UTC"));
      expect(zonedTimeLabel(toChartSeconds(ms))).toBe("2026-11-23 23:30:05 UTC");
    } finally {
      process.env.TZ = saved;
      setDisplayZone(zoneOf("browser"));
    }
  });

  it("asks the library for second ticks, so points seconds apart get distinct labels", () => {
    expect(baseOptions("dark").timeScale).toMatchObject({ timeVisible: true, secondsVisible: true });
  });
});
