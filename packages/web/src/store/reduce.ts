/**
 * One flush of the live store: the messages received since the last animation frame, applied in
 * order to the state, producing the next state. Deltas of the same topic are gathered and applied
 * together (one copy of each collection per frame, not per message).
 */
import {
  type BalanceItem,
  type DepthView,
  type EquityPoint,
  type FillItem,
  type Health,
  type KlineItem,
  type OrderItem,
  parseTopic,
  type ServerMessage,
  type TickerItem,
  type TopicUpdate,
  type TradeTick,
} from "@mexc-live/gateway/contract";
import {
  appendOlderFills,
  applyBalances,
  applyFillsSnapshot,
  applyOrderDeltas,
  applyOrdersSnapshot,
  mergeEquity,
  mergeFills,
  mergeKlines,
} from "./collections.js";
import {
  FLASH_FLOOD_ROWS,
  FLASH_MS,
  MAX_EQUITY_POINTS,
  MAX_FLASH_ROWS,
  MAX_KLINES,
  MAX_LIVE_FILLS,
  MAX_ORDERS,
  MAX_TOTAL_FILLS,
  MAX_TRADES,
} from "./limits.js";
import { type ConnectionState, changeKey, EMPTY_MARKET, type LiveState, type MarketState } from "./liveState.js";

export type StoreEvent =
  | { readonly kind: "message"; readonly message: ServerMessage; readonly at: number }
  | { readonly kind: "connection"; readonly state: ConnectionState; readonly at: number }
  | { readonly kind: "olderFills"; readonly items: readonly FillItem[] }
  | { readonly kind: "olderOrders"; readonly items: readonly OrderItem[] }
  | { readonly kind: "equityHistory"; readonly items: readonly EquityPoint[] };

export interface ReduceLimits {
  readonly maxLiveFills: number;
  readonly maxTotalFills: number;
  readonly maxOrders: number;
  readonly maxEquityPoints: number;
}

