import { HOUR_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { isTimeZone, nextPeriodStart, offsetAt, periodLabel, periodStart, periodsBetween } from "./timeZones.js";

describe("day, week and month boundaries in a time zone", () => {
  it("knows UTC and IANA names, and refuses the rest", () => {
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
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
