/**
 * Balances: the current free/locked per asset, and every change as a history row, idempotent by
 * its content (asset, time, free, locked, both changes, change type): a replayed push changes
 * nothing. The current balance takes a change only if it is not older than the one held, so a
 * late or replayed push cannot move a balance back.
 */
import type { Source } from "@mexc-live/contract";
import type { BalanceUpdate } from "@mexc-live/protocol";
import type { Db } from "./database.js";
import { decimalField, textField, timeField } from "./validate.js";

/** The fields of a change, as the protocol's BalanceUpdate names them. */
type ChangeFields = Pick<BalanceUpdate, "asset" | "free" | "locked" | "freeChange" | "lockedChange" | "changeType">;

/** What applyBalance takes: the protocol's BalanceUpdate with its source (Sourced<BalanceUpdate>) fits. */
export type BalanceInput = ChangeFields & Pick<BalanceUpdate, "timestamp"> & { readonly source: Source };

export interface BalanceRow {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
  /** Exchange time of the last change, ms. */
  readonly updateTime: number;
}

/** A change as stored: `time` is the exchange time, ms. */
export type BalanceChange = ChangeFields & { readonly time: number; readonly source: Source };

export class BalancesTable {
  private readonly change;
  private readonly current;
  private readonly all;
  private readonly one;
  private readonly changesOf;

  constructor(db: Db) {
    this.change = db.prepare(`
      INSERT INTO balance_changes (asset, free, locked, free_change, locked_change, change_type, time, source)
      VALUES (@asset, @free, @locked, @freeChange, @lockedChange, @changeType, @time, @source)
      ON CONFLICT (asset, time, free, locked, free_change, locked_change, change_type) DO NOTHING`);
    this.current = db.prepare(`
      INSERT INTO balances (asset, free, locked, update_time) VALUES (@asset, @free, @locked, @time)
      ON CONFLICT (asset) DO UPDATE SET free = excluded.free, locked = excluded.locked, update_time = excluded.update_time
      WHERE excluded.update_time >= balances.update_time`);
    this.all = db.prepare<[], BalanceRow>(
      "SELECT asset, free, locked, update_time AS updateTime FROM balances ORDER BY asset",
    );
    this.one = db.prepare<[string], BalanceRow>(
      "SELECT asset, free, locked, update_time AS updateTime FROM balances WHERE asset = ?",
    );
    this.changesOf = db.prepare<[string, number], BalanceChange>(`
      SELECT asset, free, locked, free_change AS freeChange, locked_change AS lockedChange, change_type AS changeType,
        time, source
      FROM balance_changes WHERE asset = ? ORDER BY time DESC, id DESC LIMIT ?`);
  }

  /** Records the change; returns whether it was new. Run inside a transaction. */
  apply(update: BalanceInput): boolean {
    const row = {
      asset: textField(update.asset, "asset"),
      free: decimalField(update.free, "free"),
      locked: decimalField(update.locked, "locked"),
      freeChange: decimalField(update.freeChange, "freeChange"),
      lockedChange: decimalField(update.lockedChange, "lockedChange"),
      changeType: update.changeType,
      time: timeField(update.timestamp, "timestamp"),
      source: update.source,
    };
    if (this.change.run(row).changes === 0) return false;
    this.current.run(row);
    return true;
  }

  /** Current balances by asset; zero balances only with `includeZero`. */
  list(includeZero = false): BalanceRow[] {
    const rows = this.all.all();
    return includeZero ? rows : rows.filter((r) => r.free !== "0" || r.locked !== "0");
  }

  get(asset: string): BalanceRow | undefined {
    return this.one.get(asset);
  }

  /** The latest changes of an asset, newest first. */
  changes(asset: string, limit: number): BalanceChange[] {
    return this.changesOf.all(asset, limit);
  }
}
