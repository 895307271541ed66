/**
 * The derived figures of the account by pair, fed fill by fill (oldest first): PnL by both
 * cost-basis methods (pairPnl.ts: the one position engine, engine/, keyed by pair), fees
 * (fees.ts) and volume (volume.ts). The ingest applies
 * each fill the store reported new; the whole state can be saved and restored (a checkpoint), so a
 * start replays only the fills after it. The figures by asset, by period and over a range (the
 * bridge) are the portfolio's (portfolio/).
 *
 * The numbers are protocol's Fixed, the one fixed-point type of every figure. The figures also keep
 * how they stood at the start of each UTC day of the history (a day mark), so fills stored late
 * (the backfill, an import, a gap reconciled) are applied again from the first day they touch,
 * not from the first fill (`fromDay`, figures/pairRebuild.ts).
 */
import type { FeeSummary, FillItem, OpeningPosition, PnlItem, VolumeItem } from "@mexc-live/contract";
import { DecimalError, fixed, isDecimal } from "@mexc-live/protocol";
import type { CostMethod } from "./engine/lots.js";
import { legsOf, numbersOf } from "./engine/tradeLegs.js";
import { FeeBook, type FeeBookState, type FillValuation } from "./fees.js";
import { PairPnl, type PairPnlState } from "./pairPnl.js";
import type { PriceBook } from "./priceBook.js";
import type { ReadModel } from "./readModel.js";
import { VolumeBook, type VolumeBookState, type VolumeQuery } from "./volume.js";

/** A fill with its valuation at fill time (what the store's fill history yields). */
export type ValuedFillItem = FillItem & FillValuation;

/** What the figures read of a fill (store.figuresHistory yields just this). */
export type FiguresFill = Pick<
  ValuedFillItem,
  "tradeId" | "symbol" | "side" | "price" | "quantity" | "amount" | "fee" | "feeCurrency" | "time"
> & {
  readonly feeValue: string | null;
  readonly feePairValue: string | null;
  readonly amountValue: string | null;
};

/** The sort key of the last fill applied (the store's order: time, then trade id). */
export interface FillKey {
  readonly time: number;
  readonly tradeId: string;
}

/** Figures as plain JSON (decimal strings), for checkpoints: PnL by pair's state (pairPnl.ts) beside the fees and the volume. */
export interface FiguresState extends PairPnlState {
  readonly version: typeof STATE_VERSION;
  readonly fees: FeeBookState;
  readonly volume: VolumeBookState;
  readonly count: number;
  readonly last: FillKey | undefined;
}

/** 3: one position engine and one rounding (issue 39); a checkpoint of 2 is rebuilt from the fills. */
const STATE_VERSION = 3;

/** How the figures stood at the start of a UTC day: before any fill of that day or later. */
interface DayMark {
  readonly day: number;
  readonly pairs: PairPnl;
  readonly feeBook: FeeBook;
  readonly count: number;
  readonly last: FillKey | undefined;
}

/** Told of each fill applied one by one (the live path): whether it was older than the last one applied. */
export type FillListener = (fill: FillKey, older: boolean) => void;

export class Figures implements ReadModel<FiguresFill, FiguresState> {
  /** PnL by pair (pairPnl.ts). */
  private pairs: PairPnl;
  private feeBook: FeeBook;
  private volumeBook: VolumeBook;
  private count = 0;
  /** The last fill applied in order (`last`); no object made per fill. */
  private lastTime = NO_FILL;
  private lastTradeId = "";
  /** Oldest first; the last one is the day of the newest fill applied in order. */
  private marks: DayMark[] = [];
  /** Whether the marks go back to the first fill (not after a restore: none before the checkpoint). */
  private marksFromFirst = true;
  private listener: FillListener | undefined;

  constructor(
    readonly book: PriceBook,
    /** The method `pnl()` and `periods()` follow when none is asked for (the --cost-basis setting). */
    readonly method: CostMethod = "avg",
  ) {
    this.pairs = new PairPnl(book);
    this.feeBook = new FeeBook(book.quote);
    this.volumeBook = new VolumeBook();
  }

  /**
   * Starts over from `fills` (the store's whole history, oldest first) and the positions held
   * before it: after older fills were stored (the backfill, an import) or an opening cost changed.
   */
  rebuild(fills: Iterable<FiguresFill>, openings: readonly OpeningPosition[] = []): void {
    this.reset(openings);
    this.replay(fills);
  }

