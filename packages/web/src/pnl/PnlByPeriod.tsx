/**
 * PnL by day, week or month (GET /api/pnl/periods?period=&method=&tz=, the gateway's default
 * span: 30 days, 12 weeks, 12 months), by the cost-basis method picked, the days in the time zone
 * picked; live: read again every minute and a moment after new fills (useLiveJson).
 */
import type { CostMethodName, PnlPeriod, PnlPeriodItem } from "@mexc-live/contract";
import { DAY_MS } from "@mexc-live/protocol";
import { useState } from "react";
import { oneMoment } from "../api/figuresVersion.js";
import { useLiveRead } from "../api/useLiveJson.js";
import { PnlPeriodsChart } from "../charts/index.js";
import { SegmentedButtons, type SegmentedOption } from "../controls/SegmentedButtons.js";
import { useDisplay } from "../format/DisplayContext.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import { zoneLabel } from "../format/timeZone.js";
import type { HistoryBeingRead } from "../header/useProvisional.js";

export interface PnlByPeriodProps {
  readonly method: CostMethodName | null;
  /** Changes when the fills topic moves (the newest fill id). */
  readonly version: unknown;
  /**
   * The By-asset table shown beside it, and the figures version of its answer (undefined: not
   * read yet): the footer's totals are shown only when both are of one version, else "updating".
   */
  readonly byAsset?: { readonly version: number | null | undefined } | undefined;
  /** The span of MEXC's history still being read: its periods of nothing are unread, not 0 (null once read). */
  readonly reading?: HistoryBeingRead | null;
}

function periodOptions(zone: string): readonly SegmentedOption<PnlPeriod>[] {
  return [
    { id: "day", label: "Day", hint: `The last 30 days (${zone})` },
    { id: "week", label: "Week", hint: `The last 12 weeks (Monday to Sunday, ${zone})` },
    { id: "month", label: "Month", hint: `The last 12 months (${zone})` },
  ];
}
const NONE: readonly PnlPeriodItem[] = [];

export function PnlByPeriod({ method, version, byAsset, reading = null }: PnlByPeriodProps) {
  const { quote, theme } = useDisplay();
  const [period, setPeriod] = useState<PnlPeriod>("day");
  const zone = useDisplayZone();
  const { data, error, figuresVersion } = useLiveRead("pnlPeriods", { period, method, tz: zone.name }, version);
  const items = data?.items ?? NONE;
  // While another period is on its way, the bars already drawn keep their own labels.
  const shown = periodOf(items, period);
  // Beside the By-asset table, totals of another moment would not agree with it (issue 40).
  const updating = byAsset !== undefined && !oneMoment([figuresVersion, byAsset.version]);
  return (
    // The version its figures were read at, and whether it says "updating" (issue 40: one moment on one screen).
    <div
      className="pnl-periods"
      data-figures-version={figuresVersion ?? undefined}
      data-updating={updating || undefined}
    >
      <div className="pnl-subhead">
        <h3 className="panel-subtitle">By period</h3>
        <SegmentedButtons
          label="Period"
          hideLabel
          options={periodOptions(zoneLabel(zone))}
          selected={period}
          onSelect={setPeriod}
        />
      </div>
      <div className="chart-box chart-pnl-periods">
        <PnlPeriodsChart
          items={items}
          period={shown}
          quote={quote}
          theme={theme}
          updating={updating}
          loading={data === null && error === null}
          reading={reading}
        />
      </div>
      {error !== null && <p className="form-error">PnL by period could not be loaded: {error}</p>}
    </div>
  );
}

/** The period the items are in, from the span of the first (`asked` while there are none). */
function periodOf(items: readonly PnlPeriodItem[], asked: PnlPeriod): PnlPeriod {
  const first = items[0];
  if (!first) return asked;
  const span = first.to - first.from + 1;
  return span <= DAY_MS ? "day" : span <= 7 * DAY_MS ? "week" : "month";
}
