/** Market topics against the real simulator: opened on demand, published as contract items, closed when idle. */
import { EventEmitter } from "node:events";
import { createMexcClient, type MexcClient } from "@mexc-live/client";
import type { DepthView, KlineItem, MarketTopic, TickerItem, TopicUpdate, TradeTick } from "@mexc-live/contract";
import type { RestKlineRow, RestPublicTrade } from "@mexc-live/protocol/rest";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SNAPSHOT_KLINES, SNAPSHOT_TRADES } from "../config/defaults.js";
import { createLogger } from "../logging.js";
import { SAY_AFTER_MS } from "./marketNotes.js";
import { MarketTopics, type MarketTopicsDeps } from "./marketTopics.js";

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = check();
      if (value === undefined) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

/** Ten turns of the event loop: every promise the fake dependencies answered has been followed. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A client whose market streams the test drives, each kept under its topic (its label); no order
 * book; MEXC's REST reads answered by `rest` (none by default).
 */
function drivenClient(rest: Partial<Pick<MarketTopicsDeps["client"], "klines" | "recentTrades">> = {}) {
  const streams = new Map<string, EventEmitter>();
  const client: MarketTopicsDeps["client"] = {
    marketStream: (_channels, options) => {
      const stream = Object.assign(new EventEmitter(), { close: async () => {} });
      streams.set(String(options?.label), stream);
      return stream as unknown as ReturnType<MexcClient["marketStream"]>;
    },
    orderBook: () => {
      throw new Error("no book here");
    },
    klines: rest.klines ?? (async () => []),
    recentTrades: rest.recentTrades ?? (async () => []),
  };
  return { client, streams };
}

