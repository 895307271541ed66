/**
 * The delivery log: the latest messages sent (or being sent) to each channel, newest first, read
 * again every DELIVERIES_REFRESH_MS, after each action on the rules and when an alert arrives
 * (`version`). A folded burst is one row that counts its alerts. At phone width each delivery is a
 * card (when, what, status; then the channel, attempts and the last error, wrapped whole), as the account
 * tables are: the table scrolled sideways in its box hid the channel and the error at 390 px.
 */
import type { AlertDeliveryItem } from "@mexc-live/contract";
import { useMemo } from "react";
import { useLiveRead } from "../api/useLiveJson.js";
import { ZonedLabel } from "../format/DateTime.js";
import { formatClock, formatDateTime } from "../format/time.js";
import { dayStart } from "../format/timeZone.js";
import { useNarrow } from "../hooks/useNarrow.js";
import { useNow } from "../hooks/useNow.js";
import { DELIVERIES_SHOWN } from "./alertsApi.js";
import { eventLabel } from "./ruleForm.js";

/** A delivery's status moves on its own (retries, back-off): the log is read again this often. */
const DELIVERIES_REFRESH_MS = 10_000;

export function DeliveryLog({ version }: { version: string }) {
  const tick = useNow(DELIVERIES_REFRESH_MS);
  const query = useMemo(() => ({ limit: DELIVERIES_SHOWN }), []);
  const { data, error } = useLiveRead("alertDeliveries", query, `${version}#${tick}`);
  const items = data?.items ?? [];
  const narrow = useNarrow();
  return (
    <div className="alert-log">
      {error !== null && <p className="form-error">The delivery log could not be read: {error}</p>}
      {narrow ? (
        <div className="alert-log-scroll">
          <ul className="table-cards" aria-label="Alert deliveries">
            {items.map((item) => (
              <DeliveryCard key={item.id} item={item} now={tick} />
            ))}
          </ul>
          {data !== null && items.length === 0 && <p className="alert-log-empty">Nothing sent yet.</p>}
        </div>
      ) : (
        <div className="alert-log-scroll data-table">
          <table aria-label="Alert deliveries">
            <thead>
              <tr>
                <th className="col-time">
                  <ZonedLabel label="Time" />
                </th>
                <th className="col-events">Alert</th>
                <th className="col-status">Status</th>
                <th className="col-channel">Channel</th>
                <th className="col-attempts num">Attempts</th>
                <th className="col-error">Last error</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <DeliveryRow key={item.id} item={item} now={tick} />
              ))}
            </tbody>
          </table>
          {data !== null && items.length === 0 && <p className="alert-log-empty">Nothing sent yet.</p>}
        </div>
      )}
    </div>
  );
}

/** What a delivery was, in words: its events ("Fill, Fill") and when it was raised and sent. */
function deliveryWords(item: AlertDeliveryItem): { events: string; when: string } {
  const events = [...new Set(item.events)].map(eventLabel).join(", ");
  const when = `raised ${formatDateTime(item.createdAt)}${item.sentAt === null ? "" : `, sent ${formatDateTime(item.sentAt)}`}`;
  return { events, when };
}

function DeliveryCard({ item, now }: { item: AlertDeliveryItem; now: number }) {
  const { events, when } = deliveryWords(item);
  return (
    <li className="table-card alert-log-card" data-row-id={item.id}>
      <div className="table-card-head">
        <span title={when}>{logTime(item.createdAt, now)}</span>
        <span title={item.title}>
          {events}
          {item.alerts > 1 && <span className="alert-log-count"> ×{item.alerts}</span>}
        </span>
        <span className={`delivery-${item.status}`}>{item.status}</span>
      </div>
      <dl className="table-card-fields table-card-fields-1">
        <div className="table-card-field alert-log-card-text">
          <dt>Channel</dt>
          <dd title={item.to}>
            <code>{item.to}</code>
          </dd>
        </div>
        <div className="table-card-field">
          <dt>Attempts</dt>
          <dd>{item.attempts}</dd>
        </div>
        {item.lastError !== null && (
          <div className="table-card-field alert-log-card-text">
            <dt>Last error</dt>
            <dd>{item.lastError}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}

function DeliveryRow({ item, now }: { item: AlertDeliveryItem; now: number }) {
  const { events, when } = deliveryWords(item);
  const time = item.createdAt;
  return (
    <tr data-row-id={item.id}>
      <td title={when}>{logTime(time, now)}</td>
      <td title={item.title}>
        {events}
        {item.alerts > 1 && <span className="alert-log-count"> ×{item.alerts}</span>}
      </td>
      <td className={`delivery-${item.status}`}>{item.status}</td>
      <td title={item.to}>
        <code>{item.to}</code>
      </td>
      <td className="num">{item.attempts}</td>
      <td title={item.lastError ?? undefined}>{item.lastError ?? ""}</td>
    </tr>
  );
}

/** Today: "14:05:09"; another day: "01-31 14:05:09" (the full date is in the cell's title). */
function logTime(time: number, now: number): string {
  const today = dayStart(time) === dayStart(now);
  return today ? formatClock(time) : formatDateTime(time).slice(5);
}
