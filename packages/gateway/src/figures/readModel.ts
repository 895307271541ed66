/**
 * What a read model of the one loop is (keeper.ts): state fed the ledger's legs one by one, in
 * the ledger's order (ledger/ledgerCursor.ts), that the keeper saves at the start of a UTC day
 * with every other model's (one checkpoint, store/ledgerCheckpoints.ts) and resumes from there
 * when a late fill or a late price changes the history from that day on. What a day adds to a
 * model's series (the volume, the marks, the disposals) is a row of its own, written when the day
 * ends, kept by a resume from a later day.
 *
 *   pairs       figures.ts                 PnL by pair, fees, volume
 *   portfolio   portfolio/portfolioModel.ts  the figures by asset, their marks (performance, PnL by
 *                                          period, fee days, equity history, the tax report)
 *   journal     journal/trips.ts           round trips, read off the pairs' moves
 *   realized    realizedCauses.ts          the realized PnL by asset by cause, told the portfolio's
 *                                          moves (why it differs from the pairs' total)
 *
 * A model's answers live beside it, each declaring its read of the API table there
 * (figureRead.ts): a new figure over a new state is its model (apply, save, restore, its series),
 * its place in ledger/models.ts, and its row.
 */
import type { Leg } from "./ledger/legs.js";

/** What a model's resume reads besides its checkpoint row. */
export interface Resume {
  /** The day of the checkpoint (a UTC day's start). */
  readonly day: number;
  /** The model of the same name kept until now (its series of the days before `day` stand); undefined at a start. */
  readonly live: LedgerModel | undefined;
  /** This model's series rows from `fromDay` up to the day before the checkpoint (or before `toDay`), oldest first. */
  readonly series: (fromDay: number, toDay?: number) => Iterable<string>;
  /** The same rows, inflated off the event loop a few ahead (a read that walks many of them). */
  readonly seriesInPool: (fromDay: number, toDay?: number) => AsyncIterable<string>;
}

export interface LedgerModel {
  /** Its rows' name in the checkpoint table. */
  readonly name: string;
  /** Takes in the ledger's next leg. */
  apply(leg: Leg): void;
  /** Its state now, at the start of a day (before the day's first leg), as text: its checkpoint row. */
  save(): string;
  /** Every leg of a day is applied: what the day added to its series, as text or its UTF-8 bytes (undefined: nothing). */
  endDay(day: number): string | Uint8Array | undefined;
  /** Takes over its checkpoint row of `resume.day`; false (nothing changed) when not one this version wrote. */
  restore(text: string, resume: Resume): boolean;
  /**
   * After a start, its series of the days before the checkpoint read back from the rows, in slices
   * of the event loop: a restart does not wait on them, a read (or a resume) that needs them does.
   */
  load?(): Promise<void>;
}
