/**
 * MEXC's candles (GET /api/v3/klines), kept so each is fetched once: the market prices of past
 * moments that value deposits, withdrawals, fees paid in a third asset, period ends and the
 * estimated equity history (figures/pastPrices.ts). One SQLite file for every account of a gateway
 * (they share the market), beside the accounts' files: `market.db` (`demo-market.db` in demo
 * mode, emptied at each start like the demo accounts'). Candles are facts that never change once
 * closed: only closed ones are stored, and a second copy changes nothing.
 *
 * Beside the candles, the windows already asked of MEXC per symbol and interval (merged into
 * disjoint spans): a time inside a window with no candle there is one MEXC has no candle for at
 * that interval (too old for it, or the pair did not trade), which is never asked again. Only for
 * a window that had closed NO_CANDLE_SETTLE_MS before it was asked: MEXC may still be writing the
 * candle of a window that has only just closed, so "none" there is believed NO_CANDLE_RECHECK_MS
 * (candle_windows_recent) and then asked again. Both survive a restart.
 *
 * A row out of bounds (candleRows.ts: a close of "NaN", an openTime of 0) is never stored, and
 * one already in the file is skipped when read: counted in `refused()`, said once.
 */
import {
  type KlineInterval,
  klineWindowStart,
  MINUTE_MS,
  REST_KLINE_INTERVALS,
  type RestKlineInterval,
} from "@mexc-live/protocol";
import type { RestKlineRow } from "@mexc-live/protocol/rest";
import { StoreError } from "../errors.js";
import type { Logger } from "../logging.js";
import { CandleRefusalCounter, type CandleRefusals, candleProblem } from "./candleRows.js";
import { type Db, openPlainDatabase } from "./database.js";

/** A stored candle's close, and the window it covers. */
interface StoredCandle {
  readonly interval: RestKlineInterval;
  readonly openTime: number;
  readonly closeTime: number;
  readonly close: string;
}

/** What the candle store knows of one interval at one moment. */
export type CandleAnswer =
  | { readonly kind: "candle"; readonly candle: StoredCandle }
  /**
   * MEXC was asked and has no candle there at this interval; `askAgainAt` (ms): only believed
   * until then, the window having only just closed when asked (NO_CANDLE_RECHECK_MS).
   */
  | { readonly kind: "none"; readonly askAgainAt?: number }
  /** Not asked yet. */
  | { readonly kind: "unknown" };

const NONE: CandleAnswer = { kind: "none" };
const UNKNOWN: CandleAnswer = { kind: "unknown" };

/** The file beside the accounts' databases. */
export const MARKET_DATABASE_FILE = "market.db";
export const DEMO_MARKET_DATABASE_FILE = "demo-market.db";

const MIGRATIONS = [
  `
  CREATE TABLE candles (
    symbol TEXT NOT NULL,
    interval TEXT NOT NULL,
    open_time INTEGER NOT NULL,
    close_time INTEGER NOT NULL,
    close TEXT NOT NULL,
    PRIMARY KEY (symbol, interval, open_time)
  ) WITHOUT ROWID;
  CREATE TABLE candle_windows (
    symbol TEXT NOT NULL,
    interval TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (symbol, interval, start)
  ) WITHOUT ROWID;
  `,
  // Issue 37: "no candle" of windows that had only just closed, believed for a while.
  `
  CREATE TABLE candle_windows_recent (
    symbol TEXT NOT NULL,
    interval TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (symbol, interval, start)
  ) WITHOUT ROWID;
  `,
];

/**
 * A window closed at least this long before MEXC was asked for it has, if MEXC answered no candle,
 * none for good. MEXC shows a closed candle within seconds of its close (what the simulator does,
 * and what we saw of MEXC's klines [UNCONFIRMED: no documented delay]); ten minutes is ample margin.
 */
export const NO_CANDLE_SETTLE_MS = 10 * MINUTE_MS;
/** "No candle" of a window that closed more recently than NO_CANDLE_SETTLE_MS is believed this long, then asked again. */
export const NO_CANDLE_RECHECK_MS = 5 * MINUTE_MS;
/**
 * Answers of `at` kept in memory in all (`known`), then all let go and asked of the file again:
 * 52 bytes each measured for candle answers (2.6 MB at the bound, 2026-11-28). A year of a busy
 * account's fills valued late asks more moments than this.
 */
