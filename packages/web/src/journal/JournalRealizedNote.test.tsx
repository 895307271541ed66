import type { PnlPeriodItem, RealizedCauses } from "@mexc-live/contract";
import { dec } from "@mexc-live/protocol";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { JournalRealizedNote } from "./JournalRealizedNote.js";

const day = (period: string, realized: string, unpriced?: string[]): PnlPeriodItem => ({
  period,
  from: Date.parse(`${period}T00:00:00+09:00`),
  to: Date.parse(`${period}T00:00:00+09:00`) + 86_400_000 - 1,
  realized,
  unrealized: "0",
  fees: "0",
  method: "fifo",
  ...(unpriced === undefined ? {} : { unpriced }),
});
const DAYS = [day("2026-11-21", "10.004"), day("2026-11-22", "-3.001")];
// byAsset 7.003 = byPair 4.5 + quotePairs 1.2 + feeCoins 1.303
const CAUSES: RealizedCauses = {
  quote: "USDT",
  method: "fifo",
  from: DAYS[0]?.from,
  to: DAYS[1]?.to,
  byAsset: "7.003",
  byPair: "4.5",
  causes: [
    { cause: "quotePairs", realized: "1.2", names: ["BTCUSDT"], more: 0, unpriced: [] },
    { cause: "feeCoins", realized: "1.303", names: ["MX"], more: 0, unpriced: [] },
  ],
};

const note = (causes: RealizedCauses | null, days = DAYS) =>
  render(
    <JournalRealizedNote
      days={days}
      causes={causes}
      tripsRealized="3.999"
      tripsRange="the last 30 days"
      quote="USDT"
    />,
  );
const figure = (name: string) =>
  (screen.getByTestId("journal-realized-note").querySelector(`[data-figure="${name}"]`)?.textContent ?? "").replace(
    /[+,]/g,
    "",
  );

afterEach(cleanup);

describe("the journal's realized PnL by asset against its trips', by cause over the calendar's days", () => {
  it("splits the difference in numbers that add up as shown: the trips to the pairs over the days, then each cause", () => {
    note(CAUSES);
    // The days as shown, 10.00 - 3.00; the trips' 4.00.
    expect(figure("lead")).toBe("7.00");
    expect(figure("difference")).toBe("3.00");
    expect(figure("pairsOverDays")).toBe("4.50");
    expect(figure("tripsGap")).toBe("0.50");
    const line = screen.getByTestId("journal-realized-causes");
    const causes = [...line.querySelectorAll("li[data-cause]")].map((li) => [
      li.getAttribute("data-cause"),
      li.querySelector('[data-figure="cause"]')?.textContent,
    ]);
    expect(causes).toEqual([
      ["quotePairs", "+1.20"],
      ["feeCoins", "+1.30"],
    ]);
    const summed = [figure("tripsGap"), ...causes.map(([, amount]) => amount ?? "x")].reduce(
      (total, amount) => total.plus(amount.replace("+", "")),
      dec("4.00"),
    );
    expect(summed.toFixed(2)).toBe(figure("lead"));
    expect(screen.getByTestId("journal-realized-note").textContent).not.toMatch(/not yet/);
    expect(screen.getByTestId("journal-realized-note").textContent).toMatch(/closed in the last 30 days/);
  });

  it("does not split it while the causes are of another moment than the days, or a day leaves an asset out", () => {
    note({ ...CAUSES, byAsset: "7.004" });
    expect(screen.queryByTestId("journal-realized-causes")).toBeNull();
    expect(figure("difference")).toBe("3.00");
    cleanup();
    // ETH had no price on the 22nd: the day leaves out what it realized, the causes do not.
    note(CAUSES, [DAYS[0] as PnlPeriodItem, day("2026-11-22", "-4.001", ["ETH"])]);
    expect(screen.queryByTestId("journal-realized-causes")).toBeNull();
    expect(screen.getByTestId("journal-realized-note").textContent).toMatch(/leave an asset out/);
  });
});
