/**
 * The fee series by day (GET /api/fees/days) over the history, in a time zone: each day's fees and
 * the running total; the last cumulative is the total of every fee.
 */
import type { FeeDaysAnswer } from "@mexc-live/contract";
import { type Fixed, fixedText } from "@mexc-live/protocol";
import { figureRead } from "../figureRead.js";
import { periodLabel, periodsBetween } from "../timeZones.js";
import type { PortfolioModels } from "./portfolioQueries.js";
import { type Readings, sumFees } from "./readings.js";

interface FeeDaysRange {
  readonly from?: number;
  readonly to?: number;
  readonly tz?: string;
}

function feeDaysAnswer(readings: Readings, range: FeeDaysRange): FeeDaysAnswer {
  const { portfolio } = readings.deps;
  const zone = range.tz ?? "UTC";
  const now = readings.now();
  const total = sumFees(portfolio.headTotals());
  const first = portfolio.historyStart();
  if (first === undefined) return { quote: readings.quote, items: [], total: fixedText(total) };
  const from = Math.max(range.from ?? first, first);
  const to = Math.min(range.to ?? now, now);
  const feesAt = (time: number): Fixed => (time >= now ? total : sumFees(portfolio.totalsAt(time)));
  const items = [];
  const days = periodsBetween(zone, "day", from, to);
  let before = days[0] === undefined ? 0n : feesAt(days[0].start);
  for (const { start, end } of days) {
    const cumulative = feesAt(Math.min(end, now));
    items.push({
      day: periodLabel(zone, start),
      from: start,
      to: end - 1,
      fees: fixedText(cumulative - before),
      cumulative: fixedText(cumulative),
    });
    before = cumulative;
  }
  return { quote: readings.quote, items, total: fixedText(total) };
}

export const feeDaysRead = figureRead("feeDays", {
  answer: ({ keeper }: PortfolioModels, query) =>
    keeper.queries.readings.current(() => feeDaysAnswer(keeper.queries.readings, query)),
  noHistory: (_query, quote) => ({ quote, items: [], total: "0" }),
});
