/**
 * Holding time per pair (GET /api/journal/holding-times; docs/figures.md "Holding time"): for the
 * journal's range, each pair's round trips, and the mean and median time they held what they sold
 * (each trip's units from purchase to sale, weighted by quantity). Trips that sold units held from
 * before the history are counted but not measured, and the table says how many. Read through the
 * API table's client by the row holdingTimes; the days are the gateway's, exact on hover.
 */
import type { HoldingTimeItem } from "@mexc-live/contract";
import { DAY_MS, dec, isDecimal } from "@mexc-live/protocol";
import { type LiveReadQuery, useLiveRead } from "../api/useLiveJson.js";
import { holdingText } from "./tripColumns.js";

export interface HoldingTimesProps {
  /** The journal's range (`from`, `tz`). */
  readonly query: LiveReadQuery<"holdingTimes">;
  /** Changes when the account's figures move. */
  readonly version: unknown;
}

/** Days ("2.75") as the trips' Held column words a time ("2 d 18 h"); the exact days on hover. */
function Days({ days }: { days: string | null }) {
  if (days === null || !isDecimal(days)) return <>–</>;
  const ms = Number(dec(days).times(DAY_MS).round(0).toFixed());
  return <span title={`${days} days`}>{holdingText(ms)}</span>;
}

export function HoldingTimes({ query, version }: HoldingTimesProps) {
  const answer = useLiveRead("holdingTimes", query, version);
  // An answer not of this shape (a gateway from before it) shows as nothing, never a crash.
  const items: readonly HoldingTimeItem[] | null = Array.isArray(answer.data?.items) ? answer.data.items : null;
  const unmeasured = items?.reduce((sum, item) => sum + item.trips - item.measured, 0) ?? 0;
  return (
    <div className="journal-holding" data-testid="holding-times">
      <h3 className="panel-subtitle">Holding time by pair</h3>
      {answer.error !== null && <p className="form-error">The holding times could not be read: {answer.error}</p>}
      {items === null ? (
        answer.error === null && <p className="journal-note">Loading…</p>
      ) : items.length === 0 ? (
        <p className="journal-note">No holding time: no trip closed in this range.</p>
      ) : (
        <table className="holding-table" aria-label="Holding time by pair">
          <thead>
            <tr>
              <th scope="col">Pair</th>
              <th scope="col">Trips</th>
              <th scope="col" title="The mean of the trips' times held, each trip counting once">
                Average
              </th>
              <th scope="col" title="Half the trips held for less, half for more">
                Median
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.account ?? ""}/${item.symbol}`} data-symbol={item.symbol}>
                <th scope="row">
                  {item.symbol}
                  {item.account === undefined ? "" : ` (${item.account})`}
                </th>
                <td>{item.trips}</td>
                <td data-cell="average">
                  <Days days={item.averageDays} />
                </td>
                <td data-cell="median">
                  <Days days={item.medianDays} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unmeasured > 0 && (
        <p className="journal-note" data-note="unmeasured">
          {unmeasured === 1 ? "1 trip" : `${unmeasured} trips`} sold coins held from before the known history: counted,
          not measured.
        </p>
      )}
    </div>
  );
}
