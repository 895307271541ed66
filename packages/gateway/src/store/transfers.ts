/**
 * Deposits, withdrawals, transfers between the account's own wallets, transfers to and from other
 * MEXC users and dust conversions (protocol's TRANSFER_TYPES), one row per (type, id)
 * as MEXC's wallet history (or an imported file) names them. Idempotent: a copy changes nothing;
 * a later reading of the same one moves its status forward (a pending deposit that completes),
 * never back.
 */

import type { HistorySource, Page, TransferItem } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { TRANSFER_TYPES, type TransferState, type TransferType, type WalletTransfer } from "@mexc-live/protocol/wallet";
import type { Statement } from "better-sqlite3";
import { StoreError } from "../errors.js";
import { decodeCursor, encodeCursor, pageLimit } from "./cursor.js";
import type { Db } from "./database.js";
import { clientIdField, decimalField, linkField, queryTime, textField, timeField } from "./validate.js";

/** The API table's transfers read as the store takes it (contract api/params.ts; `from`, `to` inclusive), every field optional. */
export type TransfersQuery = Partial<ReadQuery<"transfers">>;

/** A row of the transfers table as SQLite gives it. */
export interface TransferRow {
  type: TransferType;
  id: string;
  direction: "in" | "out";
  asset: string;
  amount: string;
  fee: string;
  network: string;
  state: TransferState;
  status: string;
  tx_id: string;
  time: number;
  update_time: number;
  source: HistorySource;
  explorer_url: string | null;
  withdraw_order_id: string | null;
}

const TYPES: ReadonlySet<string> = new Set(TRANSFER_TYPES);
/** A state only moves forward: pending may become anything, a final state stays. */
const FINAL: ReadonlySet<string> = new Set(["completed", "failed", "canceled"]);

