/**
 * Each pair's bought and sold quantity and amount and its fees per currency, summed exactly: they
 * stand in for the pair's fills where only their sums count (the opening positions,
 * figures/openingPositions.ts), so a slice-by-slice read of every fill keeps a few numbers a pair,
 * not the fills. The sums are kept in the store with the rowid they reach (store/fillSumsTable.ts):
 * the next pass reads only the fills stored since (at a million fills a whole read took 2 s, at
 * every rebuild after a backfill window or an import), and sums every fill again when a fill was
 * deleted or changed since they were (retention; the store counts them) or the text does not parse.
 */
import { type Fixed, fixed, fixedText } from "@mexc-live/protocol";
import type { SumColumns } from "../store/fillSumsTable.js";
import type { GatewayStore } from "../store/index.js";

interface PairSums {
  boughtQuantity: Fixed;
  boughtAmount: Fixed;
  soldQuantity: Fixed;
  soldAmount: Fixed;
  readonly fees: Map<string, Fixed>;
}

/** The sums of every fill up to a rowid. */
interface Sums {
  readonly pairs: Map<string, PairSums>;
  /** The first fill's time (+Infinity without fills). */
  first: number;
  upToRow: number;
  fills: number;
}

/** Fills read per statement (bounded memory; the caller's slices fall between them). */
const SUM_CHUNK = 2_048;
/** The form of the kept text: another, and every fill is summed again. */
const SUMS_VERSION = 1;

/** Adds a fill to its pair's sums. */
function addFill(sums: Sums, fill: SumColumns): void {
  const [, symbol, side, quantityText, amountText, feeText, feeCurrency, time] = fill;
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
  sums.upToRow = fill[0];
  sums.fills++;
}

type SumsText = {
  readonly version: number;
  readonly first: number | null;
  readonly pairs: [symbol: string, bq: string, ba: string, sq: string, sa: string, fees: [string, string][]][];
};

function sumsText(sums: Sums): string {
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

/** The kept sums, when they parse and no fill was deleted or changed since they were begun (`removed`). */
function keptSums(store: Pick<GatewayStore, "fillSums">, removed: number): Sums | undefined {
  const saved = store.fillSums.saved();
  if (saved === undefined || saved.removed !== removed) return undefined;
  try {
    const text = JSON.parse(saved.sums) as SumsText;
    if (text.version !== SUMS_VERSION || (text.first !== null && !Number.isFinite(text.first))) return undefined;
    const pairs = new Map<string, PairSums>();
    for (const [symbol, bq, ba, sq, sa, fees] of text.pairs) {
      pairs.set(symbol, {
        boughtQuantity: BigInt(bq),
        boughtAmount: BigInt(ba),
        soldQuantity: BigInt(sq),
        soldAmount: BigInt(sa),
        fees: new Map(fees.map(([currency, fee]) => [currency, BigInt(fee)])),
      });
    }
    return { pairs, first: text.first ?? Number.POSITIVE_INFINITY, upToRow: saved.upToRow, fills: saved.fills };
  } catch {
    return undefined;
  }
}
/** Fills that move each asset as the pair's fills did together (openingPositions reads nothing else of them). */
/** Fills that sum to the same as the pairs' fills (what openingPositions reads of them), all at `first`. */
function standIns(sums: ReadonlyMap<string, PairSums>, first: number) {
  const fills = [];
  for (const [symbol, pair] of sums) {
    const leg = (side: "BUY" | "SELL", quantity: Fixed, amount: Fixed, fee: Fixed, feeCurrency: string) => ({
      symbol,
      side,
      price: "0",
      time: first,
      quantity: fixedText(quantity),
      amount: fixedText(amount),
      fee: fixedText(fee),
      feeCurrency,
    });
    fills.push(leg("BUY", pair.boughtQuantity, pair.boughtAmount, 0n, ""));
    fills.push(leg("SELL", pair.soldQuantity, pair.soldAmount, 0n, ""));
    for (const [currency, fee] of pair.fees) fills.push(leg("BUY", 0n, 0n, fee, currency));
  }
  return fills;
}

/** Every stored fill's sums as stand-ins, the first fill's time (+Infinity without fills) and the rowid they reach. */
export interface StoredSums {
  readonly fills: ReturnType<typeof standIns>;
  readonly first: number;
  readonly upToRow: number;
}

/**
 * Every stored fill's sums per pair: the kept sums and the fills stored after them, read a chunk
 * at a time (every fill when none are kept, or they no longer stand), then kept again. `between`
 * runs after each chunk with its size (the caller yields there when its slice is up) and returns
 * true to stop: undefined then. `finish` is called with the sums in the same turn of the event
 * loop as the read that found no fill after them: what it reads of the store besides (balances,
 * transfers) is of the same moment as the sums.
 */
export async function sumStoredFills<T>(
  store: Pick<GatewayStore, "fillSums" | "isOpen">,
  between: (fills: number) => Promise<boolean>,
  finish: (sums: StoredSums) => T,
): Promise<T | undefined> {
  // A fill deleted while the chunks are read (retention runs between them) and the sums are not kept.
  const removed = store.fillSums.removed();
  const sums: Sums = keptSums(store, removed) ?? {
    pairs: new Map(),
    first: Number.POSITIVE_INFINITY,
    upToRow: 0,
    fills: 0,
  };
  const kept = sums.fills;
  const from = sums.upToRow;
  for (;;) {
    const rows = store.fillSums.after(sums.upToRow, SUM_CHUNK);
    if (rows.length === 0) break;
    for (const row of rows) addFill(sums, row);
    if (await between(rows.length)) return undefined;
  }
  const finished = finish({ fills: standIns(sums.pairs, sums.first), first: sums.first, upToRow: sums.upToRow });
  const changed = sums.fills !== kept || sums.upToRow !== from || kept === 0;
  if (changed && store.isOpen && store.fillSums.removed() === removed) {
    store.fillSums.save({ upToRow: sums.upToRow, fills: sums.fills, removed, sums: sumsText(sums) });
  }
  return finished;
}
