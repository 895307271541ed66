import { DAY_MS, HOUR_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { fillDataWeights, spansDays, weightBetween } from "./dataTickWeights.js";
import { zonedDayTimeLabel } from "./lightweightTheme.js";

const DAY = 50;
const MONTH = 60;
const HOUR = 30;

/** An hourly grid over 30 days from 27 Oct (chart seconds), with a day's point at 15:00 of each day. */
function thirtyDays() {
  const start = Date.UTC(2026, 9, 27) / 1000;
  const points = Array.from({ length: 30 * 24 }, (_, i) => ({
    originalTime: start + (i * HOUR_MS) / 1000,
    timeWeight: -1 as never as number,
  }));
  const data = new Set(points.filter((_, i) => i % 24 === 15).map((point) => point.originalTime));
  return { points, data };
}

describe("tick weights where the data is", () => {
  it("weighs each day's point as a day, a new month's as a month: on 30 days the ticks say dates, not 15:00", () => {
    const { points, data } = thirtyDays();
    fillDataWeights(points as never, 0, (seconds) => data.has(seconds));
    const dayPoints = points.filter((point) => data.has(point.originalTime));
    const weights = dayPoints.map((point) => point.timeWeight);
    // 1 Nov's starts a month; the others each a day.
    expect(weights.slice(1, 5)).toEqual([DAY, DAY, DAY, DAY]);
    const november = dayPoints.findIndex((point) => new Date(point.originalTime * 1000).getUTCDate() === 1);
    expect(weights[november]).toBe(MONTH);
    expect(weights.slice(1).every((weight) => weight >= DAY)).toBe(true);
  });

  it("weighs the first time against a day before it when the points are a day apart: '27 Oct', not '15:00'", () => {
    const { points, data } = thirtyDays();
    const fromThree = points.slice(15); // the grid starts at 15:00 on 27 Oct, with that day's point
    fillDataWeights(fromThree as never, 0, (seconds) => data.has(seconds));
    expect(fromThree[0]?.timeWeight).toBe(DAY);
    // The library's guess, one slot (an hour) before it: 14:00 the same day, an hour's weight.
    fillDataWeights(fromThree as never, 0, () => true);
    expect(fromThree[0]?.timeWeight).toBeLessThan(DAY);
  });

  it("weighs as the library does when every time counts (its own weighing): each 15:00 after 14:00 is hours, a '15:00' label", () => {
    const { points, data } = thirtyDays();
    fillDataWeights(points as never, 0, () => true);
    expect(new Set(points.filter((point) => data.has(point.originalTime)).map((point) => point.timeWeight))).toEqual(
      new Set([31]),
    );
  });

  it("weighs points appended later against the last point with data before them", () => {
    const { points, data } = thirtyDays();
    fillDataWeights(points as never, 0, (seconds) => data.has(seconds));
    const last = points[points.length - 1] as { originalTime: number; timeWeight: number };
    const appended = [...points, { originalTime: last.originalTime + DAY_MS / 1000, timeWeight: 0 }];
    data.add(last.originalTime + DAY_MS / 1000);
    fillDataWeights(appended as never, points.length, (seconds) => data.has(seconds));
    expect(appended[appended.length - 1]?.timeWeight).toBe(DAY);
  });

  it("weighs by the library's steps: year, month, day, then 12, 6, 3 and 1 hours, 30, 5 and 1 minutes, seconds", () => {
    const at = (iso: string) => Date.parse(iso) / 1000;
    expect(weightBetween(at("2027-01-01T00:00:00Z"), at("2026-12-31T15:00:00Z"))).toBe(70);
    expect(weightBetween(at("2026-12-01T15:00:00Z"), at("2026-11-30T15:00:00Z"))).toBe(MONTH);
    expect(weightBetween(at("2026-11-03T15:00:00Z"), at("2026-11-02T15:00:00Z"))).toBe(DAY);
    expect(weightBetween(at("2026-11-03T12:00:00Z"), at("2026-11-03T11:00:00Z"))).toBe(33);
    expect(weightBetween(at("2026-11-03T15:00:00Z"), at("2026-11-03T14:00:00Z"))).toBe(31);
    expect(weightBetween(at("2026-11-03T14:00:00Z"), at("2026-11-03T13:00:00Z"))).toBe(HOUR);
    expect(weightBetween(at("2026-11-03T14:05:00Z"), at("2026-11-03T14:04:00Z"))).toBe(21);
    expect(weightBetween(at("2026-11-03T14:04:00Z"), at("2026-11-03T14:03:00Z"))).toBe(20);
    expect(weightBetween(at("2026-11-03T14:04:01Z"), at("2026-11-03T14:04:00Z"))).toBe(10);
  });
});

describe("a clock-time tick on an axis of days", () => {
  it("names its day when the data spans more than a day: '27 Nov 10:00', never '10:00' beside '19 Nov'", () => {
    const day = DAY_MS / 1000;
    const start = Date.UTC(2026, 10, 27, 10) / 1000;
    expect(zonedDayTimeLabel(start as never)).toBe("27 Nov 10:00");
    expect(spansDays(new Set([start - 30 * day, start]))).toBe(true);
    expect(spansDays(new Set([start - day + 60, start]))).toBe(false);
    expect(spansDays(new Set())).toBe(false);
  });
});
