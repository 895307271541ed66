/**
 * Each pair's bought and sold quantity and amount and its fees per currency, summed exactly: they
 * stand in for the pair's fills where only their sums count (the opening positions,
 * figures/fillSums.ts), so working out what was held before the history reads a few numbers a
 * pair, not every fill again.
 *
 * The store sums each fill as it stores it (`stored`, from fills.ts' insert): a pass reads none
 * of the fills for them (at a million fills that second read of every fill took ~2 s of the
 * pass). The sums are written to the table with the rowid they reach once a write's transaction
 * is done and SAVE_AFTER_FILLS were added since they last were, and at close: a live fill does
 * not rewrite a row that grows with the pairs traded. What the table holds lags behind the fills
 * after a crash, a rolled-back write or on a database from before; the figures then read the
 * fills stored after it (`after`, by rowid, the table's own order: the cheapest walk) and keep
 * the sums again (`save`). A fill deleted or changed in what they sum counts in `removed()`
 * (triggers, migration 13): sums kept at another count no longer stand, and every fill is summed
 * again.
 */
import { type Fixed, fixed, type Side } from "@mexc-live/protocol";
import type { Db } from "./database.js";

export interface PairSums {
  boughtQuantity: Fixed;
  boughtAmount: Fixed;
  soldQuantity: Fixed;
  soldAmount: Fixed;
  readonly fees: Map<string, Fixed>;
}

/** The sums of every fill up to a rowid. */
export interface FillSums {
  readonly pairs: Map<string, PairSums>;
  /** The first fill's time (+Infinity without fills). */
  first: number;
  upToRow: number;
  fills: number;
}

/** A fill as the sums read it. */
export type SumColumns = [
  row: number,
  symbol: string,
  side: Side,
  quantity: string,
  amount: string,
  fee: string,
  feeCurrency: string,
  time: number,
];

/** The form of the kept text: another, and every fill is summed again. */
const SUMS_VERSION = 1;
/** Fills summed between two writes of the sums at most: what a start after a crash reads again (~2 ms). */
const SAVE_AFTER_FILLS = 1_000;

type SumsText = {
  readonly version: number;
  readonly first: number | null;
  readonly pairs: [symbol: string, bq: string, ba: string, sq: string, sa: string, fees: [string, string][]][];
};

export function noSums(): FillSums {
  return { pairs: new Map(), first: Number.POSITIVE_INFINITY, upToRow: 0, fills: 0 };
}

/** Adds a fill to its pair's sums. */
export function addFill(sums: FillSums, fill: SumColumns): void {
  const [row, symbol, side, quantityText, amountText, feeText, feeCurrency, time] = fill;
  let pair = sums.pairs.get(symbol);
  if (pair === undefined) {
    pair = { boughtQuantity: 0n, boughtAmount: 0n, soldQuantity: 0n, soldAmount: 0n, fees: new Map() };
    sums.pairs.set(symbol, pair);
  }
  const quantity = fixed(quantityText, "quantity");
  const amount = fixed(amountText, "amount");
  if (side === "BUY") {
    pair.boughtQuantity += quantity;
    pair.boughtAmount += amount;
  } else {
    pair.soldQuantity += quantity;
    pair.soldAmount += amount;
  }
  if (feeCurrency !== "") pair.fees.set(feeCurrency, (pair.fees.get(feeCurrency) ?? 0n) + fixed(feeText, "fee"));
  if (time < sums.first) sums.first = time;
  sums.upToRow = row;
  sums.fills++;
}

function sumsText(sums: FillSums): string {
  const text: SumsText = {
    version: SUMS_VERSION,
    first: Number.isFinite(sums.first) ? sums.first : null,
    pairs: [...sums.pairs].map(([symbol, pair]) => [
      symbol,
      String(pair.boughtQuantity),
      String(pair.boughtAmount),
      String(pair.soldQuantity),
      String(pair.soldAmount),
      [...pair.fees].map(([currency, fee]) => [currency, String(fee)]),
    ]),
  };
  return JSON.stringify(text);
}

/** Kept text as sums; undefined when it does not parse. */
function parsedSums(text: string, upToRow: number, fills: number): FillSums | undefined {
  try {
    const parsed = JSON.parse(text) as SumsText;
    if (parsed.version !== SUMS_VERSION || (parsed.first !== null && !Number.isFinite(parsed.first))) return undefined;
    const pairs = new Map<string, PairSums>();
    for (const [symbol, bq, ba, sq, sa, fees] of parsed.pairs) {
      pairs.set(symbol, {
        boughtQuantity: BigInt(bq),
        boughtAmount: BigInt(ba),
        soldQuantity: BigInt(sq),
        soldAmount: BigInt(sa),
        fees: new Map(fees.map(([currency, fee]) => [currency, BigInt(fee)])),
      });
    }
    return { pairs, first: parsed.first ?? Number.POSITIVE_INFINITY, upToRow, fills };
  } catch {
    return undefined;
  }
}