export const DEFAULT_REDUCE_LIMITS: ReduceLimits = {
  maxLiveFills: MAX_LIVE_FILLS,
  maxTotalFills: MAX_TOTAL_FILLS,
  maxOrders: MAX_ORDERS,
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

  message(message: ServerMessage, at: number): void {
    this.next.lastMessageAt = at;
    switch (message.type) {
      case "hello":
        this.next.hello = { mode: message.mode, quote: message.quote, skewMs: message.serverTime - at };
        return;
      case "snapshot":
        this.snapshot(message.topic, message.data, at);
        return;
      case "batch":
        for (const update of message.updates) this.delta(update, at);
        return;
      default:
        return;
    }
  }

  private snapshot(topic: string, data: unknown, at: number): void {
    const parsed = parseTopic(topic);
    if (!parsed) return;
    if (parsed.kind === "market") {
      this.market(parsed.symbol, parsed.stream, data, true);
      return;
    }
    switch (parsed.topic) {
      case "balances":
        this.pendingBalances = [];
        this.next.balances = applyBalances(this.next.balances, asArray<BalanceItem>(data), true);
        return;
      case "orders":
        this.flushOrders();
        this.next.orders = applyOrdersSnapshot(this.next.orders, asArray<OrderItem>(data), this.limits.maxOrders);
        return;
      case "fills":
        this.flushFills();
        this.next.fills = applyFillsSnapshot(this.next.fills, asArray<FillItem>(data), this.limits.maxLiveFills);
        return;
      case "equity":
        this.flushEquity();
        this.next.equity = mergeEquity(this.next.equity, asArray<EquityPoint>(data), this.limits.maxEquityPoints);
        return;
      case "health":
        if (data) this.next.health = { value: data as Health, receivedAt: at };
        return;
    }
  }

  private delta(update: TopicUpdate, at: number): void {
    const parsed = parseTopic(update.topic);
    if (!parsed || update.data == null) return;
    if (parsed.kind === "market") {
      this.market(parsed.symbol, parsed.stream, update.data, false);
      return;
    }
    switch (parsed.topic) {
      case "balances": {
        const item = update.data as BalanceItem;
        this.pendingBalances.push(item);
        this.markChanged(changeKey("balances", item.asset));
        return;
      }
      case "orders": {
        const item = update.data as OrderItem;
        this.pendingOrders.push(item);
        this.markChanged(changeKey("orders", item.orderId));
        return;
      }
      case "fills": {
        const item = update.data as FillItem;
        this.pendingFills.push(item);
        this.markChanged(changeKey("fills", item.tradeId));
        return;
      }
      case "equity":
        this.pendingEquity.push(update.data as EquityPoint);
        return;
      case "health":
        this.next.health = { value: update.data as Health, receivedAt: at };
        return;
    }
  }

  private market(symbol: string, stream: string, data: unknown, snapshot: boolean): void {
    this.marketDraft ??= new Map(this.state.market);
    const held = this.marketDraft.get(symbol) ?? EMPTY_MARKET;
    let next: MarketState = held;
    switch (stream) {
      case "ticker":
        next = { ...held, ticker: (data as TickerItem | null) ?? null };
        break;
      case "depth":
        next = { ...held, depth: (data as DepthView | null) ?? null };
        break;
      case "trades": {
        const trades = snapshot ? asArray<TradeTick>(data) : [data as TradeTick, ...held.trades];
        next = { ...held, trades: [...trades].sort((a, b) => b.time - a.time).slice(0, MAX_TRADES) };
        break;
      }
      case "kline":
        next = {
          ...held,
          klines: snapshot
            ? mergeKlines([], asArray<KlineItem>(data), MAX_KLINES)
            : mergeKlines(held.klines, [data as KlineItem], MAX_KLINES),
        };
        break;
    }
    this.marketDraft.set(symbol, next);
  }

  private markChanged(key: string): void {
    this.pendingChanged.push(key);
  }

  /**
   * Highlights the rows changed in this frame, unless there are more than FLASH_FLOOD_ROWS: a
   * flood (a burst of fills, a resync) where flashing every row would say nothing and cost a
   * repaint of the whole table each frame.
   */
  private applyChanged(): ReadonlyMap<string, number> {
    const keys = this.pendingChanged;
    if (keys.length === 0 || keys.length > FLASH_FLOOD_ROWS) return this.state.changed;
    const changed = new Map(this.state.changed);
    for (const key of keys) {
      changed.delete(key);
      changed.set(key, this.now);
    }
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
    this.next.orders = applyOrderDeltas(this.next.orders, this.pendingOrders, this.limits.maxOrders);
    this.pendingOrders = [];
  }

  private flushEquity(): void {
    if (this.pendingEquity.length === 0) return;
    this.next.equity = mergeEquity(this.next.equity, this.pendingEquity, this.limits.maxEquityPoints);
    this.pendingEquity = [];
  }

  finish(): LiveState {
    this.flushFills();
    this.flushOrders();
    this.flushEquity();
    if (this.pendingBalances.length > 0) {
      this.next.balances = applyBalances(this.next.balances, this.pendingBalances, false);
    }
    if (this.marketDraft) this.next.market = this.marketDraft;
    this.next.changed = pruneChanged(this.applyChanged(), this.now);
    const keys = Object.keys(this.next) as (keyof LiveState)[];
    return keys.some((k) => this.next[k] !== this.state[k]) ? this.next : this.state;
  }
}

/** Forgets highlights older than FLASH_MS (the map stays as small as the recent changes). */
function pruneChanged(changed: ReadonlyMap<string, number>, now: number): ReadonlyMap<string, number> {
  let stale = false;
  for (const at of changed.values()) {
    if (now - at > FLASH_MS) {
      stale = true;
      break;
    }
  }
  if (!stale) return changed;
  const next = new Map<string, number>();
  for (const [key, at] of changed) if (now - at <= FLASH_MS) next.set(key, at);
  return next;
}

function asArray<T>(data: unknown): readonly T[] {
  return Array.isArray(data) ? (data as T[]) : [];
}