export const KNOWN_MAX = 50_000;

export class CandleStore {
  private readonly db: Db;
  private readonly containing;
  private readonly coveringWindow;
  private readonly insertCandle;
  private readonly deleteCandle;
  private readonly overlapping;
  private readonly deleteWindow;
  private readonly insertWindow;
  private readonly storeRows;
  private readonly recentNone;
  private readonly insertRecent;
  private readonly dropExpired;
  private readonly now: () => number;

  private readonly refusals: CandleRefusalCounter;
  /**
   * The answers of `at` by symbol and interval, then moment (KNOWN_MAX in all): all but a "none"
   * believed for a while (it expires). Only `put` changes what the file knows of a symbol and interval, and it
   * lets that series' answers go. The valuation rounds ask the same fills' moments again after
   * each candle stored (those still waiting on theirs: "unknown"), and a pass every held asset at
   * every day's end: a fresh demo asked 415,756 times in its first 45 s, 3.3 s of its 15 s of CPU
   * in these queries, 0.5 s with them kept (2026-11-28).
   */
  private readonly known = new Map<string, Map<number, CandleAnswer>>();
  private knownCount = 0;

  /** `now`: the time MEXC is asked at (ms), which decides what "recent" is. */
  constructor(path: string, logger?: Pick<Logger, "warn">, now: () => number = Date.now) {
    this.now = now;
    this.db = openPlainDatabase(path, MIGRATIONS);
    this.refusals = new CandleRefusalCounter(logger);
    this.recentNone = this.db.prepare<[string, string, number, number, number], { expires_at: number }>(
      "SELECT expires_at FROM candle_windows_recent WHERE symbol = ? AND interval = ? AND start <= ? AND end > ? AND expires_at > ? LIMIT 1",
    );
    this.insertRecent = this.db.prepare(
      "INSERT OR REPLACE INTO candle_windows_recent (symbol, interval, start, end, expires_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.dropExpired = this.db.prepare("DELETE FROM candle_windows_recent WHERE expires_at <= ?");
    this.containing = this.db.prepare<
      [string, string, number],
      { open_time: number; close_time: number; close: string }
    >(
      "SELECT open_time, close_time, close FROM candles WHERE symbol = ? AND interval = ? AND open_time <= ? ORDER BY open_time DESC LIMIT 1",
    );
    this.coveringWindow = this.db.prepare<[string, string, number], { end: number }>(
      "SELECT end FROM candle_windows WHERE symbol = ? AND interval = ? AND start <= ? ORDER BY start DESC LIMIT 1",
    );
    this.insertCandle = this.db.prepare(
      "INSERT OR IGNORE INTO candles (symbol, interval, open_time, close_time, close) VALUES (?, ?, ?, ?, ?)",
    );
    this.deleteCandle = this.db.prepare("DELETE FROM candles WHERE symbol = ? AND interval = ? AND open_time = ?");
    this.overlapping = this.db.prepare<[string, string, number, number], { start: number; end: number }>(
      "SELECT start, end FROM candle_windows WHERE symbol = ? AND interval = ? AND start <= ? AND end >= ?",
    );
    this.deleteWindow = this.db.prepare("DELETE FROM candle_windows WHERE symbol = ? AND interval = ? AND start = ?");
    this.insertWindow = this.db.prepare(
      "INSERT INTO candle_windows (symbol, interval, start, end) VALUES (?, ?, ?, ?)",
    );
    this.storeRows = this.db.transaction(
      (symbol: string, interval: RestKlineInterval, rows: readonly RestKlineRow[], window: Window) => {
        let stored = 0;
        for (const row of rows) {
          const [openTime, , , , close, , closeTime] = row;
          if (closeTime > window.end) continue;
          const problem = candleProblem(openTime, closeTime, close, this.now());
          if (problem !== undefined) {
            this.refusals.refuse("written", symbol, problem);
            continue;
          }
          stored += this.insertCandle.run(symbol, interval, openTime, closeTime, close).changes;
        }
        // For good up to the window that had settled when asked; the rest for a while.
        const now = this.now();
        const settled = Math.max(
          window.start,
          Math.min(
            window.end,
            klineWindowStart(REST_KLINE_INTERVALS[interval] as KlineInterval, now - NO_CANDLE_SETTLE_MS),
          ),
        );
        if (settled > window.start) this.cover(symbol, interval, { start: window.start, end: settled });
        this.dropExpired.run(now);
        if (window.end > settled)
          this.insertRecent.run(symbol, interval, settled, window.end, now + NO_CANDLE_RECHECK_MS);
        return stored;
      },
    );
  }

  /** What is known of `interval` at `time`: the candle whose window holds it, none, or not asked yet. */
  at(symbol: string, interval: RestKlineInterval, time: number): CandleAnswer {
    const series = `${symbol} ${interval}`;
    const known = this.known.get(series)?.get(time);
    if (known !== undefined) return known;
    const answer = this.read(symbol, interval, time);
    if (answer.kind !== "none" || answer.askAgainAt === undefined) {
      if (this.knownCount >= KNOWN_MAX) {
        this.known.clear();
        this.knownCount = 0;
      }
      const answers = this.known.get(series) ?? new Map<number, CandleAnswer>();
      answers.set(time, answer);
      this.known.set(series, answers);
      this.knownCount++;
    }
    return answer;
  }

  /** Answers kept in memory now (at most KNOWN_MAX). */
  kept(): number {
    return this.knownCount;
  }

  private read(symbol: string, interval: RestKlineInterval, time: number): CandleAnswer {
    const row = this.containing.get(symbol, interval, time);
    if (row !== undefined) {
      const problem = candleProblem(row.open_time, row.close_time, row.close, Date.now());
      if (problem !== undefined) {
        // A row an older version stored unchecked: removed, never used; asked of MEXC again.
        this.refusals.refuse("read", symbol, problem);
        this.deleteCandle.run(symbol, interval, row.open_time);
        return UNKNOWN;
      }
    }
    if (row !== undefined && time < row.close_time) {
      return {
        kind: "candle",
        candle: { interval, openTime: row.open_time, closeTime: row.close_time, close: row.close },
      };
    }
    const window = this.coveringWindow.get(symbol, interval, time);
    if (window !== undefined && time < window.end) return NONE;
    const recent = this.recentNone.get(symbol, interval, time, time, this.now());
    return recent === undefined ? UNKNOWN : { kind: "none", askAgainAt: recent.expires_at };
  }

  /**
   * Stores what MEXC answered for [window.start, window.end): its closed candles (those closing
   * by window.end), and the window as asked (for good up to NO_CANDLE_SETTLE_MS before now, the
   * rest for NO_CANDLE_RECHECK_MS). Returns how many candles were new.
   */
  put(symbol: string, interval: RestKlineInterval, rows: readonly RestKlineRow[], window: Window): number {
    if (!(window.end > window.start)) throw new StoreError("BAD_QUERY", "candle window: end must be after start");
    const series = `${symbol} ${interval}`;
    this.knownCount -= this.known.get(series)?.size ?? 0;
    this.known.delete(series);
    return this.storeRows(symbol, interval, rows, window);
  }

  /** Candle rows refused: from MEXC's answers (never stored), and stored ones skipped when read. */
  refused(): Readonly<CandleRefusals> {
    return { ...this.refusals.counts };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Adds a window to the asked spans, merged with those it overlaps or touches. */
  private cover(symbol: string, interval: string, window: Window): void {
    let { start, end } = window;
    for (const span of this.overlapping.all(symbol, interval, end, start)) {
      start = Math.min(start, span.start);
      end = Math.max(end, span.end);
      this.deleteWindow.run(symbol, interval, span.start);
    }
    this.insertWindow.run(symbol, interval, start, end);
  }
}

/** A span of time asked of MEXC: [start, end), ms. */
export interface Window {
  readonly start: number;
  readonly end: number;
}
