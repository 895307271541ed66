/**
 * The gateway's storage: one SQLite file (WAL) holding fills, orders and their history, balances
 * and their changes (read as the account ledger), deposits, withdrawals and transfers, the
 * backfill's progress, opening costs, equity snapshots and, optionally, raw frames.
 *
 * Every write is idempotent (a replayed or reconciled event changes nothing) and runs in a
 * transaction: a process killed mid-write leaves whole rows or none, and the file reopens as is.
 * better-sqlite3 is synchronous; the scans (allFills, fillHistory, rawFrames) read in chunks, so a
 * slow consumer holds neither memory nor the connection between chunks.
 */

import type {
  EquityPoint,
  FillItem,
  HistorySource,
  LedgerItem,
  OrderItem,
  Page,
  TransferItem,
} from "@mexc-live/contract";
import { REST_TIME_RESOLUTION_MS } from "@mexc-live/protocol/limits";
import type { TransferType, WalletTransfer } from "@mexc-live/protocol/wallet";
import { AlertTables } from "./alerts.js";
import { type BackfillPlanRow, BackfillPlanTable, type BackfillWindow } from "./backfillPlan.js";
import { type BalanceChange, type BalanceInput, type BalanceRow, BalancesTable } from "./balances.js";
import { type Db, openDatabase } from "./database.js";
import { type EquityQuery, EquitySnapshots } from "./equitySnapshots.js";
import { FillSumsTable } from "./fillSumsTable.js";
import {
  type FiguresRow,
  type FillInput,
  type FillsQuery,
  type FillsScan,
  FillsTable,
  type FillValuation,
  type LastFill,
  type StoredFill,
} from "./fills.js";
import { type AssetsOf, type LedgerQuery, LedgerReader } from "./ledger.js";
import { LedgerCheckpoints } from "./ledgerCheckpoints.js";
import { type OpeningCost, OpeningCostsTable } from "./openingCosts.js";
import { type OpenOrderRef, type OrderInput, type OrdersQuery, OrdersTable } from "./orders.js";
import { PairSplitsTable, type RememberedPair } from "./pairSplits.js";
import { type RawFrame, RawFrames, type RawFramesQuery } from "./rawFrames.js";
import {
  applyRetention,
  DEFAULT_RETENTION,
  type RetentionResult,
  type RetentionSettings,
  validateRetention,
} from "./retention.js";
import { type TransfersQuery, TransfersTable } from "./transfers.js";
import { TransfersExport, type TransfersScan } from "./transfersExport.js";
import { checkpointOffThread, type WalCheckpoints } from "./walCheckpoints.js";

export interface StoreOptions {
  /** File path (its directory is created), or ":memory:". */
  readonly path: string;
  /** Days to keep per table; default DEFAULT_RETENTION (raw frames a week, the rest forever). */
  readonly retention?: RetentionSettings;
  /** Whether MEXC has disabled API trading on a symbol (read at query time). Default: never. */
  readonly apiTradingDisabled?: (symbol: string) => boolean;
  /** A symbol's base and quote asset (the ledger matches trades by them); default: by its spelling. */
  readonly assetsOf?: AssetsOf;
  readonly now?: () => number;
}

export interface StoreCounts {
  readonly fills: number;
  readonly orders: number;
  readonly orderHistory: number;
  readonly balances: number;
  readonly balanceChanges: number;
  readonly equity: number;
  readonly rawFrames: number;
  readonly transfers: number;
}

/** What the store took in since the derived figures last looked: each kind's earliest time. */
export interface StoreChanges {
  /** Fills stored (new, or a stored one changed). */
  readonly fills: number | undefined;
  /** Deposits, withdrawals and transfers stored or changed. */
  readonly transfers: number | undefined;
  /** Fills whose valuation alone was stored (at the prices of their time): no event is new. */
  readonly valued: number | undefined;
}

const NO_CHANGES: StoreChanges = { fills: undefined, transfers: undefined, valued: undefined };

export function openStore(options: StoreOptions): GatewayStore {
  return new GatewayStore(options);
}