describe("market topics on demand", () => {
  let sim: RunningSimulator;
  let client: MexcClient;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3, port: 0, market: { takerIntervalMs: 50, seedHistoryMinutes: 5 } });
    client = createMexcClient({ restUrl: sim.rest, wsUrl: sim.ws });
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });

  it("opens each kind when wanted and publishes contract items with both times", async () => {
    const published: TopicUpdate[] = [];
    const closed: MarketTopic[] = [];
    const topics = new MarketTopics({
      client,
      publish: (update) => published.push(update),
      closed: (topic) => closed.push(topic),
      logger: createLogger({ level: "silent" }).logger,
      idleCloseMs: 200,
    });
    const kinds = ["ticker", "trades", "depth", "kline"] as const;
    for (const kind of kinds) topics.want(`market.BTCUSDT.${kind}`, true);
    const of = <T>(kind: string) =>
      published.filter((u) => u.topic === `market.BTCUSDT.${kind}`).map((u) => u.data as T);
    const ticker = await until("a ticker", () => of<TickerItem>("ticker").find((t) => t.last !== ""));
    expect(ticker).toMatchObject({ symbol: "BTCUSDT" });
    expect(Number(ticker.askPrice)).toBeGreaterThan(Number(ticker.bidPrice));
    const trade = await until("a trade", () => of<TradeTick>("trades")[0]);
    expect(["BUY", "SELL"]).toContain(trade.side);
    const depth = await until("a depth view", () => of<DepthView>("depth")[0]);
    expect(depth.bids.length).toBeGreaterThan(0);
    expect(depth.bids.length).toBeLessThanOrEqual(20);
    expect(Number(depth.bids[0]![0])).toBeLessThan(Number(depth.asks[0]![0]));
    const bar = await until("a kline", () => of<KlineItem>("kline")[0]);
    expect(bar.interval).toBe("Min1");
    for (const update of published) {
      expect(update.exchangeTime).toBeGreaterThan(0);
      expect(update.receiveTime).toBeGreaterThan(0);
    }

    topics.want("market.BTCUSDT.trades", false);
    topics.want("market.BTCUSDT.ticker", false);
    topics.want("market.BTCUSDT.ticker", true);
    await until("the idle trades topic closed", () => (closed.includes("market.BTCUSDT.trades") ? true : undefined));
    expect(closed).toEqual(["market.BTCUSDT.trades"]);
    expect(topics.openTopics().sort()).toEqual([
      "market.BTCUSDT.depth",
      "market.BTCUSDT.kline",
      "market.BTCUSDT.ticker",
    ]);
    await topics.close();
    expect(topics.openTopics()).toEqual([]);
  }, 20_000);

  it("starts the trades list with MEXC's latest trades, then shows each trade once, as MEXC lists them", async () => {
    const published: TopicUpdate[] = [];
    const topics = new MarketTopics({
      client,
      publish: (update) => published.push(update),
      closed: () => {},
      logger: createLogger({ level: "silent" }).logger,
    });
    // MEXC has trades to list before the topic opens.
    if ((await client.recentTrades("ETHUSDT", 5)).length < 5) {
      await new Promise<void>((resolve) => {
        let made = 0;
        const stop = sim.exchange.onEvent((event) => {
          if (event.kind !== "publicTrade" || event.symbol !== "ETHUSDT" || ++made < 5) return;
          stop();
          resolve();
        });
      });
    }
    const opened = Date.now();
    topics.want("market.ETHUSDT.trades", true);
    const ticks = () => published.map((u) => u.data as TradeTick);
    await until("trades streamed after the latest read", () =>
      ticks().filter((tick) => tick.time > opened + 1_000).length >= 5 ? true : undefined,
    );
    await topics.close();
    const key = (tick: Pick<TradeTick, "time" | "price" | "quantity" | "side">) =>
      `${tick.time} ${tick.price} ${tick.quantity} ${tick.side}`;
    const shown = ticks().map(key).sort();
    const times = ticks().map((tick) => tick.time);
    const [first, last] = [Math.min(...times), Math.max(...times)];
    expect(first).toBeLessThan(opened); // trades from before the topic opened
    const listed = (await client.recentTrades("ETHUSDT", 1_000))
      .filter((trade) => trade.time >= first && trade.time <= last)
      .map((trade) =>
        key({ ...trade, quantity: trade.qty, side: trade.isBuyerMaker ? ("SELL" as const) : ("BUY" as const) }),
      )
      .sort();
    expect(shown).toEqual(listed);
  }, 20_000);

  it("opens only listed symbols, and no more topics than the cap", async () => {
    const topics = new MarketTopics({
      client,
      publish: () => {},
      closed: () => {},
      logger: createLogger({ level: "silent" }).logger,
      isListed: (symbol) => symbol === "BTCUSDT",
      maxOpen: 1,
    });
    topics.want("market.NOPEUSDT.ticker", true);
    expect(topics.openTopics()).toEqual([]);
    topics.want("market.BTCUSDT.ticker", true);
    topics.want("market.BTCUSDT.trades", true);
    expect(topics.openTopics()).toEqual(["market.BTCUSDT.ticker"]);
    await topics.close();
  });
});

