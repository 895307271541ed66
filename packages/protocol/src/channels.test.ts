import { describe, expect, it } from "vitest";
import {
  AGGRE_INTERVALS,
  bodyNameFor,
  buildChannel,
  type ChannelSpec,
  eventTypeFor,
  isPrivateChannel,
  KLINE_INTERVALS,
  klineIntervalFromRest,
  klineIntervalToRest,
  LIMIT_DEPTH_LEVELS,
  MINI_TICKER_TIMEZONES,
  parseChannel,
  WRAPPER_FIELDS,
} from "./channels.js";
import { ProtocolError } from "./errors.js";
import { PUSH_BODY_NAMES } from "./wire.js";

/** One channel per stream kind, as MEXC spells it (docs/mexc/protocol.md#channels), with the spec it stands for. */
const CATALOGUE: readonly [string, ChannelSpec][] = [
  ["spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT", { stream: "aggreDeals", symbol: "BTCUSDT", interval: "100ms" }],
  ["spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT", { stream: "aggreDepth", symbol: "BTCUSDT", interval: "10ms" }],
  [
    "spot@public.aggre.bookTicker.v3.api.pb@100ms@BTCUSDT",
    { stream: "aggreBookTicker", symbol: "BTCUSDT", interval: "100ms" },
  ],
  ["spot@public.limit.depth.v3.api.pb@BTCUSDT@5", { stream: "limitDepth", symbol: "BTCUSDT", level: 5 }],
  ["spot@public.bookTicker.batch.v3.api.pb@BTCUSDT", { stream: "bookTickerBatch", symbol: "BTCUSDT" }],
  ["spot@public.kline.v3.api.pb@BTCUSDT@Min15", { stream: "kline", symbol: "BTCUSDT", interval: "Min15" }],
  ["spot@public.miniTicker.v3.api.pb@MXUSDT@UTC+8", { stream: "miniTicker", symbol: "MXUSDT", timezone: "UTC+8" }],
  ["spot@public.miniTickers.v3.api.pb@UTC+8", { stream: "miniTickers", timezone: "UTC+8" }],
  ["spot@private.account.v3.api.pb", { stream: "privateAccount" }],
  ["spot@private.deals.v3.api.pb", { stream: "privateDeals" }],
  ["spot@private.orders.v3.api.pb", { stream: "privateOrders" }],
  ["spot@public.increase.depth.batch.v3.api.pb@BTCUSDT", { stream: "increaseDepthBatch", symbol: "BTCUSDT" }],
  ["spot@public.deals.v3.api.pb@BTCUSDT", { stream: "deals", symbol: "BTCUSDT", legacy: true }],
  ["spot@public.increase.depth.v3.api.pb@BTCUSDT", { stream: "increaseDepth", symbol: "BTCUSDT", legacy: true }],
  ["spot@public.bookTicker.v3.api.pb@BTCUSDT", { stream: "bookTicker", symbol: "BTCUSDT", legacy: true }],
];

function invalidChannelError(run: () => unknown): ProtocolError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe("INVALID_CHANNEL");
    return error as ProtocolError;
  }
  throw new Error("expected a ProtocolError, nothing was thrown");
}

