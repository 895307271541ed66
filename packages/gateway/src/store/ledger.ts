/**
 * The account ledger: every balance change as MEXC pushed it (balance_changes), with what it was
 * (protocol's ledgerKindOf of MEXC's change type, the raw type kept) and, where one can be found,
 * what caused it: the fill of a trade or its fee, the order that froze or released funds, the
 * deposit, withdrawal or transfer. A change carries no id of its cause, so the cause is matched
 * when the ledger is read: same asset, nearest in time within a window (a fill's pushes come
 * within milliseconds; wallet history times are when MEXC saw the transaction, the push when it
 * was credited), an equal amount preferred.
 *
 * Which push type MEXC sends for a transfer to or from another MEXC user, or for a dust
 * conversion to MX, is not captured (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17): a deposit or withdrawal push, one protocol's
 * ledgerKindOf reads as such, or one it does not know. So a deposit or withdrawal change is also
 * matched to an internal transfer the same way, and an unknown one to any wallet row of exactly
 * its amount and direction; the change then takes the kind of the row it matched, so neither
 * stays `unknown`.
 */

import type { LedgerItem, LedgerRef, Page, TransferItem } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { DAY_MS, Decimal, exact, KNOWN_ACCOUNT_CHANGE_TYPES, splitPair } from "@mexc-live/protocol";
import { BALANCE_READ_CHANGE_TYPE, type LedgerKind, ledgerKindOf } from "@mexc-live/protocol/wallet";
import type { Statement } from "better-sqlite3";
import { StoreError } from "../errors.js";
import { decodeCursor, encodeCursor, pageLimit } from "./cursor.js";
import type { Db } from "./database.js";
import type { TransfersTable } from "./transfers.js";
import { queryTime } from "./validate.js";

/** The API table's ledger read as the store takes it (contract api/params.ts; `from`, `to` inclusive), every field optional. */
export type LedgerQuery = Partial<ReadQuery<"ledger">>;

/** The base and quote asset of a symbol, when known (the price book's markets). */
export type AssetsOf = (symbol: string) => { readonly base: string; readonly quote: string } | undefined;

/** How far from a balance change its cause may lie. */
const TRADE_WINDOW_MS = 2_000;
const WALLET_WINDOW_MS = DAY_MS;

interface ChangeRow {
  id: number;
  asset: string;
  free: string;
  locked: string;
  free_change: string;
  locked_change: string;
  change_type: string;
  time: number;
}

interface FillNear {
  trade_id: string;
  symbol: string;
  quantity: string;
  amount: string;
  fee: string;
  fee_currency: string;
  time: number;
}

interface OrderNear {
  order_id: string;
  symbol: string;
  time: number;
  update_time: number;
}

interface WalletMatch {
  /** The wallet rows a change of this kind may come from. */
  readonly types: readonly TransferItem["type"][];
  /** Only a row of exactly the change's amount (for a change whose push type says nothing). */
  readonly exact: boolean;
}

/** Changes matched to the wallet history, and to which of its rows. */
const WALLET_MATCHES: Partial<Record<LedgerKind, WalletMatch>> = {
  deposit: { types: ["deposit", "internal_transfer"], exact: false },
  withdrawal: { types: ["withdrawal", "internal_transfer"], exact: false },
  withdrawal_fee: { types: ["withdrawal"], exact: false },
  transfer: { types: ["transfer"], exact: false },
  internal_transfer: { types: ["internal_transfer"], exact: false },
  conversion: { types: ["conversion"], exact: false },
  unknown: { types: ["internal_transfer", "conversion", "deposit", "withdrawal", "transfer"], exact: true },
  // A balance read after a gap: a deposit or transfer credited while unseen, when its amount is the change.
  balance_read: { types: ["internal_transfer", "conversion", "deposit", "withdrawal", "transfer"], exact: true },
};

/** MEXC's change types of each ledger kind (for filtering by kind in SQL). */
const TYPES_OF_KIND = new Map<LedgerKind, string[]>();
/** Every change type that has a kind of its own: MEXC's known ones and the client's balance read. */
const NAMED_CHANGE_TYPES: readonly string[] = [...KNOWN_ACCOUNT_CHANGE_TYPES, BALANCE_READ_CHANGE_TYPE];
for (const type of NAMED_CHANGE_TYPES) {
  const kind = ledgerKindOf(type);
  TYPES_OF_KIND.set(kind, [...(TYPES_OF_KIND.get(kind) ?? []), type]);
}