describe("the kline topic's past candles", () => {
  let sim: RunningSimulator;
  let client: MexcClient;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 4, port: 0, market: { takerIntervalMs: 50, seedHistoryMinutes: 30 } });
    client = createMexcClient({ restUrl: sim.rest, wsUrl: sim.ws });
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });

  function topicsWith(klines: MexcClient["klines"], published: TopicUpdate[], warnings: string[]) {
    const { logger } = createLogger({ level: "warn", destination: { write: (line: string) => warnings.push(line) } });
    return new MarketTopics({
      client: {
        marketStream: (...args) => client.marketStream(...args),
        orderBook: (...args) => client.orderBook(...args),
        klines,
        recentTrades: async () => [],
      },
      publish: (update) => published.push(update),
      closed: () => {},
      logger,
    });
  }

  it("opens with the candles before the stream's first, each minute once, none newer than a streamed one", async () => {
    const published: TopicUpdate[] = [];
    const topics = topicsWith((...args) => client.klines(...args), published, []);
    topics.want("market.BTCUSDT.kline", true);
    const bars = () => published.map((u) => u.data as KlineItem);
    await until("past candles and a streamed one", () => (bars().length > 20 ? true : undefined));
    await topics.close();
    const opens = bars().map((bar) => bar.openTime);
    // The simulator's 30 minutes of history: a candle a minute before the topic opened.
    const past = [...new Set(opens)].filter((t) => t < Date.now() - 2 * 60_000).sort((a, b) => a - b);
    expect(past.length).toBeGreaterThanOrEqual(25);
    for (let i = 1; i < past.length; i++) expect(past[i]! - past[i - 1]!).toBe(60_000);
    for (const bar of bars()) expect(bar).toMatchObject({ symbol: "BTCUSDT", interval: "Min1" });
    expect(Number(bars()[0]!.high)).toBeGreaterThanOrEqual(Number(bars()[0]!.low));
  }, 20_000);

  it("publishes at most SNAPSHOT_KLINES of them, and none once the topic closed", async () => {
    const published: TopicUpdate[] = [];
    const now = Date.now();
    const rows = Array.from({ length: 1_000 }, (_, i) => {
      const open = now - (1_000 - i) * 60_000 - 10 * 60_000;
      const row: RestKlineRow = [open, "1", "2", "0.5", "1.5", "3", open + 60_000, "4.5"];
      return row;
    });
    const topics = topicsWith(async () => rows, published, []);
    topics.want("market.ETHUSDT.kline", true);
    await until("the past candles", () => (published.length > 0 ? true : undefined));
    const past = published.filter((u) => (u.data as KlineItem).openTime < now - 10 * 60_000 + 1);
    expect(past).toHaveLength(SNAPSHOT_KLINES);
    expect((past[0]!.data as KlineItem).openTime).toBe(rows[1_000 - SNAPSHOT_KLINES]![0]);
    await topics.close();

    const late: TopicUpdate[] = [];
    let answer: (rows: RestKlineRow[]) => void = () => {};
    const slow = topicsWith(() => new Promise((resolve) => (answer = resolve)), late, []);
    slow.want("market.ETHUSDT.kline", true);
    await slow.close();
    answer(rows);
    await settle();
    expect(late).toEqual([]);
  });

  it("leaves out a past candle out of bounds, says why, and publishes the rest", async () => {
    const published: TopicUpdate[] = [];
    const warnings: string[] = [];
    const open = Date.now() - 60 * 60_000;
    const good = (minute: number): RestKlineRow => {
      const at = open + minute * 60_000;
      return [at, "1", "2", "0.5", "1.5", "3", at + 60_000, "4.5"];
    };
    const rows = [
      good(0),
      [open + 60_000, "1", "2", "0.5", "NaN", "3", open + 120_000, "4.5"],
      [0, "1", "2", "0.5", "1.5", "3", 60_000, "4.5"],
      [open + 180_000, "1", "2", "-0.5", "1.5", "3", open + 240_000, "4.5"],
      [open + 240_000, "1", "2", "0.5", "1.5", "-3", open + 300_000, "4.5"],
      "not a row",
      good(6),
    ] as unknown as RestKlineRow[];
    const topics = topicsWith(async () => rows, published, warnings);
    topics.want("market.ETHUSDT.kline", true);
    await until("the past candles", () => (published.length >= 2 ? true : undefined));
    await topics.close();
    expect(published.map((u) => (u.data as KlineItem).openTime).filter((t) => t < open + 7 * 60_000)).toEqual([
      open,
      open + 6 * 60_000,
    ]);
    // Said, at most once a minute (five rows refused, one line).
    expect(warnings.filter((line) => line.includes("past candle out of bounds"))).toHaveLength(1);
    expect(warnings.join("\n")).toMatch(/close not a decimal/);
  });

  it("says in the log why the past candles are missing, and streams on", async () => {
    const published: TopicUpdate[] = [];
    const warnings: string[] = [];
    const topics = topicsWith(() => Promise.reject(new Error("429 too many requests")), published, warnings);
    topics.want("market.BTCUSDT.kline", true);
    await until("a streamed candle", () => published[0]);
    await topics.close();
    expect(warnings.join("\n")).toMatch(/past candles not read: the chart starts from the next one streamed/);
    expect(warnings.join("\n")).toMatch(/429 too many requests/);
  }, 20_000);
});

