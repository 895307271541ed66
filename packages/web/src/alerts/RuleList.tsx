/**
 * The alert rules: event, conditions, the channel as the gateway masks it, where the rule comes
 * from, and per rule: muted, "Send test" and (for the dashboard's own rules) remove, after a
 * second click to confirm. A rule of the config file is changed in the file; it can be muted here.
 */
import type { AlertRuleItem } from "@mexc-live/contract";
import { useEffect, useState } from "react";
import { describeConditions, eventLabel } from "./ruleForm.js";
import type { AlertRules } from "./useAlertRules.js";

/** How long "Confirm remove" waits for the second click. */
const CONFIRM_MS = 5_000;

type Note = { readonly text: string; readonly error: boolean };

export interface RuleListProps {
  readonly rules: readonly AlertRuleItem[];
  readonly quote: string;
  readonly actions: Pick<AlertRules, "setMuted" | "remove" | "test">;
}

export function RuleList({ rules, quote, actions }: RuleListProps) {
  if (rules.length === 0) {
    return <p className="alerts-empty">No rules yet: add one, or let this browser notify you of fills.</p>;
  }
  return (
    <ul className="alert-rules" aria-label="Alert rules">
      {rules.map((rule) => (
        <RuleRow key={rule.id} rule={rule} quote={quote} actions={actions} />
      ))}
    </ul>
  );
}

function RuleRow({ rule, quote, actions }: { rule: AlertRuleItem; quote: string; actions: RuleListProps["actions"] }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!confirming) return;
    const timer = setTimeout(() => setConfirming(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [confirming]);

  const run = async (action: () => Promise<void>, done?: string) => {
    setBusy(true);
    setNote(null);
    try {
      await action();
      if (done !== undefined) setNote({ text: done, error: false });
    } catch (error) {
      setNote({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const conditions = describeConditions(rule.on, rule.conditions, quote);
  const fromConfig = rule.source === "config";
  return (
    <li className={rule.muted ? "alert-rule muted" : "alert-rule"} data-rule-id={rule.id}>
      <div className="alert-rule-what">
        <span className="alert-rule-event">{eventLabel(rule.on)}</span>
        {conditions !== "" && <span className="alert-rule-conditions">{conditions}</span>}
        <span
          className={`source-badge source-${rule.source}`}
          title={fromConfig ? "From the config file: change or remove it there" : "Added in the dashboard"}
        >
          {fromConfig ? "config file" : "dashboard"}
        </span>
      </div>
      <code className="alert-rule-to" title={rule.to}>
        {rule.to}
      </code>
      <div className="alert-rule-actions">
        <label className="mute-toggle">
          <input
            type="checkbox"
            checked={rule.muted}
            disabled={busy}
            onChange={(e) => {
              const muted = e.target.checked;
              void run(() => actions.setMuted(rule.id, muted));
            }}
          />
          Muted
        </label>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(() => actions.test(rule.id), "Test sent: see the delivery log.")}
        >
          Send test
        </button>
        {!fromConfig && (
          <button
            type="button"
            className={confirming ? "button button-danger" : "button"}
            disabled={busy}
            onClick={() => {
              if (!confirming) setConfirming(true);
              else void run(() => actions.remove(rule.id));
            }}
          >
            {confirming ? "Confirm remove" : "Remove"}
          </button>
        )}
      </div>
      {note && (
        <p
          className={note.error ? "alert-rule-note form-error" : "alert-rule-note"}
          role={note.error ? "alert" : "status"}
        >
          {note.text}
        </p>
      )}
    </li>
  );
}
