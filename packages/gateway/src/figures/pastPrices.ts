/**
 * The market price of an asset at any past moment, in the quote currency, from MEXC's candles
 * (store/candles.ts, fetched by ingest/candleFetcher.ts): the close of the candle that holds the
 * moment. Never a trade price from another time: what no candle holds is null (unpriced).
 *
 * - Which candle: the 1-minute one holding the moment is the truth; a coarser one that ends at the
 *   same instant closes at the same price ([DERIVED]: a candle's close is its last trade, so the
 *   1d candle of a UTC day closes where its last minute does), so a day end, an hour end or a
 *   15-minute boundary is read from the coarsest such candle (one request covers 1000 of them).
 *   When MEXC has no such candle (it keeps less of its finest intervals), the finest interval it
 *   still serves for that moment, finest first.
 * - What a coarser window has no candle for, no window inside it has ([DERIVED]: a candle is there
 *   when something traded in its window; every window of a finer interval lies inside one of each
 *   coarser interval but the week's and the month's): a moment whose day MEXC answered empty is
 *   not asked again hour by hour, minute by minute (issue 37: a year by day walked one interval
 *   finer at each read, 2,339 requests).
 * - Which pair: the asset against the quote currency directly, else the inverse pair, else through
 *   one intermediate asset (each leg direct or inverse), like the live price book (priceBook.ts).
 * - A moment of the last FRESH_MS, or one whose candle has not closed yet, is worth the live price.
 *
 * A price not fetched yet is "pending": null now, and the candle is listed in `takeWanted()` for
 * the fetcher; once stored, the same question has its answer. A price that no candle gives yet,
 * but one will soon, is pending too, with nothing to fetch: a moment whose finer candles MEXC
 * said none of (a "none" only believed a while: the window had only just closed) while a coarser
 * window holding it closes within OPEN_WAIT_MS. Not "none": a fill valued then would keep a null
 * value for good. `recheckAt` says when to look again, `forNowAnswers` counts them.
 */
import {
  type Decimal,
  dec,
  KLINE_INTERVALS,
  type KlineInterval,
  klineWindowEnd,
  klineWindowStart,
  ONE,
  REST_KLINE_INTERVALS,
  type RestKlineInterval,
} from "@mexc-live/protocol";
import type { CandleAnswer } from "../store/candles.js";
import { DEFAULT_INTERMEDIATES } from "./priceBook.js";

/** A moment this recent is valued at the live price (its candle is not closed, or only just). */
export const FRESH_MS = 120_000;
/**
 * A coarser window still open that closes within this is waited for (the moment is pending
 * until then), not passed over: it may price the moment once closed. A longer one (the week or
 * the month holding a day without trades) is not: that moment is unpriced.
 */
const OPEN_WAIT_MS = 60 * 60_000;

/** What the candle store knows of one interval at one moment (store/candles.ts). */
export type { CandleAnswer };

/** What the candles store answers (store/candles.ts's CandleStore). */
export interface CandleSource {
  at(symbol: string, interval: RestKlineInterval, time: number): CandleAnswer;
}

/** A candle to fetch: the window of `interval` holding `time`. */
export interface WantedCandle {
  readonly symbol: string;
  readonly interval: RestKlineInterval;
  readonly time: number;
}

export type PriceLookup =
  | { readonly kind: "price"; readonly price: Decimal }
  /** Not fetched yet: ask again once the wanted candles are stored. */
  | { readonly kind: "pending" }
  /** MEXC has no candle (or no pair) for it: unpriced. */
  | { readonly kind: "none" };

export interface PastPricesOptions {
  readonly quote: string;
  /** The pairs MEXC lists (exchangeInfo): the price book. */
  readonly markets: { symbolFor(base: string, quote: string): string | undefined };
  readonly candles: CandleSource;
  readonly intermediates?: readonly string[];
  /**
   * The live price of an asset now (the price book), for moments of the last FRESH_MS: null when
   * it has none, undefined while its first prices are still to come (the lookup is pending).
   */
  readonly live?: (asset: string) => Decimal | null | undefined;
  readonly now?: () => number;
}

