/**
 * Market topics on demand: `market.<SYMBOL>.ticker|trades|depth|kline` are opened upstream when
 * the first browser subscribes and closed MARKET_IDLE_CLOSE_MS after the last one leaves (a page
 * reload does not reopen them). Only symbols MEXC lists, and at most MAX_OPEN_MARKET_TOPICS at
 * once (each is a socket to MEXC). One upstream resource per topic:
 *
 *   ticker  aggre.bookTicker + aggre.deals (bid/ask, and the last trade price)
 *   trades  aggre.deals, one TopicUpdate per tick, after the latest SNAPSHOT_TRADES trades read
 *           from GET /api/v3/trades when the topic opens and again after each gap in the stream
 *   depth   the client's local order book (snapshot + diffs), top DEPTH_TOP_LEVELS levels,
 *           published at most every DEPTH_PUBLISH_INTERVAL_MS
 *   kline   the KLINE_TOPIC_INTERVAL kline, its last SNAPSHOT_KLINES candles first read once from
 *           GET /api/v3/klines when the topic opens (the stream carries only the candle of now:
 *           without them the chart starts empty and says so)
 */
import type { LocalOrderBook, MarketStream, MexcClient, StreamGap } from "@mexc-live/client";
import {
  type MarketNote,
  type MarketNoteKind,
  type MarketTopic,
  type MarketTopicKind,
  marketTopic,
  parseTopic,
  type TopicUpdate,
  type TradeTick,
} from "@mexc-live/contract";
import { buildChannel, type MexcEvent, MINUTE_MS } from "@mexc-live/protocol";
import {
  DEPTH_PUBLISH_INTERVAL_MS,
  DEPTH_TOP_LEVELS,
  KLINE_TOPIC_INTERVAL,
  KLINE_TOPIC_REST_INTERVAL,
  MARKET_IDLE_CLOSE_MS,
  MAX_OPEN_MARKET_TOPICS,
  SNAPSHOT_KLINES,
  SNAPSHOT_TRADES,
} from "../config/defaults.js";
import { type Logger, throttledLog } from "../logging.js";
import { CandleCatchUp, candleStart } from "./candleCatchUp.js";
import { depthView, klineItem, klineItemOfRow, tickerItem, tradeTickOfRow, tradeTicks } from "./marketItems.js";
import { MarketNotes } from "./marketNotes.js";
import { TapeCatchUp } from "./tapeCatchUp.js";

export interface MarketTopicsDeps {
  readonly client: Pick<MexcClient, "marketStream" | "orderBook" | "klines" | "recentTrades">;
  readonly publish: (update: TopicUpdate) => void;
  /** A topic was closed upstream: its state must be forgotten. */
  readonly closed: (topic: MarketTopic) => void;
  /** Every market event (prices for the book, health, metrics). */
  readonly onEvent?: (event: MexcEvent) => void;
  readonly logger: Logger;
  /** Whether MEXC lists the symbol (exchangeInfo); an unlisted one is never opened upstream. */
  readonly isListed?: (symbol: string) => boolean;
  /** A frame on one of these streams did not decode (counted in gateway_decode_errors_total). */
  readonly onMalformed?: () => void;
  readonly idleCloseMs?: number;
  readonly maxOpen?: number;
  readonly now?: () => number;
}

interface OpenTopic {
  close(): Promise<void>;
}

/** Entries of one GET /api/v3/trades answer looked at, at most (asked for SNAPSHOT_TRADES; MEXC's own cap is 1000). */
const MAX_TRADES_ANSWERED = 1_000;

/** How often one kind of refused market topic is logged. */
const REFUSAL_LOG_INTERVAL_MS = MINUTE_MS;

export class MarketTopics {
  private readonly open = new Map<MarketTopic, OpenTopic>();
  private readonly idleTimers = new Map<MarketTopic, NodeJS.Timeout>();
  private closing = false;
  /** Refusals a browser can cause are logged at most once a minute each. */
  private readonly logRefusal = throttledLog(REFUSAL_LOG_INTERVAL_MS);
  /** What the topics browsers want cannot show, for health (marketNotes.ts). */
  private readonly notes: MarketNotes;

  constructor(private readonly deps: MarketTopicsDeps) {
    this.notes = new MarketNotes(deps.now ?? Date.now);
  }

  /** What the market topics browsers want cannot show now, in words (contract Health.market). */
  marketNotes(): MarketNote[] {
    return this.notes.said();
  }