export class TransfersTable {
  private readonly insert;
  private readonly existing;
  private readonly update;
  /** A withdrawal's explorer page and own id, once a later reading says them. */
  private readonly links;
  private readonly countsByType;
  private readonly near;
  private readonly every;
  private readonly pages = new Map<string, Statement<Record<string, unknown>, TransferRow>>();
  private readonly totals = new Map<string, Statement<Record<string, unknown>, { n: number }>>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`
      INSERT INTO transfers (type, id, direction, asset, amount, fee, network, state, status, tx_id, address, time,
        update_time, source, explorer_url, withdraw_order_id)
      VALUES (@type, @id, @direction, @asset, @amount, @fee, @network, @state, @status, @txId, @address, @time,
        @updateTime, @source, @explorerUrl, @withdrawOrderId)
      ON CONFLICT (type, id) DO NOTHING`);
    this.existing = db.prepare<
      [string, string],
      { state: string; update_time: number; explorer_url: string | null; withdraw_order_id: string | null }
    >("SELECT state, update_time, explorer_url, withdraw_order_id FROM transfers WHERE type = ? AND id = ?");
    this.update = db.prepare(`
      UPDATE transfers SET state = @state, status = @status, tx_id = CASE WHEN @txId = '' THEN tx_id ELSE @txId END,
        update_time = @updateTime, amount = @amount, fee = @fee
      WHERE type = @type AND id = @id`);
    this.links = db.prepare(`
      UPDATE transfers SET explorer_url = COALESCE(@explorerUrl, explorer_url),
        withdraw_order_id = COALESCE(@withdrawOrderId, withdraw_order_id)
      WHERE type = @type AND id = @id`);
    this.countsByType = db.prepare<[], { type: string; n: number }>(
      "SELECT type, COUNT(*) AS n FROM transfers GROUP BY type",
    );
    this.every = db.prepare<[], TransferRow>("SELECT * FROM transfers ORDER BY time, id");
    this.near = db.prepare<[string, number, number], TransferRow>(
      "SELECT * FROM transfers WHERE asset = ? AND time BETWEEN ? AND ? ORDER BY time",
    );
  }

  /** Stores a transfer or moves its status forward; returns whether anything changed. Run inside a transaction. */
  upsert(transfer: WalletTransfer, source: HistorySource): boolean {
    if (!TYPES.has(transfer.type)) throw new StoreError("BAD_EVENT", `type is not a transfer type: ${transfer.type}`);
    const row = {
      type: transfer.type,
      id: textField(transfer.id, "id"),
      direction: transfer.direction === "out" ? "out" : "in",
      asset: textField(transfer.asset, "asset"),
      amount: decimalField(transfer.amount, "amount"),
      fee: decimalField(transfer.fee, "fee"),
      network: transfer.network,
      state: transfer.state,
      status: transfer.status,
      txId: transfer.txId,
      address: transfer.address,
      time: timeField(transfer.time, "time"),
      updateTime: timeField(transfer.updateTime, "updateTime"),
      source,
      explorerUrl: transfer.explorerUrl === undefined ? null : linkField(transfer.explorerUrl, "explorerUrl"),
      withdrawOrderId:
        transfer.withdrawOrderId === undefined ? null : clientIdField(transfer.withdrawOrderId, "withdrawOrderId"),
    };
    if (this.insert.run(row).changes > 0) return true;
    const held = this.existing.get(row.type, row.id);
    if (held === undefined) return false;
    // A reading that says what was not known yet (a withdrawal stored before MEXC sent these).
    const newLinks =
      (row.explorerUrl !== null && held.explorer_url === null) ||
      (row.withdrawOrderId !== null && held.withdraw_order_id === null);
    if (newLinks) this.links.run(row);
    if (FINAL.has(held.state) || held.state === row.state) return newLinks;
    this.update.run(row);
    return true;
  }

  /** Newest first; `nextCursor` continues after the last item. */
  page(query: TransfersQuery): Page<TransferItem> {
    const limit = pageLimit(query.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (query.type !== undefined) {
      if (!TYPES.has(query.type)) throw new StoreError("BAD_QUERY", `type must be one of ${TRANSFER_TYPES.join(", ")}`);
      where.push("type = @type");
      params.type = query.type;
    }
    if (query.asset !== undefined) {
      where.push("asset = @asset");
      params.asset = query.asset;
    }
    const from = queryTime(query.from, "from");
    const to = queryTime(query.to, "to");
    if (from !== null) where.push("time >= @from");
    if (to !== null) where.push("time <= @to");
    if (from !== null) params.from = from;
    if (to !== null) params.to = to;
    const total = this.total(where, params);
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      where.push("(time < @afterTime OR (time = @afterTime AND (type || ':' || id) < @afterId))");
      params.afterTime = after.time;
      params.afterId = after.id;
    }
    const sql = `SELECT * FROM transfers ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY time DESC, (type || ':' || id) DESC LIMIT @limit`;
    let statement = this.pages.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<Record<string, unknown>, TransferRow>(sql);
      this.pages.set(sql, statement);
    }
    const rows = statement.all(params);
    const items = rows.slice(0, limit).map(toTransferItem);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ time: last.time, id: `${last.type}:${last.id}` }) : null, total };
  }

  /** How many transfers the page's filters (`where`, no cursor yet) match in all. */
  private total(where: readonly string[], params: Readonly<Record<string, unknown>>): number {
    const sql = `SELECT COUNT(*) AS n FROM transfers ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}`;
    let statement = this.totals.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<Record<string, unknown>, { n: number }>(sql);
      this.totals.set(sql, statement);
    }
    const { limit: _limit, ...filters } = params;
    return statement.get(filters)?.n ?? 0;
  }

  counts(): Record<TransferType, number> {
    const out = Object.fromEntries(TRANSFER_TYPES.map((type) => [type, 0])) as Record<TransferType, number>;
    for (const { type, n } of this.countsByType.all()) if (TYPES.has(type)) out[type as TransferType] = n;
    return out;
  }

  /** Every transfer, oldest first. */
  all(): TransferItem[] {
    return this.every.all().map(toTransferItem);
  }

  /** An asset's transfers in [from, to], oldest first (the ledger matches balance changes to them). */
  around(asset: string, from: number, to: number): TransferItem[] {
    return this.near.all(asset, from, to).map(toTransferItem);
  }
}

/** The contract item of a stored transfer. */
export function toTransferItem(row: TransferRow): TransferItem {
  return {
    id: row.id,
    type: row.type,
    direction: row.direction,
    asset: row.asset,
    amount: row.amount,
    fee: row.fee,
    network: row.network,
    status: row.state,
    rawStatus: row.status,
    txId: row.tx_id,
    time: row.time,
    updateTime: row.update_time,
    source: row.source,
    ...(row.explorer_url !== null ? { explorerUrl: row.explorer_url } : {}),
    ...(row.withdraw_order_id !== null ? { withdrawOrderId: row.withdraw_order_id } : {}),
  };
}
