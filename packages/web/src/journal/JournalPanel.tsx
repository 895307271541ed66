/**
 * The trader's journal (GET /api/journal and /api/journal/trips; docs/figures.md "Journal"):
 * over the range picked, the statistics of the round trips (one per closing order), their split
 * by strategy (the prefixes of clientOrderId the trader names), the drawdown of the PnL curve, the
 * range against holding still and against BTC, the trips newest first, and a calendar of daily PnL
 * in the zone picked (/api/pnl/periods) with the realized PnL's causes over its days
 * (/api/pnl/realized?from&to: JournalRealizedNote), and each pair's holding time (HoldingTimes.tsx).
 * Read through the API table's client (useLiveRead), by the rows journal, journalTrips, pnlPeriods,
 * realized and holdingTimes. Every figure is the gateway's, shown as sent
 * (rounded for reading, exact on hover).
 */
import {
  type CostMethodName,
  type JournalTrip,
  MAX_PAGE_LIMIT,
  MAX_STRATEGY_PREFIX_LENGTH,
  MAX_STRATEGY_PREFIXES,
  type PnlPeriodItem,
} from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { useMemo, useState } from "react";
import { type LiveReadQuery, msAgo, useLiveRead } from "../api/useLiveJson.js";
import { SegmentedButtons, type SegmentedOption } from "../controls/SegmentedButtons.js";
import { useDisplay } from "../format/DisplayContext.js";
import { formatMoney, formatValue } from "../format/decimal.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatDateTime, formatDay } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";
import { useHistoryBeingRead, useProvisional } from "../header/useProvisional.js";
import { SignedAmount } from "../tables/amounts.js";
import { DataTable } from "../tables/DataTable.js";
import { DailyCalendar } from "./DailyCalendar.js";
import { HoldingTimes } from "./HoldingTimes.js";
import { JournalComparisons } from "./JournalComparisons.js";
import { JournalRealizedNote } from "./JournalRealizedNote.js";
import { TRIP_CARD, tripColumns } from "./tripColumns.js";
import "./journal.css";

type Span = "30d" | "90d" | "365d";
const SPANS: readonly SegmentedOption<Span>[] = [
  { id: "30d", label: "30 days", hint: "Trips closed in the last 30 days" },
  { id: "90d", label: "90 days", hint: "Trips closed in the last 90 days" },
  { id: "365d", label: "1 year", hint: "Trips closed in the last 365 days" },
];
const SPAN_MS: Record<Span, number> = { "30d": 30 * DAY_MS, "90d": 90 * DAY_MS, "365d": 365 * DAY_MS };
const SPAN_WORDS: Record<Span, string> = {
  "30d": "the last 30 days",
  "90d": "the last 90 days",
  "365d": "the last 365 days",
};
/** Trips shown in the table: the newest page of this many (the API's largest page). */
const TRIPS_SHOWN = MAX_PAGE_LIMIT;
/** Prefixes typed: as the gateway bounds them (each prefix and its comma). */
const MAX_PREFIX_TEXT = MAX_STRATEGY_PREFIXES * (MAX_STRATEGY_PREFIX_LENGTH + 1);
/** The asset the range is set against besides holding still (`benchmark=`). */
const BENCHMARK = "BTC";
const TABLE_HEIGHT = 320;
const NO_DAYS: readonly PnlPeriodItem[] = [];
const NO_TRIPS: readonly JournalTrip[] = [];

export interface JournalPanelProps {
  readonly method: CostMethodName | null;
  /** Changes when the account's figures move. */
  readonly version: unknown;
}

function percent(fraction: string | null): string {
  return fraction === null
    ? "–"
    : `${formatValue(
        fraction.replace(/^(-?)(\d*)\.?(\d*)$/, (_m, sign, int, frac) => shiftTwo(sign, int, frac)),
        1,
      )} %`;
}

/** A fraction as a percentage by moving the point two places (string operations, no floats). */
function shiftTwo(sign: string, int: string, frac: string): string {
  const digits = `${int}${frac.padEnd(2, "0")}`;
  const point = int.length + 2;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(point);
  return `${sign}${whole === "" ? "0" : whole}${rest === "" ? "" : `.${rest}`}`;
}

