/**
 * Where the alerts keep their rules, their outbox and their deliveries: an interface, so this
 * package holds no database; the gateway's SQLite tables implement it (packages/gateway/src/
 * store/alerts.ts, which says how a raised alert survives a crash).
 */
import type { AlertDeliveryItem, AlertEvent, AlertNotice } from "@mexc-live/contract";

export interface StoredRule {
  readonly id: number;
  readonly event: string;
  readonly channelUrl: string;
  readonly conditions: string;
  readonly muted: boolean;
  readonly createdAt: number;
}

/** A delivery with what the sender needs: the rule it came from and its alerts. */
export interface OpenDelivery {
  readonly id: number;
  readonly destination: string;
  readonly ruleId: string;
  readonly attempts: number;
  readonly createdAt: number;
  readonly notices: readonly AlertNotice[];
}

export interface NewDelivery {
  readonly destination: string;
  readonly ruleId: string;
  readonly channel: string;
  readonly toMasked: string;
  /** Take at most this many waiting alerts (the oldest). */
  readonly max: number;
}

export interface AlertStore {
  /** The dashboard's rules, oldest first. */
  rules(): StoredRule[];
  addRule(event: AlertEvent, channelUrl: string, conditions: string): StoredRule;
  /** false: no such rule. */
  removeRule(id: number): boolean;
  setRuleMuted(id: number, muted: boolean): boolean;
  /** The config file's rules muted from the dashboard, by id. */
  mutedConfigRules(): Set<string>;
  setConfigRuleMuted(id: string, muted: boolean): void;
  /** One outbox row per (destination, alert id); false: it was raised before. */
  raise(destination: string, ruleId: string, notice: AlertNotice): boolean;
  /** Destinations with waiting alerts, with the times of their oldest and newest. */
  waiting(): { destination: string; oldest: number; newest: number; count: number }[];
  firstWaitingRule(destination: string): string | undefined;
  /** Waiting rows of one destination become one delivery, in one transaction; its id. */
  gather(delivery: NewDelivery, describe: (notices: readonly AlertNotice[]) => string): number | undefined;
  /** Deliveries to send now. */
  due(now: number): OpenDelivery[];
  openDestinations(): Set<string>;
  markSent(id: number): void;
  markRetrying(id: number, nextAttemptAt: number, error: string): void;
  markFailed(id: number, error: string): void;
  /** The delivery log, newest first. */
  deliveries(limit: number): AlertDeliveryItem[];
  delivery(id: number): AlertDeliveryItem | undefined;
  /** Drops sent and failed deliveries older than `before`; how many. */
  forget(before: number): number;
  state(key: string): string | undefined;
  setState(key: string, value: string): void;
}
