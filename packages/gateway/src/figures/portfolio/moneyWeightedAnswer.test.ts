/**
 * The money-weighted return as the API table answers it: over Performance's range and equity, the
 * flows its bridge values; for all accounts, the return of their sum.
 */
import type { MoneyWeightedAnswer, PerformanceSummary } from "@mexc-live/contract";
import { dec, HOUR_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { smallJournalHistory, T0 } from "../../../test/journalHistory.js";
import { askRead } from "../../http/queries/gatewayQueries.js";
import type { GatewayStore } from "../../store/index.js";
import type { RangeFlow } from "../journal/comparisons.js";
import { moneyWeightedAnswer, sumMoneyWeighted } from "./moneyWeightedAnswer.js";

let store: GatewayStore | undefined;
let closeKeeper: (() => void) | undefined;
afterEach(() => {
  // The keeper first: its balance checks read the store.
  closeKeeper?.();
  store?.close();
  store = undefined;
  closeKeeper = undefined;
});

const DAY = 86_400_000;
const day = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Eq 1's left side for the answer's own numbers at its period rate, minus its end equity. */
function residual(answer: MoneyWeightedAnswer): number {
  const growth = 1 + Number(answer.period);
  const length = answer.to - answer.from;
  let sum = Number(answer.startEquity) * growth;
  for (const flow of answer.flows) sum += Number(flow.value) * growth ** ((answer.to - flow.time) / length);
  return sum - Number(answer.endEquity);
}

describe("the money-weighted return of an account", () => {
  it("a history worked out by hand: 1 BTC and 1000 USDT in, 100 out, 1010 at the end", async () => {
    const history = smallJournalHistory();
    store = history.store;
    closeKeeper = () => history.keeper.close();
    // To T0+4h, BTC at its candle's 100: 1.5 x 100 + 860 = 1010; flows +100 (1 BTC), +1000, -100.
    const answer = await askRead(history.queries, "moneyWeighted", { from: T0, to: T0 + 4 * HOUR_MS });
    expect(answer).toMatchObject({ from: T0, to: T0 + 4 * HOUR_MS, startEquity: "0", endEquity: "1010", noRate: null });
    expect(answer.flows.map((flow) => [flow.time - T0, flow.value]).sort()).toEqual([
      [0, "100"],
      [0, "1000"],
      [3 * HOUR_MS, "-100"],
    ]);
    // 1100 (1+p) - 100 (1+p)^(1/4) = 1010: p a little over 10 / 1100, and Eq 1 holds.
    expect(Number(answer.period)).toBeGreaterThan(10 / 1100);
    expect(Number(answer.period)).toBeLessThan(10 / 1000);
    // The period is given to 10 places: 1100 x 5e-11 at most.
    expect(Math.abs(residual(answer))).toBeLessThan(1e-7);
    // Its equity and flows are Performance's: end - start - flows is its PnL.
    const performance = await askRead(history.queries, "performance", { from: T0, to: T0 + 4 * HOUR_MS });
    expect(performance.pnl).toBe("10");
    expect([performance.startEquity, performance.endEquity]).toEqual([answer.startEquity, answer.endEquity]);
  });
});

/** A Performance answer over a range with these equities (the rest as Performance gives it). */
function summary(from: number, to: number, startEquity: string | null, endEquity: string | null): PerformanceSummary {
  return {
    from,
    to,
    quote: "EUR",
    startEquity,
    endEquity,
    netFlows: "0",
    twr: null,
    netDeposits: [],
    unpriced: [],
    coverage: { status: "covered", historyStartsAt: from },
  };
}

const flow = (time: number, value: string | null): RangeFlow => ({
  time,
  asset: "EUR",
  quantity: dec(value ?? "1"),
  value: value === null ? null : dec(value),
});

describe("the money-weighted answer over Performance's range", () => {
  it("Portfolio Performance's example 4 (17.63 % a year) from the range's flows, those outside or unpriced left out", () => {
    const [from, to] = [day("2021-06-12"), day("2023-06-12")];
    const flows = [
      flow(from - DAY, "155"),
      flow(day("2022-01-14"), "84"),
      flow(day("2022-05-01"), null),
      flow(day("2022-09-30"), "67"),
      flow(to, "1000"),
    ];
    const answer = moneyWeightedAnswer(summary(from, to, "177.94", "426.82"), flows);
    expect(answer.flows).toEqual([
      { time: day("2022-01-14"), value: "84" },
      { time: day("2022-09-30"), value: "67" },
    ]);
    expect(
      dec(answer.annual as string)
        .times(100)
        .toFixed(2),
    ).toBe("17.63");
    expect(answer.noRate).toBeNull();
  });

  it("no equity, or prices still coming for an asset left out: no rate, and why", () => {
    expect(moneyWeightedAnswer(summary(0, DAY, null, null), [])).toMatchObject({ annual: null, noRate: "noEquity" });
    const pending = { ...summary(0, DAY, "100", "110"), unpriced: ["XYZ"], pricesPending: true };
    expect(moneyWeightedAnswer(pending, [])).toMatchObject({ annual: null, period: null, noRate: "pricesPending" });
    expect(moneyWeightedAnswer(summary(0, DAY, "0", "0"), [])).toMatchObject({ noRate: "nothingInvested" });
  });

  it("all accounts: their sum's return, an account starting later bringing its start equity in as a flow then", () => {
    const [from, to] = [day("2021-06-12"), day("2023-06-12")];
    const a = moneyWeightedAnswer(summary(from, to, "177.94", "300"), [flow(day("2022-01-14"), "84")]);
    // B's history starts on 2022-09-30 with 67 in it: to the sum, a deposit of 67 then.
    const b = moneyWeightedAnswer(summary(day("2022-09-30"), to, "67", "126.82"), []);
    const both = sumMoneyWeighted([a, b]);
    expect(both).toMatchObject({ from, to, startEquity: "177.94", endEquity: "426.82", noRate: null });
    expect(both.flows).toEqual([
      { time: day("2022-01-14"), value: "84" },
      { time: day("2022-09-30"), value: "67" },
    ]);
    // The same as example 4 of one account holding it all: 17.63 % a year.
    expect(
      dec(both.annual as string)
        .times(100)
        .toFixed(2),
    ).toBe("17.63");
    expect(sumMoneyWeighted([a])).toBe(a);
  });
});