describe("channel strings of every stream kind", () => {
  it.each(CATALOGUE)("%s parses to its spec and builds back to the same string", (channel, spec) => {
    expect(parseChannel(channel)).toEqual(spec);
    if ("legacy" in spec) return;
    expect(buildChannel(spec)).toBe(channel);
  });

  it("never builds a non-aggregated channel: MEXC serves them no longer (ccxt/ccxt pull request #26577)", () => {
    for (const [, spec] of CATALOGUE.filter(([, entry]) => "legacy" in entry)) {
      expect(invalidChannelError(() => buildChannel(spec)).message).toMatch(/no longer served by MEXC/);
    }
  });

  it("covers every stream the module knows", () => {
    expect(new Set(CATALOGUE.map(([, spec]) => spec.stream))).toEqual(new Set(Object.keys(WRAPPER_FIELDS)));
  });

  it("round-trips both aggregation intervals on all three aggre streams", () => {
    for (const stream of ["aggreDeals", "aggreDepth", "aggreBookTicker"] as const) {
      for (const interval of AGGRE_INTERVALS) {
        const spec: ChannelSpec = { stream, symbol: "ETHUSDT", interval };
        expect(parseChannel(buildChannel(spec))).toEqual(spec);
      }
    }
  });

  it.each(KLINE_INTERVALS)("round-trips kline interval %s", (interval) => {
    const channel = `spot@public.kline.v3.api.pb@BTCUSDT@${interval}`;
    expect(buildChannel({ stream: "kline", symbol: "BTCUSDT", interval })).toBe(channel);
    expect(parseChannel(channel)).toEqual({ stream: "kline", symbol: "BTCUSDT", interval });
  });

  it.each(MINI_TICKER_TIMEZONES)("round-trips time zone %s on miniTicker and miniTickers", (timezone) => {
    const one = `spot@public.miniTicker.v3.api.pb@MXUSDT@${timezone}`;
    const all = `spot@public.miniTickers.v3.api.pb@${timezone}`;
    expect(buildChannel({ stream: "miniTicker", symbol: "MXUSDT", timezone })).toBe(one);
    expect(buildChannel({ stream: "miniTickers", timezone })).toBe(all);
    expect(parseChannel(one)).toEqual({ stream: "miniTicker", symbol: "MXUSDT", timezone });
    expect(parseChannel(all)).toEqual({ stream: "miniTickers", timezone });
  });

  it("lists the odd time zones literally, with + and :", () => {
    expect(MINI_TICKER_TIMEZONES).toContain("UTC+5:30");
    expect(MINI_TICKER_TIMEZONES).toContain("UTC+12:45");
    expect(MINI_TICKER_TIMEZONES).toContain("24H");
    expect(MINI_TICKER_TIMEZONES).toHaveLength(25);
    expect(parseChannel("spot@public.miniTickers.v3.api.pb@UTC+12:45")).toEqual({
      stream: "miniTickers",
      timezone: "UTC+12:45",
    });
  });

  it.each(LIMIT_DEPTH_LEVELS)("round-trips limit depth level %i as a number", (level) => {
    const channel = `spot@public.limit.depth.v3.api.pb@BTCUSDT@${level}`;
    expect(buildChannel({ stream: "limitDepth", symbol: "BTCUSDT", level })).toBe(channel);
    expect(parseChannel(channel)).toEqual({ stream: "limitDepth", symbol: "BTCUSDT", level });
  });

  it("accepts symbols with digits", () => {
    expect(parseChannel("spot@public.aggre.deals.v3.api.pb@100ms@1INCHUSDT")).toMatchObject({ symbol: "1INCHUSDT" });
  });
});

