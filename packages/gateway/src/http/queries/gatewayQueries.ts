/**
 * The gateway's read interface: what the HTTP API and the dashboard's history read, over the
 * store and the derived figures. Implementations: storeQueries.ts (SQLite, the collector),
 * redisQueries.ts (a web instance: asks its collector over Redis, falls back to its mirrored
 * snapshots), memoryQueries.ts (lists held in memory: that fallback, and tests).
 *
 * Every query may answer synchronously (better-sqlite3) or with a promise. A history answer
 * (orders, fills, equity, allFills) drawn from less than the full history is marked with
 * markPartial (partialHistory.ts); the route then sets the X-MexcLive-History header.
 */

import type {
  BalanceItem,
  FillItem,
  LedgerItem,
  OpeningPosition,
  OrderItem,
  Page,
  ReadAnswers,
  ReadName,
  TransferItem,
} from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import type { LedgerKind, TransferType } from "@mexc-live/protocol/wallet";
import type { PositionMethod, TaxRow } from "../../figures/index.js";
import type { Answer, TableReads } from "../../figures/tableReads.js";

export interface OrdersQuery {
  readonly status: "open" | "all";
  readonly symbol?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export interface FillsQuery {
  readonly symbol?: string;
  /** ms, inclusive. */
  readonly from?: number;
  /** ms, inclusive. */
  readonly to?: number;
  readonly cursor?: string;
  readonly limit: number;
}

/** The fills of a range, for the CSV export. */
export interface RangeQuery {
  readonly symbol?: string;
  readonly from?: number;
  readonly to?: number;
}

export interface TransfersQuery {
  readonly type?: TransferType;
  readonly asset?: string;
  readonly from?: number;
  readonly to?: number;
  readonly cursor?: string;
  readonly limit: number;
}

export interface LedgerQuery {
  readonly asset?: string;
  readonly type?: LedgerKind;
  readonly from?: number;
  readonly to?: number;
  readonly cursor?: string;
  readonly limit: number;
}

interface TaxQuery {
  readonly year: number;
  /** Any of the position engine's methods (the tax report alone offers lifo and hifo). */
  readonly method?: PositionMethod;
}

/** What the API table's reads are asked with (contract api/params.ts), by name. */
export type EquityQuery = ReadQuery<"equity">;
export type PerformanceQuery = ReadQuery<"performance">;

/** Asks `queries` the read `name`: how the generic layers (routes, Redis, the accounts' fold) call a row. */
export function askRead<K extends ReadName>(
  queries: GatewayQueries,
  name: K,
  query: ReadQuery<K>,
): Answer<ReadAnswers[K]> {
  return (queries[name] as unknown as (query: ReadQuery<K>) => Answer<ReadAnswers[K]>).call(queries, query);
}

export interface GatewayQueries extends TableReads {
  balances(): Answer<readonly BalanceItem[]>;
  /** Newest first. A cursor the store does not recognise throws InvalidCursorError. */
  orders(query: OrdersQuery): Answer<Page<OrderItem>>;
  /** Newest first. A cursor the store does not recognise throws InvalidCursorError. */
  fills(query: FillsQuery): Answer<Page<FillItem>>;
  /**
   * The disposals of a tax year, by `method`: read lazily, a step per fill walked (a disposal, or
   * null for a fill that makes none in the year), so a reader can spread the walk over turns of
   * the event loop (http/routes/exportStream.ts). Asynchronous where the rows come in chunks as
   * they are read (a web instance: redis/redisQueries.ts); closing it early ends the walk.
   */
  taxRows(query: TaxQuery): Answer<Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>>;
  /**
   * Every fill in the range, oldest first, for the CSV export (read lazily: it may be long). A
   * promise when where the fills come from is known only after a first read (a web instance).
   */
  allFills(query: RangeQuery): Answer<Iterable<FillItem> | AsyncIterable<FillItem>>;
  /** Deposits, withdrawals and transfers, newest first. */
  transfers(query: TransfersQuery): Answer<Page<TransferItem>>;
  /** Every balance change, what it was and what caused it, newest first. */
  ledger(query: LedgerQuery): Answer<Page<LedgerItem>>;
  /** Assets held before the known history, with their cost (given or first-known). */
  openingPositions(): Answer<readonly OpeningPosition[]>;
  /**
   * The figures version now (figures/figuresVersion.ts); the figures routes send the one read
   * before computing (contract FIGURES_VERSION_HEADER). Absent where no figures are kept here (a
   * web instance's mirror, tests' lists): then no version is sent.
   */
  figuresVersion?(): number;
}
