/**
 * Alerts in SQLite (migration 6): the dashboard's rules, mutes of the config file's rules, the
 * outbox and the deliveries.
 *
 *   raise     one outbox row per (destination, alert id): raising the same alert again (a fill
 *             reconciled twice, a restart) changes nothing; the row waits for a delivery.
 *   gather    waiting rows of one destination become one delivery (one message: one alert, or a
 *             folded burst), in one transaction.
 *   send      a delivery is pending or retrying until the channel takes it (sent) or refuses it
 *             for good (failed). Every step is committed before the next, so a crash at any point
 *             leaves each raised alert waiting or in a delivery that is sent after the restart.
 */

import type { AlertStore, NewDelivery, OpenDelivery, StoredRule } from "@mexc-live/alerts";
import type { AlertDeliveryItem, AlertDeliveryStatus, AlertEvent, AlertNotice } from "@mexc-live/contract";
import type { Db } from "./database.js";

export type { NewDelivery, OpenDelivery, StoredRule };

interface DeliveryRow {
  id: number;
  destination: string;
  rule_id: string;
  channel: string;
  to_masked: string;
  status: AlertDeliveryStatus;
  alerts: number;
  events: string;
  title: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  last_error: string | null;
}

interface RuleRow {
  id: number;
  event: string;
  channel_url: string;
  conditions: string;
  muted: number;
  created_at: number;
}

/** The alerts' store (the interface is @mexc-live/alerts' AlertStore) in this database. */
export class AlertTables implements AlertStore {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.statements = {
      rules: db.prepare<[], RuleRow>("SELECT * FROM alert_rules ORDER BY id"),
      addRule: db.prepare<[string, string, string, number]>(
        "INSERT INTO alert_rules (event, channel_url, conditions, created_at) VALUES (?, ?, ?, ?)",
      ),
      removeRule: db.prepare<[number]>("DELETE FROM alert_rules WHERE id = ?"),
      muteRule: db.prepare<[number, number]>("UPDATE alert_rules SET muted = ? WHERE id = ?"),
      mutes: db.prepare<[], { rule_id: string }>("SELECT rule_id FROM alert_mutes"),
      mute: db.prepare<[string]>("INSERT OR IGNORE INTO alert_mutes (rule_id) VALUES (?)"),
      unmute: db.prepare<[string]>("DELETE FROM alert_mutes WHERE rule_id = ?"),
      raise: db.prepare<[string, string, string, string, number]>(
        "INSERT OR IGNORE INTO alert_outbox (destination, rule_id, notice_id, notice, created_at) VALUES (?, ?, ?, ?, ?)",
      ),
      waiting: db.prepare<[], { destination: string; oldest: number; newest: number; n: number }>(
        `SELECT destination, MIN(created_at) AS oldest, MAX(created_at) AS newest, COUNT(*) AS n
         FROM alert_outbox WHERE delivery_id IS NULL GROUP BY destination`,
      ),
      waitingRows: db.prepare<[string, number], { id: number; notice: string }>(
        "SELECT id, notice FROM alert_outbox WHERE delivery_id IS NULL AND destination = ? ORDER BY id LIMIT ?",
      ),
      firstWaiting: db.prepare<[string], { rule_id: string }>(
        "SELECT rule_id FROM alert_outbox WHERE delivery_id IS NULL AND destination = ? ORDER BY id LIMIT 1",
      ),
      claim: db.prepare<[number, number]>("UPDATE alert_outbox SET delivery_id = ? WHERE id = ?"),
      addDelivery: db.prepare(
        `INSERT INTO alert_deliveries (destination, rule_id, channel, to_masked, status, alerts, events, title,
           next_attempt_at, created_at)
         VALUES (@destination, @ruleId, @channel, @toMasked, 'pending', @alerts, @events, @title, @now, @now)`,
      ),
      due: db.prepare<[number], DeliveryRow>(
        `SELECT * FROM alert_deliveries WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ?
         ORDER BY id`,
      ),
      noticesOf: db.prepare<[number], { notice: string }>(
        "SELECT notice FROM alert_outbox WHERE delivery_id = ? ORDER BY id",
      ),
      sent: db.prepare<[number, number]>(
        "UPDATE alert_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?",
      ),
      retry: db.prepare<[number, string, number]>(
        "UPDATE alert_deliveries SET status = 'retrying', attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
      ),
      failed: db.prepare<[string, number]>(
        "UPDATE alert_deliveries SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
      ),
      openDestinations: db.prepare<[], { destination: string }>(
        "SELECT DISTINCT destination FROM alert_deliveries WHERE status IN ('pending', 'retrying')",
      ),
      deliveries: db.prepare<[number], DeliveryRow>("SELECT * FROM alert_deliveries ORDER BY id DESC LIMIT ?"),
      delivery: db.prepare<[number], DeliveryRow>("SELECT * FROM alert_deliveries WHERE id = ?"),
      forgetOutbox: db.prepare<[number]>(
        `DELETE FROM alert_outbox WHERE delivery_id IN
           (SELECT id FROM alert_deliveries WHERE status IN ('sent', 'failed') AND created_at < ?)`,
      ),
      forgetDeliveries: db.prepare<[number]>(
        "DELETE FROM alert_deliveries WHERE status IN ('sent', 'failed') AND created_at < ?",
      ),
      getState: db.prepare<[string], { value: string }>("SELECT value FROM alert_state WHERE key = ?"),
      setState: db.prepare<[string, string]>(
        "INSERT INTO alert_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
    };
  }