export class GatewayStore {
  readonly path: string;
  private readonly db: Db;
  private readonly retention: RetentionSettings;
  private readonly now: () => number;
  private readonly fillsTable: FillsTable;
  private readonly ordersTable: OrdersTable;
  private readonly balancesTable: BalancesTable;
  private readonly equityTable: EquitySnapshots;
  private readonly frames: RawFrames;
  private readonly transfersTable: TransfersTable;
  private readonly transfersExport: TransfersExport;
  private readonly ledgerReader: LedgerReader;
  private readonly backfillPlan: BackfillPlanTable;
  private readonly openingCostsTable: OpeningCostsTable;
  private readonly pairSplits: PairSplitsTable;
  private pairsWritten = 0;
  /** A backfill started and has not planned yet (expectHistory). */
  private historyExpected = false;
  /** Alert rules, outbox and deliveries (alerts/). */
  readonly alerts: AlertTables;
  /** The read models' one checkpoint table (figures/keeper.ts). */
  readonly checkpoints: LedgerCheckpoints;
  /** The fills' sums per pair, summed as they are stored (figures/fillSums.ts reads them). */
  readonly fillSums: FillSumsTable;
  private readonly upsertOrderTx: (order: OrderInput) => boolean;
  private readonly applyBalanceTx: (update: BalanceInput) => boolean;
  private changes: StoreChanges = NO_CHANGES;
  private readonly upsertFillTx: (fill: FillInput, valuation: FillValuation | string | null | undefined) => boolean;
  /** The WAL's checkpoints, run by a worker thread (walCheckpoints.ts). */
  private readonly walCheckpoints: WalCheckpoints | undefined;

  constructor(options: StoreOptions) {
    this.retention = options.retention ?? DEFAULT_RETENTION;
    validateRetention(this.retention);
    this.now = options.now ?? Date.now;
    this.path = options.path;
    this.db = openDatabase(options.path);
    this.walCheckpoints = options.path === ":memory:" ? undefined : checkpointOffThread(this.db, options.path);
    this.fillSums = new FillSumsTable(this.db);
    this.fillsTable = new FillsTable(this.db, this.fillSums);
    this.ordersTable = new OrdersTable(this.db, options.apiTradingDisabled ?? (() => false));
    this.balancesTable = new BalancesTable(this.db);
    this.equityTable = new EquitySnapshots(this.db);
    this.frames = new RawFrames(this.db);
    this.transfersTable = new TransfersTable(this.db);
    this.transfersExport = new TransfersExport(this.db);
    this.ledgerReader = new LedgerReader(this.db, this.transfersTable, options.assetsOf ?? (() => undefined));
    this.backfillPlan = new BackfillPlanTable(this.db);
    this.openingCostsTable = new OpeningCostsTable(this.db);
    this.pairSplits = new PairSplitsTable(this.db);
    this.alerts = new AlertTables(this.db, this.now);
    this.checkpoints = new LedgerCheckpoints(this.db);
    this.upsertFillTx = this.db.transaction((fill, valuation) => this.fillsTable.upsert(fill, valuation, this.now()));
    this.upsertOrderTx = this.db.transaction((order) => this.ordersTable.upsert(order));
    this.applyBalanceTx = this.db.transaction((update) => this.balancesTable.apply(update));
  }

  // ------------------------------------------------------------------ writes (idempotent)

  /**
   * Stores a fill with its valuation at fill time (a fee value alone, or valueFill's result).
   * Returns whether it was new: false for a trade id already stored, which changes nothing.
   */
  upsertFill(fill: FillInput, valuation?: FillValuation | string | null): boolean {
    const added = this.written(() => this.upsertFillTx(fill, valuation));
    if (added) this.noteChange("fills", fill.timestamp);
    return added;
  }

  /**
   * The earliest time of the fills and of the transfers stored or changed, and of the fills only
   * valued, since the last call, and forgets them: what the derived figures must take in
   * (portfolioModel.ts).
   */
  takeChanges(): StoreChanges {
    const changes = this.changes;
    this.changes = NO_CHANGES;
    return changes;
  }

  /** Whether something was stored or valued since the last takeChanges (the figures have not taken it in yet). */
  hasChanges(): boolean {
    return this.changes !== NO_CHANGES;
  }

  /** Fills still to be valued at the prices of their time, oldest first (at most `limit`). */
  pendingValuations(limit: number): StoredFill[] {
    return this.fillsTable.pendingValuations(limit);
  }

  /** How many fills wait to be valued at the prices of their time. */
  pendingValuationCount(): number {
    return this.fillsTable.pendingValuationCount();
  }

