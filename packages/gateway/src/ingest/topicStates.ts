/**
 * The current state of every topic, folded from its updates: what a browser gets as the snapshot
 * when it subscribes. One reducer per kind of topic:
 *
 *   balances  by asset                 orders  by id (open ones, and the latest closed ones)
 *   fills     the latest N, oldest first     equity  the latest N points
 *   health    the latest                market.*.ticker / depth  the latest
 *   market.*.trades  the latest N ticks      market.*.kline  the latest N bars by open time
 *
 * Every process that serves browsers keeps one: fed by the ingest pipeline in-process, or from
 * Redis on a web instance. Since it is updated before the hub publishes (same tick), a snapshot
 * always includes every update published before it, and no later one.
 */

import {
  SNAPSHOT_CLOSED_ORDERS,
  SNAPSHOT_EQUITY_POINTS,
  SNAPSHOT_FILLS,
  SNAPSHOT_KLINES,
  SNAPSHOT_TRADES,
} from "../config/defaults.js";
import {
  type BalanceItem,
  type EquityPoint,
  type FillItem,
  type KlineItem,
  type OrderItem,
  parseTopic,
  type Topic,
  type TopicUpdate,
  type TradeTick,
} from "../contract.js";
import type { TopicSnapshot } from "../fanout/streamSession.js";

interface Reducer {
  apply(data: unknown): void;
  /** Replaces the whole state with a snapshot's data. */
  load(data: unknown): void;
  snapshot(): unknown;
}

const OPEN_STATUSES = new Set(["NEW", "PARTIALLY_FILLED"]);

/** Items by key, in the order they were first seen (later updates replace in place). */
function keyed<T>(key: (item: T) => string, sort?: (a: T, b: T) => number): Reducer {
  const items = new Map<string, T>();
  return {
    apply: (data) => void items.set(key(data as T), data as T),
    load(data) {
      items.clear();
      for (const item of (data as T[] | null) ?? []) items.set(key(item), item);
    },
    snapshot: () => (sort ? [...items.values()].sort(sort) : [...items.values()]),
  };
}

/** The latest `limit` entries, oldest first. */
function ring<T>(limit: number): Reducer {
  let items: T[] = [];
  return {
    apply(data) {
      items.push(data as T);
      if (items.length > limit * 2) items = items.slice(-limit);
    },
    load(data) {
      items = [...((data as T[] | null) ?? [])].slice(-limit);
    },
    snapshot: () => (items.length > limit ? items.slice(-limit) : [...items]),
  };
}

function latest(): Reducer {
  let value: unknown = null;
  return {
    apply: (data) => {
      value = data;
    },
    load: (data) => {
      value = data ?? null;
    },
    snapshot: () => value,
  };
}

/** Open orders always; closed ones only the latest `SNAPSHOT_CLOSED_ORDERS`. */
function ordersReducer(): Reducer {
  const open = new Map<string, OrderItem>();
  const closed = new Map<string, OrderItem>();
  const apply = (order: OrderItem) => {
    if (OPEN_STATUSES.has(order.status)) {
      closed.delete(order.orderId);
      open.set(order.orderId, order);
      return;
    }
    open.delete(order.orderId);
    closed.delete(order.orderId);
    closed.set(order.orderId, order);
    if (closed.size > SNAPSHOT_CLOSED_ORDERS) closed.delete(closed.keys().next().value as string);
  };
  return {
    apply: (data) => apply(data as OrderItem),
    load(data) {
      open.clear();
      closed.clear();
      const orders = [...((data as OrderItem[] | null) ?? [])].sort((a, b) => a.updateTime - b.updateTime);
      for (const order of orders) apply(order);
    },
    snapshot: () => [...open.values(), ...closed.values()].sort((a, b) => b.time - a.time || cmp(b.orderId, a.orderId)),
  };
}

/** Kline bars by open time: the open bar is updated in place, the latest N kept. */
function klineReducer(): Reducer {
  const bars = new Map<number, KlineItem>();
  return {
    apply(data) {
      const bar = data as KlineItem;
      bars.set(bar.openTime, bar);
      if (bars.size > SNAPSHOT_KLINES) {
        const oldest = Math.min(...bars.keys());
        bars.delete(oldest);
      }
    },
    load(data) {
      bars.clear();
      for (const bar of (data as KlineItem[] | null) ?? []) bars.set(bar.openTime, bar);
    },
    snapshot: () => [...bars.values()].sort((a, b) => a.openTime - b.openTime),
  };
}

function reducerFor(topic: Topic): Reducer | undefined {
  const parsed = parseTopic(topic);
  if (parsed === undefined) return undefined;
  if (parsed.kind === "market") {
    if (parsed.stream === "trades") return ring<TradeTick>(SNAPSHOT_TRADES);
    if (parsed.stream === "kline") return klineReducer();
    return latest();
  }
  switch (parsed.topic) {
    case "balances":
      return keyed<BalanceItem>(
        (item) => item.asset,
        (a, b) => cmp(a.asset, b.asset),
      );
    case "orders":
      return ordersReducer();
    case "fills":
      return ring<FillItem>(SNAPSHOT_FILLS);
    case "equity":
      return ring<EquityPoint>(SNAPSHOT_EQUITY_POINTS);
    case "health":
      return latest();
  }
}

interface TopicState {
  readonly reducer: Reducer;
  exchangeTime: number;
  receiveTime: number;
}

export class TopicStates {
  private readonly states = new Map<Topic, TopicState>();

  /** Folds one update into its topic's state (creating it). Unknown topics are ignored. */
  apply(update: TopicUpdate): void {
    const state = this.stateOf(update.topic);
    if (state === undefined) return;
    state.reducer.apply(update.data);
    state.exchangeTime = Math.max(state.exchangeTime, update.exchangeTime);
    state.receiveTime = Math.max(state.receiveTime, update.receiveTime);
  }

  /** Replaces a topic's state with a snapshot (store contents at start; Redis on a web instance). */
  load(topic: Topic, snapshot: TopicSnapshot): void {
    const state = this.stateOf(topic);
    if (state === undefined) return;
    state.reducer.load(snapshot.data);
    state.exchangeTime = snapshot.exchangeTime;
    state.receiveTime = snapshot.receiveTime;
  }

  /** The topic's state; undefined when nothing was ever applied or loaded. The hub's snapshot provider. */
  snapshot(topic: Topic): TopicSnapshot | undefined {
    const state = this.states.get(topic);
    if (state === undefined) return undefined;
    return { data: state.reducer.snapshot(), exchangeTime: state.exchangeTime, receiveTime: state.receiveTime };
  }

  has(topic: Topic): boolean {
    return this.states.has(topic);
  }

  /** Forgets a topic (a market topic closed: a later reopen must not show old data). */
  drop(topic: Topic): void {
    this.states.delete(topic);
  }

  topics(): Topic[] {
    return [...this.states.keys()];
  }

  private stateOf(topic: Topic): TopicState | undefined {
    let state = this.states.get(topic);
    if (state === undefined) {
      const reducer = reducerFor(topic);
      if (reducer === undefined) return undefined;
      state = { reducer, exchangeTime: 0, receiveTime: 0 };
      this.states.set(topic, state);
    }
    return state;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
