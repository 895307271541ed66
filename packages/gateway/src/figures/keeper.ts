/**
 * The one keeper of an account's figures: one ledger, one loop. Every read model (readModel.ts:
 * the figures by pair, the portfolio by asset, the journal) is fed from the one cursor of the
 * ledger's legs (ledger/ledgerCursor.ts), in one pass, and checkpointed together at the start of
 * a UTC day in the one checkpoint table (store/ledgerCheckpoints.ts); what each day added to their
 * series is a row of its own. Nothing else reads the fills for a figure.
 *
 *   a leg after the last one applied (a live fill)   applied to the models at once (append)
 *   a leg before it: a late fill, a transfer, a fill valued late, a price that came in
 *                     the models resume from the last checkpoint at or before it, apart from the
 *                     models that answer meanwhile, and replace them when caught up (a pass)
 *   history the openings' balances held (the backfill, an import), balances the history does
 *   not explain, a new opening cost      a pass from scratch: the openings worked out again
 *
 * A pass runs in slices of the event loop (sliceBudget.ts), one at a time, the requests made
 * meanwhile merged into the next (passes.ts); held while an import writes. The collector tells it
 * what the store took in (`stored`), that candles came (`pricesArrived`), and when the markets are
 * known and the stream is live (`start`). It answers the portfolio's reads (PortfolioView) and
 * hands the models to the API's table (accountReads.ts: each figure's read, figureRead.ts). No network, no files but the store.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { OpeningPosition, RealizedCauses, TransferItem, UnplacedPair } from "@mexc-live/contract";
import { DAY_MS, dec, exact, fixedDecimal, ZERO } from "@mexc-live/protocol";
import { createLogger, type Logger } from "../logging.js";
import type { GatewayStore, StoreChanges } from "../store/index.js";
import { rebuildEquityHistory } from "./equityHistory.js";
import type { Figures } from "./figures.js";
import { openingsInSlices } from "./figuresFromStore.js";
import { FillPairs } from "./fillPairs.js";
import { valuePendingFills } from "./fillValuer.js";
import { HoldCount } from "./holdCount.js";
import type { CostMethod } from "./index.js";
import type { Journal } from "./journal/trips.js";
import { type HistoryBound, type LedgerCursor, ledgerCursor } from "./ledger/ledgerCursor.js";
import { KEEPER_ROWS, LedgerRows, type TextRow } from "./ledger/ledgerRows.js";
import { compareLegs, type Leg } from "./ledger/legs.js";
import { LedgerModels } from "./ledger/models.js";
import { Passes, type PassRequest } from "./passes.js";
import { type CandleSource, PastPrices, type WantedCandle } from "./pastPrices.js";
import { MarkReadings } from "./portfolio/markReadings.js";
import type { AssetTotals } from "./portfolio/portfolio.js";
import { PortfolioQueries } from "./portfolio/portfolioQueries.js";
import { ANSWER_WAIT_MS, endMark, type LedgerHistory, type PortfolioView, snap } from "./portfolio/readings.js";
import type { PriceBook } from "./priceBook.js";
import { RealizedSeries } from "./realizedMarks.js";
import { nextTurn, SLICE_MS, Slicer } from "./sliceBudget.js";

/** Fetches the candles the figures want (ingest/candleFetcher.ts, MEXC's klines). */
interface CandleWants {
  /** In the background, behind every other REST call. */
  want(candles: readonly WantedCandle[]): void;
  /** Ahead of the background's: resolves when fetched or given up. */
  wantNow(candles: readonly WantedCandle[]): Promise<void>;
}

export interface FiguresKeeperDeps {
  readonly store: GatewayStore;
  readonly book: PriceBook;
  /** The market's past prices (the candle store, shared by every account). */
  readonly candles: CandleSource;
  readonly fetcher: CandleWants;
  /** The --cost-basis setting: the method answers follow when none is asked for. */
  readonly method: CostMethod;
  readonly logger: Logger;
  /** The figures changed (a leg applied, a pass done): what browsers read may have moved. */
  readonly onChanged?: (change: FiguresChange) => void;
  /** The estimated equity history was replaced: browsers reload the equity topic. */
  readonly onEquityHistory?: () => void;
  /** Fills were valued at the prices of their time (their items changed): browsers reload the fills topic. */
  readonly onValued?: () => void;
  /** The longest a slice of a pass runs (default SLICE_MS; the tests' 0 yields at every chance). */
  readonly sliceMs?: number;
  /** The least time between two passes from scratch, ms (default MIN_SCRATCH_GAP_MS; tests 0). */
  readonly scratchGapMs?: number;
  readonly now?: () => number;
}

/** What moved the figures: legs applied as they came, or a pass that worked them out again from `from`. */
type FiguresChange = { readonly kind: "appended" } | { readonly kind: "pass"; readonly from: number };

/** What the models were built on (the keeper's meta row): anything else, and they are built from scratch. */
interface BuiltOn {
  readonly version: number;
  readonly quote: string;
  /** When the known history starts: the first event, or the backfill's reach if earlier. */
  readonly start: number | null;
  /**
   * When the openings were worked out from the balances: an event older than this that the store
   * takes in later (the backfill, an import) was in those balances already, so it changes what was
   * held before the history: a pass from scratch.
   */
  readonly derivedAt: number;
  readonly openings: readonly Pick<OpeningPosition, "asset" | "quantity" | "time" | "costPrice" | "source">[];
  /** The openings' prices were still being fetched: a price that comes sends a pass from scratch. */
  readonly openingsPending?: true;
  /**
   * The pairs whose fills the models left out (fillPairs.ts could not split them): one that is
   * placed later (an import named its assets) sends a pass from scratch, at once or at a start.
   */
  readonly unplaced?: readonly string[];
}

