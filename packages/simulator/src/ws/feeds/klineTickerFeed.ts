/**
 * The market-statistics streams (docs/mexc/protocol.md#channels), read from the Market on a timer:
 *   - kline, every interval: the open bar every ~1 s; wrapper symbol + symbolId + createTime,
 *     no sendTime; window start/end in seconds;
 *   - miniTicker per symbol and time zone: every 3 s;
 *   - miniTickers per time zone: every 3 s, the symbols whose price changed since the last push
 *     on that channel (all of them on the first push to a new subscriber), Assessment Zone pairs
 *     left out while `hideAssessmentZone` (docs/mexc/undocumented.md#fills-and-keys item 11.29: an all-market public
 *     list; whether a listen-key connection's copy has them is not known, here none does [UNCONFIRMED]).
 */
import type { PublicMiniTicker } from "@mexc-live/protocol/wire";
import type { Logger } from "pino";
import type { SimClock } from "../../clock.js";
import { KLINE_PUSH_INTERVAL_MS, MINI_TICKER_PUSH_INTERVAL_MS } from "../../constants.js";
import type { Exchange, KlineBar, Market, MiniTickerValues } from "../../types.js";
import type { Fanout } from "../fanout.js";
import type { TopicRegistry } from "../topics.js";
import { trimDecimal } from "./trimDecimal.js";
import { wrapperHeader } from "./wrapperHeader.js";

export interface KlineTickerFeedDeps {
  readonly exchange: Exchange;
  readonly market: Market;
  readonly topics: TopicRegistry;
  readonly fanout: Fanout;
  readonly clock: SimClock;
  readonly logger: Logger | undefined;
  /** Leave Assessment Zone pairs out of miniTickers (behaviour `assessmentZone`). */
  readonly hideAssessmentZone: boolean;
}

export function startKlineTickerFeed(deps: KlineTickerFeedDeps): { stop(): void } {
  const { exchange, market, topics, fanout, clock, logger } = deps;
  /** miniTickers topic key -> symbol -> price last pushed. */
  const pushedPrices = new Map<string, Map<string, string>>();

  const read = <T>(what: string, fn: () => T) => readMarket(logger, what, fn);

  const pushKlines = (): void => {
    const now = clock.now();
    for (const topic of topics.ofStream("kline")) {
      if (topic.spec.stream !== "kline") continue;
      const { symbol, interval } = topic.spec;
      const bar = read(`kline ${symbol} ${interval}`, () => market.currentKline(symbol, interval));
      if (!bar) continue;
      fanout.publish(topic, {
        ...wrapperHeader("kline", topic.channel, {
          symbol,
          symbolId: exchange.symbols.get(symbol)?.symbolId,
          createTime: now,
          sendTime: now,
        }),
        publicSpotKline: klineBody(bar),
      });
    }
  };

  const pushMiniTickers = (): void => {
    const now = clock.now();
    for (const topic of topics.ofStream("miniTicker")) {
      if (topic.spec.stream !== "miniTicker") continue;
      const { symbol, timezone } = topic.spec;
      const values = read(`miniTicker ${symbol}`, () => market.miniTicker(symbol, timezone));
      if (!values) continue;
      fanout.publish(topic, {
        ...wrapperHeader("miniTicker", topic.channel, { symbol, sendTime: now }),
        publicMiniTicker: miniTickerBody(values),
      });
    }
    pushAllMiniTickers(deps, pushedPrices, now);
  };

  const timers = [
    clock.setInterval(pushKlines, KLINE_PUSH_INTERVAL_MS),
    clock.setInterval(pushMiniTickers, MINI_TICKER_PUSH_INTERVAL_MS),
  ];
  return {
    stop() {
      for (const timer of timers) clock.clear(timer);
    },
  };
}

/**
 * miniTickers, every symbol's ticker in one push: to each topic, the tickers whose price moved
 * since its last push (`pushedPrices`, by topic; all of them to a fresh topic).
 */
function pushAllMiniTickers(
  deps: KlineTickerFeedDeps,
  pushedPrices: Map<string, Map<string, string>>,
  now: number,
): void {
  const live = new Set<string>();
  for (const topic of deps.topics.ofStream("miniTickers")) {
    const { spec } = topic;
    if (spec.stream !== "miniTickers") continue;
    live.add(topic.key);
    let pushed = pushedPrices.get(topic.key);
    if (!pushed || topic.fresh) {
      pushed = new Map();
      pushedPrices.set(topic.key, pushed);
    }
    topic.fresh = false;
    const items: PublicMiniTicker[] = [];
    for (const [symbol, config] of deps.exchange.symbols) {
      if (deps.hideAssessmentZone && config.assessmentZone === true) continue;
      const values = readMarket(deps.logger, `miniTicker ${symbol}`, () =>
        deps.market.miniTicker(symbol, spec.timezone),
      );
      if (!values || pushed.get(symbol) === values.price) continue;
      pushed.set(symbol, values.price);
      items.push(miniTickerBody(values));
    }
    if (items.length === 0) continue;
    deps.fanout.publish(topic, {
      ...wrapperHeader("miniTickers", topic.channel, { sendTime: now }),
      publicMiniTickers: { items },
    });
  }
  for (const key of pushedPrices.keys()) if (!live.has(key)) pushedPrices.delete(key);
}

/** What the market answers; undefined (logged) when it has no data for the push. */
function readMarket<T>(logger: Logger | undefined, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    logger?.debug({ what, err: (error as Error).message }, "market has no data for a ws push");
    return undefined;
  }
}

function klineBody(bar: KlineBar) {
  return {
    interval: bar.interval,
    // The wire has seconds (docs/mexc/protobuf.md#public-messages); closeTime may be exclusive or the last ms of the window.
    windowStart: Math.floor(bar.openTime / 1000),
    windowEnd: Math.ceil(bar.closeTime / 1000),
    openingPrice: trimDecimal(bar.open),
    closingPrice: trimDecimal(bar.close),
    highestPrice: trimDecimal(bar.high),
    lowestPrice: trimDecimal(bar.low),
    volume: trimDecimal(bar.volume),
    amount: trimDecimal(bar.amount),
  };
}

function miniTickerBody(values: MiniTickerValues): PublicMiniTicker {
  return {
    symbol: values.symbol,
    price: trimDecimal(values.price),
    rate: trimDecimal(values.rate),
    zonedRate: trimDecimal(values.zonedRate),
    high: trimDecimal(values.high),
    low: trimDecimal(values.low),
    volume: trimDecimal(values.volume),
    quantity: trimDecimal(values.quantity),
    lastCloseRate: trimDecimal(values.lastCloseRate),
    lastCloseZonedRate: trimDecimal(values.lastCloseZonedRate),
    lastCloseHigh: trimDecimal(values.lastCloseHigh),
    lastCloseLow: trimDecimal(values.lastCloseLow),
  };
}
