/**
 * Fills, idempotent by trade id: the first copy of a trade wins (stream or REST, whichever came
 * first) and every later copy changes nothing. Per symbol, a watermark of the last fill stored,
 * for the client to resume from.
 */

import type { FillItem, Page, Source } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import { dec, exact, type FillTerms, type Side } from "@mexc-live/protocol";
import { type CursorKey, decodeCursor, encodeCursor, pageLimit } from "./cursor.js";
import type { Db } from "./database.js";
import type { FillSumsTable } from "./fillSumsTable.js";
import { type PageFilter, SelectCache } from "./selectCache.js";
import { decimalField, optionalDecimalField, queryTime, textField, timeField } from "./validate.js";

/** What upsertFill takes: the protocol's Fill with its source (Sourced<Fill>) fits. */
export interface FillInput extends FillTerms {
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId?: string;
  readonly isMaker: boolean;
  readonly isSelfTrade?: boolean;
  /** Exchange time of the fill, ms. */
  readonly timestamp: number;
  /** When the gateway received it, ms. */
  readonly localTimestamp?: number;
  readonly source: Source;
  /**
   * False: a live fill that came during a reconciliation, ahead of older fills still to come from
   * REST; stored, but not the resume point (the client's DeliveredFill.resumable). Absent: true.
   */
  readonly resumable?: boolean;
}

/** A fill as stored: the contract item plus its valuation at fill time. */
/** What a fill is worth in other currencies, fixed when it is ingested. */
export interface FillValuation {
  /** The fee valued in the gateway's quote currency; null when no price was known. */
  readonly feeValue: string | null;
  /** The fee valued in the pair's own quote asset (for average cost); null when no price was known. */
  readonly feePairValue: string | null;
  /** The fill's quote amount valued in the gateway's quote currency (for volume); null when unknown. */
  readonly amountValue: string | null;
}

export type StoredFill = FillItem & FillValuation;

/** The API table's fills read as the store takes it (contract api/params.ts; `from`, `to` inclusive), every field optional. */
export type FillsQuery = Partial<ReadQuery<"fills">>;

export interface FillsScan {
  readonly symbol?: string;
  readonly from?: number;
  readonly to?: number;
  /**
   * Only fills stored up to this mark (lastRowMark()): a scan that outlives turns of the event
   * loop (an export) reads the fills there were when it began, none stored meanwhile.
   */
  readonly upToRow?: number;
}

/** The last fill stored for a symbol (the client's LastFill). */
export interface LastFill {
  readonly tradeId: string;
  readonly time: number;
}

/**
 * A fill as the ledger reads it (figures/ledger/ledgerCursor.ts): what every figure reads of it,
 * the figures by pair, the portfolio, the journal (its order) and the tax report alike.
 */
export interface FiguresRow extends FillTerms {
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly feeValue: string | null;
  readonly feePairValue: string | null;
  readonly amountValue: string | null;
  readonly time: number;
}

/** A FiguresRow as the raw statement gives it (FIGURES_COLUMNS' order). */
export type FiguresColumns = [
  tradeId: string,
  symbol: string,
  side: Side,
  price: string,
  quantity: string,
  amount: string,
  fee: string,
  feeCurrency: string,
  feeValue: string | null,
  feePairValue: string | null,
  amountValue: string | null,
  time: number,
  orderId: string,
  clientOrderId: string,
];

/** The columns a figures scan reads, in FiguresColumns' order. */
const FIGURES_COLUMNS = `trade_id, symbol, side, price, quantity, amount, fee, fee_currency, fee_value, fee_pair_value,
      amount_value, time, order_id, client_order_id`;

/**
 * A symbol's fills valued when the pair's two assets were unknown (figures/fees.ts valueFillAt
 * without a market: no amount, and no fee unless it was nothing) marked to be valued again.
 */
const UNPLACED_VALUATIONS_SQL = `
  UPDATE fills SET valuation_pending = 1
  WHERE symbol = ? AND valuation_pending = 0 AND amount_value IS NULL
    AND ((fee_value IS NULL AND fee_pair_value IS NULL) OR (fee_value = '0' AND fee_pair_value = '0'))`;

