/**
 * Each pair's sums of every stored fill as stand-ins for its fills, where only their sums count
 * (the opening positions, figures/openingPositions.ts). The store sums each fill as it stores it
 * (store/fillSumsTable.ts); the fills stored after the sums it kept (after a crash between the two,
 * a rolled-back write, a database from before) are read here a chunk at a time, every fill when a
 * fill was deleted or changed since (retention; the store counts them) or the text does not parse.
 */
import { type Fixed, fixedText } from "@mexc-live/protocol";
import { addFill, type FillSums, noSums, type PairSums } from "../store/fillSumsTable.js";
import type { GatewayStore } from "../store/index.js";

/** Fills read per statement (bounded memory; the caller's slices fall between them). */
const SUM_CHUNK = 2_048;

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
  const sums: FillSums = store.fillSums.kept() ?? noSums();
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
  if (changed && store.isOpen && store.fillSums.removed() === removed) store.fillSums.save(sums, removed);
  return finished;
}
