/**
 * The one keeper of an account's figures: it holds each read model and brings it up to date with
 * the store, in passes (passes.ts: one at a time, requests merged, held while an import writes)
 * and slices of the event loop (sliceBudget.ts). The ingest tells it what the store took in; the
 * read models answer.
 *
 *   figures    the figures by pair (figures.ts): loaded from their checkpoint at start, fed each
 *              live fill by the ingest, brought up to date by passes (pairRebuild.ts) from the
 *              first day older fills touch, and checkpointed
 *   portfolio  the portfolio by asset and its marks (portfolio/portfolioModel.ts): recomputed from
 *              the checkpoint of the first day a change touches
 *   queries    performance, PnL by asset, fee series, PnL by period (portfolio/portfolioQueries.ts)
 *   prices     the market price of any moment (MEXC's candles, shared by every account; the live
 *              book for now)
 *   valuation  fills that arrived late valued at the prices of their time (fillValuer.ts), then
 *              a pass of the figures by pair
 *   equity     the estimated equity of the days before the gateway measured any (equityHistory.ts)
 *
 *   journal    the journal's round trips by each method (journal/journalKeeper.ts): after a start
 *              read back from their checkpoint, and after the store took something in, the fills
 *              stored since applied (or the trips built again) in a pass, held while an import
 *              writes; a read finds them current, or catches up itself
 *
 * The collector tells it when the store took something in (`stored`, `request`), when candles
 * arrived (`pricesArrived`) and when the markets are known and the stream is live (`start`).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";
import { rebuildEquityHistory } from "./equityHistory.js";
import type { Figures } from "./figures.js";
import { type FiguresLoad, loadFigures, saveFigures } from "./figuresFromStore.js";
import { valuePendingFills } from "./fillValuer.js";
import type { CostMethod } from "./index.js";
import { JournalKeeper } from "./journal/journalKeeper.js";
import { PairRebuild, type RebuildPass } from "./pairRebuild.js";
import { once, Passes } from "./passes.js";
import { type CandleSource, PastPrices, type WantedCandle } from "./pastPrices.js";
import { PortfolioModel } from "./portfolio/portfolioModel.js";
import { PortfolioQueries } from "./portfolio/portfolioQueries.js";
import { ANSWER_WAIT_MS } from "./portfolio/readings.js";
import type { PriceBook } from "./priceBook.js";
import { nextTurn } from "./sliceBudget.js";

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
  /** The figures by pair the ingest feeds (the --cost-basis setting is their method). */
  readonly figures: Figures;
  /** The market's past prices (the candle store, shared by every account). */
  readonly candles: CandleSource;
  readonly fetcher: CandleWants;
  readonly method: CostMethod;
  readonly logger: Logger;
  /** Fills were valued at the prices of their time and the figures by pair took them in. */
  readonly onValued?: () => void;
  /** The estimated equity history was replaced: browsers reload the equity topic. */
  readonly onEquityHistory?: () => void;
  /** The portfolio was recomputed: its figures of now (equityMoment) are known again. */
  readonly onRecomputed?: () => void;
  /** A pass replaced the figures by pair (the fills topic and the PnL answers changed). */
  readonly onRebuilt?: (pass: RebuildPass) => void;
  /** The longest a slice of the figures by pair's passes runs (default SLICE_MS; the tests' 0 yields at every chance). */
  readonly sliceMs?: number;
  readonly now?: () => number;
}

export class FiguresKeeper {
  readonly figures: Figures;
  readonly prices: PastPrices;
  readonly portfolio: PortfolioModel;
  readonly queries: PortfolioQueries;
  readonly journal: JournalKeeper;
  private readonly now: () => number;
  /** The figures by pair's passes, and what one does. */
  private readonly pairPasses: Passes;
  private readonly pair: PairRebuild;
  /** Valuation runs (a batch per turn of the event loop); one asked for meanwhile goes round once more. */
  private readonly valuing: Passes;
  /** The journal's passes: its trips brought up to the store after it took something in (JournalKeeper.keep). */
  private readonly journalPasses: Passes;
  /** A journal pass is asked for once the figures by pair's pass ends (keepJournal). */
  private journalAsked = false;
  private started = false;
  private equityTimer: NodeJS.Timeout | undefined;
  private balanceTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Holds in force (an import writing) and what they kept back. */
  private holds = 0;
  private missed = { stored: false, prices: false };

