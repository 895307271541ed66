/**
 * Orders: the latest state per order id, which only moves forward, and a history row per distinct
 * (order id, status, executed quantity) the order moved through. A state behind the held one (a
 * stale REST snapshot, a replay) changes nothing, history included.
 *
 * "Forward" is the protocol package's rule, the client's too (orderMovesForward): more quantity
 * executed without going back to an earlier status, or the same quantity and a later status
 * (NEW < PARTIALLY_FILLED < final; an UNKNOWN status is news over NEW). So a stale REST snapshot
 * saying NEW never overwrites FILLED, and a replay changes nothing.
 */

import type { OrderItem, Page, Source } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import {
  dec,
  fmt,
  isOpenStatus,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderTrigger,
  type OrderType,
  type OrderUpdate,
  orderMovesForward,
  type RawValues,
  type Side,
  type TriggerState,
  UNKNOWN,
} from "@mexc-live/protocol";
import { StoreError } from "../errors.js";
import { decodeCursor, encodeCursor, pageLimit } from "./cursor.js";
import type { Db } from "./database.js";
import { SelectCache } from "./selectCache.js";
import { decimalField, textField, timeField, wordField } from "./validate.js";

/**
 * What upsertOrder takes: the protocol's OrderUpdate with its source (Sourced<OrderUpdate>) fits.
 * `createTime` is 0 when the source does not say; `timestamp` is the exchange time of this state.
 */
export type OrderInput = Pick<
  OrderUpdate,
  | "symbol"
  | "orderId"
  | "clientOrderId"
  | "side"
  | "orderType"
  | "status"
  | "price"
  | "quantity"
  | "cumulativeQuantity"
  | "cumulativeAmount"
  | "avgPrice"
  | "createTime"
  | "timestamp"
  | "trigger"
  | "ocoId"
  | "cancelReason"
  | "rawValues"
> & { readonly source: Source };

/** The API table's orders read as the store takes it (contract api/params.ts; `from`, `to` inclusive), every field optional. */
export type OrdersQuery = Partial<ReadQuery<"orders">>;

/** An order the store holds as open (for the client's resume). */
export interface OpenOrderRef {
  readonly symbol: string;
  readonly orderId: string;
}

const STATUSES: ReadonlySet<string> = new Set([...ORDER_STATUSES, UNKNOWN]);

interface OrderRow {
  order_id: string;
  client_order_id: string;
  symbol: string;
  side: string;
  type: string;
  status: string;
  is_open: number;
  price: string;
  quantity: string;
  executed_quantity: string;
  cumulative_quote_quantity: string;
  avg_price: string;
  time: number;
  update_time: number;
  source: string;
  trigger_price: string | null;
  trigger_type: string | null;
  trigger_state: string | null;
  oco_id: string | null;
  raw_values: string | null;
  cancel_reason: string | null;
}

export class OrdersTable {
  private readonly get;
  private readonly put;
  private readonly history;
  private readonly open;
  private readonly selects: SelectCache<OrderRow>;

  constructor(
    db: Db,
    private readonly apiTradingDisabled: (symbol: string) => boolean,
  ) {
    this.get = db.prepare<[string], OrderRow>("SELECT * FROM orders WHERE order_id = ?");
    this.put = db.prepare(`
      INSERT INTO orders (order_id, client_order_id, symbol, side, type, status, is_open, price, quantity,
        executed_quantity, cumulative_quote_quantity, avg_price, time, update_time, source,
        trigger_price, trigger_type, trigger_state, oco_id, raw_values, cancel_reason)
      VALUES (@order_id, @client_order_id, @symbol, @side, @type, @status, @is_open, @price, @quantity,
        @executed_quantity, @cumulative_quote_quantity, @avg_price, @time, @update_time, @source,
        @trigger_price, @trigger_type, @trigger_state, @oco_id, @raw_values, @cancel_reason)
      ON CONFLICT (order_id) DO UPDATE SET client_order_id = excluded.client_order_id, status = excluded.status,
        is_open = excluded.is_open, price = excluded.price, quantity = excluded.quantity,
        executed_quantity = excluded.executed_quantity, cumulative_quote_quantity = excluded.cumulative_quote_quantity,
        avg_price = excluded.avg_price, time = excluded.time, update_time = excluded.update_time,
        source = excluded.source,
        trigger_price = COALESCE(excluded.trigger_price, orders.trigger_price),
        trigger_type = COALESCE(excluded.trigger_type, orders.trigger_type),
        trigger_state = COALESCE(excluded.trigger_state, orders.trigger_state),
        oco_id = COALESCE(excluded.oco_id, orders.oco_id),
        raw_values = excluded.raw_values,
        cancel_reason = COALESCE(excluded.cancel_reason, orders.cancel_reason)`);
    this.history = db.prepare(`
      INSERT INTO order_history (order_id, symbol, status, executed_quantity, cumulative_quote_quantity, time, source)
      VALUES (@order_id, @symbol, @status, @executed_quantity, @cumulative_quote_quantity, @update_time, @source)
      ON CONFLICT (order_id, status, executed_quantity) DO NOTHING`);
    this.open = db.prepare<[], OpenOrderRef>(
      "SELECT symbol, order_id AS orderId FROM orders WHERE is_open = 1 ORDER BY time, order_id",
    );
    this.selects = new SelectCache<OrderRow>(db, "orders", "order_id");
  }

