/**
 * The derived figures of the account in one place: PnL, fees and volume, fed fill by fill.
 * The ingest applies each fill the store reported new; on start, a replay of the store's fill
 * history (oldest first) rebuilds them.
 */
import type { FeeSummary, FillItem, OpeningPosition, PnlItem, VolumeItem } from "@mexc-live/contract";
import { FeeBook, type FillValuation } from "./fees.js";
import { PnlBook } from "./pnl.js";
import type { PriceBook } from "./priceBook.js";
import { VolumeBook, type VolumeQuery } from "./volume.js";

/** A fill with its valuation at fill time (what the store's fill history yields). */
export type ValuedFillItem = FillItem & FillValuation;

export class Figures {
  private pnlBook: PnlBook;
  private feeBook: FeeBook;
  private volumeBook = new VolumeBook();
  private count = 0;

  constructor(readonly book: PriceBook) {
    this.pnlBook = new PnlBook(book);
    this.feeBook = new FeeBook(book.quote);
  }

  /**
   * Starts over from `fills` (the store's whole history, oldest first): after older fills were
   * stored (the backfill), applying them on top would put them out of order.
   */
  rebuild(fills: Iterable<ValuedFillItem>, openings: readonly OpeningPosition[] = []): void {
    this.pnlBook = new PnlBook(this.book);
    for (const opening of openings) {
      const symbol = this.book.symbolFor(opening.asset, opening.quote);
      if (symbol === undefined) continue;
      const { quantity, costPrice, source } = opening;
      this.pnlBook.open(symbol, { quantity, costPrice, source });
    }
    this.feeBook = new FeeBook(this.book.quote);
    this.volumeBook = new VolumeBook();
    this.count = 0;
    this.replay(fills);
  }

  /** Apply each fill once, oldest first. */
  applyFill(fill: ValuedFillItem): void {
    this.pnlBook.apply(fill);
    this.feeBook.apply(fill);
    this.volumeBook.apply(fill);
    this.count++;
  }

  replay(fills: Iterable<ValuedFillItem>): void {
    for (const fill of fills) this.applyFill(fill);
  }

  get fills(): number {
    return this.count;
  }

  pnl(): PnlItem[] {
    return this.pnlBook.items(this.book);
  }

  pnlOf(symbol: string): PnlItem | undefined {
    return this.pnlBook.item(symbol, this.book);
  }

  fees(): FeeSummary {
    return this.feeBook.summary();
  }

  volume(query?: VolumeQuery): VolumeItem[] {
    return this.volumeBook.items(query);
  }
}
