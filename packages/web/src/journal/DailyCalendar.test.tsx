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
      "2026-11-24: realized -1.54, fees 0.1 USDT, without ETH, MX (past prices or history still being fetched from MEXC)",
    );
    expect(cell("2026-11-25").title).toContain("without DUST (no market price)");
    expect(document.querySelector('[data-note="calendar-left-out"]')?.textContent).toBe(
      "Days marked * leave out ETH, MX until their past prices or history are in: they are still being fetched from MEXC. Days marked * leave out DUST for want of a market price.",
    );
  });

  it("says nothing of prices when every day is whole", () => {
    render(<DailyCalendar quote="USDT" days={[day("2026-11-23", "4.5")]} />);
    expect(cell("2026-11-23").textContent).toBe("234.50");
    expect(document.querySelector('[data-note="calendar-left-out"]')).toBeNull();
    expect(screen.queryByText(/leave out/)).toBeNull();
  });

  it("shows a day of nothing still being read from MEXC as not read yet, not as 0.00", () => {
    const reading = { from: Date.parse("2026-11-24T10:00:00Z"), to: Date.parse("2026-11-26T09:00:00Z") };
    const days = [
      day("2026-11-23", "0", { fees: "0" }), // before the span: a day of nothing, as far as is known
      day("2026-11-24", "0", { fees: "0" }), // the span starts in it
      day("2026-11-25", "3.2"), // inside, with fills read already
      day("2026-11-26", "0", { fees: "0", unpriced: ["BTC"], pricesPending: true }),
      day("2026-11-27", "0", { fees: "0" }), // after the plan: the live stream's
    ];
    render(<DailyCalendar quote="USDT" days={days} reading={reading} />);
    expect(["23", "24", "25", "26", "27"].map((d) => cell(`2026-11-${d}`).textContent)).toEqual([
      "230.00",
      "24…",
      "253.20",
      "26…*",
      "270.00",
    ]);
    expect(cell("2026-11-24").title).toBe("2026-11-24: not read from MEXC yet (its history is still being read)");
    expect(cell("2026-11-26").title).toBe(
      "2026-11-26: not read from MEXC yet (its history is still being read), without BTC (past prices or history still being fetched from MEXC)",
    );
    // What the page compares with the API stays the API's figure.
    expect(cell("2026-11-24").dataset.pnl).toBe("0");
    expect(document.querySelector('[data-note="calendar-unread"]')?.textContent).toBe(
      "Days marked … hold nothing read so far: MEXC's history of them is still being read.",
    );
    cleanup();
    render(<DailyCalendar quote="USDT" days={days} reading={null} />);
    expect(cell("2026-11-24").textContent).toBe("240.00");
    expect(document.querySelector('[data-note="calendar-unread"]')).toBeNull();
  });
});
