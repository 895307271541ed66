/**
 * The delivery log: the latest messages sent (or being sent) to each channel, newest first, read
 * again every DELIVERIES_REFRESH_MS, after each action on the rules and when an alert arrives
 * (`version`). A folded burst is one row that counts its alerts.
 */
import type { AlertDeliveryItem } from "@mexc-live/contract";
import { useMemo } from "react";
import { useLiveJson } from "../api/useLiveJson.js";
import { ZonedLabel } from "../format/DateTime.js";
import { formatClock, formatDateTime } from "../format/time.js";
import { dayStart } from "../format/timeZone.js";
import { useNow } from "../hooks/useNow.js";
import { DELIVERIES_PATH, DELIVERIES_SHOWN, type DeliveriesAnswer } from "./alertsApi.js";
import { eventLabel } from "./ruleForm.js";

/** A delivery's status moves on its own (retries, back-off): the log is read again this often. */
const DELIVERIES_REFRESH_MS = 10_000;

export function DeliveryLog({ version }: { version: string }) {
  const tick = useNow(DELIVERIES_REFRESH_MS);
  const query = useMemo(() => ({ limit: DELIVERIES_SHOWN }), []);
  const { data, error } = useLiveJson<DeliveriesAnswer>(DELIVERIES_PATH, query, `${version}#${tick}`);
  const items = data?.items ?? [];
  return (
    <div className="alert-log">
      {error !== null && <p className="form-error">The delivery log could not be read: {error}</p>}
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
    </div>
  );
}

function DeliveryRow({ item, now }: { item: AlertDeliveryItem; now: number }) {
  const events = [...new Set(item.events)].map(eventLabel).join(", ");
  const time = item.createdAt;
  const when = `raised ${formatDateTime(time)}${item.sentAt === null ? "" : `, sent ${formatDateTime(item.sentAt)}`}`;
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
