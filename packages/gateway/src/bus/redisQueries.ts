/**
 * GatewayQueries on a web instance (role `web`): no database here. Balances, orders, fills and
 * equity come from the topic states mirrored from Redis (so history reaches back as far as the
 * topic snapshots: the open orders, the latest closed ones, the latest fills and equity points);
 * PnL, fees and volume from the figures the collector writes to Redis. The full history is served
 * by the collector's own HTTP API.
 */
import type { BalanceItem, EquityPoint, FillItem, OrderItem } from "../contract.js";
import type { GatewayQueries } from "../http/deps.js";
import { InMemoryQueries } from "../http/inMemoryQueries.js";
import type { TopicStates } from "../ingest/topicStates.js";
import type { FiguresRecord } from "./redisWire.js";

export function redisStateQueries(
  states: TopicStates,
  figures: () => Promise<FiguresRecord | undefined>,
  quote: string,
): GatewayQueries {
  const list = <T>(topic: "balances" | "orders" | "fills" | "equity"): T[] => [
    ...((states.snapshot(topic)?.data as T[] | null | undefined) ?? []),
  ];
  const current = () =>
    new InMemoryQueries({
      balances: list<BalanceItem>("balances"),
      orders: list<OrderItem>("orders"),
      fills: list<FillItem>("fills"),
      equity: list<EquityPoint>("equity"),
    });
  const emptyFees = { quote, byCurrency: {}, valueByCurrency: {}, totalValue: "0" };
  return {
    balances: () => current().balances(),
    orders: (query) => current().orders(query),
    fills: (query) => current().fills(query),
    equity: (query) => current().equity(query),
    fees: async () => (await figures())?.fees ?? emptyFees,
    pnl: async () => (await figures())?.pnl ?? [],
    volume: async (query) =>
      ((await figures())?.volume ?? []).filter((item) => query.symbol === undefined || item.symbol === query.symbol),
    allFills: (query) => current().allFills(query),
  };
}