  /** The time of the oldest fill still to be valued at the prices of its time; undefined: none. */
  firstPendingValuation(): number | undefined {
    return this.fillsTable.firstPendingValuation();
  }

  /** Stores valuations made at the prices of the fills' time, in one transaction. */
  setValuations(
    valued: readonly { readonly tradeId: string; readonly time: number; readonly valuation: FillValuation }[],
  ): void {
    this.db.transaction(() => {
      for (const { tradeId, valuation } of valued) this.fillsTable.setValuation(tradeId, valuation);
    })();
    for (const { time } of valued) this.noteChange("valued", time);
  }

  /**
   * Records an order state. Returns whether the order's latest state changed (new order, or it
   * moved forward); a stale or repeated state returns false and changes nothing.
   */
  upsertOrder(order: OrderInput): boolean {
    return this.upsertOrderTx(order);
  }

  /** Records a balance change; returns whether it was new (a repeated change returns false). */
  applyBalance(update: BalanceInput): boolean {
    return this.applyBalanceTx(update);
  }

  /** Stores a deposit, withdrawal or transfer, or moves its status forward; returns whether anything changed. */
  upsertTransfer(transfer: WalletTransfer, source: HistorySource = "rest"): boolean {
    const changed = this.batch(() => this.transfersTable.upsert(transfer, source));
    if (changed) this.noteChange("transfers", transfer.time);
    return changed;
  }

  /** What the user says an asset held at the start of the history cost (quote per unit); null forgets it. */
  setOpeningCost(asset: string, costPrice: string | null): void {
    this.openingCostsTable.set(asset, costPrice, this.now());
  }

  private noteChange(kind: keyof StoreChanges, time: number): void {
    const held = this.changes[kind];
    if (held === undefined || time < held) this.changes = { ...this.changes, [kind]: time };
  }

  // ------------------------------------------------------------------ the backfill's plan

  backfill(): { plan: BackfillPlanRow | undefined; windows: readonly BackfillWindow[] } {
    return { plan: this.backfillPlan.plan(), windows: this.backfillPlan.windows() };
  }

  /** Creates the plan once (an existing plan is kept) and adds windows not yet in it. */
  planBackfill(
    plan: { plannedAt: number; historyFrom: number },
    windows: readonly Omit<BackfillWindow, "doneAt" | "items">[],
  ): void {
    this.batch(() => this.backfillPlan.create(plan, windows));
  }

  /** Stores a window's rows with `write` and marks it done, in one transaction. */
  completeBackfillWindow(window: Pick<BackfillWindow, "kind" | "symbol" | "start">, write: () => number): number {
    return this.batch(() => {
      const items = write();
      this.backfillPlan.done(window, items, this.now());
      return items;
    });
  }

  completeBackfill(at = this.now()): void {
    this.backfillPlan.markComplete(at);
  }

  /**
   * The first backfill is planned and not complete, or about to be planned (expectHistory): the
   * history MEXC serves is still being read, newest first, so a figure may lack the buys before
   * what it holds (their cost) for now.
   */
  historyBeingRead(): boolean {
    const plan = this.backfillPlan.plan();
    return plan === undefined ? this.historyExpected : plan.completedAt === null;
  }

  /**
   * A backfill started (ingest/backfill.ts) and plans once the live stream is up: the history
   * counts as being read from now, so the figures' first answers, made from the last day's fills
   * reconciled before the plan, leave what they cannot cost out for now, not for good.
   */
  expectHistory(): void {
    this.historyExpected = true;
  }

  /** One point per ms: a second point at the same time replaces the first. */
  addEquitySnapshot(point: EquityPoint): void {
    this.equityTable.add(point);
  }

  /** One frame as received (bytes copied now), for replay; channel null when unknown. */
  recordRawFrame(bytes: Uint8Array, receivedAt: number, channel: string | null = null): void {
    this.frames.record(bytes, receivedAt, channel);
  }

  /**
   * Resolves once the WAL's checkpoint has caught up with what was written (walCheckpoints.ts): a
   * writer that stores in every turn of the event loop awaits it now and then.
   */
  settleWal(): Promise<void> {
    return this.walCheckpoints?.settle() ?? Promise.resolve();
  }

  /** Runs `fn` (several writes) as one transaction: all of it is stored, or none. Nests. */
  batch<T>(fn: () => T): T {
    return this.written(this.db.transaction(fn));
  }