describe("malformed market frames", () => {
  it("counts each frame that does not decode and keeps publishing", async () => {
    const sim = await startSimulator({
      seed: 5,
      port: 0,
      demoTrader: false,
      faults: "malformed=0.2",
      market: { takerIntervalMs: 20 },
    });
    const client = createMexcClient({ restUrl: sim.rest, wsUrl: sim.ws });
    let malformed = 0;
    const published: TopicUpdate[] = [];
    const topics = new MarketTopics({
      client,
      publish: (update) => published.push(update),
      closed: () => {},
      logger: createLogger({ level: "silent" }).logger,
      onMalformed: () => malformed++,
    });
    try {
      topics.want("market.BTCUSDT.trades", true);
      topics.want("market.BTCUSDT.ticker", true);
      await until("three malformed frames", () => (malformed >= 3 ? true : undefined), 15_000);
      const before = published.length;
      await until("more updates after them", () => (published.length > before + 2 ? true : undefined), 10_000);
      expect(sim.faults.injected().malformed).toBeGreaterThanOrEqual(malformed);
    } finally {
      await topics.close();
      await client.close();
      await sim.close();
    }
  }, 30_000);
});

describe("the kline topic after a gap in its stream", () => {
  const MIN = 60_000;
  const T0 = Date.UTC(2026, 10, 26, 12, 0, 30);
  const row = (open: number): RestKlineRow => [open, "1", "2", "0.5", "1.5", "3", open + MIN, "4.5"];
  type Range = { startTime?: number; endTime?: number; limit?: number };

  /** A kline topic over a stream the test drives, MEXC's candles answered by `klines`, the clock at `clock.now`. */
  function topicOver(klines: (range: Range) => Promise<RestKlineRow[]>) {
    const clock = { now: T0 };
    const published: TopicUpdate[] = [];
    const warnings: string[] = [];
    const calls: Range[] = [];
    const { logger } = createLogger({ level: "warn", destination: { write: (line: string) => warnings.push(line) } });
    const { client, streams } = drivenClient({
      klines: (_symbol, _interval, range = {}) => {
        calls.push(range);
        return klines(range);
      },
    });
    const topics = new MarketTopics({
      client,
      publish: (update) => published.push(update),
      closed: () => {},
      logger,
      now: () => clock.now,
    });
    topics.want("market.BTCUSDT.kline", true);
    const gap = (downSince: number) =>
      streams
        .get("market.BTCUSDT.kline")
        ?.emit("gap", { reason: "closed", downSince, liveAt: clock.now, channels: [], label: "kline" });
    const opens = () => published.map((update) => (update.data as KlineItem).openTime);
    return { clock, topics, published, warnings, calls, gap, opens };
  }

  /** MEXC's answer to a window: a candle a minute from startTime to endTime (the one under way included). */
  const window = async ({ startTime, endTime, limit = 500 }: Range) => {
    if (startTime === undefined || endTime === undefined) return []; // the topic's first read: nothing before
    const rows: RestKlineRow[] = [];
    for (let open = startTime; open <= endTime; open += MIN) rows.push(row(open));
    return rows.slice(0, limit);
  };

  it("reads the minutes it missed again, from the one it went down in, closed ones only", async () => {
    const t = topicOver(window);
    t.clock.now = T0 + 10 * MIN - 10_000; // 12:10:20
    t.gap(T0 + 3 * MIN - 20_000); // down since 12:03:10
    await until("the missed candles", () => (t.published.length > 0 ? true : undefined));
    await t.topics.close();
    expect(t.calls[1]).toEqual({ startTime: T0 + 2.5 * MIN, endTime: T0 + 10 * MIN - 10_000, limit: SNAPSHOT_KLINES });
    // 12:03 .. 12:09: the minute under way (12:10) is the stream's.
    expect(t.opens()).toEqual(Array.from({ length: 7 }, (_, i) => T0 - 30_000 + (3 + i) * MIN));
  });

  it("reads at most the last SNAPSHOT_KLINES minutes of a long outage, one request", async () => {
    const t = topicOver(window);
    t.clock.now = T0 + 10 * 60 * MIN; // ten hours later
    t.gap(T0);
    await until("the missed candles", () => (t.published.length > 0 ? true : undefined));
    await t.topics.close();
    const current = T0 - 30_000 + 10 * 60 * MIN;
    expect(t.calls).toHaveLength(2);
    expect(t.calls[1]?.startTime).toBe(current - (SNAPSHOT_KLINES - 1) * MIN);
    expect(t.opens()).toHaveLength(SNAPSHOT_KLINES - 1);
    expect(Math.max(...t.opens())).toBe(current - MIN);
  });

  it("takes gaps that come during a read into one more read after it, from the earliest", async () => {
    const answers: ((rows: RestKlineRow[]) => void)[] = [];
    const t = topicOver((range) =>
      range.startTime === undefined ? Promise.resolve([]) : new Promise((resolve) => answers.push(resolve)),
    );
    t.clock.now = T0 + 5 * MIN;
    t.gap(T0 + 4 * MIN);
    await until("the first read", () => answers[0]);
    t.gap(T0 + 2 * MIN);
    t.gap(T0 + 3 * MIN);
    expect(t.calls).toHaveLength(2); // the first start's read, and one catch-up in flight
    answers[0]?.([]);
    await until("the second read", () => answers[1]);
    expect(t.calls).toHaveLength(3);
    expect(t.calls[2]?.startTime).toBe(T0 - 30_000 + 2 * MIN);
    answers[1]?.([]);
    await t.topics.close();
    t.gap(T0 + 5 * MIN); // closed: no read
    await settle();
    expect(t.calls).toHaveLength(3);
  });

  it("says in the log that the chart has a hole when the missed candles cannot be read", async () => {
    const t = topicOver((range) =>
      range.startTime === undefined ? Promise.resolve([]) : Promise.reject(new Error("429 too many requests")),
    );
    t.clock.now = T0 + 5 * MIN;
    t.gap(T0 + 2 * MIN);
    await until("the warning", () => (t.warnings.length > 0 ? true : undefined));
    await t.topics.close();
    expect(t.warnings.join("\n")).toMatch(/candles missed while the market stream was down not read/);
    expect(t.warnings.join("\n")).toMatch(/429 too many requests/);
    expect(t.published).toEqual([]);
  });
});

