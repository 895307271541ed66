/**
 * An import applied to the store, in two passes over the file, both in slices of the event loop:
 *
 *  1. every row is read and checked (nothing kept): a row that cannot be read stops the import
 *     with every bad row's line number (at most MAX_PROBLEMS, then reading stops), and nothing
 *     is imported;
 *  2. the rows are read again and stored, a slice's rows in one transaction.
 *
 * A slice runs for at most SLICE_MS, then the event loop gets its turn (setImmediate):
 * `/api/health`, the live stream and MEXC's frames keep being served while a 300,000-row export
 * is imported (on the event loop in one go, it froze the gateway for 40-55 s). Nothing of the
 * file is held but its text (a 26 MB file of parsed rows took 1.6 GB).
 *
 * A row MEXC's API already gave, or an earlier import, is a duplicate and changes nothing: a fill
 * of the same pair, side, price and quantity in the same second (the export's times are whole
 * seconds, like REST's); a deposit or withdrawal of the same asset and amount with the same
 * transaction (its ":N" output suffix aside) or, without one, within a day. So an import that
 * stopped half-way through pass 2 (the gateway stopped, the disk filled up) keeps what it stored,
 * and importing the same file again adds the rest.
 */
import type { HistorySource, ImportResult } from "@mexc-live/contract";
import { DAY_MS, Decimal, HOUR_MS, normalize, SECOND_MS } from "@mexc-live/protocol";
import type { WalletTransfer } from "@mexc-live/protocol/wallet";
import { ImportError, ImportStopped } from "../../errors.js";
import { nextTurn, SLICE_MS } from "../../figures/sliceBudget.js";
import type { FillInput, GatewayStore, RememberedPair } from "../../store/index.js";
import { type CsvLine, csvRows } from "./csvText.js";
import {
  type ExportReader,
  type ExportRow,
  type ParseOptions,
  ProblemList,
  readExportHeader,
  readRow,
} from "./mexcExports.js";

export interface ImportOptions extends ParseOptions {
  /** Aborted: the import stops at its next slice (ImportStopped), keeping what it stored. */
  readonly signal?: AbortSignal;
  /** Longest run on the event loop before giving it back; default SLICE_MS. */
  readonly sliceMs?: number;
}

/** Rows stored together: their duplicates are looked up with one query per pair (storeChunk). */
const ROWS_PER_CHUNK = 64;
/** Slices stored between two waits for the WAL's checkpoint (store.settleWal): about 100 ms of writes. */
const SLICES_PER_WAL_SETTLE = 10;
/** A pair's rows of a chunk spread wider than this are checked for duplicates one by one. */
const KNOWN_SPAN_MS = HOUR_MS;

const SOURCE: HistorySource = "import";
const WALLET_MATCH_MS = DAY_MS;

export async function importHistory(
  store: GatewayStore,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const slicer = new Slicer(options.sliceMs ?? SLICE_MS, options.signal);
  const { reader, rows } = await checkFile(text, options, slicer);
  const body = dataRows(text);
  let added = 0;
  let stored = 0;
  let done = false;
  let slices = 0;
  while (!done) {
    // One slice: chunks of rows read and stored in one transaction until the slice's time is up.
    added += store.batch(() => {
      let count = 0;
      for (;;) {
        const chunk: ExportRow[] = [];
        for (let next = body.next(); next.done !== true; next = body.next()) {
          chunk.push(reader.row(next.value));
          if (chunk.length === ROWS_PER_CHUNK) break;
        }
        stored += chunk.length;
        count += storeChunk(store, chunk);
        if (chunk.length < ROWS_PER_CHUNK) {
          done = true;
          return count;
        }
        if (slicer.due()) return count;
      }
    });
    if (done) break;
    // The WAL's checkpoint runs off the event loop, and catches up only in a moment with nothing
    // new written: without these waits an import of 100k fills grew the WAL to 390 MB.
    if (++slices % SLICES_PER_WAL_SETTLE === 0) await store.settleWal();
    if (!(await slicer.yield())) throw new ImportStopped(stored, rows);
  }
  return { format: reader.format, rows, added, duplicates: rows - added };
}

/** Pass 1: every row read and checked, nothing kept. Throws ImportError (nothing imported). */
async function checkFile(
  text: string,
  options: ParseOptions,
  slicer: Slicer,
): Promise<{ reader: ExportReader; rows: number }> {
  const all = csvRows(text);
  const header = all.next();
  if (header.done === true) throw new ImportError("the file is empty", []);
  const reader = readExportHeader(header.value, options);
  const problems = new ProblemList();
  let rows = 0;
  for (const line of all) {
    rows++;
    if (readRow(reader, line, problems) === undefined && problems.full) break;
    if (slicer.due(ROWS_PER_CHUNK) && !(await slicer.yield())) throw new ImportStopped(0, rows);
  }
  problems.throwIfAny(rows);
  if (rows === 0) throw new ImportError("the file has a header but no rows", []);
  return { reader, rows };
}