describe("parseChannel rejects, naming the wrong part", () => {
  it.each([
    ["", /channel is empty/],
    ["spot@public.aggre.deals.v3.api.pb@100ms@btcusdt", /symbol "btcusdt" must be upper-case letters and digits/],
    ["spot@public.kline.v3.api.pb@BTCUSDT@Min2", /unknown kline interval "Min2" \(expected Min1, Min5, .*Month1\)/],
    ["spot@public.kline.v3.api.pb@BTCUSDT@1m", /unknown kline interval "1m"/],
    ["spot@public.aggre.depth.v3.api.pb@50ms@BTCUSDT", /unknown aggregation interval "50ms"/],
    ["spot@public.aggre.deals.v3.api.pb@BTCUSDT", /aggreDeals channel .* is missing its @100ms\/@10ms segment/],
    ["spot@public.aggre.bookTicker.v3.api.pb@BTCUSDT", /missing its @100ms\/@10ms segment/],
    ["spot@public.aggre.depth.v3.api.pb@100ms", /missing its @<SYMBOL> segment/],
    ["spot@public.limit.depth.v3.api.pb@BTCUSDT@7", /limit depth level "7" is not 5, 10 or 20/],
    ["spot@public.limit.depth.v3.api.pb@BTCUSDT@05", /limit depth level "05" is not 5, 10 or 20/],
    ["spot@public.limit.depth.v3.api.pb@BTCUSDT", /missing its @<level 5\|10\|20> segment/],
    ["spot@public.kline.v3.api.pb@BTCUSDT", /missing its @<kline interval> segment/],
    ["spot@public.miniTicker.v3.api.pb@UTC+8", /miniTicker channel .* is missing its @<SYMBOL> segment/],
    ["spot@public.miniTicker.v3.api.pb@BTCUSDT@UTC+14", /unknown miniTicker time zone "UTC\+14"/],
    ["spot@public.miniTickers.v3.api.pb@utc+8", /unknown miniTicker time zone "utc\+8"/],
    ["spot@public.foo.v3.api.pb@BTCUSDT", /unknown channel prefix "spot@public.foo.v3.api.pb"/],
    ["futures@public.kline.v3.api.pb@BTCUSDT@Min1", /unknown channel prefix "futures@public.kline.v3.api.pb"/],
    ["spot", /unknown channel prefix "spot"/],
    ["SPOT@PUBLIC.KLINE.V3.API.PB@BTCUSDT@Min1", /unknown channel prefix/],
    ["spot@public.deals.v3.api@BTCUSDT", /"spot@public.deals.v3.api@BTCUSDT" is a JSON-era name without ".pb"/],
    ["spot@public.miniTicker.v3.api@BTCUSDT@UTC+0", /JSON-era name without ".pb"/],
    ["spot@private.account.v3.api", /JSON-era name without ".pb"/],
    ["spot@public.kline.v3.api.pb@BTCUSDT@Min15@extra", /unexpected trailing "@extra" after "spot@public.kline/],
    ["spot@private.orders.v3.api.pb@BTCUSDT", /unexpected trailing "@BTCUSDT"/],
    ["spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT@", /unexpected trailing "@"/],
    ["spot@private.account.v3.api.pb ", /unknown channel prefix "spot@private.account.v3.api.pb "/],
  ])("%j", (channel, message) => {
    expect(invalidChannelError(() => parseChannel(channel)).message).toMatch(message);
  });

  it("keeps a huge or binary channel out of the message", () => {
    const error = invalidChannelError(() => parseChannel(`spot@public.x\n${"A".repeat(10_000)}`));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).not.toContain("\n");
  });
});

describe("buildChannel validates like the parser", () => {
  it.each([
    [{ stream: "kline", symbol: "btcusdt", interval: "Min1" }, /symbol "btcusdt" must be upper-case/],
    [{ stream: "kline", symbol: "BTC@USDT", interval: "Min1" }, /symbol "BTC@USDT"/],
    [{ stream: "kline", symbol: "", interval: "Min1" }, /symbol ""/],
    [{ stream: "kline", symbol: "BTCUSDT", interval: "Min2" }, /unknown kline interval "Min2"/],
    [{ stream: "aggreDeals", symbol: "BTCUSDT", interval: "50ms" }, /unknown aggregation interval "50ms"/],
    [{ stream: "aggreDeals", symbol: "BTCUSDT" }, /unknown aggregation interval ""/],
    [{ stream: "limitDepth", symbol: "BTCUSDT", level: 7 }, /limit depth level "7" is not 5, 10 or 20/],
    [{ stream: "miniTickers", timezone: "UTC+14" }, /unknown miniTicker time zone "UTC\+14"/],
    [{ stream: "tickers", symbol: "BTCUSDT" }, /unknown stream "tickers"/],
  ])("%j", (spec, message) => {
    expect(invalidChannelError(() => buildChannel(spec as unknown as ChannelSpec)).message).toMatch(message);
  });
});

