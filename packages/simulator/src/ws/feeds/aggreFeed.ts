/**
 * The aggregated streams (docs/mexc/protocol.md#channels): aggre.deals, aggre.depth and aggre.bookTicker at 10 ms and
 * 100 ms, plus bookTicker.batch. Engine events are batched per symbol and window; at the end
 * of a window each subscribed channel gets one push:
 *   - aggre.deals: the window's public trades, oldest first;
 *   - aggre.depth: fromVersion = first, toVersion = last depth version of the window, levels =
 *     the latest absolute quantity per price ("0" removes). Windows follow each other, so
 *     consecutive pushes are contiguous (from = previous to + 1). The `depth-gap` fault
 *     (rate = probability per push) withholds one push: the book is right, the stream skips;
 *   - aggre.bookTicker: best bid/ask with the depth version, when it changed in the window;
 *   - bookTicker.batch (100 ms): every best bid/ask state seen during the window.
 */
import {
  AGGRE_INTERVALS,
  type AggreInterval,
  buildChannel,
  type ChannelSpec,
  eventTypeFor,
  SIDE_CODE,
} from "@mexc-live/protocol";
import type { PublicAggreDealItem, PublicBookTicker } from "@mexc-live/protocol/wire";
import type { SimClock } from "../../clock.js";
import type { DepthEvent, Exchange, ExchangeEvent, FaultPlan, PublicTradeEvent } from "../../types.js";
import type { Fanout } from "../fanout.js";
import type { TopicRegistry } from "../topics.js";
import { AGGRE_WINDOW_MS, BOOK_TICKER_BATCH_INTERVAL_MS } from "../wsConstants.js";
import { trimDecimal } from "./trimDecimal.js";
import { wrapperHeader } from "./wrapperHeader.js";

interface Window {
  deals: PublicAggreDealItem[];
  fromVersion: number;
  toVersion: number;
  readonly bids: Map<string, string>;
  readonly asks: Map<string, string>;
  lastBookTicker: string;
}

interface SymbolState {
  readonly symbol: string;
  readonly windows: Record<AggreInterval, Window>;
  readonly channels: Record<"deals" | "depth" | "bookTicker", Record<AggreInterval, string>>;
  readonly batchChannel: string;
  batchItems: PublicBookTicker[];
  lastBatchItem: string;
}

export interface AggreFeedDeps {
  readonly exchange: Exchange;
  readonly topics: TopicRegistry;
  readonly fanout: Fanout;
  readonly faults: FaultPlan;
  readonly clock: SimClock;
}

export function startAggreFeed(deps: AggreFeedDeps): { stop(): void } {
  const { exchange, topics, clock } = deps;
  const states = new Map<string, SymbolState>();
  for (const symbol of exchange.symbols.keys()) states.set(symbol, newState(symbol));

  const onTrade = (event: PublicTradeEvent): void => {
    if (!topics.hasStream("aggreDeals")) return;
    const state = states.get(event.symbol);
    if (!state) return;
    const item: PublicAggreDealItem = {
      price: trimDecimal(event.price),
      quantity: trimDecimal(event.quantity),
      tradeType: SIDE_CODE[event.takerSide],
      time: event.time,
      tradeId: event.tradeId,
    };
    for (const interval of AGGRE_INTERVALS) state.windows[interval].deals.push(item);
  };

  const onDepth = (event: DepthEvent): void => {
    const state = states.get(event.symbol);
    if (!state) return;
    const price = trimDecimal(event.price);
    const quantity = trimDecimal(event.quantity);
    for (const interval of AGGRE_INTERVALS) {
      const window = state.windows[interval];
      if (window.fromVersion === 0) window.fromVersion = event.version;
      window.toVersion = event.version;
      (event.side === "bid" ? window.bids : window.asks).set(price, quantity);
    }
    if (topics.get(state.batchChannel)) noteBatchItem(deps, state);
  };

  const unsubscribe = exchange.onEvent((event: ExchangeEvent) => {
    if (event.kind === "depth") onDepth(event);
    else if (event.kind === "publicTrade") onTrade(event);
  });
  const timers = [
    ...AGGRE_INTERVALS.map((interval) =>
      clock.setInterval(() => flush(deps, states, interval), AGGRE_WINDOW_MS[interval]),
    ),
    clock.setInterval(() => flushBatches(deps, states), BOOK_TICKER_BATCH_INTERVAL_MS),
  ];
  return {
    stop() {
      unsubscribe();
      for (const timer of timers) clock.clear(timer);
    },
  };
}

function noteBatchItem(deps: AggreFeedDeps, state: SymbolState): void {
  const { exchange } = deps;
  const best = exchange.bestBidAsk(state.symbol);
  if (!best) return;
  const item = bookTickerBody(best);
  const key = bookTickerKey(item);
  if (key === state.lastBatchItem) return;
  state.lastBatchItem = key;
  state.batchItems.push(item);
}

function flush(deps: AggreFeedDeps, states: ReadonlyMap<string, SymbolState>, interval: AggreInterval): void {
  const now = deps.clock.now();
  for (const state of states.values()) {
    const window = state.windows[interval];
    if (window.deals.length > 0) flushDeals(deps, state, interval, now);
    const changed = window.fromVersion !== 0;
    if (changed) flushDepth(deps, state, interval, now);
    flushBookTicker(deps, state, interval, now, changed);
  }
}