  /**
   * Runs a write that may store fills: once its transaction is done (the outermost one), the
   * fills' sums it moved are kept; a write that throws may have rolled back fills they took in.
   */
  private written<T>(write: () => T): T {
    let done: T;
    try {
      done = write();
    } catch (error) {
      this.fillSums.forget();
      throw error;
    }
    if (!this.db.inTransaction) this.fillSums.settle();
    return done;
  }

  // ------------------------------------------------------------------ reads

  /** Per symbol, the last fill stored (the client's `resume.lastFills`); survives retention. */
  lastFillPerSymbol(): Record<string, LastFill> {
    return this.fillsTable.lastFillPerSymbol();
  }

  /**
   * The fills of `symbol` valued while nothing said which of its parts is the base and which the
   * quote (a pair MEXC delisted, before its split was known), to be valued again; how many.
   */
  valueAgainUnplaced(symbol: string): number {
    return this.fillsTable.valueAgain(symbol);
  }

  /** How many fills of `symbol` are stored. */
  fillCountOf(symbol: string): number {
    return this.fillsTable.countOf(symbol);
  }

  /** Orders stored as open (the client's `resume.openOrders`). */
  /**
   * Trade ids stored from one second before each symbol's last fill on: the client's resume
   * `knownTradeIds` (MEXC's REST dates fills to the whole second, so it asks that second again).
   */
  recentTradeIds(lastFills: Readonly<Record<string, LastFill>>): string[] {
    const ids: string[] = [];
    for (const [symbol, last] of Object.entries(lastFills)) {
      for (const fill of this.allFills({ symbol, from: last.time - REST_TIME_RESOLUTION_MS })) ids.push(fill.tradeId);
    }
    return ids;
  }

  openOrders(): OpenOrderRef[] {
    return this.ordersTable.openOrders();
  }

  /** Current balances by asset, without price; zero balances only with `includeZero`. */
  balances(options: { includeZero?: boolean } = {}): BalanceRow[] {
    return this.balancesTable.list(options.includeZero === true);
  }

  balance(asset: string): BalanceRow | undefined {
    return this.balancesTable.get(asset);
  }

  /** An asset's latest changes, newest first. */
  balanceChanges(asset: string, limit = 100): BalanceChange[] {
    return this.balancesTable.changes(asset, limit);
  }

  order(orderId: string): OrderItem | undefined {
    return this.ordersTable.item(orderId);
  }

  /** Newest first (creation time, then order id). Throws StoreError BAD_CURSOR / BAD_QUERY. */
  orders(query: OrdersQuery = {}): Page<OrderItem> {
    return this.ordersTable.page(query);
  }

  /** Newest first (fill time, then trade id). Throws StoreError BAD_CURSOR / BAD_QUERY. */
  fills(query: FillsQuery = {}): Page<FillItem> {
    return this.fillsTable.page(query);
  }

  /** Every fill in range as contract items, oldest first, read in chunks (for CSV export). */
  allFills(query: FillsScan = {}): Generator<FillItem> {
    return contractItems(this.fillsTable.scan(query));
  }

  /** Every fill in a range stored up to the mark `upToRow` (fillsMark), oldest first, in chunks: an export's read. */
  exportFills(query: FillsScan, upToRow: number): Generator<FillItem> {
    return this.fillsTable.itemsScanUpTo(query, upToRow);
  }

  /** A mark of the fills stored so far, for a scan's `upToRow` (its consistent view). */
  /** The time of the earliest fill stored after the mark `afterRow`; undefined when none was. */
  firstFillStoredSince(afterRow: number): number | undefined {
    return this.fillsTable.firstStoredSince(afterRow);
  }

  /** The fills stored after the mark `afterRow` up to `upToRow`, in the store's order; undefined when more than `limit`. */
  fillsSince(afterRow: number, upToRow: number, limit: number): FiguresRow[] | undefined {
    return this.fillsTable.since(afterRow, upToRow, limit);
  }

  fillsMark(): number {
    return this.fillsTable.lastRowMark();
  }

  /** Every fill with its valuation, oldest first, read in chunks (to rebuild PnL, fees, volume). */
  fillHistory(query: FillsScan = {}): Generator<StoredFill> {
    return this.fillsTable.scan(query);
  }