describe("the trades topic: MEXC's latest trades first, and those missed after a gap", () => {
  const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
  const row = (ms: number, price = "100", isBuyerMaker = false): RestPublicTrade => ({
    id: null,
    price,
    qty: "1",
    quoteQty: price,
    time: T0 + ms,
    isBuyerMaker,
    isBestMatch: true,
  });

  /** A trades topic over a stream the test drives, MEXC's latest trades answered by `answers` in turn. */
  function tradesOver(answers: (() => Promise<unknown>)[]) {
    const published: TopicUpdate[] = [];
    const warnings: string[] = [];
    const asked: (number | undefined)[] = [];
    const { logger } = createLogger({ level: "warn", destination: { write: (line: string) => warnings.push(line) } });
    const { client, streams } = drivenClient({
      recentTrades: (_symbol, limit) => {
        asked.push(limit);
        return (answers.shift() ?? (async () => []))() as Promise<RestPublicTrade[]>;
      },
    });
    const stream = () => streams.get("market.BTCUSDT.trades");
    const topics = new MarketTopics({
      client,
      publish: (update) => published.push(update),
      closed: () => {},
      logger,
      now: () => T0 + 60_000,
    });
    topics.want("market.BTCUSDT.trades", true);
    const push = (ms: number, price = "100") =>
      stream()?.emit("event", {
        type: "trade",
        channel: "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT",
        symbol: "BTCUSDT",
        trades: [{ price, quantity: "1", tradeType: 1, time: T0 + ms }],
        timestamp: T0 + ms,
        localTimestamp: T0 + ms + 3,
      });
    const gap = () =>
      stream()?.emit("gap", { reason: "closed", downSince: T0, liveAt: T0 + 50_000, channels: [], label: "trades" });
    const live = () => stream()?.emit("state", "live");
    const ticks = () => published.map((update) => update.data as TradeTick);
    return { topics, published, warnings, asked, push, gap, live, ticks };
  }

  it("reads again when the stream is first live: a trade between the first answer and the first push is not lost", async () => {
    const t = tradesOver([async () => [row(1)], async () => [row(1), row(2)]]);
    await until("the latest trades", () => (t.published.length === 1 ? true : undefined));
    t.live();
    await until("the trade before the stream was live", () => (t.published.length === 2 ? true : undefined));
    t.live(); // live again after a drop comes with a gap, not this
    await settle();
    await t.topics.close();
    expect(t.asked).toHaveLength(2);
    expect(t.ticks().map((tick) => tick.time - T0)).toEqual([1, 2]);
  });

  it("opens with the latest SNAPSHOT_TRADES trades, each at its own time, and a gap's missed ones after it, none twice", async () => {
    const t = tradesOver([
      async () => [row(2, "101", true), row(1)],
      async () => [row(2, "101", true), row(3), row(4, "99"), row(5)],
    ]);
    await until("the latest trades", () => (t.published.length === 2 ? true : undefined));
    t.push(3);
    t.gap(); // down after 3; live again with 5 pushed before the answer
    t.push(5);
    await until("the missed trade", () => (t.published.length === 5 ? true : undefined));
    await t.topics.close();
    expect(t.asked).toEqual([SNAPSHOT_TRADES, SNAPSHOT_TRADES]);
    expect(t.ticks().map((tick) => [tick.time - T0, tick.price, tick.side])).toEqual([
      [1, "100", "BUY"],
      [2, "101", "SELL"], // isBuyerMaker: the taker sold
      [3, "100", "BUY"],
      [5, "100", "BUY"],
      [4, "99", "BUY"],
    ]);
    // A trade read from MEXC carries its own time as the exchange's; the stream's, its push's.
    expect(t.published[0]).toMatchObject({ topic: "market.BTCUSDT.trades", exchangeTime: T0 + 1 });
    expect(t.published[2]).toMatchObject({ exchangeTime: T0 + 3, receiveTime: T0 + 6 });
  });

  it("leaves out trades out of bounds and says why; says when the latest trades cannot be read, and streams on", async () => {
    const t = tradesOver([
      async () => [
        row(1),
        { ...row(2), price: "NaN" },
        { ...row(3), time: 0 },
        { ...row(4), isBuyerMaker: "yes" },
        null,
      ],
      async () => {
        throw new Error("429 too many requests");
      },
    ]);
    await until("the good trade", () => (t.published.length === 1 ? true : undefined));
    t.gap();
    await until("the refusal said", () => (t.warnings.some((line) => line.includes("429")) ? true : undefined));
    t.push(9);
    await t.topics.close();
    expect(t.ticks().map((tick) => tick.time - T0)).toEqual([1, 9]);
    const log = t.warnings.join("\n");
    // Four rows refused, one line a minute.
    expect(t.warnings.filter((line) => line.includes("latest trade out of bounds"))).toHaveLength(1);
    expect(log).toMatch(/price not a decimal/);
    expect(log).toMatch(/latest trades not read: the trades list shows only those streamed/);
  });
});

