/**
 * WebSocket channel names (docs/mexc/protocol.md#channels): a typed spec <-> the string MEXC expects, and
 * per stream the body, the body `eventType` and the wrapper fields a push carries. One table
 * drives the builder, the strict parser and the lookups, so they cannot disagree.
 */
import { ProtocolError } from "./errors.js";
import type { PushBodyName } from "./wire.js";

/** Aggregation window of the `aggre` streams; the channel must carry one (docs/mexc/protocol.md#channels, docs/mexc/protocol.md#rejections). */
export const AGGRE_INTERVALS = ["100ms", "10ms"] as const;
export type AggreInterval = (typeof AGGRE_INTERVALS)[number];

/** WebSocket kline intervals (docs/mexc/enums.md#on-the-websocket). */
export const KLINE_INTERVALS = [
  "Min1",
  "Min5",
  "Min15",
  "Min30",
  "Min60",
  "Hour4",
  "Hour8",
  "Day1",
  "Week1",
  "Month1",
] as const;
export type KlineInterval = (typeof KLINE_INTERVALS)[number];

/** Levels of the partial-depth stream (docs/mexc/protocol.md#channels). */
export const LIMIT_DEPTH_LEVELS = [5, 10, 20] as const;
export type LimitDepthLevel = (typeof LIMIT_DEPTH_LEVELS)[number];

/** Time zones of the miniTicker(s) streams (docs/mexc/enums.md#on-the-websocket [OFF-new]); `+` and `:` appear literally. */
export const MINI_TICKER_TIMEZONES = [
  "24H",
  "UTC-10",
  "UTC-8",
  "UTC-7",
  "UTC-6",
  "UTC-5",
  "UTC-4",
  "UTC-3",
  "UTC+0",
  "UTC+1",
  "UTC+2",
  "UTC+3",
  "UTC+4",
  "UTC+4:30",
  "UTC+5",
  "UTC+5:30",
  "UTC+6",
  "UTC+7",
  "UTC+8",
  "UTC+9",
  "UTC+10",
  "UTC+11",
  "UTC+12",
  "UTC+12:45",
  "UTC+13",
] as const;
export type MiniTickerTimezone = (typeof MINI_TICKER_TIMEZONES)[number];

type Aggre<S extends string> = { readonly stream: S; readonly symbol: string; readonly interval: AggreInterval };
type BySymbol<S extends string> = { readonly stream: S; readonly symbol: string };
/** Non-aggregated pb channels of early 2025, replaced by `aggre` (docs/mexc/protocol.md#channels [UNCONFIRMED] whether still live). */
type Legacy<S extends string> = { readonly stream: S; readonly symbol: string; readonly legacy: true };

/** One subscription, as a value. `buildChannel` / `parseChannel` convert to and from the string. */
export type ChannelSpec =
  | Aggre<"aggreDeals">
  | Aggre<"aggreDepth">
  | Aggre<"aggreBookTicker">
  | { readonly stream: "limitDepth"; readonly symbol: string; readonly level: LimitDepthLevel }
  | BySymbol<"bookTickerBatch">
  | { readonly stream: "kline"; readonly symbol: string; readonly interval: KlineInterval }
  | { readonly stream: "miniTicker"; readonly symbol: string; readonly timezone: MiniTickerTimezone }
  | { readonly stream: "miniTickers"; readonly timezone: MiniTickerTimezone }
  | { readonly stream: "privateAccount" }
  | { readonly stream: "privateDeals" }
  | { readonly stream: "privateOrders" }
  | BySymbol<"increaseDepthBatch">
  | Legacy<"deals">
  | Legacy<"increaseDepth">
  | Legacy<"bookTicker">;
export type ChannelStream = ChannelSpec["stream"];

/** Optional wrapper fields (besides `channel`) a push may carry. */
export type WrapperField = "symbol" | "symbolId" | "createTime" | "sendTime";

/** What follows the prefix, in channel order. */
type Segment = "aggreInterval" | "symbol" | "klineInterval" | "level" | "timezone";

interface StreamInfo {
  readonly prefix: string;
  readonly segments: readonly Segment[];
  readonly body: PushBodyName;
  /** Body `eventType`: the prefix, optionally with `@<interval>`; absent where the body has no such field. */
  readonly eventType?: "prefix" | "prefixAndInterval";
  readonly wrapperFields: readonly WrapperField[];
  readonly legacy?: true;
}