const REST_NAME_OF = new Map<KlineInterval, RestKlineInterval>(
  Object.entries(REST_KLINE_INTERVALS).map(([rest, ws]) => [ws, rest as RestKlineInterval]),
);
/** The REST intervals, finest first (the WebSocket's Hour8 has no REST name). */
const INTERVALS: readonly KlineInterval[] = KLINE_INTERVALS.filter((interval) => REST_NAME_OF.has(interval));

export class PastPrices {
  readonly quote: string;
  private readonly intermediates: readonly string[];
  private readonly now: () => number;
  private wanted = new Map<string, WantedCandle>();
  private lastWindows: MomentWindows | undefined;
  /** The earliest time a lookup pending with nothing to fetch may have its answer (class comment). */
  private recheck: number | undefined;
  private forNow = 0;

  constructor(private readonly options: PastPricesOptions) {
    this.quote = options.quote;
    this.intermediates = options.intermediates ?? DEFAULT_INTERMEDIATES;
    this.now = options.now ?? Date.now;
  }

  /** One unit of `asset` in the quote currency at `time`; null when unpriced or pending. */
  priceOf(asset: string, time: number): Decimal | null {
    const found = this.lookup(asset, time);
    return found.kind === "price" ? found.price : null;
  }

  lookup(asset: string, time: number): PriceLookup {
    if (asset === this.quote) return { kind: "price", price: ONE };
    if (this.now() - time <= FRESH_MS && this.options.live) {
      const live = this.options.live(asset);
      if (live === undefined) return { kind: "pending" };
      return live === null ? { kind: "none" } : { kind: "price", price: live };
    }
    const direct = this.leg(asset, this.quote, time);
    if (direct.kind !== "none") return direct;
    for (const via of this.intermediates) {
      if (via === asset || via === this.quote) continue;
      const first = this.leg(asset, via, time);
      if (first.kind === "none") continue;
      const second = this.leg(via, this.quote, time);
      if (second.kind === "none") continue;
      if (first.kind === "pending" || second.kind === "pending") return { kind: "pending" };
      return { kind: "price", price: first.price.times(second.price) };
    }
    return { kind: "none" };
  }

  /** Lookups answered pending with nothing to fetch, so far (a reader compares two counts). */
  get forNowAnswers(): number {
    return this.forNow;
  }

  /** When a lookup pending with nothing to fetch may have its answer (ms); undefined: none waits. */
  get recheckAt(): number | undefined {
    return this.recheck;
  }

  /** Forgets a recheck time that has come (`now`): the lookups asked again then set the next. */
  rechecked(now: number): void {
    if (this.recheck !== undefined && this.recheck <= now) this.recheck = undefined;
  }

  /** The candles asked for since the last call (each once). */
  takeWanted(): WantedCandle[] {
    const wanted = [...this.wanted.values()];
    this.wanted = new Map();
    return wanted;
  }

  /** One hop at `time`: FROM+TO at its close, or TO+FROM at one over it. */
  private leg(from: string, to: string, time: number): PriceLookup {
    const direct = this.options.markets.symbolFor(from, to);
    if (direct !== undefined) {
      const found = this.close(direct, time);
      if (found.kind !== "none") return found;
    }
    const inverse = this.options.markets.symbolFor(to, from);
    if (inverse !== undefined) {
      const found = this.close(inverse, time);
      if (found.kind === "price") return { kind: "price", price: ONE.div(found.price) };
      return found;
    }
    return { kind: "none" };
  }

