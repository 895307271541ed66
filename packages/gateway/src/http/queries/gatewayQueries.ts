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
  AssetPnlItem,
  BalanceItem,
  EquityPoint,
  FeeDaysAnswer,
  FeeSummary,
  FillItem,
  LedgerItem,
  OpeningPosition,
  OrderItem,
  Page,
  PerformanceSummary,
  PnlItem,
  PnlPeriod,
  PnlPeriodItem,
  TransferItem,
  VolumeItem,
} from "@mexc-live/contract";
import type { LedgerKind, TransferType } from "@mexc-live/protocol/wallet";
import type { CostMethod, TaxRow } from "../../derive/index.js";
import type { Trip } from "../../derive/journal/roundTrips.js";

type Answer<T> = T | Promise<T>;

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

export interface EquityQuery {
  readonly from?: number;
  readonly to?: number;
  /** One point per `step` ms (the last snapshot in each step); undefined: every snapshot. */
  readonly step?: number;
}

export interface RangeQuery {
  readonly symbol?: string;
  readonly from?: number;
  readonly to?: number;
  /** Days in this time zone (volume); default UTC. */
  readonly tz?: string;
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

interface PeriodsQuery {
  readonly period: PnlPeriod;
  readonly from: number;
  readonly to: number;
  readonly method?: CostMethod;
  /** Period boundaries in this time zone ("UTC" or an IANA name); default UTC. */
  readonly tz?: string;
}

export interface PerformanceQuery {
  /** ms; default: the start of the known history. */
  readonly from?: number;
  /** ms; default: now (live). */
  readonly to?: number;
  readonly method?: CostMethod;
}

interface FeeDaysQuery {
  readonly from?: number;
  readonly to?: number;
  readonly tz?: string;
}

interface TaxQuery {
  readonly year: number;
  readonly method?: CostMethod;
}

export interface GatewayQueries {
  balances(): Answer<readonly BalanceItem[]>;
  /** Newest first. A cursor the store does not recognise throws InvalidCursorError. */
  orders(query: OrdersQuery): Answer<Page<OrderItem>>;
  /** Newest first. A cursor the store does not recognise throws InvalidCursorError. */
  fills(query: FillsQuery): Answer<Page<FillItem>>;
  equity(query: EquityQuery): Answer<readonly EquityPoint[]>;
  fees(): Answer<FeeSummary>;
  /** PnL per symbol by `method` (default: the --cost-basis setting). */
  pnl(method?: CostMethod): Answer<readonly PnlItem[]>;
  /** PnL by asset now, by `method`: what is held, its cost basis, realized and unrealized PnL, fees, value. */
  assetPnl(method?: CostMethod): Answer<readonly AssetPnlItem[]>;
  /** The fee series by day over the history; its last cumulative equals the total. */
  feeDays(query: FeeDaysQuery): Answer<FeeDaysAnswer>;
  /** PnL by day, week or month, valued in the quote currency. */
  pnlPeriods(query: PeriodsQuery): Answer<readonly PnlPeriodItem[]>;
  /** Equity net of deposits and withdrawals, and the time-weighted return, over a range. */
  performance(query: PerformanceQuery): Answer<PerformanceSummary>;
  /**
   * The disposals of a tax year, by `method`: read lazily, a step per fill walked (a disposal, or
   * null for a fill that makes none in the year), so a reader can spread the walk over turns of
   * the event loop (http/routes/exportStream.ts). Asynchronous where the rows come in chunks as
   * they are read (a web instance: redis/redisQueries.ts); closing it early ends the walk.
   */
  taxRows(query: TaxQuery): Answer<Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>>;
  volume(query: RangeQuery): Answer<readonly VolumeItem[]>;
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
   * Every round trip of the account by `method`, in the order they closed (routes/journal.ts);
   * absent where no store is kept here (a web instance): the journal answers there are refused.
   */
  journalTrips?(method?: CostMethod): Answer<readonly Trip[]>;
  /**
   * The figures version now (ingest/figuresVersion.ts); the figures routes send the one read
   * before computing (contract FIGURES_VERSION_HEADER). Absent where no figures are kept here (a
   * web instance's mirror, tests' lists): then no version is sent.
   */
  figuresVersion?(): number;
}