const SEND: readonly WrapperField[] = ["symbol", "sendTime"];

const STREAMS: Readonly<Record<ChannelStream, StreamInfo>> = {
  // eventType e.g. "spot@public.aggre.deals.v3.api.pb@100ms" [OFF]
  aggreDeals: {
    prefix: "spot@public.aggre.deals.v3.api.pb",
    segments: ["aggreInterval", "symbol"],
    body: "publicAggreDeals",
    eventType: "prefixAndInterval",
    wrapperFields: SEND,
  },
  // eventType e.g. "spot@public.aggre.depth.v3.api.pb@100ms" [OFF] + live
  aggreDepth: {
    prefix: "spot@public.aggre.depth.v3.api.pb",
    segments: ["aggreInterval", "symbol"],
    body: "publicAggreDepths",
    eventType: "prefixAndInterval",
    wrapperFields: SEND,
  },
  aggreBookTicker: {
    prefix: "spot@public.aggre.bookTicker.v3.api.pb",
    segments: ["aggreInterval", "symbol"],
    body: "publicAggreBookTicker",
    wrapperFields: SEND,
  },
  // eventType "spot@public.limit.depth.v3.api.pb" [OFF]
  limitDepth: {
    prefix: "spot@public.limit.depth.v3.api.pb",
    segments: ["symbol", "level"],
    body: "publicLimitDepths",
    eventType: "prefix",
    wrapperFields: SEND,
  },
  bookTickerBatch: {
    prefix: "spot@public.bookTicker.batch.v3.api.pb",
    segments: ["symbol"],
    body: "publicBookTickerBatch",
    wrapperFields: SEND,
  },
  // live kline pushes carry symbolId and createTime but no sendTime
  kline: {
    prefix: "spot@public.kline.v3.api.pb",
    segments: ["symbol", "klineInterval"],
    body: "publicSpotKline",
    wrapperFields: ["symbol", "symbolId", "createTime"],
  },
  miniTicker: {
    prefix: "spot@public.miniTicker.v3.api.pb",
    segments: ["symbol", "timezone"],
    body: "publicMiniTicker",
    wrapperFields: SEND,
  },
  miniTickers: {
    prefix: "spot@public.miniTickers.v3.api.pb",
    segments: ["timezone"],
    body: "publicMiniTickers",
    wrapperFields: ["sendTime"],
  },
  privateAccount: {
    prefix: "spot@private.account.v3.api.pb",
    segments: [],
    body: "privateAccount",
    wrapperFields: ["createTime", "sendTime"],
  },
  privateDeals: { prefix: "spot@private.deals.v3.api.pb", segments: [], body: "privateDeals", wrapperFields: SEND },
  privateOrders: { prefix: "spot@private.orders.v3.api.pb", segments: [], body: "privateOrders", wrapperFields: SEND },
  // Hidden in the docs; eventType by the same rule as the others [DERIVED].
  increaseDepthBatch: {
    prefix: "spot@public.increase.depth.batch.v3.api.pb",
    segments: ["symbol"],
    body: "publicIncreaseDepthsBatch",
    eventType: "prefix",
    wrapperFields: SEND,
  },
  // Legacy: no wrapper fields documented; symbol + sendTime like their aggre successors [UNCONFIRMED].
  deals: {
    prefix: "spot@public.deals.v3.api.pb",
    segments: ["symbol"],
    body: "publicDeals",
    eventType: "prefix",
    wrapperFields: SEND,
    legacy: true,
  },
  increaseDepth: {
    prefix: "spot@public.increase.depth.v3.api.pb",
    segments: ["symbol"],
    body: "publicIncreaseDepths",
    eventType: "prefix",
    wrapperFields: SEND,
    legacy: true,
  },
  bookTicker: {
    prefix: "spot@public.bookTicker.v3.api.pb",
    segments: ["symbol"],
    body: "publicBookTicker",
    wrapperFields: SEND,
    legacy: true,
  },
};

/** Which optional wrapper fields a push on each stream carries (docs/mexc/protocol.md#channels "Wrapper fields seen"). */
export const WRAPPER_FIELDS: Readonly<Record<ChannelStream, readonly WrapperField[]>> = Object.fromEntries(
  Object.entries(STREAMS).map(([stream, info]) => [stream, info.wrapperFields]),
) as Record<ChannelStream, readonly WrapperField[]>;