  /**
   * A symbol's close at `time`, interval by interval (candleOrder). Every candle ending where the
   * moment's minute ends closes at the same price, so any of them already stored answers; only
   * when none is stored is the coarsest asked for (one request then covers the most moments).
   */
  private close(symbol: string, time: number): PriceLookup {
    const now = this.now();
    const windows = this.windowsAt(time);
    let ask: KlineInterval | undefined;
    // The earliest time an answer of this walk may change though nothing is fetched (class comment).
    let soon = Number.POSITIVE_INFINITY;
    for (const { interval, rest, end, exact } of windows.order) {
      // Past the exact intervals (they come first), a missing exact candle is asked for before any fallback.
      if (!exact && ask !== undefined) break;
      // A candle still open is no price of the past yet: the live price stands in until it closes.
      if (end > now) {
        if (end - now <= OPEN_WAIT_MS) soon = Math.min(soon, end);
        continue;
      }
      const answer = this.options.candles.at(symbol, rest, time);
      if (answer.kind === "candle") {
        const price = dec(answer.candle.close, `${symbol} close`);
        if (price.gt(0)) return { kind: "price", price };
        continue;
      }
      if (answer.kind === "none" && answer.askAgainAt !== undefined) soon = Math.min(soon, answer.askAgainAt);
      if (answer.kind === "unknown" && !this.noneAround(symbol, interval, windows)) {
        ask ??= interval;
        if (!exact) break;
      }
    }
    if (ask === undefined) {
      if (soon === Number.POSITIVE_INFINITY) return { kind: "none" };
      this.recheck = Math.min(this.recheck ?? Number.POSITIVE_INFINITY, soon);
      this.forNow++;
      return { kind: "pending" };
    }
    const rest = REST_NAME_OF.get(ask) as RestKlineInterval;
    const key = `${symbol}|${rest}|${klineWindowStart(ask, time)}`;
    if (!this.wanted.has(key)) this.wanted.set(key, { symbol, interval: rest, time });
    return { kind: "pending" };
  }

  /** Whether the window of another interval holding this one's (at `time`) is known to have no candle. */
  private noneAround(symbol: string, interval: KlineInterval, windows: MomentWindows): boolean {
    const inner = windows.of.get(interval) as IntervalWindow;
    for (const outer of windows.order) {
      if (outer.interval === interval || outer.start > inner.start || outer.end < inner.end) continue;
      const answer = this.options.candles.at(symbol, outer.rest, windows.time);
      if (answer.kind === "none") return true;
    }
    return false;
  }

  /**
   * The windows holding `time`, in candleOrder: worked out once for a moment, as a reading prices
   * every asset at the same moment one after another (a year by day is 8,000 lookups).
   */
  private windowsAt(time: number): MomentWindows {
    if (this.lastWindows?.time !== time) this.lastWindows = momentWindows(time);
    return this.lastWindows;
  }
}

/** One interval's window holding a moment. */
interface IntervalWindow {
  readonly interval: KlineInterval;
  readonly rest: RestKlineInterval;
  readonly start: number;
  /** End (ms, exclusive). */
  readonly end: number;
  /** Ends where the moment's 1-minute candle ends (closes at the same price). */
  readonly exact: boolean;
}

interface MomentWindows {
  readonly time: number;
  /** In candleOrder. */
  readonly order: readonly IntervalWindow[];
  readonly of: ReadonlyMap<KlineInterval, IntervalWindow>;
}

function momentWindows(time: number): MomentWindows {
  const minuteEnd = windowEndAt("Min1", time);
  const order = candleOrder(time).map((interval): IntervalWindow => {
    const start = klineWindowStart(interval, time);
    const end = klineWindowEnd(interval, start);
    return { interval, rest: REST_NAME_OF.get(interval) as RestKlineInterval, start, end, exact: end === minuteEnd };
  });
  return { time, order, of: new Map(order.map((window) => [window.interval, window])) };
}

/** End (ms, exclusive) of the window of `interval` holding `time`. */
function windowEndAt(interval: KlineInterval, time: number): number {
  return klineWindowEnd(interval, klineWindowStart(interval, time));
}

/**
 * The intervals to read for a moment, in order: those whose candle holding it ends exactly where
 * its 1-minute candle ends (same close), coarsest first; then the others, finest first.
 */
export function candleOrder(time: number): KlineInterval[] {
  const minuteEnd = windowEndAt("Min1", time);
  const exact: KlineInterval[] = [];
  const others: KlineInterval[] = [];
  for (const interval of INTERVALS) {
    if (windowEndAt(interval, time) === minuteEnd) exact.push(interval);
    else others.push(interval);
  }
  return [...exact.reverse(), ...others];
}
