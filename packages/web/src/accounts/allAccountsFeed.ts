/**
 * The "All accounts" summary, live: fed the same messages as the live store (one WebSocket), it
 * folds the gateway's topics of all accounts together (contract topics.ts: `accounts.fills`,
 * `accounts.orders`, `accounts.equity`, `accounts.health`, each item with its `account`) with
 * the contract's fold rules, per account (snapshot on subscribe and on every reconnect, then
 * deltas), and merges them: the latest fills newest first, the open orders, each account's latest
 * equity and health. Four topics whatever the number of accounts.
 *
 * Bounded: per account only the newest ALL_ACCOUNTS_FILLS fills (all the summary shows across
 * accounts), its open orders (a closed order is dropped at once), one equity point and one health.
 * A topic the page no longer follows (`follow`) is forgotten: followed again, its snapshot comes
 * again. An account the list does not name (added since it was read) is said (`unlisted`), so
 * the list is read again. Listeners are told at most once per animation frame (a burst of fills
 * is one render).
 */
import {
  type AccountItem,
  type AllAccountsKind,
  allAccountsTopic,
  applyFillsSnapshot,
  applyOrdersSnapshot,
  applyOrderUpdates,
  type EquityPoint,
  emptyFills,
  type FillItem,
  type FillsState,
  type Health,
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

/** The latest fills and open orders: followed while the summary is seen. */
export const SUMMARY_TOPICS: readonly string[] = [allAccountsTopic("fills"), allAccountsTopic("orders")];
/** Each account's equity and health: followed whenever the gateway lists several accounts (the switcher's badges too). */
export const ACCOUNTS_TOPICS: readonly string[] = [allAccountsTopic("equity"), allAccountsTopic("health")];

export interface AllAccountsLive {
  /** Newest first across accounts, each with its `account`; null until the snapshot came. */
  readonly fills: readonly FillItem[] | null;
  /** Every account's open orders, newest placed first, each with its `account`; null as `fills`. */
  readonly orders: readonly OrderItem[] | null;
  /** Each account's latest equity point by name; null until the snapshot came. */
  readonly equity: ReadonlyMap<string, EquityPoint> | null;
  /** Each account's latest health by name (its link state, its history progress); null as `equity`. */
  readonly health: ReadonlyMap<string, Health> | null;
  /** Counts the fills seen since the page opened (and snapshots after the first): what a re-read of PnL follows. */
  readonly fillsSeen: number;
}

/** A live list of the summary, as its SummaryTable shows it. */
export interface AccountsList<T> {
  /** Newest first, each with its `account`; null until every account's snapshot came. */
  readonly items: readonly T[] | null;
  /** The stream is down: the items shown are as last seen. */
  readonly failed: boolean;
}

/** The latest fills (AllAccountsFills). */
export type LatestFills = AccountsList<FillItem>;
/** The open orders, newest placed first (AllAccountsOrders). */
export type OpenOrders = AccountsList<OrderItem>;

/** What is held per kind, by account name; null until the kind's snapshot came. */
interface Held {
  fills: Map<string, FillsState> | null;
  orders: Map<string, ReadonlyMap<string, OrderItem>> | null;
  equity: Map<string, EquityPoint> | null;
  health: Map<string, Health> | null;
}

export class AllAccountsFeed {
  private listed = new Set<string>();
  private held: Held = { fills: null, orders: null, equity: null, health: null };
  private fillsSeen = 0;
  private fillSnapshots = 0;
  private view: AllAccountsLive = { fills: null, orders: null, equity: null, health: null, fillsSeen: 0 };
  /** The kinds changed since the view was made: it is made again when read, not per message. */
  private readonly stale = new Set<AllAccountsKind>();
  private cancelNotify: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly unlistedListeners = new Set<(name: string) => void>();

  constructor(private readonly schedule: Scheduler = frameScheduler) {}

  readonly getState = (): AllAccountsLive => {
    if (this.stale.size > 0) {
      this.view = this.made();
      this.stale.clear();
    }
    return this.view;
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called with the name of an account the list does not have (read the list again); returns an unsubscribe. */
  onUnlisted(listener: (name: string) => void): () => void {
    this.unlistedListeners.add(listener);
    return () => this.unlistedListeners.delete(listener);
  }

  /** The accounts the gateway lists now; any other's items are left out. */
  setAccounts(accounts: readonly AccountItem[]): void {
    this.listed = new Set(accounts.map((account) => account.name));
    for (const kind of ["fills", "orders", "equity", "health"] as const) this.stale.add(kind);
    this.changed();
  }

  /** The topics the page is subscribed to now: a kind whose topic is not among them is forgotten. */
  follow(topics: Iterable<string>): void {
    const followed = new Set(topics);
    for (const kind of ["fills", "orders", "equity", "health"] as const) {
      if (followed.has(allAccountsTopic(kind)) || this.held[kind] === null) continue;
      this.held[kind] = null;
      this.stale.add(kind);
    }
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
    this.unlistedListeners.clear();
  }

  private apply(topic: string, data: unknown, snapshot: boolean): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== "all") return;
    const kind = parsed.topic;
    // A snapshot holds every account's items (null: the gateway holds none yet); an update one account's.
    const items = (snapshot ? (data ?? []) : [data]) as readonly { readonly account?: string }[];
    if (!snapshot && this.held[kind] === null) return; // a delta before the snapshot waits for it
    for (const item of items) this.noteAccount(item.account);
    switch (kind) {
      case "fills":
        if (snapshot) this.held.fills = new Map();
        this.foldFills(items as readonly FillItem[], snapshot);
        break;
      case "orders":
        if (snapshot) this.held.orders = new Map();
        foldByAccount(this.held.orders, items as readonly OrderItem[], snapshot, freshOrders, mergeOrders);
        break;
      case "equity":
        if (snapshot) this.held.equity = new Map();
        for (const point of items as readonly EquityPoint[]) this.latest(this.held.equity, point);
        break;
      case "health":
        if (snapshot) this.held.health = new Map();
        for (const health of items as readonly Health[]) this.latest(this.held.health, health);
        break;
    }
    this.stale.add(kind);
    this.changed();
  }

  private foldFills(items: readonly FillItem[], snapshot: boolean): void {
    foldByAccount(this.held.fills, items, snapshot, freshFills, mergeFills);
    if (!snapshot) this.fillsSeen += items.length;
    else if (this.fillSnapshots++ > 0) this.fillsSeen++; // a reconnect may have missed fills
  }

  private latest<T extends { readonly account?: string }>(held: Map<string, T> | null, item: T): void {
    if (held !== null && item.account !== undefined) held.set(item.account, item);
  }

  private noteAccount(name: string | undefined): void {
    if (name === undefined || this.listed.size === 0 || this.listed.has(name)) return;
    for (const listener of this.unlistedListeners) listener(name);
  }

  /** The view, each kind made again only when it changed (the others keep their identity). */
  private made(): AllAccountsLive {
    const listed = (name: string) => this.listed.has(name);
    const { fills, orders, equity, health } = this.held;
    const view = this.view;
    return {
      fills: this.stale.has("fills") ? latestFills(fills, listed) : view.fills,
      orders: this.stale.has("orders") ? openOrders(orders, listed) : view.orders,
      equity: this.stale.has("equity") ? onlyListed(equity, listed) : view.equity,
      health: this.stale.has("health") ? onlyListed(health, listed) : view.health,
      fillsSeen: this.fillsSeen,
    };
  }

  /** The view is out of date: the listeners are told at the next frame. */
  private changed(): void {
    this.cancelNotify ??= this.schedule(() => {
      this.cancelNotify = undefined;
      for (const listener of this.listeners) listener();
    });
  }
}

