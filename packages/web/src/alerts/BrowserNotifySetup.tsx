/**
 * "Notify me in this browser": asks the browser for permission to show notifications and, when
 * no rule sends to `browser` yet, adds one for fills (a muted one is unmuted). Alerts of browser
 * rules arrive on the `alerts` topic; a page without permission still shows them as toasts.
 */
import type { AlertRuleItem } from "@mexc-live/contract";
import { useState } from "react";
import { notificationPermission, type PermissionState, requestNotificationPermission } from "./browserNotify.js";
import type { AlertRules } from "./useAlertRules.js";

const PERMISSION_NOTE: Readonly<Record<PermissionState, string | undefined>> = {
  granted: undefined,
  default: undefined,
  denied:
    "Notifications are blocked for this site in the browser's settings: alerts show on this page while it is open.",
  unsupported: "This browser cannot show notifications: alerts show on this page while it is open.",
};

export interface BrowserNotifySetupProps {
  readonly rules: readonly AlertRuleItem[];
  readonly actions: Pick<AlertRules, "add" | "setMuted">;
}

export function BrowserNotifySetup({ rules, actions }: BrowserNotifySetupProps) {
  const [permission, setPermission] = useState<PermissionState>(notificationPermission);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const browserRule = rules.find((rule) => rule.channel === "browser");
  const on = browserRule !== undefined && !browserRule.muted;

  const enable = async () => {
    setBusy(true);
    setError(null);
    try {
      setPermission(await requestNotificationPermission());
      if (browserRule === undefined) await actions.add({ on: "fill", to: "browser" });
      else if (browserRule.muted) await actions.setMuted(browserRule.id, false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const note =
    error ??
    PERMISSION_NOTE[permission] ??
    (on && permission === "granted" ? "This browser shows alerts while a dashboard is open." : undefined);
  const needed = !on || permission === "default";
  return (
    <div className="browser-notify">
      {needed && (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void enable()}>
          Notify me in this browser
        </button>
      )}
      {note !== undefined && (
        <span className={error === null ? "browser-notify-note" : "browser-notify-note form-error"} role="status">
          {note}
        </span>
      )}
    </div>
  );
}
