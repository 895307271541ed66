/**
 * The "Alerts" settings panel: this browser's notifications, the rules (the config file's and the
 * dashboard's), a form to add one, and the delivery log. Rules that cannot be read: the panel
 * says why instead. A `--role web` instance reads them from its collector and refuses a change
 * (503 NOT_ON_WEB_INSTANCE), shown where it was asked.
 */
import { useDisplay } from "../format/DisplayContext.js";
import { AddRuleForm } from "./AddRuleForm.js";
import { BrowserNotifySetup } from "./BrowserNotifySetup.js";
import { DeliveryLog } from "./DeliveryLog.js";
import { RuleList } from "./RuleList.js";
import { useAlertRules } from "./useAlertRules.js";
import "./alerts.css";

export interface AlertsPanelProps {
  /** Changes when an alert arrived: the delivery log is read again. */
  readonly alertsVersion?: number;
}

export function AlertsPanel({ alertsVersion = 0 }: AlertsPanelProps) {
  const { quote } = useDisplay();
  const alertRules = useAlertRules();
  const { rules, unavailable, changes } = alertRules;
  return (
    <section className="panel area-alerts" aria-label="Alerts">
      <div className="panel-head alerts-head">
        <h2 className="panel-title">Alerts</h2>
        {rules !== null && <BrowserNotifySetup rules={rules} actions={alertRules} />}
      </div>
      {unavailable !== null && (
        <p className="form-error" role="alert">
          The alert rules could not be read: {unavailable}{" "}
          <button type="button" className="button" onClick={alertRules.reload}>
            Retry
          </button>
        </p>
      )}
      {rules === null && unavailable === null && <p className="alerts-empty">Loading the alert rules…</p>}
      {rules !== null && (
        <>
          <div className="alerts-layout">
            <div className="alerts-rules">
              <h3 className="panel-subtitle">Rules</h3>
              <RuleList rules={rules} quote={quote} actions={alertRules} />
            </div>
            <div className="alerts-add">
              <h3 className="panel-subtitle">Add a rule</h3>
              <AddRuleForm onAdd={alertRules.add} quote={quote} />
            </div>
          </div>
          <h3 className="panel-subtitle">Delivery log</h3>
          <DeliveryLog version={`${changes}#${alertsVersion}`} />
        </>
      )}
    </section>
  );
}
