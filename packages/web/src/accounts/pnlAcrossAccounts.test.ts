import type { PnlPeriodItem } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import {
  combinedPnl,
  PNL_SPAN_MS,
  pnlSpanQuery,
  pricesAwaited,
  sumRealized,
  unrealizedNow,
} from "./pnlAcrossAccounts.js";

const TODAY = Date.UTC(2025, 0, 15);
const NOW = TODAY + 12 * 3_600_000;

function day(start: number, realized: string, unrealized: string | null = "0"): PnlPeriodItem {
  const period = new Date(start).toISOString().slice(0, 10);
  return { period, from: start, to: start + DAY_MS - 1, realized, unrealized, fees: "0", method: "avg" };
}

describe("pnlAcrossAccounts", () => {
  it("asks for daily periods over the 30 days up to the read", () => {
    expect(pnlSpanQuery(NOW)).toEqual({ period: "day", from: NOW - 30 * DAY_MS, to: NOW });
    expect(PNL_SPAN_MS).toBe(30 * DAY_MS);
  });

  it("sums realized PnL exactly, never through floats", () => {
    expect(sumRealized([day(TODAY - DAY_MS, "0.1"), day(TODAY, "0.2")])).toBe("0.3");
    expect(sumRealized([day(TODAY - DAY_MS, "12345678901234567.89"), day(TODAY, "-0.000000000000000001")])).toBe(
      "12345678901234567.889999999999999999",
    );
    expect(sumRealized([])).toBe("0");
  });

  it("takes today's realized and the span's, whatever the order", () => {
    const items = [day(TODAY, "-2.5", "7.25"), day(TODAY - 2 * DAY_MS, "10.1", "1"), day(TODAY - DAY_MS, "0.4", "3")];
    expect(combinedPnl(items, NOW)).toEqual({ today: "-2.5", span: "8" });
  });

  it("reads no period for today as nothing realized", () => {
    expect(combinedPnl([day(TODAY - DAY_MS, "5", null)], NOW)).toEqual({ today: "0", span: "5" });
    expect(combinedPnl([], NOW)).toEqual({ today: "0", span: "0" });
  });

  it("refuses a figure that is not a decimal rather than summing it", () => {
    expect(() => sumRealized([day(TODAY, "1e5")])).toThrow(/realized/);
  });
});

describe("unrealizedNow", () => {
  const period = (from: number, unrealized: string | null, extra: Partial<PnlPeriodItem> = {}): PnlPeriodItem => ({
    period: "d",
    from,
    to: from + DAY_MS - 1,
    realized: "0",
    unrealized,
    fees: "0",
    method: "avg",
    ...extra,
  });
  const now = 10 * DAY_MS + 5;
  it("is the unrealized PnL of the period holding now; null when unvalued or partly unpriced; undefined when not known yet", () => {
    expect(unrealizedNow([period(9 * DAY_MS, "1"), period(10 * DAY_MS, "-2.5")], now)).toBe("-2.5");
    expect(unrealizedNow([period(10 * DAY_MS, null)], now)).toBeNull();
    expect(unrealizedNow([period(10 * DAY_MS, "3", { unpriced: ["FROP"] })], now)).toBeNull();
    expect(unrealizedNow([period(10 * DAY_MS, "3", { unpriced: ["BTC"], pricesPending: true })], now)).toBeUndefined();
    expect(unrealizedNow([period(9 * DAY_MS, "1")], now)).toBeUndefined();
    expect(unrealizedNow([period(10 * DAY_MS, "NaN")], now)).toBeUndefined();
    // What a figure not known yet waits on.
    expect(pricesAwaited([period(10 * DAY_MS, null, { unpriced: ["BTC"], pricesPending: true })], now)).toEqual([
      "BTC",
    ]);
    expect(pricesAwaited([period(10 * DAY_MS, null, { unpriced: ["FROP"] })], now)).toEqual([]);
  });
});
