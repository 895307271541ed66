/**
 * The topics of all accounts together (`accounts.fills`, `accounts.orders`, `accounts.equity`,
 * `accounts.health`; contract topics.ts): the "All accounts" summary follows these four, whatever
 * the number of accounts, instead of each account's own (two or four topics an account would pass
 * the 50 topics of one connection at 20 accounts, and send every account's snapshot separately).
 *
 * Nothing is kept twice: an account topic's update, once folded into its state and published, is
 * published again on the all-accounts topic of its kind with its `account` (the same tick, so a
 * snapshot never misses nor repeats one); a snapshot is put together when a browser subscribes,
 * from every account's own topic state:
 *
 *   fills   the newest SNAPSHOT_FILLS across accounts, newest first
 *   orders  each account's open and latest closed orders, newest placed first
 *   equity  each account's latest point
 *   health  each account's latest; an update only when the account's link state or history
 *           progress changed (its every-second beat, the ages, is not repeated 20 times a second)
 *
 * Accounts are named as GET /api/accounts names them (`nameAccounts`); an update of an account
 * not named (yet) is not repeated.
 */
import {
  type AllAccountsKind,
  type AllAccountsTopic,
  allAccountsTopic,
  type EquityPoint,
  type FillItem,
  type Health,
  newestFirst,
  newestOrderFirst,
  type OrderItem,
  parseTopic,
  type Topic,
  type TopicSnapshot,
  type TopicUpdate,
} from "@mexc-live/contract";
import { SNAPSHOT_FILLS } from "../config/defaults.js";
import type { TopicStates } from "../state/topicStates.js";
import type { TopicHub } from "./topicHub.js";

/** An account's name from its topics' account (undefined: the default account's plain topics); undefined when unknown. */
type AccountNames = (topicAccount: string | undefined) => string | undefined;

type Tagged = { readonly account?: string };

export class AllAccountsFanout {
  private nameOf: AccountNames = () => undefined;
  /** Per account, what of its health was last repeated (healthKey). */
  private readonly healthSent = new Map<string, string>();

  constructor(
    private readonly states: TopicStates,
    private readonly hub: Pick<TopicHub, "publish" | "watched">,
  ) {}

  /** How the accounts are named from now on (known once the accounts have started). */
  nameAccounts(nameOf: AccountNames): void {
    this.nameOf = nameOf;
  }

  /** An account topic's update, already folded and published: repeated on its all-accounts topic. */
  publish(update: TopicUpdate): void {
    const parsed = parseTopic(update.topic);
    if (parsed?.kind !== "account" || !isAllAccountsKind(parsed.topic)) return;
    // Nobody follows all accounts: nothing to make (a later subscriber gets the snapshot).
    const together = allAccountsTopic(parsed.topic);
    if (!this.hub.watched(together)) return;
    const account = this.nameOf(parsed.account);
    if (account === undefined) return;
    if (parsed.topic === "health") {
      const key = healthKey(update.data as Health);
      if (this.healthSent.get(account) === key) return;
      this.healthSent.set(account, key);
    }
    // The update's data is of its topic's kind, and so of the all-accounts topic's.
    this.hub.publish({
      ...update,
      topic: together,
      data: { ...(update.data as object), account },
    } as TopicUpdate);
  }

  /** The snapshot of an all-accounts topic, from every named account's state; undefined for any other topic, or none held. */
  snapshot(topic: Topic): TopicSnapshot | undefined {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== "all") return undefined;
    const parts: { account: string; data: unknown }[] = [];
    let exchangeTime = 0;
    let receiveTime = 0;
    for (const held of this.states.topics()) {
      const own = parseTopic(held);
      if (own?.kind !== "account" || own.topic !== parsed.topic) continue;
      const account = this.nameOf(own.account);
      const snapshot = account === undefined ? undefined : this.states.snapshot(held);
      if (account === undefined || snapshot === undefined || snapshot.data === null) continue;
      parts.push({ account, data: snapshot.data });
      exchangeTime = Math.max(exchangeTime, snapshot.exchangeTime);
      receiveTime = Math.max(receiveTime, snapshot.receiveTime);
    }
    if (parts.length === 0) return undefined;
    const data = together(parsed.topic, parts);
    // Each part is of the topic's kind, so `data` is its snapshot.
    return { topic, data, exchangeTime, receiveTime } as TopicSnapshot;
  }
}

/** The all-accounts topic an account topic is repeated on (`account.sub1.fills` -> `accounts.fills`); undefined for none. */
export function allAccountsTopicOf(topic: Topic): AllAccountsTopic | undefined {
  const parsed = parseTopic(topic);
  return parsed?.kind === "account" && isAllAccountsKind(parsed.topic) ? allAccountsTopic(parsed.topic) : undefined;
}

function isAllAccountsKind(kind: string): kind is AllAccountsKind {
  return kind === "fills" || kind === "orders" || kind === "equity" || kind === "health";
}

/** The part of an account's health the summary shows: its link's state and its history's progress. */
function healthKey(health: Health): string {
  return JSON.stringify([health.upstream.state, health.mode, health.history ?? null]);
}

function tag<T extends Tagged>(item: T, account: string): T {
  return { ...item, account };
}

function together(kind: AllAccountsKind, parts: readonly { account: string; data: unknown }[]): unknown {
  switch (kind) {
    case "fills":
      return parts
        .flatMap(({ account, data }) => (data as readonly FillItem[]).map((fill) => tag(fill, account)))
        .sort(newestFirst)
        .slice(0, SNAPSHOT_FILLS);
    case "orders":
      return parts
        .flatMap(({ account, data }) => (data as readonly OrderItem[]).map((order) => tag(order, account)))
        .sort(newestOrderFirst);
    case "equity":
      return parts.flatMap(({ account, data }) => {
        const points = data as readonly EquityPoint[];
        const latest = points[points.length - 1];
        return latest === undefined ? [] : [tag(latest, account)];
      });
    case "health":
      return parts.map(({ account, data }) => tag(data as Health, account));
  }
}
