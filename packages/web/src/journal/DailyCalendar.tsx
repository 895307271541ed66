/**
 * A calendar of daily PnL (GET /api/pnl/periods?period=day&tz=: each day's realized PnL, its
 * fees apart, in the quote currency, as the gateway sends it: no arithmetic here), the days of
 * the zone picked, weeks from Monday; a day's cell green up, red down, the exact figures on hover.
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { periodLeftOut, periodsLeftOut } from "../charts/periodsLeftOut.js";
import { compareDecimal, formatMoney } from "../format/decimal.js";

/** After a day's figure that leaves an asset out (the note under the calendar says which). */
const LEFT_OUT_MARK = "*";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** Monday 0 .. Sunday 6 of a YYYY-MM-DD date. */
function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function DailyCalendar({ days, quote }: { days: readonly PnlPeriodItem[]; quote: string }) {
  if (days.length === 0) return <p className="journal-empty">No day to show yet.</p>;
  const lead = weekdayOf((days[0] as PnlPeriodItem).period);
  const leftOut = periodsLeftOut(days, `Days marked ${LEFT_OUT_MARK}`);
  return (
    <>
      <div className="journal-calendar" data-quote={quote}>
        {WEEKDAYS.map((name) => (
          <div key={name} className="journal-weekday">
            {name}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`blank-${i}`} className="journal-day blank" />
        ))}
        {days.map((item) => {
          const pnl = item.realized;
          const sign = compareDecimal(formatMoney(pnl).replaceAll(",", ""), "0");
          const without = periodLeftOut(item);
          return (
            <div
              key={item.period}
              data-day={item.period}
              data-pnl={pnl}
              data-left-out={item.unpriced?.join(",") || undefined}
              className={`journal-day ${sign > 0 ? "up" : sign < 0 ? "down" : "flat"}`}
              title={`${item.period}: realized ${item.realized}, fees ${item.fees} ${quote}${without === null ? "" : `, ${without}`}`}
            >
              <span className="journal-day-date">{item.period.slice(8)}</span>
              <span className="journal-day-pnl">
                {formatMoney(pnl)}
                {without === null ? "" : LEFT_OUT_MARK}
              </span>
            </div>
          );
        })}
      </div>
      {leftOut !== null && (
        <p className="journal-note" data-note="calendar-left-out">
          {leftOut}
        </p>
      )}
    </>
  );
}
