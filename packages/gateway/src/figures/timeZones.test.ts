import { DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import {
  cachedZoneCount,
  canonicalZone,
  MAX_CACHED_ZONES,
  MAX_PERIODS,
  MAX_ZONE_NAME_LENGTH,
  nextPeriodStart,
  offsetAt,
  periodLabel,
  periodStart,
  periodsBetween,
} from "./timeZones.js";

describe("day, week and month boundaries in a time zone", () => {
  it("knows UTC and IANA names in any letter case, as one canonical spelling, and refuses the rest", () => {
    expect(canonicalZone("UTC")).toBe("UTC");
    expect(canonicalZone("utc")).toBe("UTC");
    expect(canonicalZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalZone("EUROPE/BERLIN")).toBe("Europe/Berlin");
    expect(canonicalZone("america/santiago")).toBe("America/Santiago");
    expect(canonicalZone("Mars/Olympus")).toBeUndefined();
    expect(canonicalZone("")).toBeUndefined();
    expect(canonicalZone("x".repeat(MAX_ZONE_NAME_LENGTH + 1))).toBeUndefined();
  });

  it("keeps at most MAX_CACHED_ZONES zones' formatters, whatever zones are asked", () => {
    for (const zone of Intl.supportedValuesOf("timeZone")) periodStart(zone, "day", Date.UTC(2026, 0, 1));
    expect(Intl.supportedValuesOf("timeZone").length).toBeGreaterThan(MAX_CACHED_ZONES);
    expect(cachedZoneCount()).toBe(MAX_CACHED_ZONES);
  });

  it("starts Santiago's day of the September change at the jump (00:00 does not exist), then goes on", () => {
    const days = periodsBetween("America/Santiago", "day", Date.UTC(2026, 8, 5, 12), Date.UTC(2026, 8, 8, 12));
    expect(days.map((day) => periodLabel("America/Santiago", day.start))).toEqual([
      "2026-09-05",
      "2026-09-06",
      "2026-09-07",
      "2026-09-08",
    ]);
    // 2026-09-06 00:00 -04 never shows: the clocks read 01:00 -03 at 04:00 UTC, the day's first instant.
    expect(days[1]).toEqual({ start: Date.UTC(2026, 8, 6, 4), end: Date.UTC(2026, 8, 7, 3) });
    expect(periodStart("America/Santiago", "month", Date.UTC(2026, 8, 6, 12))).toBe(Date.UTC(2026, 8, 1, 4));
  });

  it("gives a date the clocks skip no period: Samoa went from 2011-12-29 to 2011-12-31", () => {
    const days = periodsBetween("Pacific/Apia", "day", Date.UTC(2011, 11, 29, 12), Date.UTC(2011, 11, 30, 12));
    expect(days.map((day) => periodLabel("Pacific/Apia", day.start))).toEqual(["2011-12-29", "2011-12-31"]);
    expect(days[0]?.end).toBe(days[1]?.start);
  });

  it("refuses a walk of more than MAX_PERIODS periods, naming from, and lists exactly MAX_PERIODS", () => {
    const from = Date.UTC(2000, 0, 1);
    const last = from + (MAX_PERIODS - 1) * DAY_MS;
    expect(periodsBetween("UTC", "day", from, last)).toHaveLength(MAX_PERIODS);
    expect(() => periodsBetween("UTC", "day", from, last + DAY_MS)).toThrow(/^from: at most 3700 periods/);
  });

  it("starts Berlin's day at 23:00 UTC in winter and 22:00 UTC in summer", () => {
    expect(periodStart("Europe/Berlin", "day", Date.UTC(2026, 0, 15, 12))).toBe(Date.UTC(2026, 0, 14, 23));
    expect(periodStart("Europe/Berlin", "day", Date.UTC(2026, 6, 15, 12))).toBe(Date.UTC(2026, 6, 14, 22));
  });

  it("gives the day of a spring-forward change 23 hours and of a fall-back change 25", () => {
    const spring = periodStart("Europe/Berlin", "day", Date.UTC(2026, 2, 29, 12));
    expect(nextPeriodStart("Europe/Berlin", "day", spring) - spring).toBe(23 * HOUR_MS);
    const fall = periodStart("Europe/Berlin", "day", Date.UTC(2026, 9, 25, 12));
    expect(nextPeriodStart("Europe/Berlin", "day", fall) - fall).toBe(25 * HOUR_MS);
  });

  it("starts India's day at 18:30 UTC (a half-hour zone) and labels it by its own date", () => {
    const start = periodStart("Asia/Kolkata", "day", Date.UTC(2026, 4, 10, 20));
    expect(start).toBe(Date.UTC(2026, 4, 10, 18, 30));
    expect(periodLabel("Asia/Kolkata", start)).toBe("2026-05-11");
    expect(offsetAt("Asia/Kolkata", start)).toBe(5.5 * HOUR_MS);
  });

  it("starts weeks on Monday and months on the 1st, in the zone", () => {
    // 2026-05-13 is a Wednesday.
    expect(periodLabel("UTC", periodStart("UTC", "week", Date.UTC(2026, 4, 13)))).toBe("2026-05-11");
    expect(periodStart("America/New_York", "month", Date.UTC(2026, 4, 13))).toBe(Date.UTC(2026, 4, 1, 4));
  });

  it("lists the periods overlapping a range, end to end", () => {
    const days = periodsBetween("UTC", "day", Date.UTC(2026, 0, 1, 5), Date.UTC(2026, 0, 3, 1));
    expect(days.map((day) => periodLabel("UTC", day.start))).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    for (let i = 1; i < days.length; i++) expect(days[i]!.start).toBe(days[i - 1]!.end);
  });
});