  // ------------------------------------------------------------------ rules

  rules(): StoredRule[] {
    return this.statements.rules.all().map((row) => ({
      id: row.id,
      event: row.event,
      channelUrl: row.channel_url,
      conditions: row.conditions,
      muted: row.muted === 1,
      createdAt: row.created_at,
    }));
  }

  addRule(event: AlertEvent, channelUrl: string, conditions: string): StoredRule {
    const createdAt = this.now();
    const { lastInsertRowid } = this.statements.addRule.run(event, channelUrl, conditions, createdAt);
    return { id: Number(lastInsertRowid), event, channelUrl, conditions, muted: false, createdAt };
  }

  removeRule(id: number): boolean {
    return this.statements.removeRule.run(id).changes > 0;
  }

  setRuleMuted(id: number, muted: boolean): boolean {
    return this.statements.muteRule.run(muted ? 1 : 0, id).changes > 0;
  }

  /** Config-file rules muted from the dashboard. */
  mutedConfigRules(): Set<string> {
    return new Set(this.statements.mutes.all().map((row) => row.rule_id));
  }

  setConfigRuleMuted(id: string, muted: boolean): void {
    if (muted) this.statements.mute.run(id);
    else this.statements.unmute.run(id);
  }

  // ------------------------------------------------------------------ outbox

  /** Puts an alert in the outbox for a destination; false when it is there already. */
  raise(destination: string, ruleId: string, notice: AlertNotice): boolean {
    return this.statements.raise.run(destination, ruleId, notice.id, JSON.stringify(notice), this.now()).changes > 0;
  }

  /** Destinations with alerts waiting for a delivery: when the oldest and newest were raised, how many. */
  waiting(): { destination: string; oldest: number; newest: number; count: number }[] {
    return this.statements.waiting.all().map((row) => ({ ...row, count: row.n }));
  }

  /** The rule that raised a destination's oldest waiting alert. */
  firstWaitingRule(destination: string): string | undefined {
    return this.statements.firstWaiting.get(destination)?.rule_id;
  }

  /** Makes one delivery of a destination's oldest waiting alerts; undefined when none wait. */
  gather(delivery: NewDelivery, describe: (notices: readonly AlertNotice[]) => string): number | undefined {
    return this.db.transaction(() => {
      const rows = this.statements.waitingRows.all(delivery.destination, delivery.max);
      if (rows.length === 0) return undefined;
      const notices = rows.map((row) => JSON.parse(row.notice) as AlertNotice);
      const events = [...new Set(notices.map((notice) => notice.event))];
      const { lastInsertRowid } = this.statements.addDelivery.run({
        destination: delivery.destination,
        ruleId: delivery.ruleId,
        channel: delivery.channel,
        toMasked: delivery.toMasked,
        alerts: rows.length,
        events: JSON.stringify(events),
        title: describe(notices),
        now: this.now(),
      });
      const id = Number(lastInsertRowid);
      for (const row of rows) this.statements.claim.run(id, row.id);
      return id;
    })();
  }

  /** Deliveries to send now (pending, or retrying and due), oldest first. */
  due(now: number): OpenDelivery[] {
    return this.statements.due.all(now).map((row) => ({
      id: row.id,
      destination: row.destination,
      ruleId: row.rule_id,
      attempts: row.attempts,
      createdAt: row.created_at,
      notices: this.statements.noticesOf.all(row.id).map((notice) => JSON.parse(notice.notice) as AlertNotice),
    }));
  }

  /** Destinations with a delivery not yet sent or failed (new alerts wait behind it, to keep order). */
  openDestinations(): Set<string> {
    return new Set(this.statements.openDestinations.all().map((row) => row.destination));
  }

  markSent(id: number): void {
    this.statements.sent.run(this.now(), id);
  }

  markRetrying(id: number, nextAttemptAt: number, error: string): void {
    this.statements.retry.run(nextAttemptAt, error, id);
  }

  markFailed(id: number, error: string): void {
    this.statements.failed.run(error, id);
  }

  /** The delivery log, newest first. */
  deliveries(limit: number): AlertDeliveryItem[] {
    return this.statements.deliveries.all(limit).map(toDeliveryItem);
  }

  delivery(id: number): AlertDeliveryItem | undefined {
    const row = this.statements.delivery.get(id);
    return row && toDeliveryItem(row);
  }

  /** Forgets finished deliveries (and their alerts) created before `before`; returns how many deliveries. */
  forget(before: number): number {
    return this.db.transaction(() => {
      this.statements.forgetOutbox.run(before);
      return this.statements.forgetDeliveries.run(before).changes;
    })();
  }

  // ------------------------------------------------------------------ state

  state(key: string): string | undefined {
    return this.statements.getState.get(key)?.value;
  }

  setState(key: string, value: string): void {
    this.statements.setState.run(key, value);
  }
}

function toDeliveryItem(row: DeliveryRow): AlertDeliveryItem {
  return {
    id: String(row.id),
    ruleId: row.rule_id,
    to: row.to_masked,
    channel: row.channel as AlertDeliveryItem["channel"],
    status: row.status,
    alerts: row.alerts,
    events: JSON.parse(row.events) as AlertEvent[],
    title: row.title,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
  };
}