const STREAM_BY_PREFIX = new Map<string, ChannelStream>(
  Object.entries(STREAMS).map(([stream, info]) => [info.prefix, stream as ChannelStream]),
);
const AGGRE_INTERVAL_SET = new Set<string>(AGGRE_INTERVALS);
const KLINE_INTERVAL_SET = new Set<string>(KLINE_INTERVALS);
const TIMEZONE_SET = new Set<string>(MINI_TICKER_TIMEZONES);
const LEVEL_BY_TEXT = new Map<string, LimitDepthLevel>(LIMIT_DEPTH_LEVELS.map((level) => [String(level), level]));
const SYMBOL = /^[A-Z0-9]+$/;

const MISSING: Record<Segment, string> = {
  aggreInterval: "@100ms/@10ms",
  symbol: "@<SYMBOL>",
  klineInterval: "@<kline interval>",
  level: "@<level 5|10|20>",
  timezone: "@<time zone>",
};

/** The channel string for a spec. Throws ProtocolError INVALID_CHANNEL on a bad part. */
export function buildChannel(spec: ChannelSpec): string {
  const info = STREAMS[spec.stream] as StreamInfo | undefined;
  if (!info) throw invalid(`unknown stream ${quote(String(spec.stream))}`);
  // The non-aggregated channels are gone (docs/mexc/protocol.md#channels, ccxt/ccxt pull request #26577): they are
  // still read (recorded frames parse), never asked for.
  if (info.legacy) throw invalid(`${info.prefix} is no longer served by MEXC: subscribe to its aggre successor`);
  let channel = info.prefix;
  const fields = spec as unknown as Record<string, unknown>;
  for (const segment of info.segments) {
    const value = fields[fieldOf(segment)];
    const text = typeof value === "number" || typeof value === "string" ? String(value) : "";
    checkSegment(segment, text);
    channel += `@${text}`;
  }
  return channel;
}

/**
 * The spec for a channel string, strictly: known `.pb` prefix, every segment valid, nothing
 * trailing. Legacy non-aggregated channels parse with `legacy: true`. Throws ProtocolError
 * INVALID_CHANNEL naming the wrong part.
 */
export function parseChannel(channel: string): ChannelSpec {
  if (channel.length === 0) throw invalid("channel is empty");
  const parts = channel.split("@");
  const prefix = parts.length > 1 ? `${parts[0]}@${parts[1]}` : channel;
  const stream = STREAM_BY_PREFIX.get(prefix);
  if (stream === undefined) {
    if (STREAM_BY_PREFIX.has(`${prefix}.pb`)) {
      throw invalid(`channel ${quote(channel)} is a JSON-era name without ".pb" (MEXC blocks these)`);
    }
    throw invalid(`unknown channel prefix ${quote(prefix)}`);
  }
  const info = STREAMS[stream];
  const wanted = 2 + info.segments.length;
  if (parts.length < wanted) {
    // Name the first segment that is absent or does not fit: `aggre...@BTCUSDT` lacks its interval.
    const missing = info.segments.find((segment, i) => !isSegment(segment, parts[2 + i]))!;
    throw invalid(`${stream} channel ${quote(channel)} is missing its ${MISSING[missing]} segment`);
  }
  if (parts.length > wanted) {
    const trailing = `@${parts.slice(wanted).join("@")}`;
    throw invalid(`unexpected trailing ${quote(trailing)} after ${quote(parts.slice(0, wanted).join("@"))}`);
  }
  const spec: Record<string, unknown> = { stream };
  for (let i = 0; i < info.segments.length; i++) {
    const segment = info.segments[i]!;
    const text = parts[2 + i]!;
    checkSegment(segment, text);
    spec[fieldOf(segment)] = segment === "level" ? LEVEL_BY_TEXT.get(text) : text;
  }
  if (info.legacy) spec.legacy = true;
  return spec as unknown as ChannelSpec;
}

/** True for the listen-key channels. A string is judged by its prefix only (not validated). */
export function isPrivateChannel(channelOrSpec: string | ChannelSpec): boolean {
  if (typeof channelOrSpec === "string") return channelOrSpec.startsWith("spot@private.");
  return channelOrSpec.stream.startsWith("private");
}

/** The `oneof body` member a push on this stream sets (docs/mexc/protocol.md#channels), e.g. aggreDeals -> publicAggreDeals (314). */
export function bodyNameFor(spec: { readonly stream: ChannelStream }): PushBodyName {
  return STREAMS[spec.stream].body;
}