  /** Forgets every fill and starts from the positions held before the history. */
  reset(openings: readonly OpeningPosition[] = []): void {
    this.pairs = new PairPnl(this.book);
    this.pairs.open(openings);
    this.feeBook = new FeeBook(this.book.quote);
    this.volumeBook = new VolumeBook();
    this.count = 0;
    this.setLast(undefined);
    this.marks = [];
    this.marksFromFirst = true;
  }

  /**
   * Apply each fill once, oldest first (one older than the last applied still counts; the listener
   * hears of it). Every field is read and checked before anything is applied: a fill with a bad
   * number throws (naming the field) and changes nothing.
   */
  apply(fill: FiguresFill): void {
    const numbers = numbersOf(fill);
    const legs = legsOf(fill, this.book, numbers);
    const feeValue = fill.feeValue === null ? null : fixed(fill.feeValue, "feeValue");
    const amountValue = fill.amountValue == null ? null : fixed(fill.amountValue, "amountValue");
    if (!isDecimal(fill.price)) throw new DecimalError("price", fill.price);
    const older = fill.time < this.lastTime || (fill.time === this.lastTime && fill.tradeId < this.lastTradeId);
    if (older) this.forgetMarksAfter(fill.time);
    else this.markDay(fill.time);
    this.pairs.apply(fill.symbol, legs, feeValue, fill.price);
    this.feeBook.add(fill.feeCurrency, numbers.fee, feeValue);
    this.volumeBook.add(fill.time, fill.symbol, numbers.amount, amountValue);
    this.count++;
    if (!older) {
      this.lastTime = fill.time;
      this.lastTradeId = fill.tradeId;
    }
    this.listener?.(fill, older);
  }

  replay(fills: Iterable<FiguresFill>): void {
    for (const fill of fills) this.apply(fill);
  }

  /** Hears of every fill applied from now on (the rebuilder: a fill it may have missed). */
  listen(listener: FillListener | undefined): void {
    this.listener = listener;
  }

  get fills(): number {
    return this.count;
  }

  /** The last fill applied, by the store's order; undefined before any. */
  get last(): FillKey | undefined {
    return this.lastTime === NO_FILL ? undefined : { time: this.lastTime, tradeId: this.lastTradeId };
  }

  /**
   * These figures as they stood at the start of the day of `time` or of an earlier day (the
   * latest the marks hold), to apply the fills from `from` on again; undefined when no mark is
   * that old (rebuild from the first fill). The copy goes its own way; `adopt` takes it back.
   */
  fromDay(time: number): { figures: Figures; from: number } | undefined {
    let found: DayMark | undefined;
    for (const mark of this.marks) {
      if (mark.day > time) break;
      found = mark;
    }
    if (found === undefined) return undefined;
    const copy = new Figures(this.book, this.method);
    copy.pairs = found.pairs.copy();
    copy.feeBook = found.feeBook.copy();
    copy.volumeBook = this.volumeBook.before(found.day);
    copy.count = found.count;
    copy.setLast(found.last);
    copy.marks = this.marks.filter((mark) => mark.day < found.day);
    copy.marksFromFirst = this.marksFromFirst;
    return { figures: copy, from: found.day };
  }

  /** Takes over the state of `other` (a rebuild made apart, now complete); the listener stays. */
  adopt(other: Figures): void {
    this.pairs = other.pairs;
    this.feeBook = other.feeBook;
    this.volumeBook = other.volumeBook;
    this.count = other.count;
    this.lastTime = other.lastTime;
    this.lastTradeId = other.lastTradeId;
    this.marks = other.marks;
    this.marksFromFirst = other.marksFromFirst;
  }

  /** Every symbol traded (or held from before the history), sorted, by `method` (pairPnl.ts). */
  pnl(method: CostMethod = this.method): PnlItem[] {
    return this.pairs.pnl(method);
  }

  pnlOf(symbol: string, method: CostMethod = this.method): PnlItem | undefined {
    return this.pairs.pnlOf(symbol, method);
  }

  fees(): FeeSummary {
    return this.feeBook.summary();
  }

  volume(query?: VolumeQuery): VolumeItem[] {
    return this.volumeBook.items(query);
  }

  checkpoint(): FiguresState {
    return this.state(this.volumeBook.save());
  }

  private state<V>(volume: V): Omit<FiguresState, "volume"> & { volume: V } {
    const { books, symbolFees, lastTrades, openings } = this.pairs.save();
    // The keys in the order the checkpoints written before had them.
    return {
      version: STATE_VERSION,
      books,
      fees: this.feeBook.save(),
      volume,
      symbolFees,
      lastTrades,
      openings,
      count: this.count,
      last: this.last,
    };
  }

