/**
 * Each pair's bought and sold quantity and amount and its fees per currency, summed exactly: they
 * stand in for the pair's fills where only their sums count (the opening positions,
 * figures/openingPositions.ts), so a slice-by-slice read of every fill keeps a few numbers a pair,
 * not the fills.
 */
import { type Fixed, fixed, fixedText } from "@mexc-live/protocol";
import type { GatewayStore } from "../store/index.js";
import type { FiguresFill } from "./figures.js";

interface PairSums {
  boughtQuantity: Fixed;
  boughtAmount: Fixed;
  soldQuantity: Fixed;
  soldAmount: Fixed;
  readonly fees: Map<string, Fixed>;
}

/** Adds a fill to its pair's sums. */
function addFill(sums: Map<string, PairSums>, fill: FiguresFill): void {
  let pair = sums.get(fill.symbol);
  if (pair === undefined) {
    pair = { boughtQuantity: 0n, boughtAmount: 0n, soldQuantity: 0n, soldAmount: 0n, fees: new Map() };
    sums.set(fill.symbol, pair);
  }
  const quantity = fixed(fill.quantity, "quantity");
  const amount = fixed(fill.amount, "amount");
  if (fill.side === "BUY") {
    pair.boughtQuantity += quantity;
    pair.boughtAmount += amount;
  } else {
    pair.soldQuantity += quantity;
    pair.soldAmount += amount;
  }
  if (fill.feeCurrency !== "") {
    pair.fees.set(fill.feeCurrency, (pair.fees.get(fill.feeCurrency) ?? 0n) + fixed(fill.fee, "fee"));
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

/**
 * Every stored fill, oldest first, read a chunk at a time into its pair's sums: the stand-ins and
 * the first fill's time (+Infinity without fills). `between` runs after each chunk with its size
 * (the caller yields there when its slice is up) and returns true to stop: undefined then.
 */
export async function sumStoredFills(
  store: Pick<GatewayStore, "figuresChunk">,
  between: (fills: number) => Promise<boolean>,
): Promise<{ readonly fills: ReturnType<typeof standIns>; readonly first: number } | undefined> {
  const sums = new Map<string, PairSums>();
  let first = Number.POSITIVE_INFINITY;
  for (let readTo: FiguresFill | undefined; ; ) {
    const rows = store.figuresChunk(undefined, readTo);
    readTo = rows[rows.length - 1];
    if (readTo === undefined) break;
    for (const fill of rows) {
      if (fill.time < first) first = fill.time;
      addFill(sums, fill);
    }
    if (await between(rows.length)) return undefined;
  }
  return { fills: standIns(sums, first), first };
}