describe("per-stream facts of docs/mexc/protocol.md#channels", () => {
  it("names the oneof body of each stream", () => {
    const bodies = Object.fromEntries(CATALOGUE.map(([, spec]) => [spec.stream, bodyNameFor(spec)]));
    expect(bodies).toEqual({
      aggreDeals: "publicAggreDeals",
      aggreDepth: "publicAggreDepths",
      aggreBookTicker: "publicAggreBookTicker",
      limitDepth: "publicLimitDepths",
      bookTickerBatch: "publicBookTickerBatch",
      kline: "publicSpotKline",
      miniTicker: "publicMiniTicker",
      miniTickers: "publicMiniTickers",
      privateAccount: "privateAccount",
      privateDeals: "privateDeals",
      privateOrders: "privateOrders",
      increaseDepthBatch: "publicIncreaseDepthsBatch",
      deals: "publicDeals",
      increaseDepth: "publicIncreaseDepths",
      bookTicker: "publicBookTicker",
    });
    // Every body of the oneof is carried by exactly one stream.
    expect(Object.values(bodies).sort()).toEqual([...PUSH_BODY_NAMES].sort());
  });

  it("gives the body eventType MEXC writes, undefined where the body has none", () => {
    const eventTypes = Object.fromEntries(CATALOGUE.map(([, spec]) => [spec.stream, eventTypeFor(spec)]));
    expect(eventTypes).toEqual({
      aggreDeals: "spot@public.aggre.deals.v3.api.pb@100ms",
      aggreDepth: "spot@public.aggre.depth.v3.api.pb@10ms",
      aggreBookTicker: undefined,
      limitDepth: "spot@public.limit.depth.v3.api.pb",
      bookTickerBatch: undefined,
      kline: undefined,
      miniTicker: undefined,
      miniTickers: undefined,
      privateAccount: undefined,
      privateDeals: undefined,
      privateOrders: undefined,
      increaseDepthBatch: "spot@public.increase.depth.batch.v3.api.pb",
      deals: "spot@public.deals.v3.api.pb",
      increaseDepth: "spot@public.increase.depth.v3.api.pb",
      bookTicker: undefined,
    });
    expect(eventTypeFor({ stream: "aggreDepth", symbol: "BTCUSDT", interval: "100ms" })).toBe(
      "spot@public.aggre.depth.v3.api.pb@100ms",
    );
  });

  it("lists the wrapper fields each stream's pushes carry", () => {
    expect(WRAPPER_FIELDS.kline).toEqual(["symbol", "symbolId", "createTime"]);
    expect(WRAPPER_FIELDS.privateAccount).toEqual(["createTime", "sendTime"]);
    expect(WRAPPER_FIELDS.miniTickers).toEqual(["sendTime"]);
    for (const stream of [
      "aggreDeals",
      "aggreDepth",
      "aggreBookTicker",
      "limitDepth",
      "bookTickerBatch",
      "miniTicker",
      "privateDeals",
      "privateOrders",
    ] as const) {
      expect(WRAPPER_FIELDS[stream]).toEqual(["symbol", "sendTime"]);
    }
  });

  it("tells private channels from public ones, by spec or by string", () => {
    for (const [channel, spec] of CATALOGUE) {
      const expected = spec.stream.startsWith("private");
      expect(isPrivateChannel(spec)).toBe(expected);
      expect(isPrivateChannel(channel)).toBe(expected);
    }
    expect(CATALOGUE.filter(([channel]) => isPrivateChannel(channel))).toHaveLength(3);
  });
});

describe("kline intervals between REST and WebSocket", () => {
  const pairs = [
    ["1m", "Min1"],
    ["5m", "Min5"],
    ["15m", "Min15"],
    ["30m", "Min30"],
    ["60m", "Min60"],
    ["4h", "Hour4"],
    ["1d", "Day1"],
    ["1W", "Week1"],
    ["1M", "Month1"],
  ] as const;

  it.each(pairs)("REST %s is WebSocket %s and back", (rest, ws) => {
    expect(klineIntervalFromRest(rest)).toBe(ws);
    expect(klineIntervalToRest(ws)).toBe(rest);
  });

  it("has no REST name for Hour8", () => {
    expect(klineIntervalToRest("Hour8")).toBeUndefined();
  });

  it.each(["8h", "1h", "1w", "Min1", ""])("rejects REST interval %j", (rest) => {
    expect(invalidChannelError(() => klineIntervalFromRest(rest)).message).toMatch(
      `unknown REST kline interval "${rest}"`,
    );
  });
});
