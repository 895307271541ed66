/**
 * A calendar of daily PnL (GET /api/pnl/periods?period=day&tz=: each day's realized PnL, its
 * fees apart, in the quote currency, as the gateway sends it: no arithmetic here), the days of
 * the zone picked, weeks from Monday; a day's cell green up, red down, the exact figures on hover.
 * A day of nothing inside the span of MEXC's history still being read shows "…", not 0.00: its
 * fills may not have been read yet (charts/periodsUnread.ts, the rule the PnL by period chart
 * follows too).
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { periodLeftOut, periodsLeftOut } from "../charts/periodsLeftOut.js";
import { periodsUnread, periodUnread, UNREAD_MARK, UNREAD_WORDS } from "../charts/periodsUnread.js";
import { compareDecimal, formatMoney } from "../format/decimal.js";
import type { HistoryBeingRead } from "../header/useProvisional.js";

/** After a day's figure that leaves an asset out (the note under the calendar says which). */
const LEFT_OUT_MARK = "*";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** Monday 0 .. Sunday 6 of a YYYY-MM-DD date. */
function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function DailyCalendar({
  days,
  quote,
  reading = null,
}: {
  days: readonly PnlPeriodItem[];
  quote: string;
  /** The span of MEXC's history still being read; null once it is read. */
  reading?: HistoryBeingRead | null;
}) {
  if (days.length === 0) return <p className="journal-empty">No day to show yet.</p>;
  const lead = weekdayOf((days[0] as PnlPeriodItem).period);
  const leftOut = periodsLeftOut(days, `Days marked ${LEFT_OUT_MARK}`);
  const unreadNote = periodsUnread(days, reading, `Days marked ${UNREAD_MARK}`);
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
          const notRead = periodUnread(item, reading);
          const what = notRead ? UNREAD_WORDS : `realized ${item.realized}, fees ${item.fees} ${quote}`;
          return (
            <div
              key={item.period}
              data-day={item.period}
              data-pnl={pnl}
              data-unread={notRead ? "" : undefined}
              data-left-out={item.unpriced?.join(",") || undefined}
              className={`journal-day ${notRead ? "unread" : sign > 0 ? "up" : sign < 0 ? "down" : "flat"}`}
              title={`${item.period}: ${what}${without === null ? "" : `, ${without}`}`}
            >
              <span className="journal-day-date">{item.period.slice(8)}</span>
              <span className="journal-day-pnl">
                {notRead ? UNREAD_MARK : formatMoney(pnl)}
                {without === null ? "" : LEFT_OUT_MARK}
              </span>
            </div>
          );
        })}
      </div>
      {unreadNote !== null && (
        <p className="journal-note" data-note="calendar-unread">
          {unreadNote}
        </p>
      )}
      {leftOut !== null && (
        <p className="journal-note" data-note="calendar-left-out">
          {leftOut}
        </p>
      )}
    </>
  );
}