  constructor(private readonly deps: FiguresKeeperDeps) {
    const { store, book, candles, fetcher, logger } = deps;
    this.figures = deps.figures;
    this.now = deps.now ?? Date.now;
    this.prices = new PastPrices({
      quote: book.quote,
      markets: book,
      candles,
      live: (asset) => book.priceOf(asset),
      now: this.now,
    });
    this.pairPasses = new Passes(
      (pass) => this.pair.pass(pass),
      (error) => logger.error({ err: error }, "figures by pair: rebuild failed"),
    );
    this.pair = new PairRebuild({
      figures: deps.figures,
      store,
      book,
      priceAt: (asset, time) => this.prices.priceOf(asset, time),
      logger: logger.child({ component: "figures" }),
      ...(deps.sliceMs === undefined ? {} : { sliceMs: deps.sliceMs }),
      ...(deps.onRebuilt === undefined ? {} : { onRebuilt: deps.onRebuilt }),
      again: (from) => void this.pairPasses.request(from),
    });
    this.valuing = new Passes(
      () => this.valueRounds(),
      (error) => logger.error({ err: error }, "valuing fills at their time failed"),
    );
    this.portfolio = new PortfolioModel({
      store,
      prices: this.prices,
      book,
      logger: logger.child({ component: "portfolio" }),
      onWanted: (wanted) => fetcher.want(wanted),
      onRecomputed: () => {
        this.equityHistorySoon();
        this.deps.onRecomputed?.();
      },
    });
    this.queries = new PortfolioQueries({
      portfolio: this.portfolio,
      prices: this.prices,
      book,
      store,
      method: deps.method,
      now: this.now,
      fetchNow: (wanted) => this.fetchNow(wanted),
    });
    this.journal = new JournalKeeper(store, deps.figures, book, this.now);
    this.journalPasses = new Passes(
      () => this.journal.keep(),
      // A pass the stop cut short is no failure.
      (error) => this.closed || logger.error({ err: error }, "the journal's trips could not be brought up to date"),
    );
  }

  /**
   * The figures by pair from their checkpoint and the fills stored after it, or from every fill
   * when no checkpoint stands. After a checkpoint the days are marked again in a pass (markDays).
   */
  load(): FiguresLoad {
    const { figures, store, book } = this.deps;
    const loaded = loadFigures(figures, store, book, (asset, time) => this.prices.priceOf(asset, time));
    // A checkpoint keeps no day's marks: they are made again in slices, so an older fill stored
    // later (a backfill resumed, an import) is applied from its day, not from the first fill.
    if (loaded === "checkpoint") void this.markDays();
    return loaded;
  }

  /** Writes the figures by pair's checkpoint (every few minutes, and at a stop). */
  checkpoint(): void {
    saveFigures(this.deps.figures, this.deps.store);
  }

  /**
   * The store may hold changed fills (store.takeFillChanges), the openings may have changed, or
   * the fills from `from` (ms) on must be applied again: a pass brings the figures by pair up to
   * date. Resolves when the pass that takes this request in has ended: the next one to begin (a
   * pass already running took its changes before this request). Not when no pass is wanted any
   * more: candles and live fills keep asking, and an import's answer once waited on them for minutes.
   */
  request(from?: number): Promise<void> {
    return this.pairPasses.request(from);
  }

  /** The figures by pair again from the first fill (the tests' and the bench's full rebuild). */
  rebuildAll(): Promise<void> {
    return this.pairPasses.request(undefined, true);
  }

