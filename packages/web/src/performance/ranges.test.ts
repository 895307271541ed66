import { DAY_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { zoneOf } from "../format/timeZone.js";
import { equityQuery, rangeWindow } from "./ranges.js";

const UTC = zoneOf("UTC");
const NOW = Date.UTC(2026, 10, 23, 23, 30);

describe("the ranges of the performance section", () => {
  it("starts today and the year at midnight in the zone picked, 7 and 30 days before now", () => {
    expect(rangeWindow("today", NOW, UTC)).toEqual({ from: Date.UTC(2026, 10, 23) });
    expect(rangeWindow("ytd", NOW, UTC)).toEqual({ from: Date.UTC(2026, 0, 1) });
    expect(rangeWindow("7d", NOW, UTC)).toEqual({ from: NOW - 7 * DAY_MS });
    expect(rangeWindow("30d", NOW, UTC)).toEqual({ from: NOW - 30 * DAY_MS });
    expect(rangeWindow("all", NOW, UTC)).toEqual({});
    const saved = process.env.TZ;
    process.env.TZ = "Europe/Berlin";
    try {
      // 00:30 on the 24th in Berlin: today began an hour ago.
      expect(rangeWindow("today", NOW, zoneOf("browser", "Europe/Berlin"))).toEqual({
        from: Date.UTC(2026, 10, 23, 23),
      });
    } finally {
      process.env.TZ = saved;
    }
  });

  it("runs picked days from the first's midnight to the end of the last, both included", () => {
    expect(rangeWindow("custom", NOW, UTC, { from: "2026-11-01", to: "2026-11-10" })).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 11) - 1,
    });
    // Up to today: open-ended, the figures run to now.
    expect(rangeWindow("custom", NOW, UTC, { from: "2026-11-20", to: "2026-11-23" })).toEqual({
      from: Date.UTC(2026, 10, 20),
    });
    // All after now: its end is sent too, so the gateway can answer for the days picked, not for now.
    expect(rangeWindow("custom", NOW, UTC, { from: "2026-11-25", to: "2026-11-26" })).toEqual({
      from: Date.UTC(2026, 10, 25),
      to: Date.UTC(2026, 10, 27) - 1,
    });
    expect(rangeWindow("custom", NOW, UTC, { from: "2026-11-10", to: "2026-11-01" })).toBeUndefined();
    expect(rangeWindow("custom", NOW, UTC, { from: "2026-13-45", to: "2026-11-01" })).toBeUndefined();
  });

  it("asks for the range's equity at about the chart's grid step", () => {
    expect(equityQuery({ from: NOW - DAY_MS }, NOW)).toEqual({ from: NOW - DAY_MS, step: "120s" });
    expect(equityQuery({ from: NOW - 30 * DAY_MS, to: NOW - DAY_MS }, NOW)).toEqual({
      from: NOW - 30 * DAY_MS,
      to: NOW - DAY_MS,
      step: "3600s",
    });
    expect(equityQuery({}, NOW)).toEqual({ step: "3600s" });
  });
});