/**
 * The body `eventType` string MEXC writes for this subscription, e.g.
 * `spot@public.aggre.depth.v3.api.pb@100ms` or `spot@public.limit.depth.v3.api.pb`;
 * undefined where the body has no eventType field (kline, tickers, private, ...).
 */
export function eventTypeFor(spec: ChannelSpec): string | undefined {
  const info = STREAMS[spec.stream];
  if (info.eventType === "prefix") return info.prefix;
  if (info.eventType === "prefixAndInterval" && "interval" in spec) return `${info.prefix}@${spec.interval}`;
  return undefined;
}

/**
 * REST kline interval names and their WebSocket names (docs/mexc/enums.md#in-rest, docs/mexc/undocumented.md#market-data item 11.10 [OFF]): `1m 5m 15m 30m 60m
 * 4h 1d 1W 1M`. REST has no 8-hour interval (MEXC refuses `8h`), unlike the WebSocket's Hour8.
 */
export const REST_KLINE_INTERVALS = {
  "1m": "Min1",
  "5m": "Min5",
  "15m": "Min15",
  "30m": "Min30",
  "60m": "Min60",
  "4h": "Hour4",
  "1d": "Day1",
  "1W": "Week1",
  "1M": "Month1",
} as const satisfies Record<string, KlineInterval>;
export type RestKlineInterval = keyof typeof REST_KLINE_INTERVALS;

const KLINE_INTERVAL_BY_REST = new Map<string, KlineInterval>(Object.entries(REST_KLINE_INTERVALS));
const REST_BY_KLINE_INTERVAL = new Map<string, string>([...KLINE_INTERVAL_BY_REST].map(([rest, ws]) => [ws, rest]));

/** True for a REST kline interval name MEXC accepts (case matters). */
export function isRestKlineInterval(name: string): name is RestKlineInterval {
  return KLINE_INTERVAL_BY_REST.has(name);
}

/** `"15m"` -> `"Min15"`. Case matters (`1m` is a minute, `1M` a month). Throws INVALID_CHANNEL. */
export function klineIntervalFromRest(rest: string): KlineInterval {
  const interval = KLINE_INTERVAL_BY_REST.get(rest);
  if (interval === undefined) {
    throw invalid(
      `unknown REST kline interval ${quote(rest)} (expected ${[...KLINE_INTERVAL_BY_REST.keys()].join(", ")})`,
    );
  }
  return interval;
}

/** `"Min15"` -> `"15m"`; undefined for `Hour8`, which REST does not offer. */
export function klineIntervalToRest(interval: KlineInterval): string | undefined {
  return REST_BY_KLINE_INTERVAL.get(interval);
}

function fieldOf(segment: Segment): "interval" | "symbol" | "level" | "timezone" {
  return segment === "aggreInterval" || segment === "klineInterval" ? "interval" : segment;
}

function isSegment(segment: Segment, text: string | undefined): boolean {
  if (text === undefined) return false;
  switch (segment) {
    case "aggreInterval":
      return AGGRE_INTERVAL_SET.has(text);
    case "symbol":
      return SYMBOL.test(text);
    case "klineInterval":
      return KLINE_INTERVAL_SET.has(text);
    case "level":
      return LEVEL_BY_TEXT.has(text);
    case "timezone":
      return TIMEZONE_SET.has(text);
  }
}

function checkSegment(segment: Segment, text: string): void {
  if (isSegment(segment, text)) return;
  switch (segment) {
    case "aggreInterval":
      throw invalid(`unknown aggregation interval ${quote(text)} (expected 100ms or 10ms)`);
    case "symbol":
      throw invalid(`symbol ${quote(text)} must be upper-case letters and digits`);
    case "klineInterval":
      throw invalid(`unknown kline interval ${quote(text)} (expected ${KLINE_INTERVALS.join(", ")})`);
    case "level":
      throw invalid(`limit depth level ${quote(text)} is not 5, 10 or 20`);
    case "timezone":
      throw invalid(`unknown miniTicker time zone ${quote(text)} (expected ${MINI_TICKER_TIMEZONES.join(", ")})`);
  }
}

function invalid(message: string): ProtocolError {
  return new ProtocolError("INVALID_CHANNEL", message);
}

/** Channel strings come from clients; keep the quoted part one short printable line. */
function quote(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return `"${clean.length > 80 ? `${clean.slice(0, 80)}...` : clean}"`;
}
