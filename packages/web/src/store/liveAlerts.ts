/**
 * The `alerts` topic in the dashboard: every alert is held by id (a snapshot's and the live
 * ones); an alert that arrives live is also raised, numbered in arrival order, for the browser
 * notification and the toast. A live alert whose id is already held is a repeat and is not
 * raised again, and a snapshot's alerts never are (they happened before this page listened).
 */
import { type AlertNotice, mergeAlerts } from "@mexc-live/contract";
import type { RaisedAlert } from "./liveState.js";

export interface AlertsSlice {
  readonly alerts: readonly AlertNotice[];
  readonly raisedAlerts: readonly RaisedAlert[];
}

/** Live alerts folded into `held`; at most `max` of each list are kept, the newest. */
export function foldLiveAlerts(held: AlertsSlice, incoming: readonly AlertNotice[], max: number): AlertsSlice {
  if (incoming.length === 0) return held;
  const known = new Set(held.alerts.map((alert) => alert.id));
  const raised: RaisedAlert[] = [];
  let seq = held.raisedAlerts[held.raisedAlerts.length - 1]?.seq ?? 0;
  for (const notice of incoming) {
    if (known.has(notice.id)) continue;
    known.add(notice.id);
    raised.push({ seq: ++seq, notice });
  }
  return {
    alerts: mergeAlerts(held.alerts, incoming, max),
    raisedAlerts: raised.length === 0 ? held.raisedAlerts : held.raisedAlerts.concat(raised).slice(-max),
  };
}
