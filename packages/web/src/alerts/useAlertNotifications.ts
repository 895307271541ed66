/**
 * Alerts raised live (the `alerts` topic's deltas, never its snapshot) become a browser
 * notification, when the user allowed them, and an in-page toast either way: a user who
 * blocked notifications, or whose browser has none, still sees the alert while the page is open.
 */
import type { AlertNotice } from "@mexc-live/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RaisedAlert } from "../store/liveState.js";
import { showAlertNotifications } from "./browserNotify.js";

/** Toasts shown at once at most (the oldest go first). */
const MAX_TOASTS = 3;

export type Notify = (notices: readonly AlertNotice[]) => Promise<void>;

export interface AlertToastsState {
  readonly toasts: readonly RaisedAlert[];
  readonly dismiss: (seq: number) => void;
}

export function useAlertNotifications(
  raised: readonly RaisedAlert[],
  notify: Notify = showAlertNotifications,
): AlertToastsState {
  const [toasts, setToasts] = useState<readonly RaisedAlert[]>([]);
  // The last alert already shown: a re-render (or React's second effect run) shows nothing twice.
  const shown = useRef(0);

  useEffect(() => {
    const fresh = raised.filter((alert) => alert.seq > shown.current);
    const last = fresh[fresh.length - 1];
    if (last === undefined) return;
    shown.current = last.seq;
    void notify(fresh.map((alert) => alert.notice)).catch(() => {});
    setToasts((current) => current.concat(fresh).slice(-MAX_TOASTS));
  }, [raised, notify]);

  const dismiss = useCallback((seq: number) => setToasts((current) => current.filter((t) => t.seq !== seq)), []);
  return { toasts, dismiss };
}