  /**
   * JSON.stringify(checkpoint()), written faster: the volume of the days no fill changed since the last
   * checkpoint is the text written then (VolumeBook.saveText).
   */
  checkpointText(): string {
    const text = JSON.stringify(this.state(VOLUME_PLACE));
    return text.replace(`"volume":"${VOLUME_PLACE}"`, () => `"volume":${this.volumeBook.saveText()}`);
  }

  /**
   * The checkpoint without its volume (kept a row per day: unsavedVolumeDays): at a million fills
   * the volume is most of its size, and a save writes only the days a fill changed
   * (store/figuresCheckpoint.ts, figures/figuresFromStore.ts saveFigures).
   */
  checkpointHead(): string {
    return JSON.stringify(this.state([]));
  }

  /** The volume's days not in a checkpoint row since a fill changed them, oldest first, with their text. */
  unsavedVolumeDays(): Generator<[day: number, text: string]> {
    return this.volumeBook.unsavedDays();
  }

  /** `day`'s volume text is stored in the checkpoint row of `generation`. */
  volumeSavedAs(day: number, generation: number, text: string): void {
    this.volumeBook.savedAs(day, generation, text);
  }

  /** `day`'s volume text as its checkpoint row holds it, with the row's generation; undefined when not saved since it changed. */
  savedVolumeDay(day: number): { readonly text: string; readonly generation: number } | undefined {
    return this.volumeBook.savedDay(day);
  }

  /**
   * Whether the figures keep a mark of every day since the first fill. Not after a restore (none
   * before the checkpoint): an older fill is then applied again from the first fill.
   */
  get marksEveryDay(): boolean {
    return this.marksFromFirst;
  }

  /** `day`'s volume is to be saved again (its checkpoint row is gone). */
  volumeUnsaved(day: number): void {
    this.volumeBook.unsaved(day);
  }

  /** The checkpoint rows holding the volume's saved days (unsavedVolumeDays has the others), oldest first. */
  volumeDays(): { day: number; generation: number }[] {
    return this.volumeBook.savedDays();
  }

  /** restore() from checkpointHead()'s text parsed and the day rows of the volume. */
  restoreWithDays(
    state: FiguresState,
    days: Iterable<{ readonly day: number; readonly generation: number; readonly text: string }>,
  ): boolean {
    if (!this.restore(state)) return false;
    this.volumeBook = VolumeBook.fromDays(days);
    return true;
  }

  /** Takes over a saved state; false (nothing changed) when it is not one this version wrote. */
  restore(state: FiguresState): boolean {
    if (state?.version !== STATE_VERSION) return false;
    this.pairs = new PairPnl(this.book, state);
    this.feeBook = new FeeBook(this.book.quote, state.fees);
    this.volumeBook = new VolumeBook(state.volume);
    this.count = state.count;
    this.setLast(state.last);
    // No marks before the checkpoint: a fill older than it is applied again from the first fill.
    this.marks = [];
    this.marksFromFirst = false;
    return true;
  }

  /** The openings these figures were built on (a checkpoint is only good for the same ones). */
  openingsKey(): string {
    return this.pairs.openingsKey();
  }

  /** What openingsKey() would be after rebuild() with these openings. */
  openingsKeyOf(openings: readonly OpeningPosition[]): string {
    return this.pairs.openingsKeyOf(openings);
  }

  private setLast(key: FillKey | undefined): void {
    this.lastTime = key?.time ?? NO_FILL;
    this.lastTradeId = key?.tradeId ?? "";
  }

  /** Keeps how the figures stand now when `time` starts a new UTC day. */
  private markDay(time: number): void {
    const day = Math.floor(time / DAY_MS) * DAY_MS;
    const latest = this.marks[this.marks.length - 1];
    if (latest !== undefined && latest.day >= day) return;
    this.marks.push({
      day,
      pairs: this.pairs.copy(),
      feeBook: this.feeBook.copy(),
      count: this.count,
      last: this.last,
    });
  }

  /** A fill older than the last: the marks of the days after its own no longer hold. */
  private forgetMarksAfter(time: number): void {
    const day = Math.floor(time / DAY_MS) * DAY_MS;
    while ((this.marks[this.marks.length - 1]?.day ?? Number.NEGATIVE_INFINITY) > day) this.marks.pop();
  }
}

const DAY_MS = 86_400_000;
/** Where checkpointText puts the volume's text (no decimal or symbol looks like it). */
const VOLUME_PLACE = "@@volume@@";
/** lastTime before any fill. */
const NO_FILL = Number.NEGATIVE_INFINITY;

export function compareKeys(a: { time: number; tradeId: string }, b: FillKey): number {
  return a.time - b.time || (a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0);
}