/** Bumped when a model's rules or its rows' form change: rows of another version are built again. */
// 2: the journal's series lines carry the time its trips held what they sold (holding times);
// the portfolio's moves told to the realized PnL by cause (realizedCauses.ts); each fill's pair
// split by fillPairs.ts, a delisted pair's fills in every model.
const RULES_VERSION = 2;

/**
 * A day's checkpoint is written once the legs since the last one reach a quarter of the lots
 * held (what a resume replays against what a checkpoint writes), in the last RECENT_CHECKPOINT_DAYS
 * days of the history (where late fills land: a reconnect's gap, a reconciliation; and where a
 * restart resumes); further back once they reach FAR_LEGS_PER_LOT times the lots.
 */
const CHECKPOINT_LEGS_PER_LOT = 4;
const FAR_LEGS_PER_LOT = 8;
/** At least this many legs between two checkpoints far back (a history of few lots made one a day). */
const FAR_MIN_LEGS = 20_000;
const RECENT_CHECKPOINT_DAYS = 7;
/** Fills stored since the last look applied one by one at most; more and a pass takes them (a backfill's, an import's size). */
const MAX_APPEND = 10_000;
/** The head is compared with the balances this often (a disagreement counts when two checks see it). */
const BALANCE_CHECK_MS = 5_000;
/**
 * Between two passes from scratch at least this long, and twice the last one's time (at most
 * MAX_SCRATCH_GAP_MS): a first backfill stores a window of older fills every few hundred ms, each
 * sending the figures back to scratch; one pass then takes in several windows (the demo made 180
 * passes from scratch in its first 90 s, one a window).
 */
const MIN_SCRATCH_GAP_MS = 2_000;
const MAX_SCRATCH_GAP_MS = 30_000;
/** After a recheck time (recheckSoon), MEXC is given this long to show the candle that closed then. */
const RECHECK_MARGIN_MS = 5_000;
/** The estimated equity waits this long after a change, so a burst of them rebuilds it once. */
const EQUITY_HISTORY_DELAY_MS = 1_000;

/** The share of a slice after which a day's end waits for the next slice (keeper's pass). */
const DAY_END_SLICE_SHARE = 0.5;

function checkpointDue(legs: number, lots: number, recent: boolean): boolean {
  return recent ? legs * CHECKPOINT_LEGS_PER_LOT >= lots : legs >= Math.max(FAR_MIN_LEGS, FAR_LEGS_PER_LOT * lots);
}

/** Whether `step` ends the open day before `leg` with a checkpoint (one is due then). */
function checkpointBefore(models: LedgerModels, at: Position, leg: Leg): boolean {
  const day = dayStart(leg.time);
  return (
    at.openDay !== undefined &&
    day > at.openDay &&
    checkpointDue(at.sinceCheckpoint, models.portfolio.lotCount(), day >= at.recentFrom)
  );
}

