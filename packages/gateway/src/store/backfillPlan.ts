/**
 * The backfill's plan and progress, so a restart resumes it: the windows of MEXC's history to
 * fetch (per kind and symbol) and which are done. A window is marked done in the same
 * transaction as the rows it brought, so a window is never fetched twice and none is skipped.
 */
import type { TransferType } from "@mexc-live/protocol/wallet";
import type { Db } from "./database.js";

/** Trading history per symbol, or one of the wallet's histories (protocol's TRANSFER_TYPES). */
export type BackfillKind = "fills" | "orders" | TransferType;

export interface BackfillWindow {
  readonly kind: BackfillKind;
  /** "" for the wallet kinds. */
  readonly symbol: string;
  /** ms, inclusive */
  readonly start: number;
  /** ms, inclusive */
  readonly end: number;
  readonly doneAt: number | null;
  readonly items: number;
}

export interface BackfillPlanRow {
  readonly plannedAt: number;
  readonly historyFrom: number;
  readonly completedAt: number | null;
}

export class BackfillPlanTable {
  private readonly getPlan;
  private readonly setPlan;
  private readonly complete;
  private readonly addWindow;
  private readonly windowsOf;
  private readonly finish;
  /**
   * The windows as last read, until one is added or marked done: the header's progress reads them
   * with every health publish (each second, for the gateway's life), which read every row each
   * time (0.18 s of a demo's start). Dropped, not updated, on a change: a transaction that rolls
   * back leaves nothing behind it.
   */
  private windowsRead: BackfillWindow[] | undefined;

  constructor(db: Db) {
    this.getPlan = db.prepare<[], BackfillPlanRow>(
      "SELECT planned_at AS plannedAt, history_from AS historyFrom, completed_at AS completedAt FROM backfill_plan WHERE id = 1",
    );
    this.setPlan = db.prepare(
      "INSERT INTO backfill_plan (id, planned_at, history_from) VALUES (1, @plannedAt, @historyFrom) ON CONFLICT (id) DO NOTHING",
    );
    this.complete = db.prepare("UPDATE backfill_plan SET completed_at = ? WHERE id = 1 AND completed_at IS NULL");
    this.addWindow = db.prepare(
      "INSERT INTO backfill_windows (kind, symbol, start, end) VALUES (@kind, @symbol, @start, @end) ON CONFLICT DO NOTHING",
    );
    this.windowsOf = db.prepare<[], BackfillWindow>(
      "SELECT kind, symbol, start, end, done_at AS doneAt, items FROM backfill_windows ORDER BY kind, symbol, start",
    );
    this.finish = db.prepare(
      "UPDATE backfill_windows SET done_at = @doneAt, items = @items WHERE kind = @kind AND symbol = @symbol AND start = @start",
    );
  }

  plan(): BackfillPlanRow | undefined {
    return this.getPlan.get();
  }

  /** The plan and its windows, once (a plan that exists is kept). Run inside a transaction. */
  create(
    plan: { plannedAt: number; historyFrom: number },
    windows: readonly Omit<BackfillWindow, "doneAt" | "items">[],
  ): void {
    this.setPlan.run(plan);
    this.extend(windows);
  }

  /** Adds windows to the plan (a symbol that turned up later); windows already there are kept as they are. */
  extend(windows: readonly Omit<BackfillWindow, "doneAt" | "items">[]): void {
    this.windowsRead = undefined;
    for (const window of windows) this.addWindow.run(window);
  }

  windows(): readonly BackfillWindow[] {
    this.windowsRead ??= this.windowsOf.all();
    return this.windowsRead;
  }

  /** Marks a window done. Run in the transaction that stored its rows. */
  done(window: Pick<BackfillWindow, "kind" | "symbol" | "start">, items: number, doneAt: number): void {
    this.windowsRead = undefined;
    this.finish.run({ ...window, items, doneAt });
  }

  markComplete(at: number): void {
    this.complete.run(at);
  }
}
