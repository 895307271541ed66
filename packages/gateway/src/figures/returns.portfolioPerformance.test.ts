/**
 * Portfolio Performance's published worked examples of its two returns, as figures of ours:
 *
 *   money-weighted (IRR)  https://help.portfolio-performance.info/en/concepts/performance/money-weighted/
 *                         (source: github.com/portfolio-performance/portfolio-help,
 *                         docs/en/concepts/performance/money-weighted.md, examples 1-8)
 *   time-weighted (TTWROR) https://help.portfolio-performance.info/en/concepts/performance/time-weighted/
 *                         (docs/en/concepts/performance/time-weighted.md)
 *
 * Their demo-portfolio-03: deposits of 155, 84 and 67 EUR on 2021-01-15, 2022-01-14 and
 * 2022-09-30, valued on 2023-06-12 (and 2021-06-12 for the two-year period). Only the numbers
 * are taken; each is checked to the places the page gives.
 */
import type { EquityPoint } from "@mexc-live/contract";
import { type Decimal, dec } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { type MoneyFlow, moneyWeightedRate } from "./moneyWeighted.js";
import { type Flow, timeWeightedReturn } from "./performance.js";

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
const at = (date: string, value: string): MoneyFlow => ({ time: day(date), value: dec(value) });
const percent = (rate: string | null | undefined, places: number) =>
  rate == null ? rate : dec(rate).times(100).round(places).toFixed(places);

/** The annual IRR (Portfolio Performance's "IRR") in percent, to `places`. */
function annualIrr(start: MoneyFlow, flows: readonly MoneyFlow[], end: MoneyFlow, places = 2) {
  const result = moneyWeightedRate(start, flows, end);
  if (result.kind !== "rate") throw new Error(`no rate: ${result.reason}`);
  return percent(result.annual, places);
}

const THREE_YEARS = "2020-06-12";
const END = "2023-06-12";
const DEPOSITS = [at("2021-01-15", "155"), at("2022-01-14", "84"), at("2022-09-30", "67")];

describe("the money-weighted return of Portfolio Performance's worked examples", () => {
  it("the page's days left: 878, 514 and 255 of 1095 (three years) and 730 (two)", () => {
    expect(DEPOSITS.map((flow) => (day(END) - flow.time) / 86_400_000)).toEqual([878, 514, 255]);
    expect((day(END) - day(THREE_YEARS)) / 86_400_000).toBe(1095);
    expect((day(END) - day("2021-06-12")) / 86_400_000).toBe(730);
  });

  it("example 1: one deposit of 155 worth 190.06 at the end is 8.85 % a year", () => {
    expect(annualIrr(at(THREE_YEARS, "0"), DEPOSITS.slice(0, 1), at(END, "190.06"))).toBe("8.85");
  });

  it("example 1: deposits alone (nothing bought) return 0 %", () => {
    const result = moneyWeightedRate(at(THREE_YEARS, "0"), DEPOSITS, at(END, "306"));
    expect(result).toEqual({ kind: "rate", period: "0", annual: "0" });
  });

  it("example 2: three deposits worth 396.85 at the end are 15.60 % a year", () => {
    expect(annualIrr(at(THREE_YEARS, "0"), DEPOSITS, at(END, "396.85"))).toBe("15.60");
  });

  it("example 3: the same with the dividend and the sale kept in cash (426.82) is 20.28 % a year", () => {
    expect(annualIrr(at(THREE_YEARS, "0"), DEPOSITS, at(END, "426.82"))).toBe("20.28");
  });

  it("example 4: two years from 177.94, two deposits, 426.82 at the end: 17.63 % a year", () => {
    expect(annualIrr(at("2021-06-12", "177.94"), DEPOSITS.slice(1), at(END, "426.82"))).toBe("17.63");
  });

  it("example 5: 66 in on 2022-09-30, 111.76 at the end: 112.53 % a year", () => {
    expect(annualIrr(at(THREE_YEARS, "0"), [at("2022-09-30", "66")], at(END, "111.76"))).toBe("112.53");
  });

  it("example 7: 77.50 held 817 days and sold for 105 is 14.53 % a year", () => {
    expect(annualIrr(at("2021-01-15", "77.5"), [], at("2023-04-12", "105"))).toBe("14.53");
  });

  it("example 8: 67 worth 111.76 after 255 days is 108 % a year", () => {
    expect(annualIrr(at("2022-09-30", "67"), [], at(END, "111.76"), 0)).toBe("108");
  });

  it("example 8's second trade: the root of the equation the page writes is 8.96 % (the page says 9.16 %)", () => {
    // 77.5 * (1+IRR)^(878/365) + 84 * (1+IRR)^(514/365) = 190.06: at 9.16 % the left side is
    // 190.73; the page's figure is Portfolio Performance's trade report, not this equation.
    const flows = [at("2021-01-15", "77.5"), at("2022-01-14", "84")];
    expect(annualIrr(at(THREE_YEARS, "0"), flows, at(END, "190.06"))).toBe("8.96");
  });

  it("the period's rate is the annual one over the range's days: (1 + period) = (1 + annual)^(D / 365)", () => {
    const result = moneyWeightedRate(at("2021-06-12", "177.94"), DEPOSITS.slice(1), at(END, "426.82"));
    if (result.kind !== "rate" || result.annual === null) throw new Error("no rate");
    const period = dec(result.period);
    expect(period.plus(1).toFixed(8)).toBe(dec(result.annual).plus(1).pow(2).toFixed(8));
    // And it makes Eq 1 hold: 177.94 (1+p) + 84 (1+p)^(514/730) + 67 (1+p)^(255/730) = 426.82.
    const grow = (value: number, days: number) => value * (1 + Number(period)) ** (days / 730);
    expect(grow(177.94, 730) + grow(84, 514) + grow(67, 255)).toBeCloseTo(426.82, 6);
  });
});

