/**
 * "Add a rule": the event, the channel URL (with the forms it takes) and the conditions of the
 * chosen event. Checks as the user types are hints only; the gateway's refusal (400, its message
 * naming the field) is shown next to that field. The URL is cleared once the rule is added (it
 * may hold a token; the list shows it masked).
 */
import type { AlertRuleInput, AlertRuleItem } from "@mexc-live/contract";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { ApiError } from "../errors.js";
import {
  CHANNEL_FORMS,
  type ConditionField,
  type ConditionKey,
  type ConditionValues,
  channelHint,
  conditionHint,
  conditionUnit,
  EVENTS,
  fieldOfMessage,
  RULE_EVENTS,
  type RuleEvent,
  ruleInput,
} from "./ruleForm.js";

export interface AddRuleFormProps {
  readonly onAdd: (input: AlertRuleInput) => Promise<AlertRuleItem>;
  /** The gateway's quote currency: the unit of an equity threshold, and of a USDT pair's fill value. */
  readonly quote: string;
}

type Refusal = { readonly field: "on" | "to" | ConditionKey | null; readonly text: string };

export function AddRuleForm({ onAdd, quote }: AddRuleFormProps) {
  const id = useId();
  const [on, setOn] = useState<RuleEvent>("fill");
  const [to, setTo] = useState("");
  const [values, setValues] = useState<ConditionValues>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sending, setSending] = useState(false);
  const [added, setAdded] = useState(false);
  const fields = EVENTS[on].fields;

  const errorOf = (field: Refusal["field"]) => (refusal?.field === field ? refusal.text : undefined);
  const edited = (field: Refusal["field"]) => {
    setAdded(false);
    if (refusal?.field === field) setRefusal(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setRefusal(null);
    setAdded(false);
    try {
      await onAdd(ruleInput(on, to, values));
      setTo("");
      setValues({});
      setAdded(true);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setRefusal(
        error instanceof ApiError && error.status === 400 ? fieldOfMessage(message) : { field: null, text: message },
      );
    } finally {
      setSending(false);
    }
  };

  const toHint = channelHint(to);
  const toError = errorOf("to");
  return (
    <form className="alert-form" aria-label="Add an alert rule" onSubmit={submit} noValidate>
      <div className="alert-form-row">
        <Field id={`${id}-on`} label="Event" error={errorOf("on")}>
          {(described) => (
            <select
              {...described}
              id={`${id}-on`}
              value={on}
              onChange={(e) => {
                setOn(e.target.value as RuleEvent);
                edited("on");
              }}
            >
              {RULE_EVENTS.map((event) => (
                <option key={event} value={event}>
                  {EVENTS[event].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-to`} label="Channel URL" error={toError} hint={toHint} wide>
          {(described) => (
            <input
              {...described}
              id={`${id}-to`}
              type="text"
              value={to}
              placeholder="tgram://BOT_TOKEN/CHAT_ID"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              onChange={(e) => {
                setTo(e.target.value);
                edited("to");
              }}
            />
          )}
        </Field>
      </div>
      <p className="alert-form-forms">
        Accepted:{" "}
        {CHANNEL_FORMS.map((form, i) => (
          <span key={form}>
            {i > 0 && " · "}
            <code>{form}</code>
          </span>
        ))}
      </p>
      {fields.length > 0 && (
        <div className="alert-form-row">
          {fields.map((field) => (
            <ConditionInput
              key={field.key}
              id={`${id}-${field.key}`}
              field={field}
              unit={conditionUnit(field.key, on, values, quote)}
              value={values[field.key] ?? ""}
              error={errorOf(field.key)}
              onChange={(value) => {
                setValues((current) => ({ ...current, [field.key]: value }));
                edited(field.key);
              }}
            />
          ))}
        </div>
      )}
      <div className="alert-form-actions">
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? "Adding…" : "Add rule"}
        </button>
        <span aria-live="polite">
          {added && <span className="alert-form-ok">Rule added.</span>}
          {refusal?.field === null && (
            <span className="form-error" role="alert">
              {refusal.text}
            </span>
          )}
        </span>
      </div>
    </form>
  );
}

function ConditionInput(props: {
  id: string;
  field: ConditionField;
  /** The unit of an amount ("USDT"), said in its label; null: none to say. */
  unit: string | null;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { id, field, unit, value, error, onChange } = props;
  if (field.kind === "side") {
    return (
      <Field id={id} label={field.label} error={error}>
        {(described) => (
          <select {...described} id={id} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">any</option>
            <option value="BUY">BUY</option>
            <option value="SELL">SELL</option>
          </select>
        )}
      </Field>
    );
  }
  const decimal = field.kind === "amount" || field.kind === "percent";
  const numeric = decimal || field.kind === "whole";
  const label = unit === null ? field.label : `${field.label} (${unit})`;
  return (
    <Field id={id} label={label} error={error} hint={value === "" ? undefined : conditionHint(field, value)}>
      {(described) => (
        <input
          {...described}
          id={id}
          type="text"
          className={numeric ? "alert-input-number" : "alert-input-symbol"}
          inputMode={decimal ? "decimal" : field.kind === "whole" ? "numeric" : "text"}
          autoCapitalize={numeric ? "off" : "characters"}
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={field.placeholder ?? (field.required ? "required" : "")}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** What a Field gives its input: the note under it describes it; a refusal marks it invalid. */
type Described = { "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled input with, under it, the gateway's refusal for this field or else a hint. */
function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  wide?: boolean;
  children: (described: Described) => ReactNode;
}) {
  const { id, label, error, hint, wide = false, children } = props;
  const noteId = `${id}-note`;
  const described: Described = {};
  if (error !== undefined || hint !== undefined) described["aria-describedby"] = noteId;
  if (error !== undefined) described["aria-invalid"] = true;
  return (
    <div className={wide ? "alert-field wide" : "alert-field"}>
      <label htmlFor={id}>{label}</label>
      {children(described)}
      {error !== undefined ? (
        <span id={noteId} className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint !== undefined && (
          <span id={noteId} className="field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