  /**
   * After a start from the checkpoint the figures keep no day's mark, and the first older fill
   * (a backfill resumed, an import) would be applied again from the first fill: one full pass now,
   * in slices, makes the marks, so it is applied from its day. Its days equal to their rows are
   * not written again. Nothing to do when the figures mark every day already.
   */
  markDays(): Promise<void> {
    if (this.deps.figures.marksEveryDay) return Promise.resolve();
    return this.rebuildAll();
  }

  /** Resolves once no pass of the figures by pair runs. */
  idle(): Promise<void> {
    return this.pairPasses.idle();
  }

  /** Resolves once the figures by pair and then the journal have no pass running (a test's or a bench's wait). */
  async journalIdle(): Promise<void> {
    await this.pairPasses.idle();
    await nextTurn();
    await this.journalPasses.idle();
  }

  /** Whether a pass is replaying fills into figures by pair of its own now (after it worked out the openings). */
  get replaying(): boolean {
    return this.pair.replaying;
  }

  /** Passes of the figures by pair completed so far. */
  get completed(): number {
    return this.pair.completed;
  }

  /**
   * An equity point is measured at `time`: from now on the figures of "now" are valued at the
   * prices it used (PortfolioQueries.markMoment, issue 40 item 4), and this gives the unrealized
   * PnL of what is held at them (PortfolioQueries.unrealizedNow); undefined while the portfolio
   * does not hold everything stored (being recomputed, or held by an import), or while what it
   * cannot value waits on past prices being fetched: then it is not known now, and no older figure
   * stands in for it. null only when something held has no price or no known cost for good.
   */
  equityMoment(time: number): string | null | undefined {
    this.queries.markMoment(time);
    if (this.holds > 0 || !this.portfolio.isCurrent()) return undefined;
    const unrealized = this.queries.unrealizedNow();
    return unrealized === null && this.queries.pricesPendingBefore(time) ? undefined : unrealized;
  }

  /**
   * What the figures are still taking in, in words (Health.figures, collector.ts): fills waiting
   * to be valued at the prices of their time, an import being written, the portfolio being worked
   * out again, past prices still being fetched. Empty when they hold everything stored (and
   * before start: the history's own progress says why then).
   */
  updating(now = this.now()): string[] {
    if (!this.started || this.closed) return [];
    const out: string[] = [];
    const pending = this.deps.store.pendingValuationCount();
    if (pending > 0) out.push(`valuing ${pending} ${pending === 1 ? "fill" : "fills"} at the prices of their time`);
    if (this.holds > 0) out.push("taking in an import");
    else if (!this.portfolio.isCurrent()) out.push("working out PnL by asset again");
    else if (this.portfolio.pricesPendingBefore(now)) out.push("waiting on past prices from MEXC");
    return out;
  }

  /** The markets are known and the stream is live: the openings are worked out, and the figures computed, valued, fetched. */
  start(): void {
    this.started = true;
    void this.request().then(() => this.keepJournal());
    this.valueFills();
    this.portfolio.start();
    // An import half stored is not a disagreement with the balances: no check while one writes.
    this.balanceTimer = setInterval(() => this.holds === 0 && this.portfolio.checkBalances(), BALANCE_CHECK_MS);
    this.balanceTimer.unref();
  }

  /** The store took something in (fills, transfers, an import, a backfill window). */
  stored(): void {
    if (this.holds > 0) {
      this.missed.stored = true;
      return;
    }
    if (this.started) this.valueFills();
    this.portfolio.poll();
    if (this.started) this.keepJournal();
  }

  /** Candles arrived: what waited on them is valued and recomputed; they may price the openings. */
  pricesArrived(): void {
    if (!this.started) return;
    if (this.holds > 0) {
      this.missed.prices = true;
      return;
    }
    this.valueFills();
    this.portfolio.poll();
    this.portfolio.pricesArrived();
    void this.request();
    this.equityHistorySoon();
  }

