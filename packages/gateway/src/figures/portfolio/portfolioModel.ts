/**
 * The portfolio's read model (the figures by asset, figures/portfolio/), kept by the account's
 * keeper (figures/keeper.ts) current with its store, its readings (store/portfolioMarks.ts) ready
 * for any range:
 *
 *   - what the store took in since the last look (store.takeChanges(): new fills, new or changed
 *     transfers) is applied to the head when it is all newer than the head, else the portfolio is
 *     recomputed from the checkpoint of the first day it touches; fills valued at last, and
 *     candles for what waited on one, are recomputed from there the same way: only a new event
 *     older than the openings' derivation (BuiltOn.derivedAt) sends a recompute to scratch;
 *   - a recompute replays the events from there (figures/portfolio/portfolioEvents.ts) in slices of at most
 *     SLICE_MS, yielding to the event loop between them, so the gateway keeps answering;
 *   - a recompute from scratch (the first, a new opening cost, balances no event explains) first
 *     works out the openings: what was held before the known history;
 *   - a restart resumes from the checkpoint before the last event kept (or before what waited on
 *     a price then), not from scratch;
 *   - readings (every asset's totals at a mark) are kept parsed for the next read, forgotten from
 *     where a mark is written; a recompute leaves them at the days' starts it passes (midnight
 *     UTC and the zones read in: readingMoments.ts), so a range by day after it reads a row a
 *     day, not a mark per asset.
 *
 * `ready()` resolves once the head and the marks take in everything stored so far.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import { DAY_MS, dec, exact, fixedDecimal, ZERO } from "@mexc-live/protocol";
import type { Logger } from "../../logging.js";
import type { GatewayStore, StoreChanges } from "../../store/index.js";
import { openingsInSlices } from "../figuresFromStore.js";
import { Passes } from "../passes.js";
import type { PastPrices } from "../pastPrices.js";
import type { PriceBook } from "../priceBook.js";
import { nextTurn, Slicer } from "../sliceBudget.js";
import { compareEvents, type PortfolioEvent } from "./events.js";
import { type AssetTotals, Portfolio } from "./portfolio.js";
import { BUCKET_MS, eventSource, type HistoryBound } from "./portfolioEvents.js";
import {
  MAX_READING_OFFSETS,
  MIN_READINGS_AT_OFFSET,
  type ReadingLeft,
  ReadingMoments,
  ReadingsLeft,
} from "./readingMoments.js";
import { totalsOfText, totalsText } from "./totalsText.js";

/**
 * A day's checkpoint is written once the events since the last one reach a quarter of the FIFO
 * lots held, in the last RECENT_CHECKPOINT_DAYS days of the history (where late fills land: a
 * reconnect's gap, a reconciliation; and where a restart resumes); further back once they reach
 * FAR_EVENTS_PER_LOT times the lots. A recompute from an older day rewrites every mark after it
 * anyway, so a sparser checkpoint there adds little to it, while a build from scratch wrote one a
 * day: 366 at a million fills, 46 MB, 1.3 s of its 9.8 (BENCHMARKS.md, issue 39, session 17).
 */
const CHECKPOINT_EVENTS_PER_LOT = 4;
const FAR_EVENTS_PER_LOT = 8;
const RECENT_CHECKPOINT_DAYS = 7;
/** Marks written per transaction by a recompute. */
const MARKS_PER_WRITE = 5_000;
/**
 * Readings (every asset's totals at one mark) kept parsed, the most recently used: a year of PnL
 * by day is 367 of them (its weeks and months start on its days), read again at each new figure;
 * about 55 kB each with 22 assets (BENCHMARKS.md), so 22 MB an account at most.
 */
export const MAX_KEPT_READINGS = 400;
/** Readings written to the store in one turn of the event loop, at most about this many bytes of marks. */
const READING_BYTES_PER_TURN = 256 * 1024;
/**
 * Bumped when the portfolio's rules or its marks' form change: marks built by another version are
 * rebuilt. 2: marks as totalsText (they were JSON).
 */
const RULES_VERSION = 2;