describe("the money-weighted return at its edges", () => {
  it("no flow: the simple return, annualised over the range's days", () => {
    // 1000 -> 1100 over two years: +10 % for the period, 1.1^(1/2) - 1 a year.
    const result = moneyWeightedRate(at("2021-01-01", "1000"), [], at("2023-01-01", "1100"));
    expect(result).toMatchObject({ kind: "rate", period: "0.1" });
    expect(result.kind === "rate" && percent(result.annual, 6)).toBe("4.880885");
  });

  it("a range with a single flow and nothing at its start: that flow's growth alone", () => {
    // 500 in halfway through a 730-day range, 550 at the end: +10 % over the 365 days it was in.
    const result = moneyWeightedRate(at("2021-01-01", "0"), [at("2022-01-01", "500")], at("2023-01-01", "550"));
    expect(result.kind === "rate" && percent(result.annual, 8)).toBe("10.00000000");
  });

  it("nothing invested (no equity, no deposit) or an empty range: no rate, and why", () => {
    expect(moneyWeightedRate(at("2021-01-01", "0"), [], at("2022-01-01", "0"))).toEqual({
      kind: "none",
      reason: "nothingInvested",
    });
    expect(moneyWeightedRate(at("2021-01-01", "100"), [], at("2021-01-01", "100"))).toEqual({
      kind: "none",
      reason: "emptyRange",
    });
  });

  it("everything lost: -100 %, for the period and a year", () => {
    const result = moneyWeightedRate(at("2021-01-01", "100"), [at("2021-06-01", "50")], at("2022-01-01", "0"));
    expect(result).toEqual({ kind: "rate", period: "-1", annual: "-1" });
  });

  it("no rate above -100 % and below e^60 for the period makes the end: no root, said so", () => {
    // 1e-30 at the start and a million a day later: a growth of 1e36, beyond the search.
    const start = at("2021-01-01", "0.000000000000000000000000000001");
    expect(moneyWeightedRate(start, [], at("2021-01-02", "1000000"))).toEqual({ kind: "none", reason: "noRoot" });
  });

  it("more taken out than was put in, nothing left: a gain, not a loss beyond -100 %", () => {
    // 100 at the start, 150 taken out midway, nothing left at the end.
    const result = moneyWeightedRate(at("2021-01-01", "100"), [at("2021-07-02", "-150")], at("2022-01-01", "0"));
    expect(result.kind).toBe("rate");
    if (result.kind === "rate") {
      // 100 (1+p) = 150 (1+p)^w, w the share of the range left after the withdrawal.
      const w = (day("2022-01-01") - day("2021-07-02")) / (day("2022-01-01") - day("2021-01-01"));
      expect(Number(result.period)).toBeCloseTo(1.5 ** (1 / (1 - w)) - 1, 9);
      expect(Number(result.period)).toBeGreaterThan(0);
    }
  });

  it("a range of an hour annualises to no rate when the year's figure is beyond 10^12", () => {
    const hour = 3_600_000;
    const result = moneyWeightedRate({ time: 0, value: dec("100") }, [], { time: hour, value: dec("101") });
    expect(result).toEqual({ kind: "rate", period: "0.01", annual: null });
  });
});

describe("the time-weighted return of Portfolio Performance's worked examples", () => {
  const point = (time: number, equity: string): EquityPoint => ({ time, equity, byAsset: {} });
  const flow = (time: number, value: string): Flow => ({ time, value: dec(value) as Decimal });

  it("three holding periods of 10 %, 5 % and 10 % around +20 and -30: 27.05 %", () => {
    // 100 -> 110; +20; 136.5; -30; 117.15.
    const equity = [point(0, "100"), point(9, "110"), point(19, "136.5"), point(30, "117.15")];
    const twr = timeWeightedReturn(equity, [flow(10, "20"), flow(20, "-30")], equity[0], equity[3]);
    expect(percent(twr, 2)).toBe("27.05");
  });

  it("the two-year portfolio: 177.94 -> 160.26, +84 -> 264.57, +67 -> 426.82: 25.58 %", () => {
    const [start, d1, d2, end] = [day("2021-06-12"), day("2022-01-14"), day("2022-09-30"), day(END)];
    const equity = [point(start, "177.94"), point(d1 - 1, "160.26"), point(d2 - 1, "264.57"), point(end, "426.82")];
    const twr = timeWeightedReturn(equity, [flow(d1, "84"), flow(d2, "67")], equity[0], equity[3]);
    expect(percent(twr, 2)).toBe("25.58");
  });
});