export class LedgerReader {
  private readonly pages = new Map<string, Statement<Record<string, unknown>, ChangeRow>>();
  private readonly counts = new Map<string, Statement<Record<string, unknown>, { n: number }>>();
  private readonly fillsNear;
  private readonly ordersNear;

  constructor(
    private readonly db: Db,
    private readonly transfers: TransfersTable,
    private readonly assetsOf: AssetsOf,
  ) {
    this.fillsNear = db.prepare<[number, number], FillNear>(
      "SELECT trade_id, symbol, quantity, amount, fee, fee_currency, time FROM fills WHERE time BETWEEN ? AND ? ORDER BY time",
    );
    this.ordersNear = db.prepare<[number, number, number, number], OrderNear>(`
      SELECT order_id, symbol, time, update_time FROM orders
      WHERE time BETWEEN ? AND ? OR update_time BETWEEN ? AND ?`);
  }

  /** Newest first; `nextCursor` continues after the last item. */
  page(query: LedgerQuery): Page<LedgerItem> {
    const limit = pageLimit(query.limit);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    if (query.asset !== undefined) {
      where.push("asset = @asset");
      params.asset = query.asset;
    }
    if (query.type !== undefined) where.push(kindCondition(query.type));
    const from = queryTime(query.from, "from");
    const to = queryTime(query.to, "to");
    if (from !== null) {
      where.push("time >= @from");
      params.from = from;
    }
    if (to !== null) {
      where.push("time <= @to");
      params.to = to;
    }
    const total = this.count(where, params);
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      const id = Number(after.id);
      if (!Number.isSafeInteger(id)) throw new StoreError("BAD_CURSOR", "cursor is not one this server returned");
      where.push("(time < @afterTime OR (time = @afterTime AND id < @afterId))");
      params.afterTime = after.time;
      params.afterId = id;
    }
    const sql = `SELECT id, asset, free, locked, free_change, locked_change, change_type, time FROM balance_changes
      ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY time DESC, id DESC LIMIT @limit`;
    let statement = this.pages.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<Record<string, unknown>, ChangeRow>(sql);
      this.pages.set(sql, statement);
    }
    const rows = statement.all(params);
    const items = rows.slice(0, limit).map((row) => this.item(row));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ time: last.time, id: String(last.id) }) : null, total };
  }

  /** How many entries the page's filters (`where`, no cursor yet) match in all. */
  private count(where: readonly string[], params: Readonly<Record<string, unknown>>): number {
    const sql = `SELECT COUNT(*) AS n FROM balance_changes ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}`;
    let statement = this.counts.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<Record<string, unknown>, { n: number }>(sql);
      this.counts.set(sql, statement);
    }
    const { limit: _limit, ...filters } = params;
    return statement.get(filters)?.n ?? 0;
  }

  private item(row: ChangeRow): LedgerItem {
    const pushed = ledgerKindOf(row.change_type);
    const freeChange = new Decimal(row.free_change);
    const lockedChange = new Decimal(row.locked_change);
    const change = freeChange.plus(lockedChange);
    const wallet = WALLET_MATCHES[pushed];
    const matched = wallet === undefined ? undefined : this.walletCause(row, pushed, change, wallet);
    return {
      id: String(row.id),
      time: row.time,
      asset: row.asset,
      type: matched?.kind ?? pushed,
      rawType: row.change_type,
      change: exact(change),
      freeChange: row.free_change,
      lockedChange: row.locked_change,
      balance: exact(new Decimal(row.free).plus(row.locked)),
      ref:
        wallet !== undefined
          ? (matched?.ref ?? null)
          : this.cause(
              row,
              pushed,
              pushed === "order_freeze" || pushed === "order_unfreeze" ? lockedChange.abs() : change.abs(),
            ),
    };
  }

  /**
   * The wallet row a deposit, withdrawal, transfer, internal transfer, conversion or unknown change
   * came from: same asset, same direction, of the types WALLET_MATCHES allows, nearest in time
   * with an equal amount first (required for an unknown change). Its kind when it is an internal
   * transfer or a conversion.
   */
  private walletCause(
    row: ChangeRow,
    pushed: LedgerKind,
    change: Decimal,
    match: WalletMatch,
  ): { ref: LedgerRef; kind: LedgerKind } | undefined {
    const direction = change.gte(0) ? "in" : "out";
    const size = change.abs();
    const amountOf = (transfer: TransferItem) =>
      new Decimal(pushed === "withdrawal_fee" ? transfer.fee : transfer.amount);
    const candidates = this.transfers
      .around(row.asset, row.time - WALLET_WINDOW_MS, row.time + WALLET_WINDOW_MS)
      .filter((transfer) => match.types.includes(transfer.type))
      .filter((transfer) => pushed === "withdrawal_fee" || transfer.direction === direction)
      .filter((transfer) => !match.exact || amountOf(transfer).eq(size));
    const best = nearest(candidates, row.time, (transfer) => amountOf(transfer).eq(size));
    if (best === undefined) return undefined;
    const named = best.type === "internal_transfer" || best.type === "conversion";
    return { ref: { kind: "transfer", id: best.id }, kind: named && pushed !== "withdrawal_fee" ? best.type : pushed };
  }

  /** What caused the change, if something stored fits. */
  private cause(row: ChangeRow, type: LedgerKind, size: Decimal): LedgerRef | null {
    const { asset, time } = row;
    switch (type) {
      case "trade":
      case "trade_fee": {
        const fills = this.fillsNear
          .all(time - TRADE_WINDOW_MS, time + TRADE_WINDOW_MS)
          .filter((fill) => (type === "trade_fee" ? fill.fee_currency === asset : this.holds(fill.symbol, asset)));
        const amountOf = (fill: FillNear) =>
          type === "trade_fee" ? fill.fee : this.marketOf(fill.symbol)?.quote === asset ? fill.amount : fill.quantity;
        const best = nearest(fills, time, (fill) => new Decimal(amountOf(fill)).eq(size));
        return best ? { kind: "fill", id: best.trade_id } : null;
      }
      case "order_freeze":
      case "order_unfreeze": {
        const window = [time - TRADE_WINDOW_MS, time + TRADE_WINDOW_MS] as const;
        const orders = this.ordersNear
          .all(window[0], window[1], window[0], window[1])
          .filter((order) => this.holds(order.symbol, asset))
          .map((order) => ({ ...order, time: type === "order_freeze" ? order.time : order.update_time }));
        const best = nearest(orders, time, () => false);
        return best ? { kind: "order", id: best.order_id } : null;
      }
      default:
        return null;
    }
  }

  private holds(symbol: string, asset: string): boolean {
    const market = this.marketOf(symbol);
    return market !== undefined && (market.base === asset || market.quote === asset);
  }

  /**
   * A pair's assets: MEXC's list, else its spelling (protocol splitPair, the rule the imports and
   * the figures split by). Matched by its text before, "BTC" held in "BTCDOMUSDT", and a pair the
   * list no longer names (delisted) had its quote asset's change compared with the base quantity.
   */
  private marketOf(symbol: string): { readonly base: string; readonly quote: string } | undefined {
    return this.assetsOf(symbol) ?? splitPair(symbol);
  }
}

