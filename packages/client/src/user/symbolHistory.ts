/**
 * One symbol's part of a reconciliation: the orders created since the gap (allOrders) and every
 * fill since the symbol's watermark (myTrades), within MEXC's limits, as REST really reports them:
 *
 * - REST times are whole seconds while the stream's are milliseconds (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.3): a fill streamed at
 *   12:00:01.700 is listed by myTrades at 12:00:01.000. So the fills window starts one whole
 *   second before the watermark, and trade ids drop what was already known;
 * - a time window cannot split more than 100 fills of one second (myTrades answers 100 at most):
 *   such a second is paged by order instead (myTrades with `orderId`), over every order that may
 *   have filled in it (the page's own orders, orders created or open in the window, orders the
 *   record knows). A second still not complete that way is reported and the watermark stays
 *   before it, so the next reconciliation asks again: the watermark never moves past a fill that
 *   was not delivered.
 */

import { Decimal as Big, isMexcApiError, timeProblem } from "@mexc-live/protocol";
import { ALL_ORDERS_LIMIT_MAX, MY_TRADES_LIMIT_MAX, REST_TIME_RESOLUTION_MS } from "@mexc-live/protocol/limits";
import type { RestOrder, RestTrade } from "@mexc-live/protocol/rest";
import type { Logger } from "../redact.js";
import type { RestEndpoints } from "../rest/endpoints.js";
import { decimal } from "../rest/toEvents.js";
import type { ExecutionRecord } from "./executionRecord.js";
import { walkPages } from "./pageWalk.js";

export interface SymbolHistoryInput {
  readonly endpoints: RestEndpoints;
  readonly record: ExecutionRecord;
  readonly logger: Logger;
  readonly symbol: string;
  /** Server ms: fills from here (before the one-second widening). */
  readonly tradesFrom: number;
  /** Server ms: orders created from here; undefined skips allOrders. */
  readonly ordersFrom: number | undefined;
  readonly to: number;
  /** Open orders REST reported for this symbol. */
  readonly open: readonly RestOrder[];
}

export interface SymbolHistory {
  readonly trades: readonly RestTrade[];
  readonly orders: readonly RestOrder[];
  /** Where every fill is known up to (REST time); undefined leaves the symbol's watermark where it was. */
  readonly watermark: number | undefined;
  /** Seconds whose fills could not all be fetched (paged by order and still full). */
  readonly incomplete: readonly number[];
}

/** Both sides of a self-trade share the trade id; the order id tells them apart. */
const tradeKey = (trade: RestTrade) => `${trade.id}|${trade.orderId}`;

