/**
 * Performance: one answer to "am I up or down?" for the range picked (today, 7 days, 30 days,
 * year to date, all, or days picked). Everything in it follows the one range: the PnL and the
 * time-weighted return, the bridge from start to end equity (all from one GET /api/performance
 * answer, so they agree), the equity chart with its "start + net deposits" line (the gap between
 * the two is the PnL), the money-weighted return beside the time-weighted one (GET
 * /api/performance/money-weighted, the same range), and the PnL over time under it (that gap, drawn; it ends at the headline's
 * PnL). Equity comes from the live store (the stream, plus /api/equity read for the range), drawn
 * at the range's pace; the performance is read again every minute and a moment after new fills or
 * backfilled deposits (useLiveJson), by the cost-basis method picked.
 */
import type { CostMethodName, EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { useEffect, useMemo, useState } from "react";
import { getRead } from "../api/http.js";
import { msAgo, useLiveRead } from "../api/useLiveJson.js";
import { baselineSteps } from "../charts/baseline.js";
import type { RangeStart } from "../charts/equitySeries.js";
import { EquityChart, PnlOverTimeChart } from "../charts/index.js";
import { useDisplay } from "../format/DisplayContext.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatDay } from "../format/time.js";
import { useNow, useOnTick } from "../hooks/useNow.js";
import { gatewayLink } from "../live/accountState.js";
import { useLive } from "../store/LiveContext.js";
import type { LiveStore } from "../store/liveStore.js";
import { BridgeWaterfall } from "./BridgeWaterfall.js";
import { endEquityBehind } from "./endMoment.js";
import { PerformanceHeadline } from "./PerformanceHeadline.js";
import { RangePicker } from "./RangePicker.js";
import { type DayRange, equityQuery, RANGE_OPTIONS, type RangeId, rangeWindow } from "./ranges.js";
import { hasNoFigures } from "./rangeWords.js";
import "./performance.css";
import { DAY_MS, MINUTE_MS } from "@mexc-live/protocol";
import { useProvisional } from "../header/useProvisional.js";

export interface PerformanceSectionProps {
  readonly store: LiveStore;
  /** The cost-basis method picked; null: the gateway's default. */
  readonly method: CostMethodName | null;
}

/**
 * How often the equity chart takes new points: a point a second moves a day's line by a pixel
 * every couple of minutes, so redrawing at each one costs frames for nothing (issue 17, a light
 * tab). On the clock's whole seconds, so a redraw shares the clock's frame.
 */
const EQUITY_DRAW_MS = { day: 5_000, longer: 15_000 } as const;
const NO_ASSETS: readonly string[] = [];
const NO_STEPS: readonly NetFlowPoint[] = [];
/** The relative ranges, as a span before each fetch (the window moves with the clock). */
const SPANS: Partial<Record<RangeId, number>> = { "7d": 7 * DAY_MS, "30d": 30 * DAY_MS };

/** Points the user waits for: the first ones, or history older than what is drawn (a longer range). */
function olderHistory(shown: readonly EquityPoint[], next: readonly EquityPoint[]): boolean {
  const oldestShown = shown[0]?.time;
  const oldestNext = next[0]?.time;
  return oldestShown === undefined || (oldestNext !== undefined && oldestNext < oldestShown);
}

function lastWeek(now: number): DayRange {
  return { from: formatDay(now - 6 * DAY_MS), to: formatDay(now) };
}

export function PerformanceSection({ store, method }: PerformanceSectionProps) {
  const { quote, theme } = useDisplay();
  const zone = useDisplayZone();
  const [range, setRange] = useState<RangeId>("today");
  const [days, setDays] = useState<DayRange>(() => lastWeek(Date.now()));
  // Ranges move with the clock ("today" at midnight, 7 days by the minute): read each minute.
  const now = useNow(MINUTE_MS);
  const window = rangeWindow(range, now, zone, days);
  const span = window === undefined ? DAY_MS : (window.to ?? now) - (window.from ?? 0);
  const points = useOnTick(
    useLive((s) => s.equity),
    span <= DAY_MS ? EQUITY_DRAW_MS.day : EQUITY_DRAW_MS.longer,
    olderHistory,
  );
  // The account moved: its figures version (issue 40), new fills, or deposits the backfill stored.
  const version = useLive((s) => {
    const counts = s.health?.value.history?.counts;
    return `${s.figures?.version ?? ""}|${s.fills.items[0]?.tradeId ?? ""}|${counts ? `${counts.deposits}/${counts.withdrawals}/${counts.transfers}` : ""}`;
  });

  // The range's equity history, once per range (the stream adds what follows; a relative range's
  // window moves by the minute, but its history is read once).
  const relative = SPANS[range];
  const valid = window !== undefined;
  const fixedFrom = relative === undefined ? window?.from : undefined;
  const fixedTo = relative === undefined ? window?.to : undefined;
  useEffect(() => {
    if (!valid) return;
    const controller = new AbortController();
    const at = Date.now();
    const asked = relative !== undefined ? { from: at - relative } : { from: fixedFrom, to: fixedTo };
    getRead("equity", equityQuery(asked, at), controller.signal)
      .then((page) => store.addEquityHistory([...page.body.items]))
      .catch(() => {
        // The stream's snapshot still fills the chart.
      });
    return () => controller.abort();
  }, [store, valid, relative, fixedFrom, fixedTo]);

  const performance = useLiveRead(
    window === undefined ? undefined : "performance",
    relative !== undefined ? { from: msAgo(relative), method } : { from: window?.from, to: window?.to, method },
    version,
  );
  // Its money-weighted return, over the same range (no cost-basis method: equity and flows have none).
  const moneyWeighted = useLiveRead(
    window === undefined ? undefined : "moneyWeighted",
    relative !== undefined ? { from: msAgo(relative) } : { from: window?.from, to: window?.to },
    version,
  );
  // Picked days that are not a range have no figure: not those of the range picked before.
  const summary = valid ? performance.data : null;
  // The latest point the "All accounts" summary shows: no end equity of an older moment beside it.
  const pointVersion = useLive((s) => s.equity[s.equity.length - 1]?.version);
  // Before the equity came, and before the gateway took its first equity point (within a minute
  // of its start), the charts are loading: not "no data yet" for an account that holds something.
  const equityIn = useLive((s) => s.listsIn.equity && s.equity.length > 0);
  const provisional = useProvisional();
  // The gateway out of reach: the figures say they are as last seen (nothing pretends to be alive).
  const lostAt = useLive((s) => gatewayLink(s).lostAt);
  const endUpdating = endEquityBehind(performance.figuresVersion, pointVersion, valid && window?.to === undefined);
  const steps = useMemo(
    () =>
      summary && typeof summary.startEquity === "string"
        ? baselineSteps(summary.startEquity, summary.netDeposits ?? [], summary.from, summary.to)
        : [],
    [summary],
  );
  const unpriced = summary?.unpriced ?? NO_ASSETS;
  // Start equity and flows leave the unpriced assets out: beside total equity, that line would not
  // be where equity stands with no gain and no loss. The PnL over time leaves them out too.
  const chartBaseline = unpriced.length === 0 ? steps : NO_STEPS;
  // The lines begin at the range's start with the equity its PnL is measured from (issue 40: not
  // at the first estimated day end after it). Without the unpriced assets it is not total equity.
  const start: RangeStart | undefined =
    summary && typeof summary.startEquity === "string" && !hasNoFigures(summary)
      ? { time: summary.from, equity: summary.startEquity }
      : undefined;
  // A range that ended before now ends at its end equity, at its end (a past day at its 24:00).
  const end: RangeStart | undefined =
    start !== undefined && window?.to !== undefined && typeof summary?.endEquity === "string"
      ? { time: window.to, equity: summary.endEquity }
      : undefined;
  const rangeLabel = RANGE_OPTIONS.find((option) => option.id === range)?.label ?? range;
  // The charts start where the figures do: a range reaching before the known history (YTD from
  // 1 January) is measured from the history's start, and its lines begin there, not with a
  // straight line from 1 January (issue 57 item 3).
  const measuredFrom = summary !== null && !hasNoFigures(summary) ? summary.from : undefined;
  const chartWindow =
    window === undefined
      ? {}
      : measuredFrom !== undefined && (window.from === undefined || measuredFrom > window.from)
        ? { ...window, from: measuredFrom }
        : window;

  return (
    <section className="panel area-performance" aria-label="Performance">
      <div className="panel-head">
        <h2 className="panel-title">Performance</h2>
        <RangePicker range={range} onRange={setRange} days={days} onDays={setDays} invalid={window === undefined} />
      </div>
      <div className="perf-body">
        <div className="perf-summary">
          <PerformanceHeadline
            summary={summary}
            quote={quote}
            rangeLabel={rangeLabel}
            now={now}
            invalid={!valid}
            provisional={provisional}
            lostAt={lostAt}
            irr={valid ? moneyWeighted.data : null}
          />
          {summary?.bridge ? (
            <BridgeWaterfall
              bridge={summary.bridge}
              quote={quote}
              endUpdating={endUpdating}
              versions={{ answer: performance.figuresVersion, point: pointVersion }}
              leftOut={unpriced}
            />
          ) : !valid || (summary !== null && hasNoFigures(summary)) ? null : (
            <p className="perf-note">
              {performance.error !== null
                ? `The performance could not be read: ${performance.error}`
                : summary
                  ? "No bridge for this range: the balances at its start or end are not known."
                  : "Reading the performance…"}
            </p>
          )}
        </div>
        <div className="perf-charts">
          <div className="chart-box chart-equity">
            <EquityChart
              points={points}
              window={chartWindow}
              baseline={chartBaseline}
              start={unpriced.length === 0 ? start : undefined}
              end={unpriced.length === 0 ? end : undefined}
              theme={theme}
              quote={quote}
              loading={!equityIn}
            />
          </div>
          <div className="chart-box chart-pnl-time">
            <PnlOverTimeChart
              points={points}
              window={chartWindow}
              baseline={steps}
              start={start}
              end={end}
              unpriced={unpriced}
              pricesPending={summary?.pricesPending === true}
              quote={quote}
              theme={theme}
              // PnL is equity less the range's start and flows: none before the performance is read.
              loading={!equityIn || (valid && summary === null && performance.error === null)}
            />
          </div>
        </div>
      </div>
    </section>
  );
}
