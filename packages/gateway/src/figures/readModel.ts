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
 * Each is read back from its saved state by its own constructor or `restore`; its answers live
 * beside it (portfolio/*Answer.ts, journal/journalAnswers.ts), each read of the API table meeting
 * its model in accountReads.ts.
 */
export interface ReadModel<Leg, State> {
  /** Takes in the next leg of the ledger (oldest first). */
  apply(leg: Leg): void;
  /** The whole state, as plain JSON a restore reads back. */
  save(): State;
}
