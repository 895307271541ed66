/**
 * The reads of the API table (contract api/reads.ts) as methods, one per row of an account's
 * (the instance's own rows: http/routes/instance.ts) and named as the rows: what every implementation of the gateway's queries answers (http/queries/gatewayQueries.ts)
 * and what one account's read models answer (accountReads.ts).
 */
import type { AccountReadName, ReadAnswers } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";

/** An answer now (better-sqlite3) or later (a walk in slices, a collector over Redis). */
export type Answer<T> = T | Promise<T>;

/** A read of the API table: its query (left out where it has no parameter at all), its answer. */
type ReadMethod<K extends AccountReadName> = (
  ...query: Record<never, never> extends Required<ReadQuery<K>> ? [query?: ReadQuery<K>] : [query: ReadQuery<K>]
) => Answer<ReadAnswers[K]>;

/**
 * The reads of the API table, one method each, named as the table's rows: equity (oldest first),
 * fees, feeDays (the fee series by day; its last cumulative equals the total), pnl (per symbol, by
 * `method`, default the --cost-basis setting), assetPnl (by asset: what is held, its cost basis,
 * realized and unrealized PnL, fees, value), pnlPeriods (by day, week or month, in the quote
 * currency), performance (equity net of deposits and withdrawals, and the time-weighted return,
 * over a range), volume, and the journal: journalTrips (round trips, newest close first, in pages)
 * and journal (their statistics, drawdown, comparisons; journal/journalReads.ts).
 */
export type TableReads = { readonly [K in AccountReadName]: ReadMethod<K> };