/** The candidate nearest in time, those for which `exact` holds first. */
function nearest<T extends { time: number }>(
  items: readonly T[],
  time: number,
  exact: (item: T) => boolean,
): T | undefined {
  let best: T | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const score = Math.abs(item.time - time) + (exact(item) ? 0 : 1e12);
    if (score < bestScore) {
      best = item;
      bestScore = score;
    }
  }
  return best;
}

/** The SQL condition selecting one ledger kind (its MEXC types; unknown: none of the known ones). */
function kindCondition(kind: LedgerKind): string {
  const quote = (types: readonly string[]) => types.map((type) => `'${type.replaceAll("'", "''")}'`).join(", ");
  if (kind === "unknown") {
    return `(change_type NOT IN (${quote(NAMED_CHANGE_TYPES)}) AND change_type NOT LIKE '%CONVERT%' AND change_type NOT LIKE '%INTERNAL%')`;
  }
  // By MEXC's push type: a change matched to an internal transfer through a DEPOSIT or WITHDRAW
  // push is listed under those (the kind of a row is known only once it is matched).
  if (kind === "conversion") return "change_type LIKE '%CONVERT%'";
  if (kind === "internal_transfer") return "change_type LIKE '%INTERNAL%'";
  const types = TYPES_OF_KIND.get(kind);
  if (types === undefined) throw new StoreError("BAD_QUERY", `type is not a ledger type: ${kind}`);
  return `change_type IN (${quote(types)})`;
}
