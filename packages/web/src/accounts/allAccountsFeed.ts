/**
 * The "All accounts" summary's latest fills and open orders, live: fed the same messages as the
 * live store (one WebSocket), it folds every listed account's `fills` and `orders` topics (the
 * default account's plain names, another's `account.NAME.*`) with the contract's fold rules
 * (snapshot on subscribe and on every reconnect, then deltas) and merges them newest first.
 *
 * Bounded: per account only the newest ALL_ACCOUNTS_FILLS fills (all the summary shows across
 * accounts) and its open orders (a closed order is dropped at once). An account no longer listed,
 * or whose topics the page no longer follows (`follow`), is forgotten: followed again, its
 * snapshot comes again. Listeners are told at most once per animation frame (a burst of fills is
 * one render).
 */
import {
  type AccountItem,
  applyFillsSnapshot,
  applyOrdersSnapshot,
  applyOrderUpdates,
  emptyFills,
  type FillItem,
  type FillsState,
  isOpenOrder,
  mergeFills,
  newestFirst,
  newestOrderFirst,
  type OrderItem,
  parseTopic,
  type ServerMessage,
} from "@mexc-live/contract";
import { frameScheduler, type Scheduler } from "../store/liveStore.js";

/** Fills the summary lists: a glance, not a history (the account's own table has that). */
export const ALL_ACCOUNTS_FILLS = 10;
/** Only open orders are kept: a closed one leaves the summary at once. */
const KEEP_CLOSED_ORDERS = 0;

/** The topics the summary follows. */
const SUMMARY_KINDS = ["fills", "orders"] as const;
type SummaryKind = (typeof SUMMARY_KINDS)[number];

interface AccountSlices {
  /** null until its snapshot came. */
  readonly fills: FillsState | null;
  readonly orders: ReadonlyMap<string, OrderItem> | null;
}

export interface AllAccountsLive {
  /** Newest first across accounts, each with its `account`; null until every listed account's snapshot came. */
  readonly fills: readonly FillItem[] | null;
  /** Every account's open orders, newest placed first, each with its `account`; null as `fills`. */
  readonly orders: readonly OrderItem[] | null;
}

/** The summary's latest fills as AllAccountsFills shows them. */
export interface LatestFills {
  /** Newest first, each with its `account`; null until every account's snapshot came. */
  readonly items: readonly FillItem[] | null;
  /** The stream is down: the items shown are as last seen. */
  readonly failed: boolean;
}

/** The summary's open orders as AllAccountsOrders shows them. */
export interface OpenOrders {
  /** Newest placed first, each with its `account`; null until every account's snapshot came. */
  readonly items: readonly OrderItem[] | null;
  /** The stream is down: the items shown are as last seen. */
  readonly failed: boolean;
}

const NOTHING_YET: AllAccountsLive = { fills: null, orders: null };

/** The summary's topics of `accounts`: each one's fills and orders, with its prefix. */
export function summaryTopics(accounts: readonly AccountItem[]): string[] {
  return accounts.flatMap((account) => SUMMARY_KINDS.map((kind) => `${account.topicPrefix}${kind}`));
}

export class AllAccountsFeed {
  /** The listed accounts' names by topic prefix ("" for the default account). */
  private names = new Map<string, string>();
  private slices = new Map<string, AccountSlices>();
  private view: AllAccountsLive = NOTHING_YET;
  /** The view is merged again when read after a change, not per message. */
  private stale = false;
  private cancelNotify: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly schedule: Scheduler = frameScheduler) {}

  readonly getState = (): AllAccountsLive => {
    if (this.stale) {
      this.view = merged([...this.names.values()], this.slices);
      this.stale = false;
    }
    return this.view;
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The accounts the gateway lists now; any other's slices are forgotten. */
  setAccounts(accounts: readonly AccountItem[]): void {
    this.names = new Map(accounts.map((account) => [account.topicPrefix, account.name]));
    for (const name of this.slices.keys()) if (![...this.names.values()].includes(name)) this.slices.delete(name);
    this.changed();
  }

  /**
   * The topics the page is subscribed to now (the summary's and the account shown's): an account
   * whose fills or orders topic is not among them is forgotten (nothing more would come of it).
   */
  follow(topics: Iterable<string>): void {
    const followed = new Set(topics);
    for (const [prefix, name] of this.names)
      if (!SUMMARY_KINDS.every((kind) => followed.has(`${prefix}${kind}`))) this.slices.delete(name);
    this.changed();
  }

  receive(message: ServerMessage): void {
    if (message.type === "snapshot") {
      this.apply(message.topic, message.data, true);
    } else if (message.type === "batch") {
      for (const update of message.updates) this.apply(update.topic, update.data, false);
    }
  }

  dispose(): void {
    this.cancelNotify?.();
    this.cancelNotify = undefined;
    this.listeners.clear();
  }

  private apply(topic: string, data: unknown, snapshot: boolean): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== "account" || (parsed.topic !== "fills" && parsed.topic !== "orders")) return;
    const name = this.names.get(parsed.account === undefined ? "" : `account.${parsed.account}.`);
    if (name === undefined || data == null) return;
    const held = this.slices.get(name) ?? { fills: null, orders: null };
    const kind: SummaryKind = parsed.topic;
    if (kind === "fills") {
      const items = (snapshot ? data : [data]) as readonly FillItem[];
      const fills = snapshot
        ? applyFillsSnapshot(held.fills ?? emptyFills(ALL_ACCOUNTS_FILLS), items, ALL_ACCOUNTS_FILLS)
        : held.fills && mergeFills(held.fills, items); // a delta before the snapshot waits for it
      this.slices.set(name, { ...held, fills });
    } else {
      const items = (snapshot ? data : [data]) as readonly OrderItem[];
      const orders = snapshot
        ? applyOrdersSnapshot(new Map(), items, KEEP_CLOSED_ORDERS)
        : held.orders && applyOrderUpdates(held.orders, items, KEEP_CLOSED_ORDERS);
      this.slices.set(name, { ...held, orders });
    }
    this.changed();
  }

  /** The merged view is out of date: the listeners are told at the next frame. */
  private changed(): void {
    this.stale = true;
    this.cancelNotify ??= this.schedule(() => {
      this.cancelNotify = undefined;
      for (const listener of this.listeners) listener();
    });
  }
}

/** Every listed account's newest fills and open orders together; null while one has no snapshot yet. */
function merged(names: readonly string[], slices: ReadonlyMap<string, AccountSlices>): AllAccountsLive {
  const fills: FillItem[] = [];
  const orders: OrderItem[] = [];
  let complete = names.length > 0;
  for (const name of names) {
    const held = slices.get(name);
    if (!held?.fills || !held.orders) {
      complete = false;
      continue;
    }
    for (const fill of held.fills.items) fills.push({ ...fill, account: name });
    for (const order of held.orders.values()) if (isOpenOrder(order)) orders.push({ ...order, account: name });
  }
  if (!complete) return NOTHING_YET;
  return { fills: fills.sort(newestFirst).slice(0, ALL_ACCOUNTS_FILLS), orders: orders.sort(newestOrderFirst) };
}
