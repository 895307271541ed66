/**
 * The money-weighted return over a range (GET /api/performance/money-weighted; docs/figures.md
 * "Money-weighted return"), beside Performance's time-weighted one and over the same things:
 * Performance's range, start and end equity, assets left out and coverage (performanceAnswer.ts),
 * and the deposits, withdrawals and transfers in the range valued as its bridge values them
 * (readings.ts flows). The rate is moneyWeighted.ts'. Its answer for an account with no history
 * and its fold over several accounts (the start and end equity summed, every flow together) sit
 * here with it.
 */
import type {
  MoneyWeightedAnswer,
  MoneyWeightedNoRate,
  NetFlowPoint,
  PerformanceSummary,
  RangeCoverage,
} from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { dec, fmt, ZERO } from "@mexc-live/protocol";
import { figureRead } from "../figureRead.js";
import type { RangeFlow } from "../journal/comparisons.js";
import { moneyWeightedRate } from "../moneyWeighted.js";
import { foldCoverage, leftOutTogether } from "../sumAccounts.js";
import { performanceOf } from "./performanceAnswer.js";
import type { PortfolioModels } from "./portfolioQueries.js";

const NO_COVERAGE: RangeCoverage = { status: "noHistory", historyStartsAt: null };

/** The money-weighted return of `summary`'s range, its flows those of `flows` in it (unpriced ones left out). */
export function moneyWeightedAnswer(summary: PerformanceSummary, flows: readonly RangeFlow[]): MoneyWeightedAnswer {
  const inRange: NetFlowPoint[] = [];
  for (const flow of flows) {
    if (flow.value === null || flow.time < summary.from || flow.time >= summary.to) continue;
    inRange.push({ time: flow.time, value: fmt(flow.value) });
  }
  return withRate({
    from: summary.from,
    to: summary.to,
    ...(summary.quote === undefined ? {} : { quote: summary.quote }),
    startEquity: summary.startEquity,
    endEquity: summary.endEquity,
    flows: inRange,
    unpriced: summary.unpriced ?? [],
    ...(summary.pricesPending === true ? { pricesPending: true } : {}),
    coverage: summary.coverage ?? NO_COVERAGE,
  });
}

type Unsolved = Omit<MoneyWeightedAnswer, "annual" | "period" | "noRate">;

/** The answer with its rate solved from its own equity and flows. */
function withRate(answer: Unsolved): MoneyWeightedAnswer {
  const none = (noRate: MoneyWeightedNoRate): MoneyWeightedAnswer => ({
    ...answer,
    annual: null,
    period: null,
    noRate,
  });
  if (answer.startEquity === null || answer.endEquity === null) return none("noEquity");
  // Like the time-weighted return: no rate while money moved between what is valued and what waits.
  if (answer.pricesPending === true && answer.unpriced.length > 0) return none("pricesPending");
  const result = moneyWeightedRate(
    { time: answer.from, value: dec(answer.startEquity) },
    answer.flows.map((flow) => ({ time: flow.time, value: dec(flow.value) })),
    { time: answer.to, value: dec(answer.endEquity) },
  );
  if (result.kind === "none") return none(result.reason);
  return { ...answer, annual: result.annual, period: result.period, noRate: null };
}

/**
 * Several accounts' answers as one: the money-weighted return of their sum over the earliest
 * start to the latest end. An account whose range starts later (its history does) brings its
 * start equity in as a flow then; the end equity is summed; every flow is kept, by time.
 */
export function sumMoneyWeighted(answers: readonly MoneyWeightedAnswer[]): MoneyWeightedAnswer {
  const first = answers[0] as MoneyWeightedAnswer;
  if (answers.length === 1) return first;
  const from = Math.min(...answers.map((answer) => answer.from));
  const to = Math.max(...answers.map((answer) => answer.to));
  const known = answers.every((answer) => answer.startEquity !== null && answer.endEquity !== null);
  let start = ZERO;
  let end = ZERO;
  const flows: NetFlowPoint[] = [];
  for (const answer of answers) {
    flows.push(...answer.flows);
    if (!known) continue;
    end = end.plus(dec(answer.endEquity as string));
    if (answer.from === from) start = start.plus(dec(answer.startEquity as string));
    else flows.push({ time: answer.from, value: answer.startEquity as string });
  }
  const { unpriced, pricesPending } = leftOutTogether(answers);
  return withRate({
    from,
    to,
    ...(first.quote === undefined ? {} : { quote: first.quote }),
    startEquity: known ? fmt(start) : null,
    endEquity: known ? fmt(end) : null,
    flows: flows.sort((a, b) => a.time - b.time),
    unpriced,
    ...(pricesPending ? { pricesPending: true } : {}),
    coverage: foldCoverage(answers).coverage ?? NO_COVERAGE,
  });
}

/** What an account with no history answers. */
function noMoneyWeighted(query: ReadQuery<"moneyWeighted">, quote: string): MoneyWeightedAnswer {
  return {
    from: query.from ?? 0,
    to: query.to ?? Date.now(),
    quote,
    startEquity: null,
    endEquity: null,
    flows: [],
    annual: null,
    period: null,
    noRate: "noEquity",
    unpriced: [],
    coverage: NO_COVERAGE,
  };
}

/** The money-weighted return over Performance's range, of its equity and of the flows its bridge values. */
export const moneyWeightedRead = figureRead("moneyWeighted", {
  answer: async ({ keeper: { queries } }: PortfolioModels, query) => {
    const summary = await performanceOf(queries, query);
    return moneyWeightedAnswer(summary, queries.readings.flows(new Set(summary.unpriced ?? [])));
  },
  noHistory: noMoneyWeighted,
});