  /**
   * Holds the figures by pair's passes, valuation and the portfolio's recompute until the returned
   * release is called: an import storing fills slice by slice is taken in once, after its last
   * slice, not once per slice (a 300,000-row file recomputed the portfolio from scratch again and
   * again while it was stored). Requests made meanwhile wait for the pass after it.
   */
  hold(): () => void {
    const releasePair = this.pairPasses.hold();
    const releaseJournal = this.journalPasses.hold();
    this.holds++;
    return once(() => {
      this.holds--;
      releasePair();
      releaseJournal();
      if (this.holds > 0) return;
      const missed = this.missed;
      this.missed = { stored: false, prices: false };
      if (missed.stored) this.stored();
      if (missed.prices) this.pricesArrived();
    });
  }

  /** The user gave (or forgot) what an opening position cost: everything is worked out again. */
  openingsChanged(): Promise<void> {
    this.portfolio.invalidate();
    return this.request();
  }

  /** Stops every pass between two slices; the figures stay as they are. */
  close(): void {
    this.closed = true;
    clearTimeout(this.equityTimer);
    clearInterval(this.balanceTimer);
    this.pairPasses.close();
    this.pair.close();
    this.valuing.close();
    this.journalPasses.close();
    this.journal.close();
    this.portfolio.close();
  }

  /** Stores the estimated equity history (equityHistory.ts); returns the points stored. */
  async rebuildEquityHistory(): Promise<number> {
    const built = await rebuildEquityHistory({
      store: this.deps.store,
      portfolio: this.portfolio,
      prices: this.prices,
      want: (wanted) => this.deps.fetcher.want(wanted),
      now: this.now,
      closed: () => this.closed,
    });
    if (built === undefined) return 0;
    if (!built.waiting || built.points > 0) this.deps.onEquityHistory?.();
    return built.points;
  }

  private equityHistorySoon(): void {
    if (this.equityTimer !== undefined) return;
    this.equityTimer = setTimeout(() => {
      this.equityTimer = undefined;
      this.rebuildEquityHistory().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, "estimated equity history failed"),
      );
    }, EQUITY_HISTORY_DELAY_MS);
    this.equityTimer.unref();
  }

  /**
   * A journal pass after the figures by pair took in what the store holds (the trips start from
   * their openings): the methods read so far caught up, or built again, before the next read.
   */
  private keepJournal(): void {
    // One wait at a time however many events come in (every event of the user stream is stored).
    if (this.closed || this.journalAsked) return;
    this.journalAsked = true;
    void this.pairPasses.idle().then(() => {
      this.journalAsked = false;
      return this.journalPasses.request();
    });
  }

  /** Values what waits for it; a run already under way goes round once more instead. */
  private valueFills(): void {
    void this.valuing.request();
  }

  /**
   * A batch (VALUATION_BATCH) per turn of the event loop until none is left or one waits on a
   * candle; the first batch at once. The figures by pair take the valued fills in at the end.
   */
  private async valueRounds(): Promise<void> {
    let valued = 0;
    while (!this.closed) {
      const round = valuePendingFills(this.deps.store, this.prices, (symbol) => this.deps.book.marketOf(symbol));
      this.deps.fetcher.want(this.prices.takeWanted());
      valued += round.valued;
      if (round.valued === 0 || round.waiting > 0) break;
      await nextTurn();
    }
    // The valued fills are store changes a pass takes in, from their first day.
    if (valued > 0 && !this.closed) void this.request().then(() => this.deps.onValued?.());
  }

  /** Asks for these candles ahead of the background's and waits for them, at most ANSWER_WAIT_MS. */
  private async fetchNow(wanted: readonly WantedCandle[]): Promise<void> {
    await Promise.race([this.deps.fetcher.wantNow(wanted), sleep(ANSWER_WAIT_MS, undefined, { ref: false })]);
  }
}

/** The head is compared with the balances this often (a disagreement counts when two checks see it). */
const BALANCE_CHECK_MS = 5_000;

/** The estimated equity waits this long after a change, so a burst of them rebuilds it once. */
const EQUITY_HISTORY_DELAY_MS = 1_000;
