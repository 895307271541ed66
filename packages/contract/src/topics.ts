/**
 * Topic names of the gateway -> browser stream: the account topics and one topic per market
 * symbol and stream (`market.BTCUSDT.depth`). A gateway watching several accounts serves the
 * first account's topics under the plain names (`balances`) and every other account's as
 * `account.NAME.balances`, and a few of them for all its accounts together (`accounts.fills`):
 * every account's items, each with its `account`, on one topic however many accounts there are
 * (the "All accounts" summary follows four topics, not four per account).
 */
import { SYMBOL_PATTERN } from "./names.js";

export type MarketTopicKind = "ticker" | "trades" | "depth" | "kline";
/**
 * `figures`: the version of the account's figures (FiguresVersion, items.ts), pushed when it
 * moves with the answers that moved (PushedFigures), so every panel shows the figures of one
 * version together (issue 40), the pushed ones without a read.
 */
export type AccountTopic = "balances" | "orders" | "fills" | "equity" | "health" | "alerts" | "figures";
export type MarketTopic = `market.${string}.${MarketTopicKind}`;
/** Another account's topic (not the gateway's first account). */
export type NamedAccountTopic = `account.${string}.${AccountTopic}`;
/** The account topics the gateway also serves for all accounts together. */
export type AllAccountsKind = "fills" | "orders" | "equity" | "health";
/**
 * One kind of account topic for every account together: the snapshot holds each account's items
 * (fills: the newest across accounts; orders: each one's open and latest closed; equity: each
 * one's latest point; health: each one's latest), an update is one account's, each item with its
 * `account`. The gateway repeats an account's health here only when its state or history
 * progress changed, not its every-second beat.
 */
export type AllAccountsTopic = `accounts.${AllAccountsKind}`;
export type Topic = AccountTopic | NamedAccountTopic | AllAccountsTopic | MarketTopic;
/** What a topic carries: an account topic's name, or a market stream's kind. */
export type TopicKind = AccountTopic | MarketTopicKind;

export const ACCOUNT_TOPICS: readonly AccountTopic[] = [
  "balances",
  "orders",
  "fills",
  "equity",
  "health",
  "alerts",
  "figures",
];
/**
 * Topics one browser connection may subscribe to (the gateway refuses a subscribe that would pass
 * it; MEXC itself allows 30 streams per connection). The dashboard plans its topics under it.
 */
export const MAX_TOPICS_PER_CONNECTION = 50;
const MARKET_TOPIC = new RegExp(`^market\\.(${SYMBOL_PATTERN.source.slice(1, -1)})\\.(ticker|trades|depth|kline)$`);
/** Account names: letters, digits, `-` and `_` (the config file's rule). */
export const ACCOUNT_NAME = /^[A-Za-z0-9_-]{1,32}$/;
const ALL_ACCOUNTS_KINDS: readonly AllAccountsKind[] = ["fills", "orders", "equity", "health"];
const ALL_ACCOUNTS_PREFIX = "accounts.";
const NAMED_ACCOUNT_TOPIC = /^account\.([A-Za-z0-9_-]{1,32})\.(balances|orders|fills|equity|health|alerts|figures)$/;

export type ParsedTopic =
  | {
      kind: "account";
      topic: AccountTopic /** undefined: the first account's plain topic */;
      account: string | undefined;
    }
  | { kind: "all"; topic: AllAccountsKind }
  | { kind: "market"; symbol: string; stream: MarketTopicKind };

/** Parses a topic name; undefined when it is not one. */
export function parseTopic(topic: string): ParsedTopic | undefined {
  if ((ACCOUNT_TOPICS as readonly string[]).includes(topic)) {
    return { kind: "account", topic: topic as AccountTopic, account: undefined };
  }
  if (topic.startsWith(ALL_ACCOUNTS_PREFIX)) {
    const kind = topic.slice(ALL_ACCOUNTS_PREFIX.length) as AllAccountsKind;
    return ALL_ACCOUNTS_KINDS.includes(kind) ? { kind: "all", topic: kind } : undefined;
  }
  const named = NAMED_ACCOUNT_TOPIC.exec(topic);
  if (named) return { kind: "account", topic: named[2] as AccountTopic, account: named[1] as string };
  const m = MARKET_TOPIC.exec(topic);
  return m ? { kind: "market", symbol: m[1] as string, stream: m[2] as MarketTopicKind } : undefined;
}

/** An account topic's name: the plain one for the first account (`account` undefined), else `account.NAME.topic`. */
export function accountTopic(topic: AccountTopic, account: string | undefined): AccountTopic | NamedAccountTopic {
  return account === undefined ? topic : `account.${account}.${topic}`;
}

/** The topic of one kind for all accounts together: `accounts.fills`. */
export function allAccountsTopic<K extends AllAccountsKind>(kind: K): `accounts.${K}` {
  return `${ALL_ACCOUNTS_PREFIX}${kind}` as `accounts.${K}`;
}

/** The topic of one market stream; keeps the stream kind in its type, so its data type follows. */
export function marketTopic<K extends MarketTopicKind>(symbol: string, stream: K): `market.${string}.${K}` {
  return `market.${symbol}.${stream}`;
}