export class FillSumsTable {
  private readonly read;
  private readonly write;
  private readonly rowsAfter;
  private readonly removedCount;
  private readonly lastRow;
  /**
   * The sums of every fill stored, kept up to date by `stored` while they reach the last fill
   * (undefined once they do not: a write rolled back, a fill deleted, a database from before);
   * `removedAt` the removed() count they hold to, `unsaved` the fills added since they were written.
   */
  private live: FillSums | undefined;
  private removedAt = 0;
  private unsaved = 0;

  constructor(db: Db) {
    this.read = db.prepare<[], { up_to_row: number; fills: number; removed: number; sums: string }>(
      "SELECT up_to_row, fills, removed, sums FROM fill_sums WHERE id = 1",
    );
    this.write = db.prepare(
      `INSERT INTO fill_sums (id, up_to_row, fills, removed, sums) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET up_to_row = excluded.up_to_row, fills = excluded.fills,
         removed = excluded.removed, sums = excluded.sums`,
    );
    this.removedCount = db.prepare<[], { n: number }>("SELECT n FROM fills_removed WHERE id = 1");
    this.lastRow = db.prepare<[], { mark: number | null }>("SELECT MAX(rowid) AS mark FROM fills");
    this.rowsAfter = db
      .prepare<[number, number], SumColumns>(
        `SELECT rowid, symbol, side, quantity, amount, fee, fee_currency, time FROM fills
         WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      )
      .raw();
    const kept = this.kept();
    const last = this.lastRow.get()?.mark ?? 0;
    if (last === 0 && kept === undefined) this.adopt(noSums(), this.removed());
    else if (kept !== undefined && kept.upToRow === last) this.adopt(kept, this.removed());
  }

  /**
   * The sums kept, as a new object, when no fill was deleted or changed since: the store's own up
   * to the last fill, or the table's (undefined when its text does not parse).
   */
  kept(): FillSums | undefined {
    const removed = this.removed();
    const live = this.live;
    if (live !== undefined && removed === this.removedAt) return copied(live);
    const row = this.read.get();
    if (row === undefined || row.removed !== removed) return undefined;
    return parsedSums(row.sums, row.up_to_row, row.fills);
  }

  /**
   * Keeps `sums` (begun at the removed() count `removed`), read by the figures up to the last fill
   * stored: the store sums from there on as it stores (the caller no longer changes them).
   */
  save(sums: FillSums, removed: number): void {
    this.write.run(sums.upToRow, sums.fills, removed, sumsText(sums));
    if (sums.upToRow === (this.lastRow.get()?.mark ?? 0) && removed === this.removed()) this.adopt(sums, removed);
    else this.live = undefined;
  }

  /** Fills deleted or changed in what the sums hold, ever (the triggers count them). */
  removed(): number {
    return this.removedCount.get()?.n ?? 0;
  }

  /** At most `limit` fills stored after the rowid `afterRow`, by rowid. */
  after(afterRow: number, limit: number): SumColumns[] {
    return this.rowsAfter.all(afterRow, limit);
  }

  /** A fill just stored at `row`, inside its write's transaction: into the sums when they reach the row before. */
  stored(fill: SumColumns): void {
    const live = this.live;
    if (live === undefined) return;
    if (fill[0] !== live.upToRow + 1) {
      this.live = undefined;
      return;
    }
    addFill(live, fill);
    this.unsaved++;
  }

  /**
   * The write's transaction is done: the sums written when SAVE_AFTER_FILLS were added since they
   * last were (all of them: `force`, at close), unless a fill was deleted since they were begun.
   */
  settle(force = false): void {
    const live = this.live;
    if (live === undefined || this.unsaved === 0 || (!force && this.unsaved < SAVE_AFTER_FILLS)) return;
    this.unsaved = 0;
    if (this.removed() !== this.removedAt) this.live = undefined;
    else this.write.run(live.upToRow, live.fills, this.removedAt, sumsText(live));
  }

  /** The write rolled back: the sums may hold fills that are not stored; the table's stand, the figures catch up. */
  forget(): void {
    this.live = undefined;
    this.unsaved = 0;
  }

  private adopt(sums: FillSums, removed: number): void {
    this.live = sums;
    this.removedAt = removed;
    this.unsaved = 0;
  }
}

function copied(sums: FillSums): FillSums {
  const pairs = new Map<string, PairSums>();
  for (const [symbol, pair] of sums.pairs) pairs.set(symbol, { ...pair, fees: new Map(pair.fees) });
  return { pairs, first: sums.first, upToRow: sums.upToRow, fills: sums.fills };
}