function flushDeals(deps: AggreFeedDeps, state: SymbolState, interval: AggreInterval, now: number): void {
  const { topics } = deps;
  const window = state.windows[interval];
  const deals = window.deals;
  window.deals = [];
  const topic = topics.get(state.channels.deals[interval]);
  if (!topic) return;
  deps.fanout.publish(topic, {
    ...wrapperHeader("aggreDeals", topic.channel, { symbol: state.symbol, sendTime: now }),
    publicAggreDeals: { deals, eventType: eventTypeFor(topic.spec) },
  });
}

function flushDepth(deps: AggreFeedDeps, state: SymbolState, interval: AggreInterval, now: number): void {
  const { topics } = deps;
  const window = state.windows[interval];
  const depthTopic = topics.get(state.channels.depth[interval]);
  if (depthTopic && !depthGap(deps)) {
    deps.fanout.publish(depthTopic, {
      ...wrapperHeader("aggreDepth", depthTopic.channel, { symbol: state.symbol, sendTime: now }),
      publicAggreDepths: {
        asks: levels(window.asks),
        bids: levels(window.bids),
        eventType: eventTypeFor(depthTopic.spec),
        fromVersion: String(window.fromVersion),
        toVersion: String(window.toVersion),
      },
    });
  }
  window.fromVersion = 0;
  window.toVersion = 0;
  window.asks.clear();
  window.bids.clear();
}

/** After a window that moved the book (or for a new subscriber): the best bid/ask, if it changed. */
function flushBookTicker(
  deps: AggreFeedDeps,
  state: SymbolState,
  interval: AggreInterval,
  now: number,
  changed: boolean,
): void {
  const { topics, exchange } = deps;
  const topic = topics.get(state.channels.bookTicker[interval]);
  if (!topic || !(changed || topic.fresh)) return;
  const best = exchange.bestBidAsk(state.symbol);
  if (!best) return;
  const window = state.windows[interval];
  const body = bookTickerBody(best);
  const key = bookTickerKey(body);
  if (key === window.lastBookTicker && !topic.fresh) return;
  window.lastBookTicker = key;
  topic.fresh = false;
  deps.fanout.publish(topic, {
    ...wrapperHeader("aggreBookTicker", topic.channel, { symbol: state.symbol, sendTime: now }),
    publicAggreBookTicker: { ...body, version: String(exchange.depthVersion(state.symbol)) },
  });
}

function flushBatches(deps: AggreFeedDeps, states: ReadonlyMap<string, SymbolState>): void {
  const { topics, exchange } = deps;
  const now = deps.clock.now();
  for (const state of states.values()) {
    const topic = topics.get(state.batchChannel);
    if (!topic) {
      state.batchItems = [];
      continue;
    }
    if (topic.fresh && state.batchItems.length === 0) {
      state.lastBatchItem = "";
      noteBatchItem(deps, state);
    }
    topic.fresh = false;
    if (state.batchItems.length === 0) continue;
    const items = state.batchItems;
    state.batchItems = [];
    deps.fanout.publish(topic, {
      ...wrapperHeader("bookTickerBatch", topic.channel, { symbol: state.symbol, sendTime: now }),
      publicBookTickerBatch: { items, version: String(exchange.depthVersion(state.symbol)) },
    });
  }
}

function depthGap(deps: AggreFeedDeps): boolean {
  if (deps.faults.rate("depth-gap") <= 0 || !deps.faults.roll("depth-gap")) return false;
  deps.faults.count("depth-gap");
  return true;
}

function newState(symbol: string): SymbolState {
  const window = (): Window => ({
    deals: [],
    fromVersion: 0,
    toVersion: 0,
    bids: new Map(),
    asks: new Map(),
    lastBookTicker: "",
  });
  const channelsOf = (stream: "aggreDeals" | "aggreDepth" | "aggreBookTicker") =>
    Object.fromEntries(
      AGGRE_INTERVALS.map((interval) => [interval, buildChannel({ stream, symbol, interval } as ChannelSpec)]),
    ) as Record<AggreInterval, string>;
  return {
    symbol,
    windows: { "10ms": window(), "100ms": window() },
    channels: {
      deals: channelsOf("aggreDeals"),
      depth: channelsOf("aggreDepth"),
      bookTicker: channelsOf("aggreBookTicker"),
    },
    batchChannel: buildChannel({ stream: "bookTickerBatch", symbol }),
    batchItems: [],
    lastBatchItem: "",
  };
}

function levels(side: Map<string, string>): { price: string; quantity: string }[] {
  const out: { price: string; quantity: string }[] = [];
  for (const [price, quantity] of side) out.push({ price, quantity });
  return out;
}

function bookTickerBody(best: { bidPrice: string; bidQty: string; askPrice: string; askQty: string }) {
  return {
    bidPrice: trimDecimal(best.bidPrice),
    bidQuantity: trimDecimal(best.bidQty),
    askPrice: trimDecimal(best.askPrice),
    askQuantity: trimDecimal(best.askQty),
  };
}

function bookTickerKey(body: PublicBookTicker): string {
  return `${body.bidPrice}|${body.bidQuantity}|${body.askPrice}|${body.askQuantity}`;
}
