/**
 * One flush of the live store: the messages received since the last animation frame, applied in
 * order to the state, producing the next state. Deltas of the same topic are gathered and applied
 * together (one copy of each collection per frame, not per message). Only the shown account's
 * topics are taken (`topicPrefix`): a late frame of an account shown before is dropped.
 */
import {
  type AlertNotice,
  appendOlderFills,
  applyBalances,
  applyFillsSnapshot,
  applyOrdersSnapshot,
  applyOrderUpdates,
  type BalanceItem,
  type EquityPoint,
  type FillItem,
  type KindedData,
  kindOfSnapshotMessage,
  kindOfUpdate,
  laterFigures,
  mergeAlerts,
  mergeEquity,
  mergeFills,
  type OrderItem,
  type ServerMessage,
  type SnapshotMessage,
} from "@mexc-live/contract";
import {
  FLASH_COOLDOWN_MS,
  FLASH_END_TICK_MS,
  FLASH_FLOOD_ROWS,
  FLASH_MS,
  MAX_ALERTS,
  MAX_CLOSED_ORDERS,
  MAX_EQUITY_POINTS,
  MAX_FLASH_ROWS,
  MAX_LIVE_FILLS,
  MAX_TOTAL_FILLS,
} from "./limits.js";
import { foldLiveAlerts } from "./liveAlerts.js";
import {
  type ConnectionState,
  changeKey,
  EMPTY_MARKET,
  initialLiveState,
  type LiveState,
  type MarketState,
} from "./liveState.js";
import { marketSnapshot, marketUpdate } from "./marketFold.js";

export type StoreEvent =
  | { readonly kind: "message"; readonly message: ServerMessage; readonly at: number }
  | { readonly kind: "connection"; readonly state: ConnectionState; readonly at: number }
  | { readonly kind: "olderFills"; readonly items: readonly FillItem[] }
  | { readonly kind: "olderOrders"; readonly items: readonly OrderItem[] }
  | { readonly kind: "equityHistory"; readonly items: readonly EquityPoint[] }
  /** Another account is shown: its topics' names start with `topicPrefix`. */
  | { readonly kind: "account"; readonly topicPrefix: string };

export interface ReduceLimits {
  readonly maxLiveFills: number;
  readonly maxTotalFills: number;
  readonly maxClosedOrders: number;
  readonly maxEquityPoints: number;
}

export const DEFAULT_REDUCE_LIMITS: ReduceLimits = {
  maxLiveFills: MAX_LIVE_FILLS,
  maxTotalFills: MAX_TOTAL_FILLS,
  maxClosedOrders: MAX_CLOSED_ORDERS,
  maxEquityPoints: MAX_EQUITY_POINTS,
};

/** Applies `events` in order; returns `state` itself when nothing changed. */
export function reduceEvents(
  state: LiveState,
  events: readonly StoreEvent[],
  now: number,
  limits: ReduceLimits = DEFAULT_REDUCE_LIMITS,
): LiveState {
  const draft = new Draft(state, now, limits);
  for (const event of events) {
    if (event.kind === "connection") draft.connection(event.state, event.at);
    else if (event.kind === "olderFills") draft.olderFills(event.items);
    else if (event.kind === "olderOrders") draft.olderOrders(event.items);
    else if (event.kind === "equityHistory") draft.equityHistory(event.items);
    else if (event.kind === "account") draft.account(event.topicPrefix);
    else draft.message(event.message, event.at);
  }
  return draft.finish();
}

/** Pending deltas are applied lazily, so a run of deltas becomes one copy of the collection. */
class Draft {
  private next: { -readonly [K in keyof LiveState]: LiveState[K] };
  private pendingFills: FillItem[] = [];
  private pendingOrders: OrderItem[] = [];
  private pendingBalances: BalanceItem[] = [];
  private pendingEquity: EquityPoint[] = [];
  private pendingAlerts: AlertNotice[] = [];
  private pendingChanged: string[] = [];
  private marketDraft: Map<string, MarketState> | undefined;

  constructor(
    private readonly state: LiveState,
    private readonly now: number,
    private readonly limits: ReduceLimits,
  ) {
    this.next = { ...state };
  }

  connection(connection: ConnectionState, at: number): void {
    this.next.connection = connection;
    if (connection === "open") this.next.disconnectedAt = null;
    else if (connection === "reconnecting" && this.next.disconnectedAt === null) this.next.disconnectedAt = at;
  }

  olderFills(items: readonly FillItem[]): void {
    this.flushFills();
    this.next.fills = appendOlderFills(this.next.fills, items, this.limits.maxTotalFills);
  }

  olderOrders(items: readonly OrderItem[]): void {
    this.pendingOrders.push(...items);
  }

  equityHistory(items: readonly EquityPoint[]): void {
    this.pendingEquity.push(...items);
  }

