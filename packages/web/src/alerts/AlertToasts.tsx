/**
 * The in-page toasts of alerts raised live, in a corner (across the bottom at phone width):
 * each goes away after TOAST_MS or when closed. Mounted once per dashboard; also where the
 * browser notifications are triggered (useAlertNotifications), so it follows the alerts even
 * while the tab is hidden (useLiveAlways): that is when a notification matters most.
 */
import { useEffect } from "react";
import { ZonedClock } from "../format/DateTime.js";
import { useLiveAlways } from "../store/LiveContext.js";
import type { RaisedAlert } from "../store/liveState.js";
import { eventLabel } from "./ruleForm.js";
import { type Notify, useAlertNotifications } from "./useAlertNotifications.js";
import "./alerts.css";

/** How long a toast stays. */
export const TOAST_MS = 10_000;

export function AlertToasts({ notify }: { notify?: Notify }) {
  const raised = useLiveAlways((s) => s.raisedAlerts);
  const { toasts, dismiss } = useAlertNotifications(raised, notify);
  return (
    <section className="alert-toasts" aria-label="New alerts" aria-live="polite">
      {toasts.map((toast) => (
        <Toast key={toast.seq} toast={toast} onDismiss={dismiss} />
      ))}
    </section>
  );
}

function Toast({ toast, onDismiss }: { toast: RaisedAlert; onDismiss: (seq: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.seq), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.seq, onDismiss]);
  const { notice } = toast;
  return (
    <div className="alert-toast" data-alert-id={notice.id}>
      <div className="alert-toast-head">
        <span className="alert-toast-event">
          {eventLabel(notice.event)} · <ZonedClock ms={notice.time} />
        </span>
        <button type="button" className="alert-toast-close" aria-label="Close" onClick={() => onDismiss(toast.seq)}>
          ×
        </button>
      </div>
      <p className="alert-toast-title">{notice.title}</p>
      {notice.text !== "" && <p className="alert-toast-text">{notice.text}</p>}
    </div>
  );
}
