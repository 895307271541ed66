/**
 * Retention: rows older than N days are deleted, per table; a table without a setting keeps
 * everything. Open orders are never deleted, whatever their age. Deletes go in chunks of
 * RETENTION_CHUNK rows, one transaction each, with a turn of the event loop between two chunks:
 * a first sweep over a long history (100,000 fills: 20 chunks, 136-184 ms in one piece) no longer
 * holds the collector, and a store closed meanwhile ends the sweep.
 *
 * Fill retention also shortens what PnL, fees and volume are rebuilt from on start (they are
 * derived from the stored fills); the resume point per symbol is kept apart and never deleted.
 */

import { setImmediate as nextTurn } from "node:timers/promises";
import { DAY_MS } from "@mexc-live/protocol";
import type { Db } from "./database.js";

export interface RetentionSettings {
  readonly fillsDays?: number;
  /** Finished orders (by last update) and their history rows. */
  readonly ordersDays?: number;
  readonly balanceChangesDays?: number;
  readonly equityDays?: number;
  readonly rawFramesDays?: number;
}

export interface RetentionResult {
  readonly fills: number;
  readonly orders: number;
  readonly orderHistory: number;
  readonly balanceChanges: number;
  readonly equity: number;
  readonly rawFrames: number;
}

/** Raw frames are large and only for replay: a week unless configured. Everything else is kept. */
export const DEFAULT_RETENTION: RetentionSettings = { rawFramesDays: 7 };
const RETENTION_CHUNK = 5_000;

type Target = readonly [key: keyof RetentionResult, days: keyof RetentionSettings, sql: string];

const TARGETS: readonly Target[] = [
  [
    "fills",
    "fillsDays",
    "DELETE FROM fills WHERE rowid IN (SELECT rowid FROM fills WHERE time < @cutoff LIMIT @chunk)",
  ],
  [
    "orderHistory",
    "ordersDays",
    `DELETE FROM order_history WHERE id IN (SELECT h.id FROM order_history h
      WHERE h.time < @cutoff AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = h.order_id AND o.is_open = 1)
      LIMIT @chunk)`,
  ],
  [
    "orders",
    "ordersDays",
    "DELETE FROM orders WHERE rowid IN (SELECT rowid FROM orders WHERE is_open = 0 AND update_time < @cutoff LIMIT @chunk)",
  ],
  [
    "balanceChanges",
    "balanceChangesDays",
    "DELETE FROM balance_changes WHERE id IN (SELECT id FROM balance_changes WHERE time < @cutoff LIMIT @chunk)",
  ],
  [
    "equity",
    "equityDays",
    "DELETE FROM equity_snapshots WHERE time IN (SELECT time FROM equity_snapshots WHERE time < @cutoff LIMIT @chunk)",
  ],
  [
    "rawFrames",
    "rawFramesDays",
    "DELETE FROM raw_frames WHERE id IN (SELECT id FROM raw_frames WHERE received_at < @cutoff LIMIT @chunk)",
  ],
];

export function validateRetention(settings: RetentionSettings): void {
  for (const [name, days] of Object.entries(settings)) {
    if (days !== undefined && (typeof days !== "number" || !Number.isFinite(days) || days <= 0)) {
      throw new RangeError(`retention.${name} must be a positive number of days`);
    }
  }
}

export async function applyRetention(db: Db, settings: RetentionSettings, now: number): Promise<RetentionResult> {
  const result: Record<keyof RetentionResult, number> = {
    fills: 0,
    orders: 0,
    orderHistory: 0,
    balanceChanges: 0,
    equity: 0,
    rawFrames: 0,
  };
  for (const [key, setting, sql] of TARGETS) {
    const days = settings[setting];
    if (days === undefined) continue;
    // Closed between two chunks of the table before: nothing more to delete, nor to prepare.
    if (!db.open) break;
    const cutoff = Math.floor(now - days * DAY_MS);
    const statement = db.prepare(sql);
    const chunk = db.transaction(() => statement.run({ cutoff, chunk: RETENTION_CHUNK }).changes);
    // Bounded: each round deletes a full chunk or ends the loop, and nothing older than the cutoff
    // is added meanwhile (a backfill or an import storing older rows only makes more rounds of it).
    while (db.open) {
      const deleted = chunk();
      result[key] += deleted;
      if (deleted < RETENTION_CHUNK) break;
      await nextTurn();
    }
  }
  return result;
}