  /**
   * Another account: everything held of the previous one (and its deltas not applied yet) is
   * forgotten; the connection, the gateway's hello and the markets stay.
   */
  account(topicPrefix: string): void {
    this.pendingFills = [];
    this.pendingOrders = [];
    this.pendingBalances = [];
    this.pendingEquity = [];
    this.pendingAlerts = [];
    this.pendingChanged = [];
    const fresh = initialLiveState(this.limits.maxLiveFills, topicPrefix);
    this.next.topicPrefix = topicPrefix;
    this.next.health = fresh.health;
    this.next.balances = fresh.balances;
    this.next.orders = fresh.orders;
    this.next.fills = fresh.fills;
    this.next.listsIn = fresh.listsIn;
    this.next.equity = fresh.equity;
    this.next.alerts = fresh.alerts;
    this.next.raisedAlerts = fresh.raisedAlerts;
    this.next.changed = fresh.changed;
  }

  /** An account topic of the account shown (`topic` is `kind` with its prefix); market topics always are. */
  private isShown(topic: string, symbol: string | undefined, kind: string): boolean {
    return symbol !== undefined || topic === `${this.next.topicPrefix}${kind}`;
  }

  message(message: ServerMessage, at: number): void {
    this.next.lastMessageAt = at;
    switch (message.type) {
      case "hello":
        this.next.hello = { mode: message.mode, quote: message.quote, skewMs: message.serverTime - at };
        return;
      case "snapshot":
        this.snapshot(message, at);
        return;
      case "batch":
        for (const update of message.updates) {
          const kinded = kindOfUpdate(update);
          if (kinded === undefined || kinded.data == null) continue;
          if (this.isShown(update.topic, kinded.symbol, kinded.kind)) this.delta(kinded, at);
        }
        return;
      default:
        return;
    }
  }

  private snapshot(message: SnapshotMessage, at: number): void {
    // Even a snapshot without data (the gateway holds none yet) says the list is all there is.
    for (const list of ["fills", "orders", "balances", "equity"] as const) {
      if (message.topic === `${this.next.topicPrefix}${list}` && !this.next.listsIn[list])
        this.next.listsIn = { ...this.next.listsIn, [list]: true };
    }
    const snapshot = kindOfSnapshotMessage(message);
    if (snapshot === undefined || !this.isShown(message.topic, snapshot.symbol, snapshot.kind)) return;
    if (snapshot.symbol !== undefined) {
      this.market(snapshot.symbol, (held) => marketSnapshot(held, snapshot));
      return;
    }
    switch (snapshot.kind) {
      case "balances":
        this.pendingBalances = [];
        this.next.balances = applyBalances(this.next.balances, snapshot.data, true);
        return;
      case "orders":
        this.flushOrders();
        this.next.orders = applyOrdersSnapshot(this.next.orders, snapshot.data, this.limits.maxClosedOrders);
        return;
      case "fills":
        this.flushFills();
        this.next.fills = applyFillsSnapshot(this.next.fills, snapshot.data, this.limits.maxLiveFills);
        return;
      case "equity":
        this.flushEquity();
        this.next.equity = mergeEquity(this.next.equity, snapshot.data, this.limits.maxEquityPoints);
        return;
      case "health":
        if (snapshot.data) this.next.health = { value: snapshot.data, receivedAt: at };
        return;
      case "figures":
        if (snapshot.data) this.next.figures = snapshot.data;
        return;
      case "alerts":
        this.flushAlerts();
        this.next.alerts = mergeAlerts(this.next.alerts, snapshot.data, MAX_ALERTS);
        return;
    }
  }

  private delta(update: KindedData<"delta">, at: number): void {
    if (update.symbol !== undefined) {
      this.market(update.symbol, (held) => marketUpdate(held, update));
      return;
    }
    switch (update.kind) {
      case "balances": {
        // A new value at a new price is no news about the account: only a new amount is (the
        // gateway re-sends every balance whose value moved, so with live prices every row would
        // flash, and a busy account's balances stay yellow).
        const held = this.latestBalance(update.data.asset);
        const moved = held === undefined || held.free !== update.data.free || held.locked !== update.data.locked;
        this.pendingBalances.push(update.data);
        if (moved) this.markChanged(changeKey("balances", update.data.asset));
        return;
      }
      case "orders":
        this.pendingOrders.push(update.data);
        this.markChanged(changeKey("orders", update.data.orderId));
        return;
      case "fills":
        this.pendingFills.push(update.data);
        this.markChanged(changeKey("fills", update.data.tradeId));
        return;
      case "equity":
        this.pendingEquity.push(update.data);
        return;
      case "health":
        this.next.health = { value: update.data, receivedAt: at };
        return;
      case "figures":
        this.next.figures = laterFigures(this.next.figures, update.data);
        return;
      case "alerts":
        this.pendingAlerts.push(update.data);
        return;
    }
  }

