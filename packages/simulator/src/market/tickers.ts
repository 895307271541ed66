/**
 * 24 h ticker (REST ticker/24hr) and mini tickers per time zone (WS miniTicker/miniTickers),
 * computed from the Min1 bars of the kline book. Minute resolution is enough: every MEXC time
 * zone offset (UTC+5:30, UTC+12:45 ...) is a whole number of minutes, so a zone's day starts on
 * a Min1 boundary; the rolling 24 h window takes every minute bar that overlaps it.
 *
 * Rates are fractions ("0.0766" = +7.66 %), as MEXC sends them: 4 decimals in mini tickers,
 * 8 in ticker/24hr.
 */
import { Decimal as Big, DAY_MS, MINI_TICKER_TIMEZONES, MINUTE_MS } from "@mexc-live/protocol";
import type { MiniTickerValues, SymbolConfig, Ticker24h } from "../types.js";
import { fromSteps, toSteps } from "./decimalSteps.js";
import type { Bar } from "./klines.js";

const MINI_TICKER_RATE_DP = 4;
const TICKER_RATE_DP = 8;
/** MEXC's "rate" is always the UTC+8 day's change. */
const RATE_ZONE_OFFSET_MINUTES = 8 * 60;

/** "24H" -> rolling; "UTC+5:30" -> 330; "UTC-10" -> -600. Throws on a zone MEXC does not list. */
export function parseMiniTickerTimeZone(timezone: string): "rolling" | number {
  if (!(MINI_TICKER_TIMEZONES as readonly string[]).includes(timezone)) {
    throw new Error(`unknown mini ticker time zone "${timezone}"; expected one of ${MINI_TICKER_TIMEZONES.join(", ")}`);
  }
  if (timezone === "24H") return "rolling";
  const match = /^UTC([+-])(\d{1,2})(?::(\d{2}))?$/.exec(timezone)!;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/** Start (ms, UTC) of the calendar day containing `now` in a zone `offsetMinutes` east of UTC. */
export function zonedDayStart(now: number, offsetMinutes: number): number {
  const offsetMs = offsetMinutes * MINUTE_MS;
  return Math.floor((now + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
}

interface WindowStats {
  /** Prices in ticks. */
  readonly open: number;
  readonly high: number;
  readonly low: number;
  /** Close of the last bar before the window; the window's open when there is none. */
  readonly prevClose: number;
  /** Lots. */
  readonly volume: bigint;
  /** Ticks x lots. */
  readonly amount: bigint;
}

/** Statistics of the Min1 bars that end after `from` (bars are oldest first). */
function windowStats(bars: readonly Bar[], from: number): WindowStats | undefined {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid]!.closeTime > from) hi = mid;
    else lo = mid + 1;
  }
  const first = bars[lo];
  if (!first) return undefined;
  let { high, low, volume, amount } = first;
  for (let i = lo + 1; i < bars.length; i++) {
    const bar = bars[i]!;
    if (bar.high > high) high = bar.high;
    if (bar.low < low) low = bar.low;
    volume += bar.volume;
    amount += bar.amount;
  }
  const prevClose = lo > 0 ? bars[lo - 1]!.close : first.open;
  return { open: first.open, high, low, prevClose, volume, amount };
}

/** (price - base) / base, rounded to `dp` places. */
function rate(price: number, base: number, dp: number): string {
  return base === 0 ? "0" : new Big(price - base).div(base).round(dp).toFixed();
}

export interface TickerInput {
  readonly config: SymbolConfig;
  /** Min1 bars, oldest first. */
  readonly bars: readonly Bar[];
  readonly now: number;
  /** Last trade price; the last bar's close when undefined. */
  readonly lastPrice?: string;
}

/** The statistics as strings on the symbol's grid. */
function formatter(config: SymbolConfig) {
  const { pricePrecision, quantityPrecision } = config;
  return {
    price: (ticks: number) => fromSteps(ticks, pricePrecision),
    volume: (lots: bigint) => fromSteps(lots, quantityPrecision),
    amount: (units: bigint) => fromSteps(units, pricePrecision + quantityPrecision),
  };
}

function lastPriceOf(input: TickerInput): number {
  if (input.lastPrice !== undefined) return toSteps(input.lastPrice, input.config.pricePrecision);
  return input.bars.at(-1)?.close ?? 0;
}

export function ticker24h(
  input: TickerInput,
  book: { bidPrice: string; bidQty: string; askPrice: string; askQty: string } | undefined,
): Ticker24h {
  const format = formatter(input.config);
  const price = lastPriceOf(input);
  const openTime = input.now - DAY_MS;
  const stats = windowStats(input.bars, openTime);
  const open = stats?.open ?? price;
  return {
    symbol: input.config.symbol,
    priceChange: format.price(price - open),
    priceChangePercent: rate(price, open, TICKER_RATE_DP),
    prevClosePrice: format.price(stats?.prevClose ?? price),
    lastPrice: format.price(price),
    bidPrice: book?.bidPrice ?? "0",
    bidQty: book?.bidQty ?? "0",
    askPrice: book?.askPrice ?? "0",
    askQty: book?.askQty ?? "0",
    openPrice: format.price(open),
    highPrice: format.price(stats?.high ?? price),
    lowPrice: format.price(stats?.low ?? price),
    volume: format.volume(stats?.volume ?? 0n),
    quoteVolume: format.amount(stats?.amount ?? 0n),
    openTime,
    closeTime: input.now,
    // MEXC answers `count: null`.
    count: null,
  };
}

/**
 * Mini ticker for a zone: rates against the first price of the zone's current day (24H: of the
 * rolling 24 h), "last close" rates against the close before that; high, low, volume (quote
 * turnover) and quantity (base) over the same window.
 */
export function miniTicker(input: TickerInput, timezone: string): MiniTickerValues {
  const zone = parseMiniTickerTimeZone(timezone);
  const format = formatter(input.config);
  const price = lastPriceOf(input);
  const zoned = windowStats(input.bars, zone === "rolling" ? input.now - DAY_MS : zonedDayStart(input.now, zone));
  const utc8 = windowStats(input.bars, zonedDayStart(input.now, RATE_ZONE_OFFSET_MINUTES));
  const high = format.price(zoned?.high ?? price);
  const low = format.price(zoned?.low ?? price);
  return {
    symbol: input.config.symbol,
    price: format.price(price),
    rate: rate(price, utc8?.open ?? price, MINI_TICKER_RATE_DP),
    zonedRate: rate(price, zoned?.open ?? price, MINI_TICKER_RATE_DP),
    high,
    low,
    volume: format.amount(zoned?.amount ?? 0n),
    quantity: format.volume(zoned?.volume ?? 0n),
    lastCloseRate: rate(price, utc8?.prevClose ?? price, MINI_TICKER_RATE_DP),
    lastCloseZonedRate: rate(price, zoned?.prevClose ?? price, MINI_TICKER_RATE_DP),
    lastCloseHigh: high,
    lastCloseLow: low,
  };
}
