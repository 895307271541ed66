/**
 * What a figure's read model is: state fed the ledger's legs one by one, oldest first, that can be
 * saved as plain JSON and read back, and that answers the figure's reads. Three models hold every
 * figure of an account, each kept by its one keeper (keeper.ts):
 *
 *   Figures       (figures.ts)              by pair: PnL (pairPnl.ts), fees (fees.ts), volume
 *                                           (volume.ts); fed fills
 *   Portfolio     (portfolio/portfolio.ts)  by asset: PnL by asset, performance, PnL by period, fee
 *                                           days, equity, the tax report; fed the portfolio's
 *                                           events (trades, fees, transfers, conversions)
 *   RoundTrips    (journal/roundTrips.ts)   the journal's trips; fed fills
 *
 * Each is one shape: `apply` the next leg, `checkpoint` its whole state as plain JSON (the keeper
 * writes it to the store), `restore` one read back (false, nothing changed, when another version
 * wrote it). Its answers live beside it (portfolio/*Answer.ts, journal/journalAnswers.ts), each
 * read of the API table meeting its model in accountReads.ts.
 */
export interface ReadModel<Leg, State, Saved = State> {
  /** Takes in the next leg of the ledger (oldest first). */
  apply(leg: Leg): void;
  /** The whole state, as plain JSON restore() reads back. */
  checkpoint(): State;
  /** Takes over a checkpoint read back; false (nothing changed) when it is not one this version wrote. */
  restore(saved: Saved): boolean;
}