describe("health's market notes: what the market topics cannot show, in words", () => {
  const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

  /** Market topics over streams the test drives; MEXC's REST reads answered by `answer`. */
  function notesOver(answer: {
    klines?: () => Promise<RestKlineRow[]>;
    recentTrades?: () => Promise<RestPublicTrade[]>;
  }) {
    const clock = { now: T0 };
    const { client, streams } = drivenClient(answer);
    const topics = new MarketTopics({
      client,
      publish: () => {},
      closed: () => {},
      logger: createLogger({ level: "silent" }).logger,
      isListed: (symbol) => symbol !== "NOPEUSDT",
      now: () => clock.now,
    });
    const said = () => topics.marketNotes().map((note) => `${note.symbol} ${note.part} ${note.kind}`);
    return { clock, streams, topics, said };
  }

  it("says a stream down once it has lasted a few seconds, until it is live again", async () => {
    const t = notesOver({});
    t.topics.want("market.BTCUSDT.trades", true);
    const stream = t.streams.get("market.BTCUSDT.trades");
    stream?.emit("state", "live");
    stream?.emit("state", "reconnecting");
    t.clock.now += SAY_AFTER_MS - 1;
    expect(t.said()).toEqual([]); // a moment's reconnect is not news
    t.clock.now += 1;
    expect(t.said()).toEqual(["BTCUSDT trades streamDown"]);
    const [note] = t.topics.marketNotes();
    expect(note?.words).toBe(
      "MEXC's trades stream for BTCUSDT is reconnecting: what it shows has stopped; it comes back by itself.",
    );
    expect(note?.since).toBe(T0);
    stream?.emit("state", "live");
    expect(t.said()).toEqual([]);
    stream?.emit("channelError", { channel: "x", reason: "blocked", message: "Blocked!" });
    t.clock.now += SAY_AFTER_MS;
    expect(t.said()).toEqual(["BTCUSDT trades streamRefused"]);
    await t.topics.close();
    expect(t.said()).toEqual([]);
  });

  it("says the chart's past candles and the latest trades were not read, and a symbol MEXC does not list", async () => {
    let tradesAnswer: () => Promise<RestPublicTrade[]> = () => Promise.reject(new Error("429 too many requests"));
    const t = notesOver({
      klines: () => Promise.reject(new Error("429 too many requests")),
      recentTrades: () => tradesAnswer(),
    });
    t.topics.want("market.ETHUSDT.kline", true);
    t.topics.want("market.ETHUSDT.trades", true);
    t.topics.want("market.NOPEUSDT.kline", true);
    await settle();
    t.clock.now += SAY_AFTER_MS;
    expect(t.said()).toEqual([
      "ETHUSDT kline pastCandlesUnread",
      "ETHUSDT trades latestTradesUnread",
      "NOPEUSDT kline notListed",
    ]);
    const words = t.topics.marketNotes().map((note) => note.words);
    expect(words).toContain("MEXC does not list NOPEUSDT: there is nothing to show for it. Pick another symbol.");
    // Never MEXC's answer or an error's text: the log has those.
    for (const text of words) expect(text).not.toMatch(/429/);
    // A later read that is answered ends the trades' note; nobody wanting the unlisted one ends its.
    tradesAnswer = async () => [];
    t.streams
      .get("market.ETHUSDT.trades")
      ?.emit("gap", { reason: "closed", downSince: T0, liveAt: T0, channels: [], label: "" });
    t.topics.want("market.NOPEUSDT.kline", false);
    await settle();
    expect(t.said()).toEqual(["ETHUSDT kline pastCandlesUnread"]);
    await t.topics.close();
    expect(t.said()).toEqual([]);
  });
});
