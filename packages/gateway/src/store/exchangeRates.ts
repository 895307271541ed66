/**
 * The European Central Bank's euro reference rates (issue 56 item 2), kept for the tax report's
 * conversion of USD amounts into the trader's currency (usdConversion.ts). One SQLite file for
 * every account of a gateway, beside the accounts' files, like the market's candles: `rates.db`
 * (`demo-rates.db` in demo mode, emptied at each start like the demo accounts'). Rates are the
 * same for every account, so one import of the ECB's file serves them all, and `mexc-live import`
 * needs no --accounts for it.
 *
 * A row per day the ECB published: its rates, units of each currency per euro, as published
 * (canonical decimals; N/A cells left out). Beside them the spans of days the imported files
 * covered (their oldest to their newest day, merged): a day inside a span without a row is a day
 * the ECB published nothing (a weekend, a TARGET closing day), which takes the last rates before
 * it; a day outside every span is not known (a newer file has not been imported yet). A day
 * stored is never changed nor dropped: importing the same or a newer file adds the new days only,
 * and a file that gives a stored day other rates leaves it as stored (counted as differing).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "./database.js";
import { openPlainDatabase } from "./database.js";
import { SQLITE_SIDE_FILES } from "./privateFiles.js";
import { addDays, daysBetween, EUR, isCalendarDay, USD, type UsdRate } from "./usdConversion.js";

export const RATES_DATABASE_FILE = "rates.db";
export const DEMO_RATES_DATABASE_FILE = "demo-rates.db";

/** The rates' file under --data: demo mode's own, so a demo import never reaches the live one. */
export function ratesDatabasePath(dataDir: string, mode: "demo" | "live"): string {
  return join(dataDir, mode === "demo" ? DEMO_RATES_DATABASE_FILE : RATES_DATABASE_FILE);
}