export async function fetchSymbolHistory(input: SymbolHistoryInput): Promise<SymbolHistory> {
  const { endpoints, symbol, to, logger } = input;
  const orders: RestOrder[] = [];
  if (input.ordersFrom !== undefined && input.ordersFrom <= to) {
    const created = await walkPages({
      fetch: (startTime, endTime) => endpoints.allOrders(symbol, { startTime, endTime, limit: ALL_ORDERS_LIMIT_MAX }),
      limit: ALL_ORDERS_LIMIT_MAX,
      timeOf: (order) => order.time,
      idOf: (order) => String(order.orderId),
      from: input.ordersFrom,
      to,
    });
    orders.push(...created.items);
    if (created.unexploredFrom !== undefined) warnPageCap(logger, "allOrders", symbol);
  }

  const from = input.tradesFrom - REST_TIME_RESOLUTION_MS;
  const walk = await walkPages({
    fetch: (startTime, endTime) => endpoints.myTrades(symbol, { startTime, endTime, limit: MY_TRADES_LIMIT_MAX }),
    limit: MY_TRADES_LIMIT_MAX,
    timeOf: (trade) => trade.time,
    idOf: tradeKey,
    from,
    to,
  });
  const trades = new Map(walk.items.map((trade) => [tradeKey(trade), trade]));
  const incomplete: number[] = [];
  if (walk.saturated.length > 0) {
    for (const orderId of ordersThatMayHaveFilledIn(walk.saturated, walk.items, [...orders, ...input.open], input)) {
      const byOrder = await walkPages({
        fetch: (startTime, endTime) =>
          endpoints.myTrades(symbol, { orderId, startTime, endTime, limit: MY_TRADES_LIMIT_MAX }),
        limit: MY_TRADES_LIMIT_MAX,
        timeOf: (trade) => trade.time,
        idOf: tradeKey,
        from,
        to,
      }).catch((error: unknown) => {
        if (isMexcApiError(error) && error.class === "not_retryable") return undefined;
        throw error;
      });
      if (byOrder === undefined) continue;
      for (const trade of byOrder.items) trades.set(tradeKey(trade), trade);
      incomplete.push(...byOrder.saturated);
      if (byOrder.unexploredFrom !== undefined) incomplete.push(byOrder.unexploredFrom);
    }
    logger.info(
      { symbol, seconds: walk.saturated.length, fills: trades.size },
      "more than 100 fills in one second: paged by order",
    );
  }
  if (incomplete.length > 0) {
    logger.warn(
      { symbol, seconds: [...new Set(incomplete)].sort((a, b) => a - b) },
      "some fills cannot be fetched from REST (over 100 of one order in one second); asking again next time",
    );
  }

  const all = [...trades.values()].sort((a, b) => a.time - b.time);
  let watermark: number | undefined;
  if (walk.unexploredFrom !== undefined) {
    warnPageCap(logger, "myTrades", symbol);
  } else if (incomplete.length > 0) {
    // Never past a fill not delivered: stop just before the first incomplete second.
    const before = Math.min(...incomplete) - 1;
    watermark = before >= input.tradesFrom ? before : undefined;
  } else {
    // Only a time MEXC could have sent: a trade of time 2^53-1 (refused as a fill) made the
    // watermark a startTime after every endTime, and each later reconciliation of the pair a 33333.
    const receivedAt = Date.now();
    watermark = all.findLast((trade) => timeProblem(trade.time, receivedAt) === undefined)?.time;
  }
  return { trades: all, orders, watermark, incomplete };
}

/**
 * Orders that may have fills in the saturated seconds and whose fills are not all found yet:
 * those of the fills found, those created or open with fills whose last update is at or after the
 * second, and those the record holds as open (they may have filled while the stream was down). An
 * order whose found fills already add up to its executed quantity is complete and not asked about.
 */
function ordersThatMayHaveFilledIn(
  seconds: readonly number[],
  found: readonly RestTrade[],
  orders: readonly RestOrder[],
  input: SymbolHistoryInput,
): string[] {
  const first = Math.min(...seconds);
  const last = Math.max(...seconds);
  const executed = new Map<string, string>();
  for (const order of orders) executed.set(String(order.orderId), order.executedQty);
  const foundQuantity = new Map<string, Big>();
  for (const trade of found) {
    const orderId = String(trade.orderId);
    foundQuantity.set(orderId, (foundQuantity.get(orderId) ?? new Big(0)).plus(decimal(trade.qty)));
  }
  const candidates = new Set<string>();
  for (const trade of found) if (seconds.includes(trade.time)) candidates.add(String(trade.orderId));
  for (const order of orders) {
    const active = order.time <= last && (order.updateTime || order.time) >= first;
    if (active && decimal(order.executedQty).gt(0)) candidates.add(String(order.orderId));
  }
  for (const known of input.record.openOrders()) if (known.symbol === input.symbol) candidates.add(known.orderId);
  return [...candidates].filter((orderId) => {
    const total = executed.get(orderId);
    return total === undefined || !decimal(total).eq(foundQuantity.get(orderId) ?? 0);
  });
}

function warnPageCap(logger: Logger, endpoint: string, symbol: string): void {
  logger.warn({ endpoint, symbol }, "page cap reached; the rest on the next reconciliation");
}
