/**
 * An asset's totals (portfolio.ts) as one line of text: a mark in the store
 * (store/portfolioMarks.ts). The fixed-point numbers are written as their whole numbers of
 * 10^-18, space-separated, so a mark is read back with a split and ten BigInts: no JSON, no
 * decimal point, no big.js (a year of PnL by day reads 8,000 marks; as JSON with big.js totals
 * they took most of its 130-190 ms at a million fills: BENCHMARKS.md, issue 39).
 *
 *   quantity costAvg costFifo realizedAvg realizedFifo fees deposits withdrawals transfers traded unknown unpriced
 *
 * `unknown`: 1 when the average cost is unknown, plus 2 when FIFO's is.
 */
import type { AssetTotals } from "./portfolio.js";

const FIELDS = 12;

export function totalsText(t: AssetTotals): string {
  const unknown = (t.costUnknown.avg ? 1 : 0) + (t.costUnknown.fifo ? 2 : 0);
  return `${t.quantity} ${t.cost.avg} ${t.cost.fifo} ${t.realized.avg} ${t.realized.fifo} ${t.fees} ${t.deposits} ${t.withdrawals} ${t.transfers} ${t.traded} ${unknown} ${t.unpriced}`;
}

/** The totals a mark holds; throws naming the mark when it is not one totalsText wrote. */
export function totalsOfText(text: string): AssetTotals {
  const f = text.split(" ");
  const unknown = Number(f[10]);
  const unpriced = Number(f[11]);
  // BigInt("") is 0n: an empty field is refused, not read as zero.
  if (
    f.length !== FIELDS ||
    f.includes("") ||
    !(Number.isInteger(unknown) && unknown >= 0 && unknown <= 3) ||
    !Number.isSafeInteger(unpriced)
  ) {
    throw refused(text);
  }
  try {
    return read(f, unknown, unpriced);
  } catch {
    // BigInt throws a SyntaxError for anything but an integer.
    throw refused(text);
  }
}

function refused(text: string): Error {
  return new Error(`portfolio mark is not one this version wrote: ${text.slice(0, 80)}`);
}

function read(f: readonly string[], unknown: number, unpriced: number): AssetTotals {
  return {
    quantity: BigInt(f[0] as string),
    cost: { avg: BigInt(f[1] as string), fifo: BigInt(f[2] as string) },
    realized: { avg: BigInt(f[3] as string), fifo: BigInt(f[4] as string) },
    costUnknown: { avg: (unknown & 1) === 1, fifo: (unknown & 2) === 2 },
    fees: BigInt(f[5] as string),
    deposits: BigInt(f[6] as string),
    withdrawals: BigInt(f[7] as string),
    transfers: BigInt(f[8] as string),
    traded: BigInt(f[9] as string),
    unpriced,
  };
}
