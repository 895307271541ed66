/**
 * The equity section: the range's performance (TWR and net deposits) beside the title, the
 * equity chart with the net deposits line, and the PnL over time under it, all following the
 * chart's range buttons. Equity comes from the live store (the stream, plus /api/equity read for
 * the range), drawn at the range's pace (EQUITY_DRAW_MS); performance and PnL by day are read for
 * the range (useLiveJson: every minute and a moment after new fills or backfilled deposits), PnL
 * by the cost-basis method picked.
 */
import type { CostMethodName, EquityPoint, PerformanceSummary, PnlPeriodItem } from "@mexc-live/contract";
import { useEffect, useState } from "react";
import { getJson } from "../api/http.js";
import { useLiveJson } from "../api/useLiveJson.js";
import { type ChartTheme, EquityChart, type EquityRange, PnlOverTimeChart } from "../charts/index.js";
import { useOnTick } from "../hooks/useNow.js";
import { COST_METHOD_LABEL } from "../pnl/costMethod.js";
import { useLive } from "../store/LiveContext.js";
import type { LiveStore } from "../store/liveStore.js";
import { RangePerformance } from "./RangePerformance.js";
import { EQUITY_QUERY, rangeFrom } from "./rangeQuery.js";
import "./equity.css";

export interface EquitySectionProps {
  readonly store: LiveStore;
  readonly quote: string;
  readonly theme: ChartTheme;
  /** The cost-basis method picked; null: the gateway's default. */
  readonly method: CostMethodName | null;
}

const NO_PERIODS: readonly PnlPeriodItem[] = [];
/**
 * How often the equity chart takes new points, by range: a point a second moves a 1d line by a
 * pixel every couple of minutes, so redrawing at each one costs frames for nothing (issue 17, a
 * light tab). On the clock's whole seconds, so a redraw shares the clock's frame; the balances
 * and their total beside the chart are live.
 */
const EQUITY_DRAW_MS: Record<EquityRange, number> = { "1h": 1_000, "1d": 5_000, "1w": 15_000, all: 15_000 };
/** Points the user waits for: the first ones, or history older than what is drawn (a longer range). */
function olderHistory(shown: readonly EquityPoint[], next: readonly EquityPoint[]): boolean {
  const oldestShown = shown[0]?.time;
  const oldestNext = next[0]?.time;
  return oldestShown === undefined || (oldestNext !== undefined && oldestNext < oldestShown);
}

export function EquitySection({ store, quote, theme, method }: EquitySectionProps) {
  const [range, setRange] = useState<EquityRange>("1d");
  // New points at the range's pace (EQUITY_DRAW_MS); the first points, and older ones read for a
  // longer range, at once.
  const points = useOnTick(
    useLive((s) => s.equity),
    EQUITY_DRAW_MS[range],
    olderHistory,
  );
  const oldest = useLive((s) => s.equity[0]?.time);
  // The account moved: new fills, or deposits the backfill stored.
  const version = useLive((s) => {
    const counts = s.health?.value.history?.counts;
    return `${s.fills.items[0]?.tradeId ?? ""}|${counts ? `${counts.deposits}/${counts.withdrawals}/${counts.transfers}` : ""}`;
  });
  useEffect(() => {
    const controller = new AbortController();
    getJson<{ items: EquityPoint[] }>("/api/equity", EQUITY_QUERY[range](Date.now()), controller.signal)
      .then((page) => store.addEquityHistory(page.items))
      .catch(() => {
        // The stream's snapshot still fills the chart.
      });
    return () => controller.abort();
  }, [store, range]);

  const from = rangeFrom(range, oldest);
  const performance = useLiveJson<PerformanceSummary>("/api/performance", { from }, version);
  const pnl = useLiveJson<{ items: PnlPeriodItem[] }>("/api/pnl/periods", { period: "day", from, method }, version);
  const periods = pnl.data?.items ?? NO_PERIODS;
  const pnlMethod = periods[0]?.method ?? method;

  return (
    <section className="panel area-equity" aria-label="Equity">
      <div className="equity-head">
        <h2 className="panel-title">Equity and balances</h2>
        <RangePerformance summary={performance.data} range={range} quote={quote} />
      </div>
      <div className="chart-box chart-equity">
        <EquityChart
          points={points}
          range={range}
          onRangeChange={setRange}
          netDeposits={performance.data?.netDeposits}
          theme={theme}
          quote={quote}
        />
      </div>
      <div className="chart-box chart-pnl-time">
        <PnlOverTimeChart
          periods={periods}
          method={pnlMethod === null ? "the gateway's cost basis" : COST_METHOD_LABEL[pnlMethod]}
          quote={quote}
          theme={theme}
        />
      </div>
    </section>
  );
}