/** The file's rows after its header. */
function dataRows(text: string): Iterator<CsvLine> {
  const all = csvRows(text);
  all.next();
  return all;
}

/**
 * Stores the rows not known already; how many were added. The fills already stored are looked up
 * once per pair for the chunk (a file lists its rows in time order, so a chunk covers minutes),
 * or row by row when a pair's rows in the chunk are spread over more than KNOWN_SPAN_MS.
 */
function storeChunk(store: GatewayStore, rows: readonly ExportRow[]): number {
  const known = knownFills(store, rows);
  // The pairs the export names both assets of, remembered (a pair MEXC delisted keeps its split).
  const pairs = new Map<string, RememberedPair>();
  for (const row of rows) if ("pair" in row && row.pair !== undefined) pairs.set(row.pair.symbol, row.pair);
  store.rememberPairs([...pairs.values()]);
  let added = 0;
  for (const row of rows) {
    if ("transfer" in row) {
      if (!isKnownTransfer(store, row.transfer) && store.upsertTransfer(row.transfer, SOURCE)) added++;
      continue;
    }
    const { fill } = row;
    const seen = known.get(fill.symbol);
    const key = fillKey(fill);
    if (seen === undefined ? isKnownFill(store, fill) : seen.has(key)) continue;
    if (!store.upsertFill(fill, null)) continue;
    added++;
    seen?.add(key);
  }
  return added;
}

/** Per pair, the keys (fillKey) of the fills stored in the seconds the chunk's rows cover; none when spread too wide. */
function knownFills(store: GatewayStore, rows: readonly ExportRow[]): Map<string, Set<string>> {
  const spans = new Map<string, [number, number]>();
  for (const row of rows) {
    if (!("fill" in row)) continue;
    const second = secondOf(row.fill.timestamp);
    const span = spans.get(row.fill.symbol);
    if (span === undefined) spans.set(row.fill.symbol, [second, second]);
    else spans.set(row.fill.symbol, [Math.min(span[0], second), Math.max(span[1], second)]);
  }
  const known = new Map<string, Set<string>>();
  for (const [symbol, [from, to]] of spans) {
    if (to - from > KNOWN_SPAN_MS) continue;
    const keys = new Set<string>();
    for (const fill of store.allFills({ symbol, from, to: to + SECOND_MS - 1 })) {
      keys.add(`${fill.side}|${fill.price}|${fill.quantity}|${secondOf(fill.time)}`);
    }
    known.set(symbol, keys);
  }
  return known;
}

/** What makes an imported fill the same as a stored one: side, price, quantity (canonical decimals) and second. */
function fillKey(fill: FillInput): string {
  return `${fill.side}|${normalize(fill.price)}|${normalize(fill.quantity)}|${secondOf(fill.timestamp)}`;
}

function secondOf(time: number): number {
  return Math.floor(time / SECOND_MS) * SECOND_MS;
}

/** Says when a slice has run its time, and gives the event loop its turn. */
class Slicer {
  private started = performance.now();
  private count = 0;

  constructor(
    private readonly sliceMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Whether the slice is over (the clock read every `every` calls). */
  due(every = 1): boolean {
    if (++this.count % every !== 0) return false;
    return performance.now() - this.started >= this.sliceMs;
  }

  /** Gives the event loop its turn; false when the import is to stop. */
  async yield(): Promise<boolean> {
    await nextTurn();
    this.started = performance.now();
    return this.signal?.aborted !== true;
  }
}

function isKnownFill(store: GatewayStore, fill: FillInput): boolean {
  const second = secondOf(fill.timestamp);
  for (const known of store.allFills({ symbol: fill.symbol, from: second, to: second + SECOND_MS - 1 })) {
    if (
      known.side === fill.side &&
      new Decimal(known.price).eq(fill.price) &&
      new Decimal(known.quantity).eq(fill.quantity)
    ) {
      return true;
    }
  }
  return false;
}

function isKnownTransfer(store: GatewayStore, transfer: WalletTransfer): boolean {
  const tx = bareTx(transfer.txId);
  const page = store.transfers({
    type: transfer.type,
    asset: transfer.asset,
    from: Math.max(0, transfer.time - WALLET_MATCH_MS),
    to: transfer.time + WALLET_MATCH_MS,
    limit: 1_000,
  });
  return page.items.some((known) => {
    if (!new Decimal(known.amount).eq(transfer.amount)) return false;
    const knownTx = bareTx(known.txId) || bareTx(known.id);
    return tx === "" || knownTx === "" ? true : knownTx === tx;
  });
}

/** A chain transaction without MEXC's ":N" output suffix. */
function bareTx(txId: string): string {
  return txId.replace(/:\d+$/, "");
}