  /** Records the state; returns whether the latest state changed (it moved forward or is new). Run inside a transaction. */
  upsert(order: OrderInput): boolean {
    const row = toRow(order);
    const held = this.get.get(row.order_id);
    if (held && !movesForward(held, row)) return false;
    this.history.run(row);
    this.put.run({
      ...row,
      // What a later source leaves out, an earlier one may have said.
      client_order_id: row.client_order_id || (held?.client_order_id ?? ""),
      time: held && held.time > 0 && (row.time === 0 || held.time < row.time) ? held.time : row.time,
    });
    return true;
  }

  item(orderId: string): OrderItem | undefined {
    const row = this.get.get(orderId);
    return row ? this.toItem(row) : undefined;
  }

  /** Newest first (by creation time); `nextCursor` continues after the last item. */
  page(query: OrdersQuery): Page<OrderItem> {
    const limit = pageLimit(query.limit);
    const filter = { symbol: query.symbol, open: query.status === "open" };
    const rows = this.selects.page(
      filter,
      query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit + 1,
    );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: rows.slice(0, limit).map((row) => this.toItem(row)),
      nextCursor: last ? encodeCursor({ time: last.time, id: last.order_id }) : null,
      total: this.selects.count(filter),
    };
  }

  openOrders(): OpenOrderRef[] {
    return this.open.all();
  }

  private toItem(row: OrderRow): OrderItem {
    return {
      orderId: row.order_id,
      clientOrderId: row.client_order_id,
      symbol: row.symbol,
      side: row.side as Side,
      type: row.type as OrderType,
      status: row.status as OrderStatus,
      price: row.price,
      quantity: row.quantity,
      executedQuantity: row.executed_quantity,
      cumulativeQuoteQuantity: row.cumulative_quote_quantity,
      avgPrice: row.avg_price,
      time: row.time,
      updateTime: row.update_time,
      apiTradingDisabled: this.apiTradingDisabled(row.symbol),
      ...(row.trigger_state !== null
        ? {
            trigger: {
              price: row.trigger_price ?? "0",
              type: (row.trigger_type ?? UNKNOWN) as OrderTrigger["type"],
              state: row.trigger_state as TriggerState,
            },
          }
        : {}),
      ...(row.oco_id !== null ? { ocoId: row.oco_id } : {}),
      ...(row.cancel_reason !== null ? { cancelReason: row.cancel_reason } : {}),
      ...(row.raw_values !== null ? { rawValues: JSON.parse(row.raw_values) as RawValues } : {}),
    };
  }
}

function movesForward(held: OrderRow, next: OrderRow): boolean {
  const executed = dec(next.executed_quantity).cmp(dec(held.executed_quantity));
  return orderMovesForward(progressOf(held), progressOf(next), executed);
}

function progressOf(row: OrderRow) {
  return {
    status: row.status as OrderStatus,
    triggerState: (row.trigger_state ?? undefined) as TriggerState | undefined,
    cancelReason: row.cancel_reason ?? undefined,
  };
}

function toRow(order: OrderInput): OrderRow {
  const executed = decimalField(order.cumulativeQuantity, "cumulativeQuantity");
  const quote = decimalField(order.cumulativeAmount, "cumulativeAmount");
  let avgPrice = decimalField(order.avgPrice, "avgPrice");
  if (avgPrice === "0" && executed !== "0") avgPrice = fmt(dec(quote).div(dec(executed)));
  if (!STATUSES.has(order.status))
    throw new StoreError("BAD_EVENT", `status is not an order status: ${String(order.status)}`);
  const updateTime = timeField(order.timestamp, "timestamp");
  return {
    order_id: textField(order.orderId, "orderId"),
    client_order_id: order.clientOrderId ?? "",
    symbol: textField(order.symbol, "symbol"),
    side: order.side,
    type: order.orderType,
    status: order.status,
    is_open: isOpenStatus(order.status) ? 1 : 0,
    price: decimalField(order.price, "price"),
    quantity: decimalField(order.quantity, "quantity"),
    executed_quantity: executed,
    cumulative_quote_quantity: quote,
    avg_price: avgPrice,
    time: order.createTime > 0 ? timeField(order.createTime, "createTime") : updateTime,
    update_time: updateTime,
    source: order.source,
    trigger_price: order.trigger ? decimalField(order.trigger.price, "trigger.price") : null,
    trigger_type: order.trigger?.type ?? null,
    trigger_state: order.trigger?.state ?? null,
    oco_id: order.ocoId || null,
    raw_values: order.rawValues ? JSON.stringify(order.rawValues) : null,
    cancel_reason: order.cancelReason ? wordField(order.cancelReason, "cancelReason") : null,
  };
}