  /** A browser wants the topic (first subscriber) or nobody does any more (last one left). */
  want(topic: MarketTopic, wanted: boolean): void {
    if (this.closing) return;
    const timer = this.idleTimers.get(topic);
    if (wanted) {
      clearTimeout(timer);
      this.idleTimers.delete(topic);
      if (!this.open.has(topic)) this.openTopic(topic);
      return;
    }
    if (!this.open.has(topic)) {
      this.notes.clear(topic); // a topic refused while it was wanted
      return;
    }
    if (timer !== undefined) return;
    const idle = setTimeout(() => {
      this.idleTimers.delete(topic);
      void this.closeTopic(topic);
    }, this.deps.idleCloseMs ?? MARKET_IDLE_CLOSE_MS);
    idle.unref();
    this.idleTimers.set(topic, idle);
  }

  openTopics(): MarketTopic[] {
    return [...this.open.keys()];
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.open.keys()].map((topic) => this.closeTopic(topic)));
  }

  private openTopic(topic: MarketTopic): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== "market") return;
    if (this.deps.isListed && !this.deps.isListed(parsed.symbol)) {
      this.logRefusal("unlisted", (suppressed) =>
        this.deps.logger.warn({ topic, suppressed }, "market topic of a symbol MEXC does not list: not opened"),
      );
      this.notes.set(topic, "notListed");
      return;
    }
    const max = this.deps.maxOpen ?? MAX_OPEN_MARKET_TOPICS;
    if (this.open.size >= max) {
      this.logRefusal("too many", (suppressed) =>
        this.deps.logger.warn({ topic, max, suppressed }, "too many market topics open upstream: not opened"),
      );
      this.notes.set(topic, "tooManyTopics");
      return;
    }
    this.notes.clear(topic);
    this.deps.logger.debug({ topic }, "market topic opened");
    this.open.set(topic, this.start(topic, parsed.symbol, parsed.stream));
  }

  private async closeTopic(topic: MarketTopic): Promise<void> {
    const resource = this.open.get(topic);
    if (resource === undefined) return;
    this.open.delete(topic);
    try {
      await resource.close();
    } finally {
      this.notes.clear(topic);
      this.deps.closed(topic);
      this.deps.logger.debug({ topic }, "market topic closed");
    }
  }

  private start(topic: MarketTopic, symbol: string, kind: MarketTopicKind): OpenTopic {
    switch (kind) {
      case "ticker":
        return this.ticker(topic, symbol);
      case "trades":
        return this.trades(symbol);
      case "kline":
        return this.kline(symbol);
      case "depth":
        return this.depth(symbol);
    }
  }

  private ticker(topic: MarketTopic, symbol: string): OpenTopic {
    let last: string | undefined;
    return this.stream(
      topic,
      [
        buildChannel({ stream: "aggreBookTicker", symbol, interval: "100ms" }),
        buildChannel({ stream: "aggreDeals", symbol, interval: "100ms" }),
      ],
      (event) => {
        if (event.type === "trade") {
          const newest = event.trades[event.trades.length - 1];
          if (newest !== undefined) last = newest.price;
        } else if (event.type === "bookTicker") {
          this.deps.publish({ topic: marketTopic(symbol, "ticker"), data: tickerItem(event, last), ...timesOf(event) });
        }
      },
    );
  }

  /**
   * The kline stream, and the candles before it read once (only those older than the first
   * streamed). After each gap in the stream (a dropped or stalled socket, reconnected) the
   * minutes it missed are read again (catchUp): a chart has no hole where the socket was down.
   */
  private kline(symbol: string): OpenTopic {
    const topic = marketTopic(symbol, "kline");
    const now = this.deps.now ?? Date.now;
    let firstStreamed: number | undefined;
    let open = true;
    const publish = (rows: unknown, keep: (openTime: number) => "publish" | "skip" | "stop") => {
      // Rows are oldest first.
      const at = now();
      if (!Array.isArray(rows)) return this.refuseCandles(topic, "not a list of candles");
      for (const row of rows.slice(-SNAPSHOT_KLINES)) {
        if (!open) return;
        const item = klineItemOfRow(symbol, KLINE_TOPIC_INTERVAL, row, at);
        // Out of bounds (a close of "NaN", an openTime of 0): left out, said.
        if ("problem" in item) {
          this.refuseCandles(topic, item.problem);
          continue;
        }
        const verdict = keep(item.openTime);
        if (verdict === "stop") break;
        if (verdict === "publish")
          this.deps.publish({ topic, data: item, exchangeTime: item.openTime, receiveTime: at });
      }
    };
    const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
    this.deps.client.klines(symbol, KLINE_TOPIC_REST_INTERVAL, { limit: SNAPSHOT_KLINES }).then(
      // A candle the stream has already sent is newer there.
      (rows) =>
        publish(rows, (openTime) => (firstStreamed !== undefined && openTime >= firstStreamed ? "stop" : "publish")),
      (error: unknown) => {
        this.note(topic, "pastCandlesUnread");
        this.logRefusal("candles", (suppressed) =>
          this.deps.logger.warn(
            { topic, suppressed, reason: reason(error) },
            "past candles not read: the chart starts from the next one streamed",
          ),
        );
      },
    );
    const catchUp = new CandleCatchUp(now, async (from) => {
      const to = now();
      try {
        const rows = await this.deps.client.klines(symbol, KLINE_TOPIC_REST_INTERVAL, {
          startTime: from,
          endTime: to,
          limit: SNAPSHOT_KLINES,
        });
        // The minute under way at the answer is the stream's: only closed ones, final there.
        const current = candleStart(now());
        publish(rows, (openTime) => (openTime >= current ? "stop" : openTime < from ? "skip" : "publish"));
      } catch (error) {
        this.logRefusal("missed candles", (suppressed) =>
          this.deps.logger.warn(
            { topic, suppressed, from, to, reason: reason(error) },
            "candles missed while the market stream was down not read: the chart has a hole there",
          ),
        );
      }
    });
    const stream = this.stream(
      topic,
      [buildChannel({ stream: "kline", symbol, interval: KLINE_TOPIC_INTERVAL })],
      (event) => {
        if (event.type !== "kline") return;
        firstStreamed ??= event.openTime;
        this.deps.publish({ topic, data: klineItem(event), ...timesOf(event) });
      },
      (gap) => catchUp.missed(gap.downSince),
    );
    return {
      close: () => {
        open = false;
        catchUp.close();
        return stream.close();
      },
    };
  }

  /**
   * The trades stream after MEXC's latest trades, read when the topic opens and once its stream is
   * live, and the trades it missed read again after each gap (tapeCatchUp.ts): the list has no
   * hole where the socket was down, and no trade twice.
   */
  private trades(symbol: string): OpenTopic {
    const topic = marketTopic(symbol, "trades");
    const now = this.deps.now ?? Date.now;
    const tape = new TapeCatchUp(
      () => this.latestTrades(topic, symbol),
      (ticks) => {
        const receiveTime = now();
        for (const tick of ticks) this.deps.publish({ topic, data: tick, exchangeTime: tick.time, receiveTime });
      },
    );
    // Read at once (the list shows even while the socket connects), and again once the stream is
    // live: what traded between the first answer and the stream's first push is in the second.
    tape.catchUp();
    const stream = this.stream(
      topic,
      [buildChannel({ stream: "aggreDeals", symbol, interval: "100ms" })],
      (event) => {
        if (event.type !== "trade") return;
        for (const tick of tradeTicks(event)) {
          if (tape.streamed(tick)) this.deps.publish({ topic, data: tick, ...timesOf(event) });
        }
      },
      () => tape.catchUp(),
      () => tape.catchUp(),
    );
    return {
      close: () => {
        tape.close();
        return stream.close();
      },
    };
  }

  /** MEXC's latest SNAPSHOT_TRADES trades of `symbol`, those in bounds; undefined (said in the log) when not read. */
  private async latestTrades(topic: MarketTopic, symbol: string): Promise<TradeTick[] | undefined> {
    try {
      const rows = await this.deps.client.recentTrades(symbol, SNAPSHOT_TRADES);
      if (!Array.isArray(rows)) {
        this.refuseTrades(topic, "not a list of trades");
        return undefined;
      }
      this.notes.clear(topic, "latestTradesUnread");
      const at = (this.deps.now ?? Date.now)();
      const ticks: TradeTick[] = [];
      for (const row of rows.slice(0, MAX_TRADES_ANSWERED)) {
        const tick = tradeTickOfRow(symbol, row, at);
        if ("problem" in tick) this.refuseTrades(topic, tick.problem);
        else ticks.push(tick);
      }
      return ticks;
    } catch (error) {
      this.note(topic, "latestTradesUnread");
      this.logRefusal("trades", (suppressed) =>
        this.deps.logger.warn(
          { topic, suppressed, reason: error instanceof Error ? error.message : String(error) },
          "latest trades not read: the trades list shows only those streamed",
        ),
      );
      return undefined;
    }
  }

  /** A trade MEXC answered out of bounds: left out of the list, logged at most once a minute. */
  private refuseTrades(topic: MarketTopic, reason: string): void {
    this.logRefusal("trade row", (suppressed) =>
      this.deps.logger.warn({ topic, suppressed, reason }, "latest trade out of bounds: left out of the trades list"),
    );
  }

  /** A past candle MEXC answered out of bounds: left out of the chart, logged at most once a minute. */
  private refuseCandles(topic: MarketTopic, reason: string): void {
    this.logRefusal("candle row", (suppressed) =>
      this.deps.logger.warn({ topic, suppressed, reason }, "past candle out of bounds: left out of the chart"),
    );
  }

  private stream(
    topic: MarketTopic,
    channels: string[],
    handle: (event: MexcEvent) => void,
    onGap?: (gap: StreamGap) => void,
    /** The stream is live the first time (its later returns are gaps). */
    onLive?: () => void,
  ): OpenTopic {
    const stream: MarketStream = this.deps.client.marketStream(channels, { label: topic, maxQueued: 0 }); // listeners only
    this.noteStream(topic, stream);
    stream.on("malformed", () => this.deps.onMalformed?.());
    if (onGap !== undefined) stream.on("gap", onGap);
    if (onLive !== undefined) {
      const live = (state: string) => {
        if (state !== "live") return;
        stream.off("state", live);
        onLive();
      };
      stream.on("state", live);
    }
    stream.on("event", (event) => {
      this.deps.onEvent?.(event);
      handle(event);
    });
    return { close: () => stream.close() };
  }

  /** Health's notes of a topic's stream: down while it connects or reconnects, refused when MEXC refuses a channel. */
  private noteStream(topic: MarketTopic, stream: MarketStream): void {
    stream.on("state", (state) => {
      if (state === "live") this.notes.clear(topic, "streamDown");
      else if (state === "connecting" || state === "reconnecting") this.note(topic, "streamDown", state);
    });
    stream.on("channelError", () => this.note(topic, "streamRefused"));
  }

  /** Notes a trouble of an open topic (one that answers after its topic closed is not noted). */
  private note(topic: MarketTopic, kind: MarketNoteKind, detail?: string): void {
    if (this.open.has(topic)) this.notes.set(topic, kind, detail);
  }

  private depth(symbol: string): OpenTopic {
    const topic = marketTopic(symbol, "depth");
    const book: LocalOrderBook = this.deps.client.orderBook(symbol);
    const times = { exchange: 0, receive: 0 };
    let timer: NodeJS.Timeout | undefined;
    let lastPublished = 0;
    const now = this.deps.now ?? Date.now;
    const publish = () => {
      timer = undefined;
      lastPublished = now();
      const version = book.sync.book.version;
      if (book.sync.state !== "synced" || version === undefined) return;
      const view = depthView(symbol, version, book.sync.top(DEPTH_TOP_LEVELS), book.sync.resyncCount);
      this.deps.publish({
        topic,
        data: view,
        exchangeTime: times.exchange,
        receiveTime: times.receive,
      });
    };
    const schedule = () => {
      if (timer !== undefined) return;
      const wait = Math.max(0, lastPublished + DEPTH_PUBLISH_INTERVAL_MS - now());
      timer = setTimeout(publish, wait);
    };
    this.noteStream(topic, book.stream);
    book.sync.on("snapshotError", () => this.note(topic, "bookUnsynced"));
    book.sync.on("synced", () => this.notes.clear(topic, "bookUnsynced"));
    book.stream.on("malformed", () => this.deps.onMalformed?.());
    book.stream.on("event", (event) => {
      times.exchange = event.timestamp;
      times.receive = event.localTimestamp;
      this.deps.onEvent?.(event);
    });
    book.sync.on("update", schedule);
    book.sync.on("synced", schedule);
    return {
      close: async () => {
        clearTimeout(timer);
        await book.close();
      },
    };
  }
}

function timesOf(event: MexcEvent): { exchangeTime: number; receiveTime: number } {
  return { exchangeTime: event.timestamp, receiveTime: event.localTimestamp };
}