/**
 * The fills after (@time, @tradeId) up to @to (ms) and stored up to the rowid @upToRow, oldest
 * first, at most @limit: one chunk of a figures scan, as FiguresColumns (read raw). Also read by
 * the ledger's cursor.
 */
const FIGURES_UP_TO_SQL = `SELECT ${FIGURES_COLUMNS} FROM fills WHERE (time, trade_id) > (@time, @tradeId) AND time <= @to
          AND rowid <= @upToRow ORDER BY time, trade_id LIMIT @limit`;

/** Where a figures chunk ends: the key the next one starts after. */
function keyAfter(rows: readonly FiguresColumns[]): FillKeyOf | undefined {
  const last = rows[rows.length - 1];
  return last === undefined ? undefined : { time: last[11], tradeId: last[0] };
}

function toFiguresRow(row: FiguresColumns): FiguresRow {
  return {
    tradeId: row[0],
    orderId: row[12],
    clientOrderId: row[13],
    symbol: row[1],
    side: row[2],
    price: row[3],
    quantity: row[4],
    amount: row[5],
    fee: row[6],
    feeCurrency: row[7],
    feeValue: row[8],
    feePairValue: row[9],
    amountValue: row[10],
    time: row[11],
  };
}

/** A fill's place in the store's order (time, then trade id). */
export interface FillKeyOf {
  readonly time: number;
  readonly tradeId: string;
}

/**
 * Rows per statement of a figures scan. Small enough that a chunk is used up within a slice of
 * a pass (figures/keeper.ts): at 2,000 a chunk outlived young-generation collections, and a rebuild of a million fills left ~900 MB of rows in the old generation for
 * the long collections (bench/store's import phase). A full rebuild is as fast either way
 * (1M fills: 6.9-7.7 s of CPU at 256, 6.9-8.4 s at 2,000, same run, load ~4).
 */
const FIGURES_CHUNK = 256;

/** Rows read per statement while iterating: bounded memory, and the connection is free in between. */
export const SCAN_CHUNK = 500;

interface FillRow {
  trade_id: string;
  order_id: string;
  client_order_id: string;
  symbol: string;
  side: string;
  price: string;
  quantity: string;
  amount: string;
  fee: string;
  fee_currency: string;
  fee_value: string | null;
  fee_pair_value: string | null;
  amount_value: string | null;
  is_maker: number;
  time: number;
  source: string;
}

/** A valuation from upsertFill's second argument: a fee value alone, or the whole valuation. */
function toValuation(valuation: FillValuation | string | null | undefined): FillValuation {
  if (valuation === null || valuation === undefined || typeof valuation === "string") {
    return { feeValue: valuation ?? null, feePairValue: null, amountValue: null };
  }
  return valuation;
}

/** The contract item of a fill (what the API and the fills topic show). */
export function toFillItem(fill: FillInput, valuation?: FillValuation | string | null): FillItem {
  const v = toValuation(valuation);
  const price = decimalField(fill.price, "price");
  const quantity = decimalField(fill.quantity, "quantity");
  const amount = decimalField(fill.amount, "amount");
  return {
    tradeId: textField(fill.tradeId, "tradeId"),
    orderId: fill.orderId,
    symbol: textField(fill.symbol, "symbol"),
    side: fill.side,
    price,
    quantity,
    // A source that left the amount out (zero) gets price x quantity, what MEXC reports.
    amount: amount === "0" ? exact(dec(price).times(dec(quantity))) : amount,
    fee: decimalField(fill.fee, "fee"),
    feeCurrency: fill.feeCurrency,
    feeValue: optionalDecimalField(v.feeValue, "feeValue"),
    isMaker: fill.isMaker,
    time: timeField(fill.timestamp, "timestamp"),
    source: fill.source,
  };
}

export class FillsTable {
  private readonly insert;
  private readonly watermark;
  private readonly watermarks;
  private readonly symbolCount;
  private readonly unplacedValuations;
  private readonly selects: SelectCache<FillRow>;
  private readonly pending;
  private readonly pendingCount;
  private readonly firstPending;
  private readonly setValued;
  private readonly newRows;
  private readonly firstNew;
  private readonly figuresFrom;
  private readonly figuresAfter;
  private readonly lastRow;
  private readonly figuresUpTo;
  private readonly itemsUpTo;
  private readonly symbolItemsUpTo;

