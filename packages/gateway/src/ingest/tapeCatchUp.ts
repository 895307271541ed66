/**
 * The trades topic's tape (marketTopics.ts). MEXC's trades stream (aggre.deals) carries the
 * trades from the moment it is live, so the tape starts from GET /api/v3/trades (its latest
 * SNAPSHOT_TRADES) when the topic opens, and after each gap the stream reports (a dropped or
 * stalled socket, reconnected) the trades it missed are read from there again.
 *
 * MEXC's public trades have no id (docs/mexc/rest.md#get-apiv3trades-public), so a trade is known
 * by its time, price, quantity and side, and two of them alike are counted: a trade shows once
 * whichever source brought it first (the stream's push of a trade the answer held, or the answer's
 * copy of one streamed), and as many times as either source holds it.
 *
 * Bounds: the trades shown last are remembered, at most KEPT_TRADES (an answer's worth, twice);
 * an answer's trade at or before the newest one forgotten is left out (the tape went past it). One
 * read in flight per topic; gaps during it are taken into one more read after it; a read asks
 * for SNAPSHOT_TRADES trades (MEXC's answer has no time range: a longer outage leaves its older
 * part out, as the topic's snapshot holds no more). None after the topic closed.
 */
import type { TradeTick } from "@mexc-live/contract";
import { SNAPSHOT_TRADES } from "../config/defaults.js";

/** Trades remembered, to tell a trade both sources hold. */
export const KEPT_TRADES = 2 * SNAPSHOT_TRADES;

interface Kept {
  /** Shown: as many as the more of the two sources held. */
  shown: number;
  /** Pushed by the stream so far. */
  streamed: number;
  readonly time: number;
}

export class TapeCatchUp {
  private readonly kept = new Map<string, Kept>();
  /** The newest time of a trade forgotten: an answer's trade at or before it is not shown again. */
  private forgotten = Number.NEGATIVE_INFINITY;
  private reading = false;
  private again = false;
  private closed = false;

  constructor(
    /** MEXC's latest trades (any order), or undefined when the read failed (the reader says why); never throws. */
    private readonly read: () => Promise<readonly TradeTick[] | undefined>,
    /** Shows trades on the tape. */
    private readonly show: (ticks: readonly TradeTick[]) => void,
  ) {}

  /** A trade the stream pushed: whether to show it (false: an answer showed it already). */
  streamed(tick: TradeTick): boolean {
    const key = keyOf(tick);
    const kept = this.kept.get(key) ?? this.keep(key, tick.time);
    kept.streamed++;
    if (kept.streamed <= kept.shown) return false;
    kept.shown = kept.streamed;
    return true;
  }

  /** Reads MEXC's latest trades (the topic opened, or its stream had a gap). */
  catchUp(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  close(): void {
    this.closed = true;
  }

  private async drain(): Promise<void> {
    this.reading = true;
    do {
      this.again = false;
      const ticks = await this.read();
      if (this.closed) break;
      if (ticks !== undefined) this.show(this.unseen(ticks));
    } while (this.again && !this.closed);
    this.reading = false;
  }

  /** The answer's trades not shown yet, oldest first. */
  private unseen(ticks: readonly TradeTick[]): TradeTick[] {
    const answered = new Map<string, TradeTick[]>();
    for (const tick of [...ticks].sort((a, b) => a.time - b.time)) {
      if (tick.time <= this.forgotten) continue;
      const key = keyOf(tick);
      const alike = answered.get(key);
      if (alike === undefined) answered.set(key, [tick]);
      else alike.push(tick);
    }
    const out: TradeTick[] = [];
    for (const [key, alike] of answered) {
      const kept = this.kept.get(key) ?? this.keep(key, (alike[0] as TradeTick).time);
      for (const tick of alike.slice(kept.shown)) out.push(tick);
      kept.shown = Math.max(kept.shown, alike.length);
    }
    return out.sort((a, b) => a.time - b.time);
  }

  private keep(key: string, time: number): Kept {
    const kept: Kept = { shown: 0, streamed: 0, time };
    this.kept.set(key, kept);
    // A Map iterates in insertion order: the first is the one kept longest.
    while (this.kept.size > KEPT_TRADES) {
      const [oldest, entry] = this.kept.entries().next().value as [string, Kept];
      this.kept.delete(oldest);
      this.forgotten = Math.max(this.forgotten, entry.time);
    }
    return kept;
  }
}

function keyOf(tick: TradeTick): string {
  return `${tick.time} ${tick.price} ${tick.quantity} ${tick.side}`;
}