function Stat({ label, children, name }: { label: string; children: React.ReactNode; name: string }) {
  return (
    <div className="journal-stat" data-stat={name}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const money = (value: string | null) => (value === null ? "–" : <SignedAmount value={value} money />);

export function JournalPanel({ method, version }: JournalPanelProps) {
  const { quote } = useDisplay();
  const [span, setSpan] = useState<Span>("30d");
  const [prefixText, setPrefixText] = useState("");
  const zone = useDisplayZone();
  const provisional = useProvisional();
  const reading = useHistoryBeingRead();
  const prefixes = prefixText
    .split(",")
    .map((prefix) => prefix.trim())
    .filter((prefix) => prefix !== "")
    .join(",");
  // The range both journal reads take (the summary adds its benchmark, the trips their page).
  const query: LiveReadQuery<"journal" | "journalTrips"> = {
    from: msAgo(SPAN_MS[span]),
    tz: zone.name,
    ...(method === null ? {} : { method }),
    ...(prefixes === "" ? {} : { strategyPrefix: prefixes }),
  };
  const summary = useLiveRead("journal", { ...query, benchmark: BENCHMARK }, version);
  const trips = useLiveRead("journalTrips", { ...query, limit: TRIPS_SHOWN }, version);
  const days = useLiveRead(
    "pnlPeriods",
    { period: "day", from: msAgo(SPAN_MS[span]), tz: zone.name, ...(method === null ? {} : { method }) },
    version,
  );
  const dayItems = Array.isArray(days.data?.items) ? days.data.items : NO_DAYS;
  const first = dayItems[0];
  const last = dayItems.at(-1);
  // The realized PnL's causes over the calendar's range, once its days are known (JournalRealizedNote).
  const causes = useLiveRead(
    first === undefined || last === undefined ? undefined : "realized",
    first === undefined || last === undefined
      ? {}
      : { from: first.from, to: last.to, ...(method === null ? {} : { method }) },
    version,
  );
  const columns = useMemo(() => tripColumns(quote), [quote]);
  // An answer not of the journal's shape (a gateway from before it) shows as nothing, never a crash.
  const summaryData = summary.data?.stats !== undefined && Array.isArray(summary.data.byStrategy) ? summary.data : null;
  const tripsData = Array.isArray(trips.data?.items) ? trips.data : null;
  const stats = summaryData?.stats;
  const drawdown = summaryData?.drawdown;
  const error = summary.error ?? trips.error ?? days.error;
  return (
    <section className="panel area-journal" aria-label="Journal">
      <div className="journal-head">
        <h2 className="panel-title">Journal</h2>
        <SegmentedButtons label="Range" hideLabel options={SPANS} selected={span} onSelect={setSpan} />
        <label className="journal-prefixes">
          Strategies{" "}
          <input
            type="text"
            value={prefixText}
            maxLength={MAX_PREFIX_TEXT}
            placeholder="grid-, dca-"
            aria-label="Strategy prefixes of clientOrderId, comma-separated"
            onChange={(event) => setPrefixText(event.target.value)}
          />
        </label>
      </div>
      {error !== null && <p className="form-error">The journal could not be loaded: {error}</p>}
      {provisional !== null && (
        <p className="journal-note" data-testid="journal-provisional">
          {provisional}
        </p>
      )}
      <dl className="journal-stats" aria-label="Trip statistics">
        <Stat name="count" label="Trips">
          {stats?.count ?? "–"}
        </Stat>
        <Stat name="winRate" label="Win rate">
          {stats ? percent(stats.winRate) : "–"}
        </Stat>
        <Stat name="realized" label={`Realized (${quote})`}>
          {stats ? money(stats.realized) : "–"}
        </Stat>
        <Stat name="profitFactor" label="Profit factor">
          {stats?.profitFactor ? formatValue(stats.profitFactor) : "–"}
        </Stat>
        <Stat name="expectancy" label="Per trip">
          {stats ? money(stats.expectancy) : "–"}
        </Stat>
        <Stat name="averageWin" label="Average win">
          {stats ? money(stats.averageWin) : "–"}
        </Stat>
        <Stat name="averageLoss" label="Average loss">
          {stats ? money(stats.averageLoss) : "–"}
        </Stat>
        <Stat name="best" label="Best / worst">
          {stats ? (
            <>
              {money(stats.best)} / {money(stats.worst)}
            </>
          ) : (
            "–"
          )}
        </Stat>
        <Stat name="streaks" label="Streaks (win / loss)">
          {stats ? `${stats.longestWinStreak} / ${stats.longestLossStreak}` : "–"}
        </Stat>
        <Stat name="drawdown" label={`Max drawdown (${quote})`}>
          {drawdown ? (
            <span title={drawdown.peakTime === null ? undefined : "From the peak to the trough of the PnL curve"}>
              {formatMoney(drawdown.max)} ({percent(drawdown.maxPct)})
            </span>
          ) : (
            "–"
          )}
        </Stat>
        <Stat name="currentDrawdown" label="Below the peak now">
          {drawdown ? `${formatMoney(drawdown.current)} (${percent(drawdown.currentPct)})` : "–"}
        </Stat>
      </dl>
      <JournalRealizedNote
        days={dayItems}
        causes={Array.isArray(causes.data?.causes) ? causes.data : null}
        tripsRealized={stats?.realized ?? null}
        tripsRange={SPAN_WORDS[span]}
        quote={quote}
      />
      {drawdown?.peakTime != null && drawdown.troughTime != null && (
        <p className="journal-note" data-testid="drawdown-span">
          Largest drawdown: from <CurveMoment ms={drawdown.peakTime} /> to <CurveMoment ms={drawdown.troughTime} />.
        </p>
      )}
      {summaryData && (
        <JournalComparisons
          holding={Array.isArray(summaryData.againstHolding?.unpriced) ? summaryData.againstHolding : null}
          benchmark={Array.isArray(summaryData.againstBenchmark?.unpriced) ? summaryData.againstBenchmark : null}
          quote={quote}
        />
      )}
      {summaryData && summaryData.byStrategy.length > 0 && (
        <ul className="journal-strategies" aria-label="By strategy">
          {summaryData.byStrategy.map((row) => (
            <li key={row.strategy} data-strategy={row.strategy}>
              <strong>{row.strategy}</strong> {row.count} trips, {money(row.realized)} {quote}, win rate{" "}
              {percent(row.winRate)}
            </li>
          ))}
        </ul>
      )}
      <HoldingTimes query={{ from: query.from, tz: zone.name }} version={version} />
      <h3 className="panel-subtitle">Daily PnL ({zone.name})</h3>
      <p className="journal-note" data-note="calendar">
        Each day's realized PnL of the whole account, by asset (as Performance counts it), fees apart. The round trips
        below count by pair, so their values need not add up to these days.
      </p>
      <DailyCalendar days={dayItems} quote={quote} reading={reading} />
      <h3 className="panel-subtitle">
        Round trips{tripsData ? ` (${tripsData.items.length} of ${tripsData.total})` : ""}
      </h3>
      <DataTable
        label="Round trips"
        data={tripsData?.items ?? NO_TRIPS}
        columns={columns}
        getRowId={(row) => `${row.account ?? ""}/${row.symbol}/${row.closeTime}/${row.realized}`}
        height={TABLE_HEIGHT}
        emptyText={tripsData ? "No trip closed in this range." : "Loading…"}
        cards={TRIP_CARD}
      />
    </section>
  );
}

/**
 * A moment of the PnL curve the drawdown names. Days before mexc-live ran are equity worked out
 * at the last millisecond of each UTC day: named by their day in the page's zone, the time on
 * hover (issue 57 item 8: "from 2026-11-03 15:59:59 to 2026-11-15 15:59:59" in Los Angeles read as
 * moments of the trader's day); a moment measured live, to the minute.
 */
function CurveMoment({ ms }: { ms: number }) {
  const zone = useDisplayZone();
  const at = `${formatDateTime(ms, zone)} ${zoneLabel(zone, ms)}`;
  if ((ms + 1) % DAY_MS === 0) {
    return (
      <span title={`The equity at the end of that UTC day (${at}), worked out from the history`}>
        {formatDay(ms, zone)}
      </span>
    );
  }
  return <span title={at}>{formatDateTime(ms, zone).slice(0, 16)}</span>;
}