  /** The fills as the figures by pair read them, oldest first, from `from` (ms) or after `after`, in chunks. */
  figuresHistory(from?: number, after?: { time: number; tradeId: string }): Generator<FiguresRow> {
    return this.fillsTable.figuresScan(from, after);
  }

  /**
   * The fills as the figures read them, oldest first, from `from` up to `to` (ms, both included)
   * and the mark `upToRow` (fillsMark), in chunks.
   */
  figuresHistoryUpTo(to: number, upToRow: number, from?: number): Generator<FiguresRow> {
    return this.fillsTable.figuresScanUpTo(to, upToRow, from);
  }

  /** Oldest first, downsampled to `step` ms (the last point per step). */
  equity(query: EquityQuery = {}): EquityPoint[] {
    return this.equityTable.range(query);
  }

  /** When the first equity point was measured live; undefined before any. */
  firstMeasuredEquityTime(): number | undefined {
    return this.equityTable.firstMeasuredTime();
  }

  /** Replaces the equity points estimated from the history. */
  replaceEstimatedEquity(points: readonly EquityPoint[]): void {
    this.batch(() => this.equityTable.replaceEstimated(points));
  }

  latestEquity(): EquityPoint | undefined {
    return this.equityTable.latest();
  }

  /** Deposits, withdrawals and transfers, newest first. Throws StoreError BAD_CURSOR / BAD_QUERY. */
  transfers(query: TransfersQuery = {}): Page<TransferItem> {
    return this.transfersTable.page(query);
  }

  transferCounts(): Record<TransferType, number> {
    return this.transfersTable.counts();
  }

  /** Every transfer, oldest first (opening positions, imports). */
  allTransfers(): TransferItem[] {
    return this.transfersTable.all();
  }

  /** A mark of the transfers stored so far, for exportTransfers' `upToRow` (its consistent view). */
  transfersMark(): number {
    return this.transfersExport.mark();
  }

  /** The completed transfers of a range stored up to a mark, oldest first, in chunks: an export's read. */
  exportTransfers(query: TransfersScan): Generator<TransferItem> {
    return this.transfersExport.scan(query);
  }

  /** The completed legs of the dust conversion `leg` is one of (itself included). */
  conversionLegs(leg: TransferItem): TransferItem[] {
    return this.transfersExport.conversionLegs(leg);
  }

  /** The account ledger: every balance change, what it was and what caused it, newest first. */
  ledger(query: LedgerQuery = {}): Page<LedgerItem> {
    return this.ledgerReader.page(query);
  }

  openingCosts(): OpeningCost[] {
    return this.openingCostsTable.all();
  }

  /** Remembers pairs' base and quote assets (store/pairSplits.ts: a listed split wins over an exported one). */
  rememberPairs(pairs: readonly RememberedPair[]): void {
    if (pairs.length === 0) return;
    this.batch(() => {
      for (const pair of pairs) this.pairSplits.remember(pair);
    });
    this.pairsWritten++;
  }

  /** A count moved by each rememberPairs: a reader of rememberedPairs reads them again when it moved. */
  get pairsRemembered(): number {
    return this.pairsWritten;
  }

  /** Every pair's remembered split, by symbol. */
  rememberedPairs(): RememberedPair[] {
    return this.pairSplits.all();
  }

  rawFrames(query?: RawFramesQuery): Generator<RawFrame> {
    return this.frames.scan(query);
  }

  counts(): StoreCounts {
    const count = (table: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      fills: count("fills"),
      orders: count("orders"),
      orderHistory: count("order_history"),
      balances: count("balances"),
      balanceChanges: count("balance_changes"),
      equity: count("equity_snapshots"),
      rawFrames: count("raw_frames"),
      transfers: count("transfers"),
    };
  }

  // ------------------------------------------------------------------ upkeep

  /** Deletes what is older than the retention settings; returns the rows deleted per table. */
  applyRetention(now = this.now()): Promise<RetentionResult> {
    return applyRetention(this.db, this.retention, now);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Checkpoints the WAL into the file and closes it. Idempotent. */
  close(): void {
    if (!this.db.open) return;
    this.walCheckpoints?.stop();
    try {
      this.fillSums.settle(true);
      this.db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      this.db.close();
    }
  }
}

function* contractItems(fills: Iterable<StoredFill>): Generator<FillItem> {
  for (const { feePairValue: _p, amountValue: _a, ...item } of fills) yield item;
}
