/**
 * The figures by pair, a read model of the one loop (keeper.ts): fed the ledger's fills in its
 * order, PnL by both cost-basis methods (pairPnl.ts: the one position engine, engine/, keyed by
 * pair), fees (fees.ts) and volume (volume.ts). Its state at a day's start is its checkpoint row
 * (the volume aside), each day's volume its series row. The figures by asset, by period and over
 * a range (the bridge) are the portfolio's (portfolio/); the journal reads this model's moves.
 *
 * The numbers are protocol's Fixed, the one fixed-point type of every figure.
 */
import type { FeeSummary, FillItem, OpeningPosition, PnlItem, VolumeItem } from "@mexc-live/contract";
import { DecimalError, type Fixed, FixedCell, type FixedRead, isDecimal } from "@mexc-live/protocol";
import type { CostMethod } from "./engine/lots.js";
import type { Position } from "./engine/position.js";
import { type Acquired, legsOf, numbersOf, type Sold } from "./engine/tradeLegs.js";
import { FeeBook, type FeeBookState, type FillValuation } from "./fees.js";
import type { Leg } from "./ledger/legs.js";
import { PairPnl, type PairPnlState } from "./pairPnl.js";
import type { PriceBook } from "./priceBook.js";
import type { LedgerModel, Resume } from "./readModel.js";
import { SLICE_MS, Slicer } from "./sliceBudget.js";
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

/** A fill as the figures by pair read it: its legs and numbers (the journal's read of it). */
export interface AppliedFill {
  readonly legs: Acquired | Sold;
  readonly feeValue: FixedRead | null;
  readonly amount: FixedRead;
  readonly amountValue: FixedRead | null;
}