  constructor(
    db: Db,
    private readonly sums: Pick<FillSumsTable, "stored">,
  ) {
    this.lastRow = db.prepare<[], { mark: number | null }>("SELECT MAX(rowid) AS mark FROM fills");
    this.insert = db.prepare(`
      INSERT INTO fills (trade_id, order_id, client_order_id, symbol, side, price, quantity, amount, fee,
        fee_currency, fee_value, fee_pair_value, amount_value, is_maker, is_self_trade, time, source, received_at,
        valuation_pending)
      VALUES (@tradeId, @orderId, @clientOrderId, @symbol, @side, @price, @quantity, @amount, @fee,
        @feeCurrency, @feeValue, @feePairValue, @amountValue, @isMaker, @isSelfTrade, @time, @source, @receivedAt,
        @valuationPending)
      ON CONFLICT (trade_id) DO NOTHING`);
    this.watermark = db.prepare(`
      INSERT INTO fill_watermarks (symbol, trade_id, time) VALUES (@symbol, @tradeId, @time)
      ON CONFLICT (symbol) DO UPDATE SET trade_id = excluded.trade_id, time = excluded.time
      WHERE excluded.time > fill_watermarks.time
        OR (excluded.time = fill_watermarks.time AND excluded.trade_id > fill_watermarks.trade_id)`);
    this.watermarks = db.prepare<[], { symbol: string; trade_id: string; time: number }>(
      "SELECT symbol, trade_id, time FROM fill_watermarks ORDER BY symbol",
    );
    this.selects = new SelectCache<FillRow>(db, "fills", "trade_id");
    this.pending = db.prepare<[number], FillRow>(
      "SELECT * FROM fills WHERE valuation_pending = 1 ORDER BY time, trade_id LIMIT ?",
    );
    this.pendingCount = db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM fills INDEXED BY fills_valuation_pending WHERE valuation_pending = 1",
    );
    this.firstPending = db.prepare<[], { time: number }>(
      "SELECT time FROM fills WHERE valuation_pending = 1 ORDER BY time, trade_id LIMIT 1",
    );
    this.unplacedValuations = db.prepare<[string]>(UNPLACED_VALUATIONS_SQL);
    this.symbolCount = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM fills INDEXED BY fills_by_symbol_time WHERE symbol = ?",
    );
    // Read as arrays (raw) and made objects here: better-sqlite3's row objects cost twice as much
    // to make, and a rebuild reads every fill (bench/store).
    this.figuresFrom = db
      .prepare<{ from: number; limit: number }, FiguresColumns>(
        `SELECT ${FIGURES_COLUMNS} FROM fills WHERE time >= @from ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    this.figuresAfter = db
      .prepare<{ time: number; tradeId: string; limit: number }, FiguresColumns>(
        `SELECT ${FIGURES_COLUMNS} FROM fills WHERE (time, trade_id) > (@time, @tradeId) ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    this.figuresUpTo = db
      .prepare<{ time: number; tradeId: string; to: number; upToRow: number; limit: number }, FiguresColumns>(
        FIGURES_UP_TO_SQL,
      )
      .raw();
    const itemColumns = `trade_id, order_id, symbol, side, price, quantity, amount, fee, fee_currency, fee_value,
      is_maker, time, source`;
    const itemsWhere = `(time, trade_id) > (@time, @tradeId) AND time >= @from AND time <= @to AND rowid <= @upToRow`;
    this.itemsUpTo = db
      .prepare<ItemsUpToParams, ItemColumns>(
        `SELECT ${itemColumns} FROM fills WHERE ${itemsWhere} ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    this.symbolItemsUpTo = db
      .prepare<ItemsUpToParams & { symbol: string }, ItemColumns>(
        `SELECT ${itemColumns} FROM fills WHERE symbol = @symbol AND ${itemsWhere} ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    // By rowid (the span stored since): the (time, trade_id) index would walk every older fill.
    this.newRows = db
      .prepare<{ afterRow: number; upToRow: number; limit: number }, FiguresColumns>(
        `SELECT ${FIGURES_COLUMNS} FROM fills WHERE rowid > @afterRow AND rowid <= @upToRow ORDER BY time, trade_id LIMIT @limit`,
      )
      .raw();
    this.firstNew = db.prepare<[number], { time: number | null }>(
      "SELECT min(time) AS time FROM fills WHERE rowid > ?",
    );
    this.setValued = db.prepare(
      `UPDATE fills SET fee_value = @feeValue, fee_pair_value = @feePairValue, amount_value = @amountValue,
        valuation_pending = 0 WHERE trade_id = @tradeId`,
    );
  }

  /**
   * The fills as the figures by pair read them (figures/figures.ts), oldest first: from `from`
   * (ms), or after `after`; only the columns they read, named as they name them, FIGURES_CHUNK at
   * most. A rebuild reads every fill: this is its read.
   */
  figuresChunk(from: number | undefined, after: FillKeyOf | undefined): FiguresRow[] {
    const rows =
      after !== undefined
        ? this.figuresAfter.all({ time: after.time, tradeId: after.tradeId, limit: FIGURES_CHUNK })
        : this.figuresFrom.all({ from: from ?? Number.MIN_SAFE_INTEGER, limit: FIGURES_CHUNK });
    return (rows as unknown as FiguresColumns[]).map(toFiguresRow);
  }

  /**
   * The fills as the figures read them (raw rows, FIGURES_CHUNK a statement: what a long walk
   * reads without leaving rows to the old generation), oldest first, from `from` (ms, inclusive)
   * up to `to` (ms, inclusive) and stored up to the mark `upToRow` (lastRowMark).
   */
  *figuresScanUpTo(to: number, upToRow: number, from = Number.MIN_SAFE_INTEGER): Generator<FiguresRow> {
    // Every trade id is non-empty: after (from, "") is every fill at or after `from`.
    let key: FillKeyOf | undefined = { time: from, tradeId: "" };
    for (;;) {
      const rows = this.figuresChunkUpTo(key, to, upToRow);
      for (const row of rows) yield toFiguresRow(row);
      key = keyAfter(rows);
      if (rows.length < FIGURES_CHUNK || key === undefined) return;
    }
  }

  /** One chunk of figuresScanUpTo: at most FIGURES_CHUNK fills after `after`, raw. */
  figuresChunkUpTo(after: FillKeyOf, to: number, upToRow: number): FiguresColumns[] {
    const params = { time: after.time, tradeId: after.tradeId, to, upToRow, limit: FIGURES_CHUNK };
    return this.figuresUpTo.all(params) as unknown as FiguresColumns[];
  }

  /**
   * The fills of a range as contract items, oldest first, stored up to the mark `upToRow`: an
   * export's read. Raw rows, FIGURES_CHUNK a statement, each made an item field by field: the
   * row objects of `scan` were promoted to the old generation by the million (bench/store).
   */
  itemsScanUpTo(query: FillsScan, upToRow: number): Generator<FillItem> {
    // Checked now: BAD_QUERY throws here, not at the first `next()`.
    const from = queryTime(query.from, "from") ?? Number.MIN_SAFE_INTEGER;
    const to = queryTime(query.to, "to") ?? Number.MAX_SAFE_INTEGER;
    return this.itemChunks(query.symbol, from, to, upToRow);
  }

  private *itemChunks(symbol: string | undefined, from: number, to: number, upToRow: number): Generator<FillItem> {
    let time = Number.MIN_SAFE_INTEGER;
    let tradeId = "";
    for (;;) {
      const params = { time, tradeId, from, to, upToRow, limit: FIGURES_CHUNK };
      const rows = symbol === undefined ? this.itemsUpTo.all(params) : this.symbolItemsUpTo.all({ ...params, symbol });
      for (const row of rows as unknown as ItemColumns[]) yield itemOf(row);
      const last = rows[rows.length - 1] as unknown as ItemColumns | undefined;
      if (rows.length < FIGURES_CHUNK || last === undefined) return;
      time = last[11];
      tradeId = last[0];
    }
  }

  /** figuresChunk after figuresChunk to the end. */
  *figuresScan(from: number | undefined, after?: FillKeyOf): Generator<FiguresRow> {
    let key = after;
    for (;;) {
      const rows = this.figuresChunk(from, key);
      yield* rows;
      const last = rows[rows.length - 1];
      if (rows.length < FIGURES_CHUNK || last === undefined) return;
      key = last;
    }
  }

  /** The fills stored after the mark `afterRow` up to `upToRow`, in the store's order; undefined when more than `limit`. */
  since(afterRow: number, upToRow: number, limit: number): FiguresRow[] | undefined {
    const rows = this.newRows.all({ afterRow, upToRow, limit: limit + 1 }) as unknown as FiguresColumns[];
    return rows.length > limit ? undefined : rows.map(toFiguresRow);
  }

  /** The time of the earliest fill stored after the mark `afterRow`; undefined when none was. */
  firstStoredSince(afterRow: number): number | undefined {
    return this.firstNew.get(afterRow)?.time ?? undefined;
  }

  /** Fills still to be valued at the prices of their time, oldest first. */
  pendingValuations(limit: number): StoredFill[] {
    return this.pending.all(limit).map(rowToStored);
  }

  /** How many fills wait to be valued at the prices of their time (their partial index alone is read). */
  pendingValuationCount(): number {
    return this.pendingCount.get()?.n ?? 0;
  }

  /** The time of the oldest fill still to be valued; undefined when none is (one step of the index). */
  firstPendingValuation(): number | undefined {
    return this.firstPending.get()?.time;
  }

  /**
   * The fills of `symbol` valued while its two assets were unknown, to be valued again (pending);
   * how many.
   */
  valueAgain(symbol: string): number {
    return this.unplacedValuations.run(symbol).changes;
  }

  /** How many fills of `symbol` are stored (its index alone is read). */
  countOf(symbol: string): number {
    return this.symbolCount.get(symbol)?.n ?? 0;
  }

  /** Stores a fill's valuation made at the prices of its time (it is no longer pending). */
  setValuation(tradeId: string, valuation: FillValuation): void {
    this.setValued.run({
      tradeId,
      feeValue: optionalDecimalField(valuation.feeValue, "feeValue"),
      feePairValue: optionalDecimalField(valuation.feePairValue, "feePairValue"),
      amountValue: optionalDecimalField(valuation.amountValue, "amountValue"),
    });
  }

  /** Stores a fill unless its trade id is known; returns whether it was new. */
  upsert(fill: FillInput, valuation: FillValuation | string | null | undefined, now: number): boolean {
    const item = toFillItem(fill, valuation);
    const v = toValuation(valuation);
    // Named one by one, not `...item`: objects made by that spread outlived the young generation's
    // collections (157 MB of old space at 100k fills against 16 MB, bench/store's import), so an
    // import or a backfill left the collector long pauses to make.
    const params = {
      tradeId: item.tradeId,
      orderId: item.orderId,
      symbol: item.symbol,
      side: item.side,
      price: item.price,
      quantity: item.quantity,
      amount: item.amount,
      fee: item.fee,
      feeCurrency: item.feeCurrency,
      feeValue: item.feeValue,
      time: item.time,
      source: item.source,
      clientOrderId: fill.clientOrderId ?? "",
      feePairValue: optionalDecimalField(v.feePairValue, "feePairValue"),
      amountValue: optionalDecimalField(v.amountValue, "amountValue"),
      isMaker: item.isMaker ? 1 : 0,
      isSelfTrade: fill.isSelfTrade ? 1 : 0,
      receivedAt: fill.localTimestamp ?? now,
      // No valuation given: it is made later, at the prices of the fill's time (figures/fillValuer.ts).
      valuationPending: valuation === null || valuation === undefined ? 1 : 0,
    };
    const inserted = this.insert.run(params);
    if (inserted.changes === 0) return false;
    // An imported fill is older history: the client's resume point stays where MEXC's fills put it.
    // A live fill during a reconciliation is not one either: a crash before REST's older fills are
    // stored would resume past them (restart.e2e.test.ts).
    if (fill.source !== "import" && fill.resumable !== false)
      this.watermark.run({ symbol: item.symbol, tradeId: item.tradeId, time: item.time });
    // Last: nothing after it can roll the fill back alone.
    this.sums.stored([
      Number(inserted.lastInsertRowid),
      item.symbol,
      item.side,
      item.quantity,
      item.amount,
      item.fee,
      item.feeCurrency,
      item.time,
    ]);
    return true;
  }

  /** Newest first; `nextCursor` continues after the last item. */
  page(query: FillsQuery): Page<FillItem> {
    const limit = pageLimit(query.limit);
    const filter = { symbol: query.symbol, from: queryTime(query.from, "from"), to: queryTime(query.to, "to") };
    const rows = this.selects.page(
      filter,
      query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit + 1,
    );
    const items = rows.slice(0, limit).map(rowToItem);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items,
      nextCursor: last ? encodeCursor({ time: last.time, id: last.trade_id }) : null,
      total: this.selects.count(filter),
    };
  }

  /**
   * Every stored fill in a range, read in chunks; oldest first unless `newestFirst`. The query is
   * checked now (BAD_QUERY throws here, not at the first `next()`).
   */
  scan(query: FillsScan = {}, newestFirst = false): Generator<StoredFill> {
    const filter = {
      symbol: query.symbol,
      from: queryTime(query.from, "from"),
      to: queryTime(query.to, "to"),
      upToRow: query.upToRow,
    };
    return this.chunks(filter, newestFirst);
  }

  private *chunks(filter: PageFilter, newestFirst: boolean, start?: CursorKey): Generator<StoredFill> {
    let after: CursorKey | undefined = start;
    for (;;) {
      const rows = this.selects.page(filter, after, SCAN_CHUNK, newestFirst ? "desc" : "asc");
      for (const row of rows) yield rowToStored(row);
      const last = rows[rows.length - 1];
      if (rows.length < SCAN_CHUNK || !last) return;
      after = { time: last.time, id: last.trade_id };
    }
  }

  /**
   * The rowid of the newest fill stored (0: none). SQLite gives a new row a rowid above every
   * rowid in the table, so fills stored later all lie above it (unless retention deletes the
   * row holding the mark meanwhile: it deletes the oldest days, and the newest row is old only
   * after an import of older fills).
   */
  lastRowMark(): number {
    return this.lastRow.get()?.mark ?? 0;
  }

  lastFillPerSymbol(): Record<string, LastFill> {
    const out: Record<string, LastFill> = {};
    for (const row of this.watermarks.all()) out[row.symbol] = { tradeId: row.trade_id, time: row.time };
    return out;
  }
}

