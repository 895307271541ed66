import type { PnlPeriodItem } from "@mexc-live/contract";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DailyCalendar } from "./DailyCalendar.js";

afterEach(cleanup);

const day = (date: string, realized: string, extra: Partial<PnlPeriodItem> = {}): PnlPeriodItem => ({
  period: date,
  from: Date.parse(`${date}T00:00:00Z`),
  to: Date.parse(`${date}T23:59:59.999Z`),
  realized,
  unrealized: "0",
  fees: "0.1",
  method: "avg",
  ...extra,
});

const cell = (date: string) => document.querySelector(`[data-day="${date}"]`) as HTMLElement;

describe("the calendar of daily PnL", () => {
  it("marks a day that leaves an asset out, and says which and why under it", () => {
    render(
      <DailyCalendar
        quote="USDT"
        days={[
          day("2026-11-23", "4.5"),
          day("2026-11-24", "-1.54", { unpriced: ["ETH", "MX"], pricesPending: true }),
          day("2026-11-25", "2", { unpriced: ["DUST"] }),
        ]}
      />,
    );
    expect(cell("2026-11-23").textContent).toBe("234.50");
    expect(cell("2026-11-24").textContent).toBe("24-1.54*");
    expect(cell("2026-11-24").title).toBe(
      "2026-11-24: realized -1.54, fees 0.1 USDT, without ETH, MX (past prices still being fetched from MEXC)",
    );
    expect(cell("2026-11-25").title).toContain("without DUST (no market price)");
    expect(document.querySelector('[data-note="calendar-left-out"]')?.textContent).toBe(
      "Days marked * leave out ETH, MX until their past prices are in: they are still being fetched from MEXC. Days marked * leave out DUST for want of a market price.",
    );
  });

  it("says nothing of prices when every day is whole", () => {
    render(<DailyCalendar quote="USDT" days={[day("2026-11-23", "4.5")]} />);
    expect(cell("2026-11-23").textContent).toBe("234.50");
    expect(document.querySelector('[data-note="calendar-left-out"]')).toBeNull();
    expect(screen.queryByText(/leave out/)).toBeNull();
  });
});
