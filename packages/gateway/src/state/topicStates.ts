/**
 * The current state of every topic, folded from its updates: what a browser gets as the snapshot
 * when it subscribes. Folded by the contract's rules, the same the dashboard's store uses:
 *
 *   balances  by asset                       orders  open ones, and the latest closed ones
 *   fills     by tradeId, the newest N       equity  by time, the latest N points
 *   health    the latest                     market.*.ticker / depth  the latest
 *   alerts    by id, the latest N
 *   market.*.trades  the newest N ticks      market.*.kline  the latest N bars by open time
 *
 * Updates are gathered and folded in batches (when a snapshot is asked for, or a batch grows to
 * the topic's bound), so a burst of fills costs one fold, not one copy per fill.
 *
 * Every process that serves browsers keeps one: fed by the ingest pipeline in-process, or from
 * Redis on a web instance. Since it is updated before the hub publishes (same tick), a snapshot
 * always includes every update published before it, and no later one.
 */

import {
  applyBalances,
  applyOrderUpdates,
  type BalanceItem,
  type DepthView,
  emptyFills,
  type FiguresVersion,
  type Health,
  kindOfSnapshot,
  kindOfUpdate,
  laterFigures,
  mergeAlerts,
  mergeEquity,
  mergeFills,
  mergeKlines,
  mergeTrades,
  newestOrderFirst,
  type OrderItem,
  type TickerItem,
  type Topic,
  type TopicData,
  type TopicKind,
  type TopicSnapshot,
  type TopicUpdate,
} from "@mexc-live/contract";
import {
  SNAPSHOT_ALERTS,
  SNAPSHOT_CLOSED_ORDERS,
  SNAPSHOT_EQUITY_POINTS,
  SNAPSHOT_FILLS,
  SNAPSHOT_KLINES,
  SNAPSHOT_TRADES,
} from "../config/defaults.js";

/** How one kind of topic folds: its state S, built from updates D, shown as snapshot V. */
interface Fold<S, D, V> {
  empty(): S;
  apply(state: S, updates: readonly D[]): S;
  load(snapshot: V): S;
  view(state: S): V;
  /** Updates gathered at most before they are folded. */
  readonly batch: number;
}

/** One topic's folded state (its type hidden), its pending updates and the newest times seen. */
interface Folded<D, V> {
  add(update: D): void;
  load(snapshot: V): void;
  view(): V;
  exchangeTime: number;
  receiveTime: number;
}

function folded<S, D, V>(fold: Fold<S, D, V>): Folded<D, V> {
  let state = fold.empty();
  let pending: D[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    state = fold.apply(state, pending);
    pending = [];
  };
  return {
    add(update) {
      pending.push(update);
      if (pending.length >= fold.batch) flush();
    },
    load(snapshot) {
      pending = [];
      state = fold.load(snapshot);
    },
    view() {
      flush();
      return fold.view(state);
    },
    exchangeTime: 0,
    receiveTime: 0,
  };
}

/** The latest value wins. */
function latest<D>(): Fold<D | null, D, D | null> {
  return {
    empty: () => null,
    apply: (state, updates) => updates[updates.length - 1] ?? state,
    load: (snapshot) => snapshot,
    view: (state) => state,
    batch: 1,
  };
}

/** A series folded by `merge`, at most `max` long. */
function series<T>(
  merge: (held: readonly T[], incoming: readonly T[], max: number) => readonly T[],
  max: number,
): Fold<readonly T[], T, readonly T[]> {
  return {
    empty: () => [],
    apply: (state, updates) => merge(state, updates, max),
    load: (snapshot) => merge([], snapshot, max),
    view: (state) => state,
    batch: max,
  };
}

function byAsset(a: { asset: string }, b: { asset: string }): number {
  return a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0;
}

type FoldedOf<K extends TopicKind> = Folded<TopicData[K]["delta"], TopicData[K]["snapshot"]>;

