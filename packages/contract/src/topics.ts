/**
 * Topic names of the gateway -> browser stream: the account topics and one topic per market
 * symbol and stream (`market.BTCUSDT.depth`).
 */

export type MarketTopicKind = "ticker" | "trades" | "depth" | "kline";
export type AccountTopic = "balances" | "orders" | "fills" | "equity" | "health" | "alerts";
export type MarketTopic = `market.${string}.${MarketTopicKind}`;
export type Topic = AccountTopic | MarketTopic;
/** What a topic carries: an account topic's name, or a market stream's kind. */
export type TopicKind = AccountTopic | MarketTopicKind;

export const ACCOUNT_TOPICS: readonly AccountTopic[] = ["balances", "orders", "fills", "equity", "health", "alerts"];
const MARKET_TOPIC = /^market\.([A-Z0-9]{2,20})\.(ticker|trades|depth|kline)$/;

/** Parses a topic name; undefined when it is not one. */
export function parseTopic(
  topic: string,
): { kind: "account"; topic: AccountTopic } | { kind: "market"; symbol: string; stream: MarketTopicKind } | undefined {
  if ((ACCOUNT_TOPICS as readonly string[]).includes(topic)) return { kind: "account", topic: topic as AccountTopic };
  const m = MARKET_TOPIC.exec(topic);
  return m ? { kind: "market", symbol: m[1] as string, stream: m[2] as MarketTopicKind } : undefined;
}

/** The topic of one market stream; keeps the stream kind in its type, so its data type follows. */
export function marketTopic<K extends MarketTopicKind>(symbol: string, stream: K): `market.${string}.${K}` {
  return `market.${symbol}.${stream}`;
}