const ZERO: FixedRead = new FixedCell();
const NO_APPLIED_FILL: AppliedFill = {
  legs: { side: "BUY", quantity: ZERO, cost: ZERO },
  feeValue: null,
  amount: ZERO,
  amountValue: null,
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

/** 4: kept by the one loop, the volume in series rows apart (issue 55); another is worked out again. */
const STATE_VERSION = 4;

export class Figures implements LedgerModel {
  readonly name = "pairs";
  /** PnL by pair (pairPnl.ts). */
  private pairs: PairPnl;
  private feeBook: FeeBook;
  private volumeBook: VolumeBook;
  private count = 0;
  /** The last fill applied in order (`last`); no object made per fill. */
  private lastTime = NO_FILL;
  private lastTradeId = "";
  /** The last fill applied, as read (the journal reads it after this model applied it). */
  lastFill: AppliedFill = NO_APPLIED_FILL;
  /** After a start: the volume's days before the checkpoint, still to be read (load). */
  private pendingVolume: Iterator<string> | undefined;

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
   * Starts over from `fills` (oldest first) and the positions held before them (a test's or a
   * bench's whole history; the keeper feeds the ledger's legs).
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
  }

  /** The ledger's next leg: a fill (placed by asset or not) moves the figures by pair; nothing else does. */
  apply(leg: Leg): void {
    if (leg.kind === "trade" || leg.kind === "unplaced") this.applyFill(leg.fill);
  }

  /**
   * Applies a fill, in the store's order. Every field is read and checked before anything is
   * applied: a fill with a bad number throws (naming the field) and changes nothing.
   */
  applyFill(fill: FiguresFill): void {
    const numbers = numbersOf(fill);
    const legs = legsOf(fill, this.book, numbers);
    const feeValue = fill.feeValue === null ? null : FixedCell.parse(fill.feeValue, "feeValue");
    const amountValue = fill.amountValue == null ? null : FixedCell.parse(fill.amountValue, "amountValue");
    if (!isDecimal(fill.price)) throw new DecimalError("price", fill.price);
    this.pairs.apply(fill.symbol, legs, feeValue, fill.price);
    this.lastFill = { legs, feeValue, amount: numbers.amount, amountValue };
    this.feeBook.add(fill.feeCurrency, numbers.fee, feeValue);
    this.volumeBook.add(fill.time, fill.symbol, numbers.amount, amountValue);
    this.count++;
    this.lastTime = fill.time;
    this.lastTradeId = fill.tradeId;
  }

  replay(fills: Iterable<FiguresFill>): void {
    for (const fill of fills) this.applyFill(fill);
  }

  get fills(): number {
    return this.count;
  }

  /** The last fill applied, by the store's order; undefined before any. */
  get last(): FillKey | undefined {
    return this.lastTime === NO_FILL ? undefined : { time: this.lastTime, tradeId: this.lastTradeId };
  }

  /** The positions held before the history these figures opened, by pair (the journal's first purchases). */
  openedPositions(): { readonly symbol: string; readonly quantity: Fixed }[] {
    return this.pairs.openedPositions();
  }

  /** The PnL the last fill applied realized by `method` (the journal's read: its trips are these moves). */
  lastRealized(method: CostMethod): FixedRead {
    return this.pairs.lastRealized(method);
  }

  /** `symbol`'s position by `method`: after a fill, what it closed (the journal's read). */
  positionOf(method: CostMethod, symbol: string): Position {
    return this.pairs.positionOf(method, symbol);
  }

  /** Every symbol traded (or held from before the history), sorted, by `method` (pairPnl.ts). */
  pnl(method: CostMethod = this.method): PnlItem[] {
    return this.pairs.pnl(method);
  }

  fees(): FeeSummary {
    return this.feeBook.summary();
  }

  volume(query?: VolumeQuery): VolumeItem[] {
    this.loadNow();
    return this.volumeBook.items(query);
  }

  /** The whole state as plain JSON, the volume included (tests, the bench's comparisons). */
  checkpoint(): FiguresState {
    this.loadNow();
    return this.state(this.volumeBook.save());
  }

  private state<V>(volume: V): Omit<FiguresState, "volume"> & { volume: V } {
    const { books, symbolFees, lastTrades, openings } = this.pairs.save();
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

  /** Its checkpoint row: the state without its volume (the volume is the series rows). */
  save(): string {
    return JSON.stringify(this.state([]));
  }

  /** The day's series row: its volume buckets. */
  endDay(day: number): string | undefined {
    const text = this.volumeBook.dayText(day);
    return text === "" ? undefined : text;
  }

  /**
   * Takes over a checkpoint row (save()) of `resume.day`, its volume the days before it: those the
   * model kept until now holds, or (at a start) the series rows. False (nothing changed) when the
   * row is not one this version wrote.
   */
  restore(text: string, resume: Resume): boolean {
    let state: FiguresState;
    try {
      state = JSON.parse(text) as FiguresState;
    } catch {
      return false;
    }
    if (state?.version !== STATE_VERSION) return false;
    this.pairs = new PairPnl(this.book, state);
    this.feeBook = new FeeBook(this.book.quote, state.fees);
    // The volume the model kept until now holds (when it read it back already), else the rows',
    // read when first asked for (load).
    const kept = resume.live as Figures | undefined;
    const live = kept?.pendingVolume === undefined ? kept : undefined;
    this.volumeBook = live === undefined ? new VolumeBook() : live.volumeBefore(resume.day);
    this.pendingVolume = live === undefined ? resume.series(Number.NEGATIVE_INFINITY)[Symbol.iterator]() : undefined;
    this.count = state.count;
    this.setLast(state.last);
    return true;
  }

  /** The volume of the days before `day` (a resume from that day's checkpoint goes on from it). */
  volumeBefore(day: number): VolumeBook {
    this.loadNow();
    return this.volumeBook.before(day);
  }

  /** After a start, the volume of the days before the checkpoint read back from its rows, a slice at a time. */
  async load(): Promise<void> {
    const slicer = new Slicer(SLICE_MS, 1);
    while (this.pendingVolume !== undefined) {
      this.loadDay();
      if (slicer.up()) await slicer.pause();
    }
  }

  /** The volume's days before the checkpoint at once (a read that cannot wait). */
  private loadNow(): void {
    while (this.pendingVolume !== undefined) this.loadDay();
  }

  private loadDay(): void {
    const next = this.pendingVolume?.next();
    if (next === undefined || next.done === true) this.pendingVolume = undefined;
    else this.volumeBook.loadDay(next.value);
  }

  private setLast(key: FillKey | undefined): void {
    this.lastTime = key?.time ?? NO_FILL;
    this.lastTradeId = key?.tradeId ?? "";
  }
}

/** lastTime before any fill. */
const NO_FILL = Number.NEGATIVE_INFINITY;
