import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DateTime, ZonedLabel } from "./DateTime.js";
import { TimeZoneProvider } from "./TimeZoneContext.js";
import { formatDateTime, parseLocalDateTime } from "./time.js";
import {
  dayStart,
  nextDayStart,
  parseDay,
  setDisplayZone,
  TIME_ZONE_STORAGE_KEY,
  yearStart,
  zoneLabel,
  zoneOf,
} from "./timeZone.js";
import { ZonePicker } from "./ZonePicker.js";

/** 23:30:05 UTC on 23 Nov 2026: already the 24th in Berlin (CET, UTC+1). */
const LATE = Date.UTC(2026, 10, 23, 23, 30, 5);

let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = "Europe/Berlin";
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  process.env.TZ = savedTz;
  setDisplayZone(zoneOf("browser"));
});

describe("day boundaries", () => {
  it("start the day, the year and the next day at midnight in the zone picked", () => {
    const berlin = zoneOf("browser", "Europe/Berlin");
    const utc = zoneOf("UTC");
    expect(dayStart(LATE, berlin)).toBe(Date.UTC(2026, 10, 23, 23));
    expect(dayStart(LATE, utc)).toBe(Date.UTC(2026, 10, 23));
    expect(yearStart(LATE, berlin)).toBe(Date.UTC(2025, 11, 31, 23));
    expect(yearStart(LATE, utc)).toBe(Date.UTC(2026, 0, 1));
    // Across summer time's end (25 Oct 2026 in Berlin) a day is 25 hours long.
    const sunday = parseDay("2026-10-25", berlin) ?? 0;
    expect(sunday).toBe(Date.UTC(2026, 9, 24, 22));
    expect(nextDayStart(sunday, berlin) - sunday).toBe(25 * 3_600_000);
    expect(parseDay("2026-13-45", berlin)).toBeUndefined();
    expect(parseDay("2026-02-30", utc)).toBeUndefined();
  });

  it("shows and reads a time in the zone picked, and names the zone", () => {
    const berlin = zoneOf("browser", "Europe/Berlin");
    expect(formatDateTime(LATE, berlin)).toBe("2026-11-24 00:30:05");
    expect(formatDateTime(LATE, zoneOf("UTC"))).toBe("2026-11-23 23:30:05");
    expect(parseLocalDateTime("2026-11-24T00:30", berlin)).toBe(Date.UTC(2026, 10, 23, 23, 30));
    expect(parseLocalDateTime("2026-11-24T00:30", zoneOf("UTC"))).toBe(Date.UTC(2026, 10, 24, 0, 30));
    expect(zoneLabel(berlin, LATE)).toBe("GMT+1");
    expect(zoneLabel(berlin, Date.UTC(2026, 6, 1))).toBe("GMT+2");
    expect(zoneLabel(zoneOf("UTC"))).toBe("UTC");
  });
});

describe("the time zone setting", () => {
  it("defaults to the browser's zone, shows every time in the zone picked with its name, and remembers the choice", () => {
    const page = () => (
      <TimeZoneProvider>
        <ZonePicker />
        <p data-testid="when">
          <ZonedLabel label="Time" />: <DateTime ms={LATE} />
        </p>
      </TimeZoneProvider>
    );
    const view = render(page());
    const picker = screen.getByRole("button", { name: /^Time zone: GMT\+\d, your browser's zone/ });
    expect(picker.textContent).toMatch(/^GMT\+\d local$/);
    expect(screen.getByTestId("when").textContent).toMatch(/^Time \(GMT\+\d\): 2026-11-24 00:30:05$/);
    act(() => {
      fireEvent.click(picker);
    });
    expect(screen.getByTestId("when").textContent).toBe("Time (UTC): 2026-11-23 23:30:05");
    expect(picker.textContent).toBe("UTC");
    expect(localStorage.getItem(TIME_ZONE_STORAGE_KEY)).toBe("UTC");
    view.unmount();
    render(page());
    expect(screen.getByRole("button", { name: /^Time zone: UTC, UTC\. Switch to your browser's zone/ })).toBeTruthy();
    expect(screen.getByTestId("when").textContent).toBe("Time (UTC): 2026-11-23 23:30:05");
  });
});
