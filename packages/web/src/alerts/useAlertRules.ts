/**
 * The alert rules as the gateway holds them, and the panel's actions on them (add, mute, send a
 * test, remove): each action updates the list from the gateway's answer and counts as a change,
 * which the delivery log follows. `unavailable` says why the rules cannot be read.
 */
import type { AlertRuleInput, AlertRuleItem } from "@mexc-live/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { addRule, listRules, removeRule, sendTestAlert, setRuleMuted } from "./alertsApi.js";

export interface AlertRules {
  /** null until the first answer. */
  readonly rules: readonly AlertRuleItem[] | null;
  readonly unavailable: string | null;
  /** How many actions succeeded so far. */
  readonly changes: number;
  readonly reload: () => void;
  /** These reject with the gateway's ApiError (its message names the field that was wrong). */
  readonly add: (input: AlertRuleInput) => Promise<AlertRuleItem>;
  readonly setMuted: (id: string, muted: boolean) => Promise<void>;
  readonly remove: (id: string) => Promise<void>;
  readonly test: (id: string) => Promise<void>;
}

export function useAlertRules(): AlertRules {
  const [rules, setRules] = useState<readonly AlertRuleItem[] | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const sequence = useRef(0);

  const reload = useCallback(() => {
    const sent = ++sequence.current;
    listRules()
      .then((items) => {
        if (sent !== sequence.current) return;
        setRules(items);
        setUnavailable(null);
      })
      .catch((error: unknown) => {
        if (sent === sequence.current) setUnavailable(error instanceof Error ? error.message : String(error));
      });
  }, []);

  useEffect(() => {
    reload();
    return () => {
      sequence.current++; // answers after unmount are dropped
    };
  }, [reload]);

  const changed = useCallback(() => setChanges((n) => n + 1), []);
  const replace = useCallback((item: AlertRuleItem) => {
    setRules((current) => (current ?? []).map((rule) => (rule.id === item.id ? item : rule)));
  }, []);

  const add = useCallback(
    async (input: AlertRuleInput) => {
      const item = await addRule(input);
      setRules((current) => [...(current ?? []).filter((rule) => rule.id !== item.id), item]);
      changed();
      return item;
    },
    [changed],
  );
  const setMuted = useCallback(
    async (id: string, muted: boolean) => {
      replace(await setRuleMuted(id, muted));
      changed();
    },
    [replace, changed],
  );
  const remove = useCallback(
    async (id: string) => {
      await removeRule(id);
      setRules((current) => (current ?? []).filter((rule) => rule.id !== id));
      changed();
    },
    [changed],
  );
  const test = useCallback(
    async (id: string) => {
      await sendTestAlert(id);
      changed();
    },
    [changed],
  );

  return { rules, unavailable, changes, reload, add, setMuted, remove, test };
}