/** Items by their `account` (one without is no account's: left out). */
const freshFills = (fills: readonly FillItem[]) =>
  applyFillsSnapshot(emptyFills(ALL_ACCOUNTS_FILLS), fills, ALL_ACCOUNTS_FILLS);
const freshOrders = (orders: readonly OrderItem[]) => applyOrdersSnapshot(new Map(), orders, KEEP_CLOSED_ORDERS);
const mergeOrders = (held: ReadonlyMap<string, OrderItem>, orders: readonly OrderItem[]) =>
  applyOrderUpdates(held, orders, KEEP_CLOSED_ORDERS);

/**
 * Each account's items folded into what is held of it: a snapshot (or an account seen for the
 * first time) starts it anew, an update merges in. Nothing while the kind has no snapshot yet.
 */
function foldByAccount<T extends { readonly account?: string }, S>(
  held: Map<string, S> | null,
  items: readonly T[],
  snapshot: boolean,
  fresh: (items: readonly T[]) => S,
  merge: (state: S, items: readonly T[]) => S,
): void {
  if (held === null) return;
  for (const [account, list] of byAccount(items)) {
    const state = held.get(account);
    held.set(account, snapshot || state === undefined ? fresh(list) : merge(state, list));
  }
}

function byAccount<T extends { readonly account?: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    if (item.account === undefined) continue;
    const list = out.get(item.account);
    if (list === undefined) out.set(item.account, [item]);
    else list.push(item);
  }
  return out;
}

function latestFills(
  held: ReadonlyMap<string, FillsState> | null,
  listed: (name: string) => boolean,
): readonly FillItem[] | null {
  if (held === null) return null;
  const fills: FillItem[] = [];
  for (const [name, state] of held) if (listed(name)) fills.push(...state.items);
  return fills.sort(newestFirst).slice(0, ALL_ACCOUNTS_FILLS);
}

function openOrders(
  held: ReadonlyMap<string, ReadonlyMap<string, OrderItem>> | null,
  listed: (name: string) => boolean,
): readonly OrderItem[] | null {
  if (held === null) return null;
  const orders: OrderItem[] = [];
  for (const [name, state] of held) {
    if (listed(name)) for (const order of state.values()) if (isOpenOrder(order)) orders.push(order);
  }
  return orders.sort(newestOrderFirst);
}

function onlyListed<T>(held: ReadonlyMap<string, T> | null, listed: (name: string) => boolean): Map<string, T> | null {
  return held === null ? null : new Map([...held].filter(([name]) => listed(name)));
}
