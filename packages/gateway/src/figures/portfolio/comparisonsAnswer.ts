/**
 * The journal's comparisons of a range (GET /api/journal: againstHolding, againstBenchmark;
 * figures/journal/comparisons.ts), from the very readings, prices and flows performance uses.
 */
import type { JournalAgainstBenchmark, JournalAgainstHolding } from "@mexc-live/contract";
import { ZERO } from "@mexc-live/protocol";
import { againstBenchmark, againstHolding, noComparison } from "../journal/comparisons.js";
import { performanceAnswer } from "./performanceAnswer.js";
import { type PortfolioQueries, pendingIfUnpriced } from "./portfolioQueries.js";
import { endOf, type PerformanceRange, type Readings } from "./readings.js";

/** `benchmark` null when none was asked; `to` where the range ends (null: nothing compared). */
export interface Comparisons {
  readonly holding: JournalAgainstHolding;
  readonly benchmark: JournalAgainstBenchmark | null;
  readonly to: number | null;
}

function comparisonsAnswer(readings: Readings, range: PerformanceRange, benchmark?: string): Comparisons {
  const summary = performanceAnswer(readings, range);
  if (summary.pnl == null || summary.bridge == null) return { ...noComparison(benchmark), to: null };
  const now = readings.now();
  const { from, to } = summary;
  const input = {
    start: readings.reading(from),
    end: endOf(range, now).live ? readings.liveReading(now) : readings.reading(to),
    pnl: ZERO.plus(summary.pnl),
    startEquity: ZERO.plus(summary.bridge.startEquity),
    unpriced: summary.unpriced ?? [],
    flows: readings.flows(new Set(summary.unpriced)).filter((flow) => flow.time >= from && flow.time < to),
  };
  const priceAt = (asset: string, time: number) => readings.deps.prices.priceOf(asset, time);
  return {
    holding: againstHolding(input),
    benchmark: benchmark === undefined ? null : againstBenchmark(input, benchmark, priceAt),
    to,
  };
}

/**
 * The range's PnL against holding still and against `benchmark` once the portfolio holds
 * everything stored; each that leaves an asset out only until its past prices are in says so
 * (pricesPending).
 */
export async function comparisonsOf(
  queries: PortfolioQueries,
  range: PerformanceRange,
  benchmark?: string,
): Promise<Comparisons> {
  const { answer, pending } = await queries.pendingAware(
    () => comparisonsAnswer(queries.readings, range, benchmark),
    (comparisons) => comparisons.to,
  );
  if (!pending) return answer;
  return {
    ...answer,
    holding: pendingIfUnpriced(answer.holding),
    benchmark: answer.benchmark && pendingIfUnpriced(answer.benchmark),
  };
}