  /** A market topic's snapshot replaces what is held; an update folds in. */
  private market(symbol: string, fold: (held: MarketState) => MarketState): void {
    this.marketDraft ??= new Map(this.state.market);
    const held = this.marketDraft.get(symbol) ?? EMPTY_MARKET;
    const next = fold(held);
    if (next !== held) this.marketDraft.set(symbol, next);
  }

  private markChanged(key: string): void {
    this.pendingChanged.push(key);
  }

  /** The balance of `asset` as the updates so far leave it (pending ones of this frame included). */
  private latestBalance(asset: string): BalanceItem | undefined {
    for (let i = this.pendingBalances.length - 1; i >= 0; i--) {
      const pending = this.pendingBalances[i] as BalanceItem;
      if (pending.asset === asset) return pending;
    }
    return this.next.balances.get(asset);
  }

  /**
   * Highlights the rows changed in this frame, unless there are more than FLASH_FLOOD_ROWS: a
   * flood (a burst of fills, a resync) where flashing every row would say nothing and cost a
   * repaint of the whole table each frame. A table that highlighted rows less than
   * FLASH_COOLDOWN_MS ago highlights none now: on a busy account (a fill a second, the quote
   * balance changing with each) the newest rows would otherwise be yellow all the time; there a
   * table flashes now and then, and at a calm pace every change still flashes.
   */
  private applyChanged(): ReadonlyMap<string, number> {
    const keys = this.pendingChanged;
    if (keys.length === 0 || keys.length > FLASH_FLOOD_ROWS) return this.next.changed;
    const lastByTable = new Map<string, number>();
    for (const [key, at] of this.next.changed) {
      const table = tableOf(key);
      if (at > (lastByTable.get(table) ?? Number.NEGATIVE_INFINITY)) lastByTable.set(table, at);
    }
    let changed: Map<string, number> | undefined;
    for (const key of keys) {
      const last = lastByTable.get(tableOf(key));
      // Rows of this very frame flash together; a table that flashed recently waits.
      if (last !== undefined && last !== this.now && this.now - last < FLASH_COOLDOWN_MS) continue;
      changed ??= new Map(this.next.changed);
      changed.delete(key);
      changed.set(key, this.now);
      lastByTable.set(tableOf(key), this.now);
    }
    if (changed === undefined) return this.next.changed;
    for (const key of changed.keys()) {
      if (changed.size <= MAX_FLASH_ROWS) break;
      changed.delete(key);
    }
    return changed;
  }

  private flushFills(): void {
    if (this.pendingFills.length === 0) return;
    this.next.fills = mergeFills(this.next.fills, this.pendingFills);
    this.pendingFills = [];
  }

  private flushOrders(): void {
    if (this.pendingOrders.length === 0) return;
    this.next.orders = applyOrderUpdates(this.next.orders, this.pendingOrders, this.limits.maxClosedOrders);
    this.pendingOrders = [];
  }

  private flushEquity(): void {
    if (this.pendingEquity.length === 0) return;
    this.next.equity = mergeEquity(this.next.equity, this.pendingEquity, this.limits.maxEquityPoints);
    this.pendingEquity = [];
  }

  private flushAlerts(): void {
    if (this.pendingAlerts.length === 0) return;
    const folded = foldLiveAlerts(this.next, this.pendingAlerts, MAX_ALERTS);
    this.next.alerts = folded.alerts;
    this.next.raisedAlerts = folded.raisedAlerts;
    this.pendingAlerts = [];
  }

  finish(): LiveState {
    this.flushFills();
    this.flushOrders();
    this.flushEquity();
    this.flushAlerts();
    if (this.pendingBalances.length > 0) {
      this.next.balances = applyBalances(this.next.balances, this.pendingBalances, false);
    }
    if (this.marketDraft) this.next.market = this.marketDraft;
    this.next.changed = pruneChanged(this.applyChanged(), this.now);
    const keys = Object.keys(this.next) as (keyof LiveState)[];
    return keys.some((k) => this.next[k] !== this.state[k]) ? this.next : this.state;
  }
}

/** The table a change key belongs to ("fills:123" -> "fills"). */
function tableOf(key: string): string {
  const colon = key.indexOf(":");
  return colon < 0 ? key : key.slice(0, colon);
}

/**
 * A highlight is kept this long: it is over by FLASH_MS + FLASH_END_TICK_MS (DataTable ends it on
 * the next tick), and it is remembered until the cooldown ends.
 */
const FLASH_HELD_MS = Math.max(FLASH_MS + FLASH_END_TICK_MS, FLASH_COOLDOWN_MS);

/** Forgets highlights that are over (the map stays as small as the recent changes). */
function pruneChanged(changed: ReadonlyMap<string, number>, now: number): ReadonlyMap<string, number> {
  let stale = false;
  for (const at of changed.values()) {
    if (now - at > FLASH_HELD_MS) {
      stale = true;
      break;
    }
  }
  if (!stale) return changed;
  const next = new Map<string, number>();
  for (const [key, at] of changed) if (now - at <= FLASH_HELD_MS) next.set(key, at);
  return next;
}