/** A fresh state for each kind of topic. */
const NEW_STATE: { readonly [K in TopicKind]: () => FoldedOf<K> } = {
  balances: () =>
    folded({
      empty: (): ReadonlyMap<string, BalanceItem> => new Map(),
      apply: (state, updates) => applyBalances(state, updates, false),
      load: (snapshot) => applyBalances(new Map(), snapshot, true),
      view: (state) => [...state.values()].sort(byAsset),
      batch: 256,
    }),
  orders: () =>
    folded({
      empty: (): ReadonlyMap<string, OrderItem> => new Map(),
      apply: (state, updates) => applyOrderUpdates(state, updates, SNAPSHOT_CLOSED_ORDERS),
      load: (snapshot) => applyOrderUpdates(new Map(), snapshot, SNAPSHOT_CLOSED_ORDERS),
      view: (state) => [...state.values()].sort(newestOrderFirst),
      batch: SNAPSHOT_CLOSED_ORDERS,
    }),
  fills: () =>
    folded({
      empty: () => emptyFills(SNAPSHOT_FILLS),
      apply: mergeFills,
      load: (snapshot) => mergeFills(emptyFills(SNAPSHOT_FILLS), snapshot),
      view: (state) => state.items,
      batch: SNAPSHOT_FILLS,
    }),
  equity: () => folded(series(mergeEquity, SNAPSHOT_EQUITY_POINTS)),
  health: () => folded(latest<Health>()),
  figures: () =>
    folded({
      empty: (): FiguresVersion | null => null,
      apply: (state, updates) => updates.reduce<FiguresVersion | null>(laterFigures, state),
      load: (snapshot) => snapshot,
      view: (state) => state,
      batch: 1,
    }),
  alerts: () => folded(series(mergeAlerts, SNAPSHOT_ALERTS)),
  ticker: () => folded(latest<TickerItem>()),
  depth: () => folded(latest<DepthView>()),
  trades: () => folded(series(mergeTrades, SNAPSHOT_TRADES)),
  kline: () => folded(series(mergeKlines, SNAPSHOT_KLINES)),
};

export class TopicStates {
  private readonly states = new Map<Topic, FoldedOf<TopicKind>>();

  /** Folds one update into its topic's state (creating it). Unknown topics are ignored. */
  apply(update: TopicUpdate): void {
    const kinded = kindOfUpdate(update);
    if (kinded === undefined) return;
    const state = this.stateOf(update.topic, kinded.kind);
    state.add(kinded.data);
    state.exchangeTime = Math.max(state.exchangeTime, update.exchangeTime);
    state.receiveTime = Math.max(state.receiveTime, update.receiveTime);
  }

  /** Replaces a topic's state with a snapshot (store contents at start; Redis on a web instance). */
  load(snapshot: TopicSnapshot): void {
    const kinded = kindOfSnapshot(snapshot);
    if (kinded === undefined) return;
    const state = this.stateOf(snapshot.topic, kinded.kind);
    state.load(kinded.data);
    state.exchangeTime = snapshot.exchangeTime;
    state.receiveTime = snapshot.receiveTime;
  }

  /** The topic's state; undefined when nothing was ever applied or loaded. The hub's snapshot provider. */
  snapshot(topic: Topic): TopicSnapshot | undefined {
    const state = this.states.get(topic);
    if (state === undefined) return undefined;
    // The state was created for this topic's kind, so its view is that kind's snapshot.
    return {
      topic,
      data: state.view(),
      exchangeTime: state.exchangeTime,
      receiveTime: state.receiveTime,
    } as TopicSnapshot;
  }

  /** Forgets a topic (a market topic closed: a later reopen must not show old data). */
  drop(topic: Topic): void {
    this.states.delete(topic);
  }

  topics(): Topic[] {
    return [...this.states.keys()];
  }

  private stateOf(topic: Topic, kind: TopicKind): FoldedOf<TopicKind> {
    let state = this.states.get(topic);
    if (state === undefined) {
      state = NEW_STATE[kind]();
      this.states.set(topic, state);
    }
    return state;
  }
}