/** The gateway's rates: demo mode's file emptied first, as the demo accounts' are at each start. */
export function openExchangeRates(dataDir: string, mode: "demo" | "live"): ExchangeRateStore {
  const path = ratesDatabasePath(dataDir, mode);
  if (mode === "demo") for (const suffix of SQLITE_SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
  return new ExchangeRateStore(path);
}

/**
 * How far before a day its rate may be looked for: the ECB publishes on TARGET working days
 * (closed on 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December), so the longest
 * run without rates is 4 days (eurofxref-hist.csv of 2026-04-13: 2025-12-24 to 2025-12-29,
 * 2026-04-02 to 2026-04-07). A day with no rate within this many days before it is missing.
 */
export const RATE_LOOKBACK_DAYS = 10;
/** Lookups kept in memory (a tax year's disposals ask the same few hundred days again and again). */
const MAX_CACHED_LOOKUPS = 10_000;
/** The longest range missingDays answers: 20,000 days, 54 years (the ECB's history starts on 1999-01-04). */
export const MAX_RANGE_DAYS = 20_000;

const MIGRATIONS = [
  `
  CREATE TABLE ecb_days (
    day TEXT PRIMARY KEY,
    rates TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE ecb_spans (
    start TEXT PRIMARY KEY,
    end TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE ecb_currencies (
    currency TEXT PRIMARY KEY
  ) WITHOUT ROWID;
  `,
];

/** A day of the ECB's file: its rates as canonical JSON, {"JPY":"186.75","USD":"1.1684"} (keys sorted). */
export interface RateDay {
  readonly day: string;
  readonly rates: string;
}

/** What storing some days did. */
export interface StoredDays {
  readonly added: number;
  /** Days already stored with the same rates. */
  readonly known: number;
  /** Days already stored with other rates: kept as stored. */
  readonly differing: readonly string[];
}

export class ExchangeRateStore {
  private readonly db: Db;
  private readonly insertDay;
  private readonly storedDay;
  private readonly spanBefore;
  private readonly overlappingSpans;
  private readonly deleteSpan;
  private readonly insertSpan;
  private readonly daysBack;
  private readonly insertCurrency;
  private readonly cache = new Map<string, UsdRate | null>();
  /** SQLite's count of commits by other connections (`mexc-live import` while the gateway runs): a change drops the lookups kept. */
  private readonly dataVersion;
  private seenVersion = -1;

  constructor(path: string) {
    this.db = openPlainDatabase(path, MIGRATIONS);
    this.insertDay = this.db.prepare("INSERT OR IGNORE INTO ecb_days (day, rates) VALUES (?, ?)");
    this.storedDay = this.db.prepare<[string], { rates: string }>("SELECT rates FROM ecb_days WHERE day = ?");
    this.spanBefore = this.db.prepare<[string], { start: string; end: string }>(
      "SELECT start, end FROM ecb_spans WHERE start <= ? ORDER BY start DESC LIMIT 1",
    );
    this.overlappingSpans = this.db.prepare<[string, string], { start: string; end: string }>(
      "SELECT start, end FROM ecb_spans WHERE start <= ? AND end >= ?",
    );
    this.deleteSpan = this.db.prepare("DELETE FROM ecb_spans WHERE start = ?");
    this.insertSpan = this.db.prepare("INSERT INTO ecb_spans (start, end) VALUES (?, ?)");
    this.daysBack = this.db.prepare<[string, string], { day: string; rates: string }>(
      "SELECT day, rates FROM ecb_days WHERE day <= ? AND day >= ? ORDER BY day DESC",
    );
    this.insertCurrency = this.db.prepare("INSERT OR IGNORE INTO ecb_currencies (currency) VALUES (?)");
    this.dataVersion = this.db.prepare<[], { data_version: number }>("PRAGMA data_version");
  }

  /** Stores the days not stored yet, in one transaction. */
  addDays(days: readonly RateDay[]): StoredDays {
    // The lookups kept stay: a day counts from its file's span on (addCoverage clears them).
    return this.db.transaction(() => {
      let added = 0;
      let known = 0;
      const differing: string[] = [];
      for (const { day, rates } of days) {
        if (this.insertDay.run(day, rates).changes > 0) added++;
        else if (this.storedDay.get(day)?.rates === rates) known++;
        else differing.push(day);
      }
      return { added, known, differing };
    })();
  }

  /** A file's days, oldest to newest, and its currencies: from now on the days between are known. */
  addCoverage(start: string, end: string, currencies: readonly string[]): void {
    this.db.transaction(() => {
      let from = start;
      let to = end;
      // Spans that overlap or touch [start, end] become one.
      for (const span of this.overlappingSpans.all(addDays(end, 1), addDays(start, -1))) {
        if (span.start < from) from = span.start;
        if (span.end > to) to = span.end;
        this.deleteSpan.run(span.start);
      }
      this.insertSpan.run(from, to);
      for (const currency of currencies) this.insertCurrency.run(currency);
    })();
    this.cache.clear();
  }

  /**
   * The rates that convert USD into `currency` on `day` (YYYY-MM-DD): the day's, else those of the
   * last day before it the ECB published both USD's and the currency's, at most RATE_LOOKBACK_DAYS
   * before it and within the days the imported files cover. Undefined when there are none: a day
   * no file imported covers, a currency the ECB did not publish then. USD needs no rate.
   */
  rateOn(currency: string, day: string): UsdRate | undefined {
    if (!isCalendarDay(day)) throw new RangeError(`day: ${JSON.stringify(day)} is not a YYYY-MM-DD day`);
    if (currency === USD) return { currency, day, rateDay: day, usdPerEuro: "1", currencyPerEuro: "1" };
    const version = this.dataVersion.get()?.data_version ?? 0;
    if (version !== this.seenVersion) {
      this.cache.clear();
      this.seenVersion = version;
    }
    const key = `${currency} ${day}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.look(currency, day);
    if (this.cache.size >= MAX_CACHED_LOOKUPS) this.cache.clear();
    this.cache.set(key, found ?? null);
    return found;
  }

  /** The days of [from, to] rateOn has no rates for (ascending); at most MAX_RANGE_DAYS days asked. */
  missingDays(currency: string, from: string, to: string): string[] {
    if (!isCalendarDay(from) || !isCalendarDay(to)) throw new RangeError("from, to: YYYY-MM-DD days");
    const length = daysBetween(from, to) + 1;
    if (length > MAX_RANGE_DAYS) throw new RangeError(`from-to: ${length} days, more than ${MAX_RANGE_DAYS}`);
    const missing: string[] = [];
    for (let day = from; day <= to; day = addDays(day, 1))
      if (this.rateOn(currency, day) === undefined) missing.push(day);
    return missing;
  }

  /** The currencies the imported files have a column for, and EUR and USD; sorted. */
  currencies(): string[] {
    const stored = this.db.prepare<[], { currency: string }>("SELECT currency FROM ecb_currencies").all();
    return [...new Set([EUR, USD, ...stored.map((row) => row.currency)])].sort();
  }

  /** The newest day stored, null before any import. */
  newestDay(): string | null {
    return (
      this.db.prepare<[], { day: string }>("SELECT day FROM ecb_days ORDER BY day DESC LIMIT 1").get()?.day ?? null
    );
  }

  /** The spans of days the imported files cover, oldest first. */
  coverage(): { start: string; end: string }[] {
    return this.db.prepare<[], { start: string; end: string }>("SELECT start, end FROM ecb_spans ORDER BY start").all();
  }

  close(): void {
    this.db.close();
  }

  private look(currency: string, day: string): UsdRate | undefined {
    const span = this.spanBefore.get(day);
    if (span === undefined || span.end < day) return undefined;
    const lookback = addDays(day, -RATE_LOOKBACK_DAYS);
    // Days as YYYY-MM-DD: their text order is their order.
    const floor = span.start.localeCompare(lookback) > 0 ? span.start : lookback;
    for (const row of this.daysBack.all(day, floor)) {
      const rates = JSON.parse(row.rates) as Record<string, string>;
      const usdPerEuro = rates[USD];
      const currencyPerEuro = currency === EUR ? "1" : rates[currency];
      if (usdPerEuro !== undefined && currencyPerEuro !== undefined) {
        return { currency, day, rateDay: row.day, usdPerEuro, currencyPerEuro };
      }
    }
    return undefined;
  }
}