export interface PortfolioModelDeps {
  readonly store: GatewayStore;
  readonly prices: PastPrices;
  readonly book: PriceBook;
  readonly logger: Logger;
  /** Candles the valuation waits for (the fetcher's want). */
  readonly onWanted?: (candles: ReturnType<PastPrices["takeWanted"]>) => void;
  /** The figures changed (a recompute finished): browsers may want to read them again. */
  readonly onRecomputed?: (from: number) => void;
  /** The local clock (ms). */
  readonly now?: () => number;
  /** Fills stored from which a build from scratch reads them ahead on a worker (READ_AHEAD_FROM). */
  readonly readAheadFrom?: number;
}

/**
 * A build from scratch reads the fills ahead on a worker thread (store/fillsAhead.ts) from this
 * many fills stored: the worker's start (tens of ms) would cost more than it saves on a short
 * history (the demo's portfolio is built again from scratch every few seconds while its history is
 * read), and at this size it saves ~0.15 s.
 */
const READ_AHEAD_FROM = 100_000;

/** The end of the bucket holding `time`: where its mark is. */
function bucketEnd(time: number): number {
  return Math.floor(time / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
}

/** Whether a day's checkpoint is due: `events` since the last one, `lots` held, the day `recent` in the history. */
export function checkpointDue(events: number, lots: number, recent: boolean): boolean {
  return recent ? events * CHECKPOINT_EVENTS_PER_LOT >= lots : events >= FAR_EVENTS_PER_LOT * lots;
}

function dayStart(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

interface BuiltOn {
  readonly version: number;
  readonly quote: string;
  /** When the known history starts: the first event, or the backfill's reach if earlier. */
  readonly start: number | null;
  /**
   * When the openings were worked out from the balances: an event older than this that the store
   * takes in later (the backfill, an import) was in those balances already, so it changes what was
   * held before the history, and the portfolio is recomputed from scratch.
   */
  readonly derivedAt: number;
  readonly openings: readonly Pick<OpeningPosition, "asset" | "quantity" | "time" | "costPrice" | "source">[];
}

/** What portfolio_meta keeps: what the marks were built on, and what waited on a price then. */
interface SavedMeta extends BuiltOn {
  /** The earliest moment whose valuation waited on a price at the last recompute (recomputed on a restart). */
  readonly pendingFrom?: number;
  /** The openings' prices were still being fetched: a restart recomputes from scratch. */
  readonly openingsPending?: true;
}

/** A walk of the history: its events, and the fills it left out so far for a pair the symbol list lacks. */
export interface History {
  readonly events: Iterable<PortfolioEvent>;
  readonly unmapped: number;
}

export class PortfolioModel {
  private head = new Portfolio();
  private lastEvent: PortfolioEvent | undefined;
  private builtOn: BuiltOn | undefined;
  /** Recomputes, one at a time, from the earliest point asked for (-Infinity: from scratch); held until start(). */
  private readonly passes: Passes;
  private readonly notStarted: () => void;
  /**
   * The earliest new event (fill, transfer) asked to be taken in since the last recompute began:
   * older than the openings' derivation, it was in the balances they came from, so the next
   * recompute goes from scratch. A restart's resume (the last event kept, or what waited on a price
   * if earlier), a valuation and a candle bring no new event: they recompute from the checkpoint
   * before them, however old (the balances check still catches what the history lacks).
   */
  private newEventsFrom = Number.POSITIVE_INFINITY;
  private started = false;
  private closed = false;
  /** The earliest moment whose valuation waited on a candle at the last recompute. */
  private pendingFrom: number | undefined;
  /** The openings' market prices were still being fetched at the last recompute from scratch. */
  private openingsPending = false;
  /** What the balances and the head disagreed on right after the last recompute from scratch. */
  private unexplainedAfterScratch: string | undefined;
  private recomputes = 0;
  private lastRecomputeFrom: number | undefined;
  /** Events applied since the last checkpoint was written. */
  private sinceCheckpoint = 0;
  /** Where the history's last RECENT_CHECKPOINT_DAYS days start (checkpoints are dense from there). */
  private recentFrom = Number.NEGATIVE_INFINITY;
  /** Readings kept parsed, by mark time (least recently used first); dropped from where a mark is written. */
  private readonly readings = new Map<number, ReadonlyMap<string, AssetTotals>>();
  /** Readings made since the last write to the store (each asset's mark), by time. */
  private readonly unsavedReadings = new Map<number, ReadonlyMap<string, string>>();
  private savingReadings: Promise<void> | undefined;
  /** Marks made by a recompute, not written yet (written in batches). */
  private unwritten: [time: number, asset: string, totals: string][] = [];

  constructor(private readonly deps: PortfolioModelDeps) {
    this.passes = new Passes(
      ({ from }) => this.recompute(from),
      (error) => this.deps.logger.error({ err: error }, "portfolio recompute failed"),
    );
    this.notStarted = this.passes.hold();
    let from = Number.NEGATIVE_INFINITY;
    const meta = deps.store.portfolio.meta();
    if (meta !== undefined) {
      try {
        const { pendingFrom, openingsPending, ...builtOn } = JSON.parse(meta.builtOn) as SavedMeta;
        if (builtOn.version === RULES_VERSION && builtOn.quote === deps.prices.quote) {
          this.builtOn = builtOn;
          // Resume from the last day kept: the head is that day's checkpoint and what came after.
          if (meta.headTime !== undefined && openingsPending !== true) {
            from = Math.min(meta.headTime, pendingFrom ?? meta.headTime);
          }
        }
      } catch {
        from = Number.NEGATIVE_INFINITY;
      }
    }
    void this.passes.request(from);
  }

  /** Starts computing (once the symbol list is known: fills are split into base and quote by it). */
  start(): void {
    this.started = true;
    this.notStarted();
  }

  /** Takes in what the store stored since the last look; call after every write (cheap when nothing changed). */
  poll(): void {
    const changes = this.deps.store.takeChanges();
    const { fills, transfers, valued } = changes;
    const onlyNewFills = fills !== undefined && transfers === undefined && valued === undefined;
    if (onlyNewFills && this.idle() && this.appendFills(fills)) return;
    this.takeIn(changes);
  }

  /** Candles were stored: what waited on them is recomputed (from scratch if the openings did). */
  pricesArrived(): void {
    if (this.pendingFrom !== undefined) void this.passes.request(this.pendingFrom);
  }

  /** Recomputes from `from`, taking in new events from there (default: from scratch, openings included). */
  invalidate(from = Number.NEGATIVE_INFINITY): void {
    this.newEventsFrom = Math.min(this.newEventsFrom, from);
    void this.passes.request(from);
  }

  /** Recomputes from the earliest change: new events as `invalidate`, valuations from their checkpoint. */
  private takeIn(changes: StoreChanges): void {
    const events = [changes.fills, changes.transfers].filter((time): time is number => time !== undefined);
    if (events.length > 0) this.invalidate(Math.min(...events));
    if (changes.valued !== undefined) void this.passes.request(changes.valued);
  }

  /** No recompute due or under way. */
  private idle(): boolean {
    return !this.passes.busy && !this.passes.due;
  }

  /**
   * Compares the head with the balances: a balance no event explains (a movement the history does
   * not hold) changes what was held before the history, so the portfolio is recomputed from
   * scratch, once for each new disagreement. Call when the account is quiet (no event in flight).
   * Returns the assets that disagree.
   */
  checkBalances(): string[] {
    if (!this.idle() || this.builtOn === undefined) return [];
    const unexplained = this.unexplained();
    const signature = JSON.stringify(unexplained);
    if (unexplained.length === 0 || signature === this.unexplainedAfterScratch)
      return unexplained.map(([asset]) => asset);
    this.deps.logger.info(
      { unexplained: Object.fromEntries(unexplained) },
      "balances the history does not explain: portfolio recomputed",
    );
    this.invalidate();
    return unexplained.map(([asset]) => asset);
  }

  /** Per asset, balance - what the head holds, where they differ. */
  private unexplained(): [string, string][] {
    const held = new Map(
      this.head.assets().map((asset) => [asset, fixedDecimal(this.head.totals(asset)?.quantity ?? 0n)]),
    );
    const out: [string, string][] = [];
    for (const balance of this.deps.store.balances({ includeZero: true })) {
      const total = dec(balance.free).plus(dec(balance.locked));
      const mine = held.get(balance.asset) ?? ZERO;
      held.delete(balance.asset);
      if (!mine.eq(total)) out.push([balance.asset, exact(total.minus(mine))]);
    }
    for (const [asset, quantity] of held) if (!quantity.eq(0)) out.push([asset, exact(quantity.times(-1))]);
    return out.sort(([a], [b]) => a.localeCompare(b));
  }

  /** Resolves once everything stored so far is in the head and the marks. */
  async ready(): Promise<void> {
    this.poll();
    if (!this.closed) await this.passes.idle();
  }

  /** Whether the head holds everything the store was last seen to take in (no recompute due or under way). */
  isCurrent(): boolean {
    return this.started && this.builtOn !== undefined && this.idle();
  }

  /** Every asset's totals now (after ready()). */
  headTotals(): Map<string, AssetTotals> {
    return new Map(this.head.assets().map((asset) => [asset, this.head.totals(asset) as AssetTotals]));
  }

  /**
   * Every asset's totals at `time`, a bucket boundary (after ready()): what the marks at or before
   * it hold. Kept for the next read (at most MAX_KEPT_READINGS) until a mark at or before it is
   * written, and in the store for the reads after a restart (a row instead of a mark per asset).
   */
  totalsAt(time: number): ReadonlyMap<string, AssetTotals> {
    const kept = this.readings.get(time);
    if (kept !== undefined) {
      this.readings.delete(time); // most recently used last
      this.readings.set(time, kept);
      return kept;
    }
    const current = this.idle();
    const stored = current ? this.storedReading(time) : undefined;
    if (stored !== undefined) {
      this.keepReading(time, stored);
      return stored;
    }
    const marks = this.deps.store.portfolio.at(time, this.head.assets());
    const out = new Map<string, AssetTotals>();
    for (const [asset, text] of marks) out.set(asset, totalsOfText(text));
    if (current) {
      this.keepReading(time, out);
      this.saveReadingSoon(time, marks);
    }
    return out;
  }

  /** Resolves once the readings made so far are in the store (a test's, the bench's or a shutdown's wait). */
  async settled(): Promise<void> {
    while (this.savingReadings !== undefined) await this.savingReadings;
  }

  private keepReading(time: number, totals: ReadonlyMap<string, AssetTotals>): void {
    this.readings.set(time, totals);
    if (this.readings.size > MAX_KEPT_READINGS) this.readings.delete(this.readings.keys().next().value as number);
  }

  /** The reading the store keeps for `time`; undefined when none, or one that does not parse (all are dropped then). */
  private storedReading(time: number): Map<string, AssetTotals> | undefined {
    try {
      // A row that is not a list of [asset, mark] pairs throws here, a mark that is not one totalsText wrote below.
      const marks = this.deps.store.portfolio.reading(time);
      if (marks === undefined) return undefined;
      const out = new Map<string, AssetTotals>();
      for (const [asset, text] of marks) out.set(asset, totalsOfText(text));
      return out;
    } catch (error) {
      this.deps.logger.warn(
        { err: error },
        "a stored portfolio reading does not parse: readings read from the marks again",
      );
      this.deps.store.portfolio.dropReadingsFrom(Number.NEGATIVE_INFINITY);
      return undefined;
    }
  }

  /**
   * Writes a reading to the store at a later turn, with those made meanwhile, at most
   * READING_BYTES_PER_TURN of them a turn (a year by day at 22 assets is 1.6 MB).
   */
  private saveReadingSoon(time: number, marks: ReadonlyMap<string, string>): void {
    this.unsavedReadings.set(time, marks);
    this.savingReadings ??= this.saveReadings().finally(() => {
      this.savingReadings = undefined;
    });
  }

  private async saveReadings(): Promise<void> {
    while (this.unsavedReadings.size > 0) {
      await nextTurn();
      if (this.closed || !this.deps.store.isOpen) {
        this.unsavedReadings.clear();
        return;
      }
      const batch: [number, ReadonlyMap<string, string>][] = [];
      let bytes = 0;
      for (const [time, marks] of this.unsavedReadings) {
        batch.push([time, marks]);
        this.unsavedReadings.delete(time);
        for (const text of marks.values()) bytes += text.length;
        if (bytes >= READING_BYTES_PER_TURN) break;
      }
      this.deps.store.portfolio.putReadings(batch);
    }
  }

  /** Forgets the readings a mark at `time` changes (those at or after it), kept and stored; all of them by default. */
  private forgetReadings(time = Number.NEGATIVE_INFINITY): void {
    for (const at of this.readings.keys()) if (at >= time) this.readings.delete(at);
    for (const at of this.unsavedReadings.keys()) if (at >= time) this.unsavedReadings.delete(at);
    this.deps.store.portfolio.dropReadingsFrom(time);
  }

  /** The openings the portfolio stands on (what was held before the known history). */
  openings(): readonly OpeningPosition[] {
    return (this.builtOn?.openings ?? []).map((opening) => ({ ...opening, quote: this.deps.prices.quote }));
  }

  /**
   * The history as the portfolio reads it, from the start, up to `until` (the tax report's walk);
   * nothing before the first build (after ready() there is one).
   */
  history(until: HistoryBound): History {
    if (this.builtOn === undefined) return { events: [], unmapped: 0 };
    const source = this.source(this.builtOn);
    const events = source.events(Number.NEGATIVE_INFINITY, until);
    return {
      events,
      get unmapped() {
        return source.unmapped;
      },
    };
  }

  /** When the known history starts (undefined without any history). */
  historyStart(): number | undefined {
    return this.builtOn?.start ?? undefined;
  }

  /**
   * Whether an event before `time` is unpriced only for now: its past price is still being
   * fetched (the portfolio is recomputed from it once the price is in).
   */
  pricesPendingBefore(time: number): boolean {
    return this.pendingFrom !== undefined && this.pendingFrom < time;
  }

  stats(): {
    readonly events: number;
    readonly recomputes: number;
    /** Where the last recompute started: -Infinity from scratch, else a day's checkpoint. */
    readonly lastRecomputeFrom: number | undefined;
    readonly waitingOnPrices: boolean;
  } {
    return {
      events: this.head.events,
      recomputes: this.recomputes,
      lastRecomputeFrom: this.lastRecomputeFrom,
      waitingOnPrices: this.pendingFrom !== undefined,
    };
  }

  close(): void {
    this.closed = true;
    this.passes.close();
  }

  /** New fills all after the head: applied to it. False when they are not (a recompute is needed). */
  private appendFills(from: number): boolean {
    const last = this.lastEvent;
    if (last === undefined || this.builtOn === undefined || from < last.time || from < this.builtOn.derivedAt) {
      return false;
    }
    const source = this.source(this.builtOn);
    const added: PortfolioEvent[] = [];
    for (const event of source.trades(last.time)) if (compareEvents(event, last) > 0) added.push(event);
    for (const event of added) this.applyToHead(event, true);
    this.saveMeta(this.lastEvent?.time);
    return true;
  }

  private applyToHead(event: PortfolioEvent, writeMarks: boolean): void {
    const last = this.lastEvent;
    if (last !== undefined && dayStart(event.time) > dayStart(last.time)) this.checkpointIfDue(dayStart(event.time));
    this.sinceCheckpoint++;
    this.head.apply(event);
    this.lastEvent = event;
    if (writeMarks) {
      this.markBucket(bucketEnd(event.time), this.head.takeChanged());
      this.flushMarks();
    }
  }

  /**
   * The state before `day`'s first event, kept when due: a checkpoint costs its FIFO lots to write,
   * a recompute the events since the last checkpoint to replay, so one is written once those
   * events reach a quarter of the lots (each day when lots are few), in older history eight times
   * the lots (CHECKPOINT_EVENTS_PER_LOT).
   */
  private checkpointIfDue(day: number): void {
    if (!checkpointDue(this.sinceCheckpoint, this.head.lotCount(), day >= this.recentFrom)) return;
    this.flushMarks();
    this.deps.store.portfolio.putCheckpoint(day, JSON.stringify(this.head.checkpoint()));
    this.sinceCheckpoint = 0;
  }

  /** The start of the history's last RECENT_CHECKPOINT_DAYS days: before its newest fill (or now, if earlier). */
  private recentDays(): number {
    let newest = Number.NEGATIVE_INFINITY;
    for (const { time } of Object.values(this.deps.store.lastFillPerSymbol())) newest = Math.max(newest, time);
    const end = Math.min(newest, (this.deps.now ?? Date.now)());
    return Number.isFinite(end) ? dayStart(end) - RECENT_CHECKPOINT_DAYS * DAY_MS : Number.NEGATIVE_INFINITY;
  }

  /** Marks of the assets that moved in the bucket ending at `time`, kept until flushMarks() (and in `latest`, when given). */
  private markBucket(time: number, assets: readonly string[], latest?: Pick<ReadingsLeft, "set">): void {
    for (const asset of assets) {
      const totals = this.head.totals(asset) as AssetTotals;
      const text = totalsText(totals);
      this.unwritten.push([time, asset, text]);
      latest?.set(asset, text, totals);
    }
    if (this.unwritten.length >= MARKS_PER_WRITE) this.flushMarks();
  }

  /**
   * Writes a recompute's readings to the store, at most READING_BYTES_PER_TURN of them a turn,
   * and keeps those it left with their totals (the latest) as a read keeps what it made. False
   * when the model closed meanwhile.
   */
  private async putReadings(readings: readonly ReadingLeft[]): Promise<boolean> {
    let batch: [number, ReadonlyMap<string, string>][] = [];
    let bytes = 0;
    for (const { time, marks, totals } of readings) {
      if (totals !== undefined) this.keepReading(time, totals);
      batch.push([time, marks]);
      for (const text of marks.values()) bytes += text.length;
      if (bytes < READING_BYTES_PER_TURN) continue;
      this.deps.store.portfolio.putReadings(batch);
      batch = [];
      bytes = 0;
      await nextTurn();
      if (this.closed || !this.deps.store.isOpen) return false;
    }
    this.deps.store.portfolio.putReadings(batch);
    return true;
  }

  /** Writes the marks kept so far, in one transaction. */
  private flushMarks(): void {
    if (this.unwritten.length === 0) return;
    let first = Number.POSITIVE_INFINITY;
    for (const [time] of this.unwritten) first = Math.min(first, time);
    this.forgetReadings(first);
    this.deps.store.portfolio.putMarks(this.unwritten);
    this.unwritten = [];
  }

  /** Keeps what the marks stand on, where the head ends (undefined: a recompute is under way) and what waits on a price. */
  private saveMeta(headTime: number | undefined): void {
    const pending = this.pendingFrom;
    const saved: SavedMeta = {
      ...(this.builtOn as BuiltOn),
      ...(pending === undefined ? {} : Number.isFinite(pending) ? { pendingFrom: pending } : { openingsPending: true }),
    };
    this.deps.store.portfolio.setMeta(JSON.stringify(saved), headTime);
  }

  private source(builtOn: BuiltOn) {
    return eventSource({
      store: this.deps.store,
      prices: this.deps.prices,
      marketOf: (symbol) => this.deps.book.marketOf(symbol),
      start: builtOn.start ?? undefined,
      openings: builtOn.openings.map((opening) => ({ ...opening, quote: this.deps.prices.quote })),
    });
  }

  private async recompute(from: number): Promise<void> {
    const started = performance.now();
    const { store } = this.deps;
    const marks = store.portfolio;
    let start = Number.NEGATIVE_INFINITY;
    let portfolio: Portfolio | undefined;
    // Where the readings kept fall (the zones read so far), before this recompute forgets them.
    const moments = new ReadingMoments(marks.readingOffsets(MIN_READINGS_AT_OFFSET, MAX_READING_OFFSETS - 1));
    // History the openings' balances held already changes what was held before it: from scratch.
    const newEventsFrom = this.newEventsFrom;
    this.newEventsFrom = Number.POSITIVE_INFINITY;
    const known = this.builtOn !== undefined && this.builtOn.start !== null && newEventsFrom >= this.builtOn.derivedAt;
    if (Number.isFinite(from) && known) {
      const checkpoint = marks.checkpoint(dayStart(from));
      if (checkpoint !== undefined) {
        const restored = new Portfolio();
        if (restored.restore(JSON.parse(checkpoint.state))) {
          portfolio = restored;
          start = checkpoint.time;
        }
      }
    }
    if (portfolio === undefined) {
      const openings = await this.workOutOpenings();
      if (openings === undefined) return;
      this.builtOn = { version: RULES_VERSION, quote: this.deps.prices.quote, ...openings };
      marks.clear();
      portfolio = new Portfolio();
    } else marks.dropAfter(start);
    // A reading at or before `start` holds marks this recompute keeps (it writes those after it).
    this.forgetReadings(Number.isFinite(start) ? start + 1 : Number.NEGATIVE_INFINITY);
    this.saveMeta(undefined);
    // What the store took in so far is read by this replay, unless it is older than where it starts.
    const changes = store.takeChanges();
    const older = (time: number | undefined) => (time !== undefined && time < start ? time : undefined);
    this.takeIn({ fills: older(changes.fills), transfers: older(changes.transfers), valued: older(changes.valued) });

    this.head = portfolio;
    this.lastEvent = undefined;
    this.recentFrom = this.recentDays();
    const source = this.source(this.builtOn as BuiltOn);
    // Each asset's last mark so far, and the readings left at the moments passed (readingMoments.ts).
    const readings = new ReadingsLeft(
      moments,
      MAX_KEPT_READINGS,
      Number.isFinite(start) ? { time: start, marks: marks.at(start, portfolio.assets()) } : undefined,
    );
    let open: number | undefined;
    // The day whose checkpoint holds the state before its first event (the one restored from stays).
    let day = Number.isFinite(start) ? start : undefined;
    this.sinceCheckpoint = 0;
    const slicer = new Slicer();
    // From scratch (a walk of the whole history), a long history's fills are read ahead on a
    // worker thread with its own connection (store/fillsAhead.ts): SQLite's walk of them leaves
    // the event loop.
    const ahead = !Number.isFinite(start) && store.fillsMark() >= (this.deps.readAheadFrom ?? READ_AHEAD_FROM);
    const chunks = !ahead
      ? [source.events(start)]
      : source.eventChunks(start, (reason) =>
          this.deps.logger.warn(
            { reason },
            "portfolio: fills read on the event loop (the read-ahead worker could not run)",
          ),
        );
    for await (const events of chunks) {
      for (const event of events) {
        if (this.closed) return;
        const end = bucketEnd(event.time);
        if (end !== open) {
          if (open !== undefined) this.markBucket(open, this.head.takeChanged(), readings);
          readings.passTo(end - BUCKET_MS);
        }
        if (day === undefined || dayStart(event.time) > day) {
          day = dayStart(event.time);
          this.checkpointIfDue(day);
        }
        this.sinceCheckpoint++;
        this.head.apply(event);
        this.lastEvent = event;
        open = end;
        if (slicer.up()) await slicer.pause();
      }
    }
    if (open !== undefined) this.markBucket(open, this.head.takeChanged(), readings);
    this.flushMarks();
    // Up to now: a reading after the last event holds it (a later mark forgets it, flushMarks).
    readings.passTo(bucketEnd((this.deps.now ?? Date.now)()));
    if (!(await this.putReadings(readings.left()))) return;
    if (!Number.isFinite(start)) this.unexplainedAfterScratch = JSON.stringify(this.unexplained());
    // Openings priced later are worked out again from scratch.
    const openingsWait = this.openingsPending ? Number.NEGATIVE_INFINITY : undefined;
    this.openingsPending = false;
    const waits = [openingsWait, source.pendingFrom].filter((time): time is number => time !== undefined);
    this.pendingFrom = waits.length === 0 ? undefined : Math.min(...waits);
    this.saveMeta(this.lastEvent?.time);
    this.deps.onWanted?.(this.deps.prices.takeWanted());
    this.recomputes++;
    this.lastRecomputeFrom = start;
    this.deps.logger.debug(
      {
        from: Number.isFinite(start) ? start : "start",
        events: this.head.events,
        unmapped: source.unmapped,
        ms: Math.round(performance.now() - started),
      },
      "portfolio recomputed",
    );
    this.deps.onRecomputed?.(start);
  }

  /**
   * What was held before the history, from the balances and every fill, the fills read in slices
   * (their sums per pair stand in for them: fillSums.ts). Undefined when the model closed meanwhile.
   */
  private async workOutOpenings(): Promise<Pick<BuiltOn, "start" | "openings" | "derivedAt"> | undefined> {
    const { store, book, prices } = this.deps;
    const derivedAt = (this.deps.now ?? Date.now)();
    const slicer = new Slicer();
    const worked = await openingsInSlices(
      store,
      book,
      async () => {
        if (!slicer.overdue()) return false;
        await slicer.pause();
        return this.closed;
      },
      {
        keep: "all",
        priceAt: (asset, time) => {
          const found = prices.lookup(asset, time);
          if (found.kind === "pending") this.openingsPending = true;
          return found.kind === "price" ? found.price : null;
        },
      },
    );
    if (worked === undefined) return undefined;
    const { openings, first } = worked;
    const times = [
      store.backfill().plan?.historyFrom,
      Number.isFinite(first) ? first : undefined,
      ...store
        .allTransfers()
        .slice(0, 1)
        .map((transfer) => transfer.time),
    ].filter((time): time is number => time !== undefined);
    const start = times.length === 0 ? null : Math.min(...times);
    return {
      start,
      derivedAt,
      openings: openings.map(({ asset, quantity, time, costPrice, source }) => ({
        asset,
        quantity,
        time,
        costPrice,
        source,
      })),
    };
  }
}