interface ItemsUpToParams {
  time: number;
  tradeId: string;
  from: number;
  to: number;
  upToRow: number;
  limit: number;
}

/** A FillItem as the raw export statement gives it (itemColumns' order). */
type ItemColumns = [
  tradeId: string,
  orderId: string,
  symbol: string,
  side: Side,
  price: string,
  quantity: string,
  amount: string,
  fee: string,
  feeCurrency: string,
  feeValue: string | null,
  isMaker: number,
  time: number,
  source: Source,
];

function itemOf(row: ItemColumns): FillItem {
  return {
    tradeId: row[0],
    orderId: row[1],
    symbol: row[2],
    side: row[3],
    price: row[4],
    quantity: row[5],
    amount: row[6],
    fee: row[7],
    feeCurrency: row[8],
    feeValue: row[9],
    isMaker: row[10] === 1,
    time: row[11],
    source: row[12],
  };
}

function rowToItem(row: FillRow): FillItem {
  return {
    tradeId: row.trade_id,
    orderId: row.order_id,
    symbol: row.symbol,
    side: row.side as Side,
    price: row.price,
    quantity: row.quantity,
    amount: row.amount,
    fee: row.fee,
    feeCurrency: row.fee_currency,
    feeValue: row.fee_value,
    isMaker: row.is_maker === 1,
    time: row.time,
    source: row.source as Source,
  };
}

function rowToStored(row: FillRow): StoredFill {
  return { ...rowToItem(row), feePairValue: row.fee_pair_value, amountValue: row.amount_value };
}