function dayStart(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** Where the models stand: the last leg applied, its day (open: its series not written), legs since the last checkpoint. */
interface Position {
  last: Leg | undefined;
  openDay: number | undefined;
  sinceCheckpoint: number;
  /** Where the history's last RECENT_CHECKPOINT_DAYS days start (checkpoints are dense from there). */
  readonly recentFrom: number;
}

/** One account's read models, as its one keeper holds them: what the figure reads read (figureRead.ts). */
export interface AccountModels {
  readonly store: GatewayStore;
  readonly book: PriceBook;
  readonly keeper: FiguresKeeper;
}

export class FiguresKeeper implements PortfolioView {
  readonly prices: PastPrices;
  /** Each fill's pair as its two assets: listed, remembered or by its spelling (fillPairs.ts). */
  readonly pairs: FillPairs;
  readonly queries: PortfolioQueries;
  private live: LedgerModels;
  private builtOn: BuiltOn | undefined;
  private at: Position = { last: undefined, openDay: undefined, sinceCheckpoint: 0, recentFrom: 0 };
  /** The fills' rowid mark the models hold every fill up to. */
  private rowMark = 0;
  /** The earliest moment whose valuation waited on a candle at the last pass (a price coming resumes from it). */
  private pendingFrom: number | undefined;
  /** What the balances and the head disagreed on right after the last pass from scratch. */
  private unexplainedAfterScratch: string | undefined;
  /** What the last check of the balances found (a disagreement counts when the next finds it too). */
  private lastDisagreement: string | undefined;
  /** A pass from scratch asked for before this (performance.now(), ms) waits until then (MIN_SCRATCH_GAP_MS). */
  private scratchNotBefore = Number.NEGATIVE_INFINITY;
  private readonly rows: LedgerRows;
  private readonly readings: MarkReadings;
  private readonly realizedSeries: RealizedSeries;
  private readonly passes: Passes;
  private readonly notStarted: () => void;
  /** Valuation runs (a batch per turn of the event loop); one asked for meanwhile goes round once more. */
  private readonly valuing: Passes;
  private readonly now: () => number;
  private started = false;
  private closed = false;
  /** Something was stored while a pass ran or a hold stood: looked at once it ends. */
  private storedMeanwhile = false;
  private readonly holds = new HoldCount();
  private pricesMissed = false;
  private passCount = 0;
  private lastPassFrom: number | undefined;
  private equityTimer: NodeJS.Timeout | undefined;
  /** Looks again when a price pending with nothing to fetch may have come (recheckSoon). */
  private recheckTimer: NodeJS.Timeout | undefined;
  private recheckTimerAt = Number.POSITIVE_INFINITY;
  /** The last answer of unplaced(), and the pass and fills it was worked out at. */
  private unplacedAt: { readonly at: string; readonly pairs: UnplacedPair[] } | undefined;
  private balanceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: FiguresKeeperDeps) {
    const { store, book, candles, logger } = deps;
    this.now = deps.now ?? Date.now;
    this.prices = new PastPrices({
      quote: book.quote,
      markets: book,
      candles,
      // Before the book's first prices, one it lacks is not known yet (pending), not missing.
      live: (asset) => book.priceOf(asset) ?? (book.awaitingPrices ? undefined : null),
      now: this.now,
    });
    this.pairs = new FillPairs(book, store);
    this.rows = new LedgerRows(() => (store.isOpen ? store.checkpoints : undefined));
    this.readings = new MarkReadings(this.rows);
    this.realizedSeries = new RealizedSeries(this.rows);
    this.live = new LedgerModels(book, deps.method);
    this.passes = new Passes(
      (pass) => this.pass(pass).finally(() => this.recheckSoon()),
      // A pass the stop cut short is no failure.
      (error) => this.closed || logger.error({ err: error }, "figures: a pass of the ledger failed"),
    );
    this.notStarted = this.passes.hold();
    this.valuing = new Passes(
      () => this.valueRounds(),
      (error) => logger.error({ err: error }, "valuing fills at their time failed"),
    );
    this.queries = new PortfolioQueries({
      portfolio: this,
      prices: this.prices,
      book,
      store,
      method: deps.method,
      now: this.now,
      fetchNow: (wanted) => this.fetchNow(wanted),
    });
  }

  /** The figures by pair the models hold now (replaced by a pass: never kept by a caller). */
  get figures(): Figures {
    return this.live.pairs;
  }

  /**
   * Why the realized PnL by asset and the pairs' total differ, by `method` (realizedCauses.ts): the
   * portfolio's totals, the figures by pair and the causes of one set of models, at one moment.
   */
  realizedCauses(method: CostMethod = this.deps.method): RealizedCauses {
    const models = this.live;
    const quoteOf = (symbol: string) =>
      this.deps.book.marketOf(symbol)?.quoteAsset ??
      (symbol.endsWith(this.deps.book.quote) ? this.deps.book.quote : undefined);
    return models.realized.answer(method, models.portfolio.headTotals().values(), models.pairs.pnl(method), quoteOf);
  }

  /**
   * The same over a range, `from` to `to` (its first and last instant; `to` default now), its ends
   * moved to the marks as PnL by period's are (portfolio/readings.ts: the last mark at or before
   * each, `to + 1` for the end, never before the history starts): the figure by asset is the
   * portfolio's realized between the two marks, the causes the difference of their running sums
   * (realizedMarks.ts), the open day's from the model, the days' before from their rows.
   */
  realizedCausesOver(
    range: { readonly from: number; readonly to?: number },
    method = this.deps.method,
  ): RealizedCauses {
    const models = this.live;
    const first = this.historyStart();
    const from = Math.max(snap(range.from), first === undefined ? Number.NEGATIVE_INFINITY : snap(first));
    const to = Math.max(from, endMark(range.to ?? this.now()));
    const realizedAt = (time: number) => {
      let sum = 0n;
      for (const totals of this.totalsAt(time).values()) sum += totals.realized[method];
      return sum;
    };
    const open = this.at.openDay;
    const inModel = (time: number) => open === undefined || time > open;
    const valuesAt = (time: number) =>
      inModel(time) ? models.realized.valuesInOpenDay(time) : this.realizedSeries.valuesAt(time);
    const series = this.realizedSeries;
    function* marks() {
      if (open !== undefined && from < open) yield* series.marksBetween(from, Math.min(to, open));
      yield* models.realized.marksInOpenDay(from, to);
    }
    return models.realized.rangeAnswer(
      method,
      { from, to },
      realizedAt(to) - realizedAt(from),
      valuesAt(from),
      valuesAt(to),
      marks(),
    );
  }

  /** The journal's trips the models hold now. */
  get journal(): Journal {
    return this.live.journal;
  }

  /**
   * At a start: the models from the last whole checkpoint (their state at a day's start), the
   * legs after it applied by the first pass once the markets are known (start()). "scratch" when
   * there is none (or it was built on other rules): the first pass builds them from every leg.
   */
  load(): "checkpoint" | "scratch" {
    const meta = this.rows.get(KEEPER_ROWS, "meta", 0);
    let builtOn: BuiltOn | undefined;
    try {
      builtOn = meta === undefined ? undefined : (JSON.parse(meta) as BuiltOn);
    } catch {
      builtOn = undefined;
    }
    if (builtOn?.version !== RULES_VERSION || builtOn.quote !== this.prices.quote) {
      void this.passes.request(Number.NEGATIVE_INFINITY, true);
      return "scratch";
    }
    const day = this.rows.latestCheckpoint(Number.MAX_SAFE_INTEGER);
    const models = new LedgerModels(this.deps.book, this.deps.method);
    if (day === undefined || !models.restore(this.rows, day, undefined)) {
      void this.passes.request(Number.NEGATIVE_INFINITY, true);
      return "scratch";
    }
    this.builtOn = builtOn;
    this.live = models;
    this.at = { last: undefined, openDay: undefined, sinceCheckpoint: 0, recentFrom: this.recentDays() };
    // The legs from the checkpoint's day on: the first pass resumes there (after start()).
    void this.passes.request(day);
    return "checkpoint";
  }

  /** The markets are known and the stream is live: passes run, fills are valued, balances checked. */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.builtOn === undefined && !this.passes.due) void this.passes.request(Number.NEGATIVE_INFINITY, true);
    this.notStarted();
    void this.placeNewlyKnown();
    this.pairs.valueAgainPlaced();
    this.valueFills();
    // An import half stored is not a disagreement with the balances: no check while one writes.
    this.balanceTimer = setInterval(() => {
      // A store closed under the keeper (its owner stopped without closing the keeper) ends it.
      if (!this.deps.store.isOpen) this.close();
      else if (!this.holds.held) this.checkBalances();
    }, BALANCE_CHECK_MS);
    this.balanceTimer.unref();
  }

  /** The store took something in (fills, transfers, valuations, an import, a backfill window). */
  stored(): void {
    if (this.closed) return;
    if (this.holds.held || this.passes.busy || this.passes.due || !this.started || this.builtOn === undefined) {
      this.storedMeanwhile = true;
      return;
    }
    this.valueFills();
    const changes = this.deps.store.takeChanges();
    if (this.changesOpenings(newEventsOf(changes))) {
      void this.passes.request(Number.NEGATIVE_INFINITY, true);
      return;
    }
    const older = Math.min(changes.transfers ?? Number.POSITIVE_INFINITY, changes.valued ?? Number.POSITIVE_INFINITY);
    if (Number.isFinite(older)) {
      void this.passes.request(Math.min(older, changes.fills ?? Number.POSITIVE_INFINITY));
      return;
    }
    if (changes.fills === undefined) return;
    const from = this.append();
    if (from !== undefined) void this.passes.request(from);
  }

  /** Candles arrived: what waited on them is valued and worked out again (from scratch if the openings did). */
  pricesArrived(): void {
    if (!this.started || this.closed) return;
    if (this.holds.held) {
      this.pricesMissed = true;
      return;
    }
    this.valueFills();
    if (this.builtOn?.openingsPending === true) void this.passes.request(Number.NEGATIVE_INFINITY, true);
    else if (this.pendingFrom !== undefined) void this.passes.request(this.pendingFrom);
    this.equityHistorySoon();
  }

  /**
   * Holds the passes (and the legs applied as they come) until the returned release is called: an
   * import storing fills slice by slice is taken in once, after its last slice.
   */
  hold(): () => void {
    const release = this.passes.hold();
    return this.holds.take(() => {
      release();
      if (this.holds.held) return;
      if (this.storedMeanwhile) {
        this.storedMeanwhile = false;
        this.stored();
      }
      if (this.pricesMissed) {
        this.pricesMissed = false;
        this.pricesArrived();
      }
    });
  }

  /** Resolves when the pass taking in what the store holds now has ended. */
  request(from = Number.POSITIVE_INFINITY): Promise<void> {
    return this.passes.request(from);
  }

  /** The user gave (or forgot) what an opening position cost: everything is worked out again. */
  openingsChanged(): Promise<void> {
    return this.passes.request(Number.NEGATIVE_INFINITY, true);
  }

  /**
   * Pairs were remembered (an import named their assets, here or by `mexc-live import` before a
   * start): when a pair whose fills the models left out can be placed now, they are taken in, from
   * scratch (they move the openings too), valued again first. Resolves when that pass has ended.
   */
  async placeNewlyKnown(): Promise<void> {
    const left = this.builtOn?.unplaced ?? [];
    if (left.some((symbol) => this.pairs.marketOf(symbol) !== undefined)) {
      this.pairs.valueAgainPlaced();
      this.valueFills();
      await this.passes.request(Number.NEGATIVE_INFINITY, true);
    }
  }

  /** Adds the pairs `cursor` left out to those the models left out (a pass from scratch starts them over). */
  private noteUnplaced(cursor: LedgerCursor, fresh: boolean): void {
    const builtOn = this.builtOn;
    if (builtOn === undefined) return;
    const before = fresh ? [] : (builtOn.unplaced ?? []);
    const left = new Set([...before, ...cursor.unplaced.keys()]);
    if (left.size === before.length && !fresh) return;
    if (left.size === 0 && builtOn.unplaced === undefined) return;
    this.builtOn = { ...builtOn, unplaced: [...left].sort() };
    this.rows.put([{ model: KEEPER_ROWS, kind: "meta", day: 0, text: JSON.stringify(this.builtOn) }]);
  }

  // ------------------------------------------------------------------ the portfolio's reads

  /**
   * Resolves once the models hold everything stored so far: the pass under way and the one due
   * have ended (Passes.settled), not every pass asked for after this call (a backfill storing
   * slice after slice asks for one after another: its reads then waited for the whole history).
   */
  async ready(): Promise<void> {
    if (this.closed) return;
    if (this.started && !this.passes.busy && !this.passes.due && !this.holds.held) this.stored();
    await this.passes.settled();
    // A pass that ended with more stored meanwhile takes it in: what was said stored, and what was
    // stored unsaid (the fills a valuation round valued between its turns, before it says so).
    if ((this.storedMeanwhile || this.deps.store.hasChanges()) && this.started && !this.holds.held && !this.closed) {
      this.storedMeanwhile = false;
      this.stored();
      await this.passes.settled();
    }
  }

  /**
   * Whether the models hold everything the store took in: a fill valued at the prices of its time
   * and not yet taken in is still a leg with no value in them (no "no price or no known cost" of a
   * figure about to have both).
   */
  isCurrent(): boolean {
    return (
      this.started &&
      this.builtOn !== undefined &&
      !this.passes.busy &&
      !this.passes.due &&
      !this.holds.held &&
      !this.deps.store.hasChanges()
    );
  }

  settledAt(): number | undefined {
    return this.passes.busy ? undefined : this.passes.passes;
  }

  headTotals(): Map<string, AssetTotals> {
    return this.live.portfolio.headTotals();
  }

  /** Every asset's totals at `time`, a bucket boundary: the open day's from the model, the days' before from their rows. */
  totalsAt(time: number): ReadonlyMap<string, AssetTotals> {
    const open = this.at.openDay;
    if (open !== undefined && time > open) return this.live.portfolio.totalsInOpenDay(time);
    if (open === undefined) return this.live.portfolio.totalsInOpenDay(time);
    return this.readings.totalsAt(time);
  }

  historyStart(): number | undefined {
    return this.builtOn?.start ?? undefined;
  }

  /** The openings the models stand on (what was held before the known history). */
  openings(): readonly OpeningPosition[] {
    return (this.builtOn?.openings ?? []).map((opening) => ({ ...opening, quote: this.prices.quote }));
  }

  /** Whether a leg before `time` is unpriced only for now: its past price is still being fetched. */
  pricesPendingBefore(time: number): boolean {
    return this.pendingFrom !== undefined && this.pendingFrom < time;
  }

  /** The ledger as the models read it, from the start, up to `until` (the tax report's walk). */
  history(until: HistoryBound): LedgerHistory {
    if (this.builtOn === undefined) return { events: [], unplaced: () => [] };
    const cursor = this.cursor(this.builtOn);
    const events = cursor.legs(Number.NEGATIVE_INFINITY, until);
    return { events, unplaced: () => this.pairs.named(cursor.unplaced) };
  }

  // ------------------------------------------------------------------ health, equity

  /**
   * An equity point is measured at `time`: from now on the figures of "now" are valued at the
   * prices it used (PortfolioQueries.markMoment), and this gives the unrealized PnL of what is
   * held at them; undefined while the models do not hold everything stored, or while what they
   * cannot value waits on past prices being fetched. null only when something held has no price
   * or no known cost for good.
   */
  equityMoment(time: number): string | null | undefined {
    this.queries.markMoment(time);
    if (!this.isCurrent()) return undefined;
    const unrealized = this.queries.unrealizedNow();
    return unrealized === null && this.queries.pricesPendingBefore(time) ? undefined : unrealized;
  }

  /** What the figures are still taking in, in words (Health.figures). Empty when they hold everything stored. */
  updating(now = this.now()): string[] {
    if (!this.started || this.closed) return [];
    const out: string[] = [];
    const pending = this.deps.store.pendingValuationCount();
    if (pending > 0) out.push(`valuing ${pending} ${pending === 1 ? "fill" : "fills"} at the prices of their time`);
    if (this.holds.held) out.push("taking in an import");
    else if (!this.isCurrent()) out.push("working out the figures again");
    else if (this.pricesPendingBefore(now)) out.push("waiting on past prices from MEXC");
    return out;
  }

  /**
   * The pairs of the stored fills that cannot be placed (Health.figures.unplaced), each with its
   * fills and why; worked out again when a pass ran, fills came or pairs were remembered since the last ask.
   */
  unplaced(): UnplacedPair[] {
    // Before the start the symbol list may not be known: nothing is said yet.
    if (!this.started || this.closed) return [];
    const at = `${this.passCount}:${this.rowMark}:${this.deps.store.pairsRemembered}`;
    if (this.unplacedAt?.at === at) return this.unplacedAt.pairs;
    const pairs = this.pairs.unplaced();
    this.unplacedAt = { at, pairs };
    return pairs;
  }

  stats(): { readonly passes: number; readonly lastPassFrom: number | undefined; readonly legs: number } {
    return { passes: this.passCount, lastPassFrom: this.lastPassFrom, legs: this.live.portfolio.events };
  }

  /** Resolves once no pass runs. */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  /** Stops every pass between two slices; the rows handed over are written. */
  close(): void {
    this.closed = true;
    clearTimeout(this.equityTimer);
    clearTimeout(this.recheckTimer);
    clearInterval(this.balanceTimer);
    this.passes.close();
    this.valuing.close();
  }

  /** Stores the estimated equity history (equityHistory.ts); returns the points stored. */
  async rebuildEquityHistory(): Promise<number> {
    const built = await rebuildEquityHistory({
      store: this.deps.store,
      portfolio: this,
      prices: this.prices,
      want: (wanted) => this.deps.fetcher.want(wanted),
      now: this.now,
      closed: () => this.closed,
    });
    if (built === undefined) return 0;
    if (!built.waiting || built.points > 0) this.deps.onEquityHistory?.();
    return built.points;
  }

  // ------------------------------------------------------------------ the loop

  /**
   * The fills stored since the models' mark, applied when all of them come after the last leg
   * applied; else (or too many) the time a pass must resume from.
   */
  private append(): number | undefined {
    const { store } = this.deps;
    const mark = store.fillsMark();
    if (mark === this.rowMark) return undefined;
    const fills = store.fillsSince(this.rowMark, mark, MAX_APPEND);
    if (fills === undefined) return this.firstStoredSince();
    const builtOn = this.builtOn as BuiltOn;
    const cursor = this.cursor(builtOn);
    const legs = fills.map((fill) => cursor.legOf(fill));
    const last = this.at.last;
    const first = legs[0];
    if (first !== undefined && last !== undefined && compareLegs(first, last) <= 0) return first.time;
    const written: TextRow[] = [];
    for (const leg of legs) this.step(this.live, this.at, leg, written);
    this.rowMark = mark;
    this.rows.put(written);
    this.noteUnplaced(cursor, false);
    if (legs.length > 0) this.deps.onChanged?.({ kind: "appended" });
    return undefined;
  }

  /** The earliest fill stored since the models' mark (many were: a pass resumes from it). */
  private firstStoredSince(): number {
    return this.deps.store.firstFillStoredSince(this.rowMark) ?? Number.NEGATIVE_INFINITY;
  }

  /**
   * Applies one leg to `models` at `at`: the day it ends written first (its series, and a
   * checkpoint when due). Whether it wrote a checkpoint.
   */
  private step(models: LedgerModels, at: Position, leg: Leg, written: TextRow[]): boolean {
    const day = dayStart(leg.time);
    const checkpoint = checkpointBefore(models, at, leg) || (at.openDay === undefined && at.sinceCheckpoint < 0);
    if (at.openDay !== undefined && day > at.openDay) {
      written.push(...models.endDay(at.openDay));
      written.push({
        model: "portfolio",
        kind: "reading",
        day: at.openDay + DAY_MS,
        text: models.portfolio.startReading(),
      });
      this.readings.forgetFrom(at.openDay);
    }
    // The first leg of a pass from scratch has one too: a checkpoint of the openings alone, so a
    // late change of the first days resumes from it instead of working the openings out again.
    if (checkpoint) {
      written.push(...models.states(day), { model: KEEPER_ROWS, kind: "checkpoint", day, text: "" });
      at.sinceCheckpoint = 0;
    }
    if (at.openDay === undefined || day > at.openDay) at.openDay = day;
    models.apply(leg);
    at.last = leg;
    at.sinceCheckpoint++;
    return checkpoint;
  }

  /**
   * One pass: the models resumed from the last whole checkpoint at or before the earliest change
   * (or built from scratch), the legs from there applied in slices apart from the models that
   * answer meanwhile, which they then replace.
   */
  private async pass({ from: requested, wholly }: PassRequest): Promise<void> {
    const { store, book, logger } = this.deps;
    this.storedMeanwhile = false;
    const changes = store.takeChanges();
    const newEvents = newEventsOf(changes);
    const from = Math.min(requested, newEvents, changes.valued ?? Number.POSITIVE_INFINITY);
    let scratch = wholly || this.changesOpenings(newEvents);
    if (!scratch && !Number.isFinite(from)) {
      // Nothing older than the models: the fills stored since are applied as they come.
      const resume = this.append();
      if (resume === undefined) return;
      return this.pass({ from: resume, wholly: false });
    }
    const models = new LedgerModels(book, this.deps.method);
    let day: number | undefined;
    if (!scratch) {
      day = this.rows.latestCheckpoint(dayStart(from));
      if (day !== undefined && !models.restore(this.rows, day, this.live)) day = undefined;
      scratch = day === undefined;
    }
    // Passes from scratch one after another (a backfill's windows, each older than the history):
    // the next waits, and takes in everything stored meanwhile at once.
    const wait = this.scratchNotBefore - performance.now();
    if (scratch && this.builtOn !== undefined && wait > 0) {
      await sleep(wait, undefined, { ref: false });
      if (this.closed) return;
      this.storedMeanwhile = false;
      store.takeChanges();
    }
    const started = performance.now();
    const slicer = new Slicer(this.deps.sliceMs ?? SLICE_MS);
    let mark = store.fillsMark();
    let transfers: readonly TransferItem[] | undefined;
    if (scratch) {
      const worked = await this.workOutOpenings(slicer);
      if (worked === undefined) return;
      // The fills and transfers the openings were worked out with, no others: one moment.
      ({ mark, transfers } = worked);
      this.builtOn = worked.builtOn;
      await this.rows.clear(async () => {
        if (slicer.overdue()) await slicer.pause();
      });
      if (this.closed) return;
      models.open(
        this.openings().filter((opening) => opening.asset !== this.prices.quote && dec(opening.quantity).gt(0)),
      );
    } else {
      await this.rows.resumeFrom(day as number, async () => {
        if (slicer.overdue()) await slicer.pause();
      });
      if (this.closed) return;
    }
    this.readings.forgetFrom(day ?? Number.NEGATIVE_INFINITY);
    this.rows.put([{ model: KEEPER_ROWS, kind: "meta", day: 0, text: JSON.stringify(this.builtOn) }]);
    const builtOn = this.builtOn as BuiltOn;
    const cursor = this.cursor(builtOn, transfers);
    // From scratch, -1: the first leg's day gets a checkpoint (step).
    const at: Position = {
      last: undefined,
      openDay: undefined,
      sinceCheckpoint: scratch ? -1 : 0,
      recentFrom: this.recentDays(),
    };
    const start = day ?? Number.NEGATIVE_INFINITY;
    let written: TextRow[] = [];
    let checkpointed = false;
    for (const leg of cursor.legs(start, { to: Number.MAX_SAFE_INTEGER, upToRow: mark })) {
      // A day's end (its series: ~5 ms at 100,000 fills, more with the history) begins a slice of
      // its own, unless this one has run less than half its time. A checkpoint's always does, and
      // ends it: every model's state and the collection it brings took up to ~50 ms at 1M fills.
      const endsDay = at.openDay !== undefined && leg.time >= at.openDay + DAY_MS;
      const checkpoint = endsDay && checkpointBefore(models, at, leg);
      if (checkpointed || slicer.up() || (endsDay && slicer.overdue(checkpoint ? 0 : DAY_END_SLICE_SHARE))) {
        // The large rows deflated off the loop; written before the next slice: a read between two
        // slices finds every row the pass has made so far (a reading it forgot, a day's marks).
        await this.rows.write(written);
        written = [];
        await slicer.pause();
        if (this.closed) return;
      }
      // A checkpoint counts the journal's trips: those of before a start, still to be read back
      // (half a million at a million fills: ~3 s of CPU), are read in slices first, not at once.
      if (models.journal.readingBack && checkpoint) {
        await models.journal.load();
        if (this.closed) return;
      }
      checkpointed = this.step(models, at, leg, written);
    }
    await this.rows.write(written);
    if (this.closed) return;
    this.noteUnplaced(cursor, scratch);
    this.live = models;
    this.at = at;
    this.rowMark = mark;
    this.pendingFrom = builtOn.openingsPending === true ? Number.NEGATIVE_INFINITY : cursor.pendingFrom;
    if (scratch) {
      this.unexplainedAfterScratch = JSON.stringify(this.unexplained());
      const took = performance.now() - started;
      const least = this.deps.scratchGapMs ?? MIN_SCRATCH_GAP_MS;
      this.scratchNotBefore =
        performance.now() + Math.min(MAX_SCRATCH_GAP_MS, Math.max(least, least === 0 ? 0 : 2 * took));
    }
    this.deps.fetcher.want(this.prices.takeWanted());
    this.passCount++;
    this.lastPassFrom = start;
    logger.debug(
      {
        from: Number.isFinite(start) ? start : "start",
        legs: models.portfolio.events,
        unplaced: cursor.unplaced.size,
        ms: Math.round(performance.now() - started),
        slices: slicer.slices,
      },
      "figures worked out again",
    );
    this.deps.onChanged?.({ kind: "pass", from: start });
    this.equityHistorySoon();
    // What the store took in meanwhile, once this pass is done (the next turn, not inside it).
    if (this.storedMeanwhile) {
      this.storedMeanwhile = false;
      queueMicrotask(() => this.stored());
    }
  }

  /**
   * Whether events new to the models from `newEvents` (ms) change what was held before the
   * history: older than the openings' derivation, the balances they came from held them already;
   * older than the history's start, the openings move before them; no history at all was known
   * then, the first events place the openings in time.
   */
  private changesOpenings(newEvents: number): boolean {
    const builtOn = this.builtOn;
    if (builtOn === undefined) return true;
    if (!Number.isFinite(newEvents)) return false;
    return builtOn.start === null || newEvents < builtOn.derivedAt || newEvents < builtOn.start;
  }

  private cursor(builtOn: BuiltOn, transfers?: readonly TransferItem[]): LedgerCursor {
    return ledgerCursor({
      store: this.deps.store,
      prices: this.prices,
      marketOf: (symbol) => this.pairs.marketOf(symbol),
      start: builtOn.start ?? undefined,
      openings: this.openings(),
      ...(transfers === undefined ? {} : { transfers }),
    });
  }

  /**
   * What was held before the history, from the balances and every fill, read in slices (their
   * sums per pair stand in for them: fillSums.ts). Undefined when the keeper closed meanwhile.
   */
  private async workOutOpenings(
    slicer: Slicer,
  ): Promise<{ builtOn: BuiltOn; mark: number; transfers: readonly TransferItem[] } | undefined> {
    const { store } = this.deps;
    const derivedAt = this.now();
    let pending = false;
    const worked = await openingsInSlices(
      store,
      this.pairs,
      async () => {
        if (!slicer.overdue()) return false;
        await slicer.pause();
        return this.closed;
      },
      {
        keep: "all",
        priceAt: (asset, time) => {
          const found = this.prices.lookup(asset, time);
          if (found.kind === "pending") pending = true;
          return found.kind === "price" ? found.price : null;
        },
      },
    );
    if (worked === undefined || this.closed) return undefined;
    const { openings, first, upToRow, transfers } = worked;
    const times = [
      store.backfill().plan?.historyFrom,
      Number.isFinite(first) ? first : undefined,
      ...transfers.slice(0, 1).map((transfer) => transfer.time),
    ].filter((time): time is number => time !== undefined);
    const builtOn: BuiltOn = {
      version: RULES_VERSION,
      quote: this.prices.quote,
      start: times.length === 0 ? null : Math.min(...times),
      derivedAt,
      openings: openings.map(({ asset, quantity, time, costPrice, source }) => ({
        asset,
        quantity,
        time,
        costPrice,
        source,
      })),
      ...(pending ? { openingsPending: true as const } : {}),
    };
    return { builtOn, mark: upToRow, transfers };
  }

  /** The start of the history's last RECENT_CHECKPOINT_DAYS days: before its newest fill (or now, if earlier). */
  private recentDays(): number {
    let newest = Number.NEGATIVE_INFINITY;
    for (const { time } of Object.values(this.deps.store.lastFillPerSymbol())) newest = Math.max(newest, time);
    const end = Math.min(newest, this.now());
    return Number.isFinite(end) ? dayStart(end) - RECENT_CHECKPOINT_DAYS * DAY_MS : Number.NEGATIVE_INFINITY;
  }

  /**
   * Compares the head with the balances: a balance no event explains (a movement the history does
   * not hold) changes what was held before the history, so the models are built from scratch,
   * once for each new disagreement, and only once two checks in a row see it (a fill stored a
   * moment before its balance push is no disagreement). Returns the assets that disagree.
   */
  checkBalances(): string[] {
    if (!this.isCurrent()) return [];
    const unexplained = this.unexplained();
    const signature = JSON.stringify(unexplained);
    const seenBefore = signature === this.lastDisagreement;
    this.lastDisagreement = signature;
    if (unexplained.length === 0 || signature === this.unexplainedAfterScratch || !seenBefore)
      return unexplained.map(([asset]) => asset);
    this.deps.logger.info(
      { unexplained: Object.fromEntries(unexplained) },
      "balances the history does not explain: figures worked out again",
    );
    void this.passes.request(Number.NEGATIVE_INFINITY, true);
    return unexplained.map(([asset]) => asset);
  }

  /** Per asset, balance - what the head holds, where they differ. */
  private unexplained(): [string, string][] {
    const head = this.live.portfolio.headTotals();
    const held = new Map([...head].map(([asset, totals]) => [asset, fixedDecimal(totals.quantity)]));
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

  private equityHistorySoon(): void {
    if (this.equityTimer !== undefined || this.closed) return;
    this.equityTimer = setTimeout(() => {
      this.equityTimer = undefined;
      if (!this.deps.store.isOpen) return this.close();
      this.rebuildEquityHistory().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, "estimated equity history failed"),
      );
    }, EQUITY_HISTORY_DELAY_MS);
    this.equityTimer.unref();
  }

  /**
   * A price pending with nothing to fetch (a coarser window about to close, a "none" believed a
   * while: pastPrices.ts) may have come by its recheck time: then the fills are valued and the
   * models pass again as when candles come (pricesArrived); no candle need come for it.
   */
  private recheckSoon(): void {
    const at = this.prices.recheckAt;
    if (at === undefined || this.closed || at >= this.recheckTimerAt) return;
    clearTimeout(this.recheckTimer);
    this.recheckTimerAt = at;
    this.recheckTimer = setTimeout(
      () => {
        this.recheckTimer = undefined;
        this.recheckTimerAt = Number.POSITIVE_INFINITY;
        this.prices.rechecked(this.now());
        this.pricesArrived();
      },
      Math.max(0, at - this.now()) + RECHECK_MARGIN_MS,
    );
    this.recheckTimer.unref();
  }

  /** Values what waits for it; a run already under way goes round once more instead. */
  private valueFills(): void {
    void this.valuing.request();
  }

  /** A batch per turn of the event loop until none is left or one waits on a candle; the first batch at once. */
  private async valueRounds(): Promise<void> {
    let valued = 0;
    while (!this.closed) {
      const round = valuePendingFills(this.deps.store, this.prices, (symbol) => this.pairs.marketOf(symbol));
      this.deps.fetcher.want(this.prices.takeWanted());
      valued += round.valued;
      if (round.valued === 0 || round.waiting > 0) break;
      await nextTurn();
    }
    this.recheckSoon();
    // The valued fills are store changes a pass takes in, from their first day.
    if (valued > 0 && !this.closed) {
      this.stored();
      this.deps.onValued?.();
    }
  }

  /** Asks for these candles ahead of the background's and waits for them, at most ANSWER_WAIT_MS. */
  private async fetchNow(wanted: readonly WantedCandle[]): Promise<void> {
    await Promise.race([this.deps.fetcher.wantNow(wanted), sleep(ANSWER_WAIT_MS, undefined, { ref: false })]);
  }
}

/** The earliest new event (fill or transfer) of what the store took in. */
function newEventsOf(changes: StoreChanges): number {
  return Math.min(changes.fills ?? Number.POSITIVE_INFINITY, changes.transfers ?? Number.POSITIVE_INFINITY);
}

/** No candle anywhere: past moments are unpriced (figures valued at live prices only). */
const NO_CANDLES: CandleSource = { at: () => ({ kind: "none" }) };

/**
 * A keeper of its own over a store, started at once and brought up to date as it is read: for a
 * store read without a collector around it (tests, the bench, inspection). Past moments are valued
 * from `candles` (none by default: unpriced); nothing is fetched.
 */
export function standaloneKeeper(
  store: GatewayStore,
  book: PriceBook,
  method: CostMethod = "avg",
  candles: CandleSource = NO_CANDLES,
): FiguresKeeper {
  const keeper = new FiguresKeeper({
    store,
    book,
    candles,
    fetcher: { want: () => {}, wantNow: async () => {} },
    method,
    logger: createLogger({ level: "silent" }).logger,
    // Read alone, every pass at once: no backfill's windows to space.
    scratchGapMs: 0,
  });
  keeper.load();
  keeper.start();
  return keeper;
}
