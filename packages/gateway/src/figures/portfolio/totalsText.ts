/**
 * An asset's totals (portfolio.ts) as one line of text: a mark of the portfolio's series
 * (portfolioModel.ts). The fixed-point numbers are written as plain decimals (the cells' own text:
 * no bigint made to write one), space-separated, so a mark is read back with a split and ten
 * fixed-point reads: no JSON, no big.js (a year of PnL by day reads 8,000 marks; as JSON with
 * big.js totals they took most of its 130-190 ms at a million fills: BENCHMARKS.md, issue 39).
 *
 *   quantity costAvg costFifo realizedAvg realizedFifo fees deposits withdrawals transfers traded unknown unpriced
 *
 * `unknown`: 1 when the average cost is unknown, plus 2 when FIFO's is. Written by writeTotals
 * (portfolio.ts, for Portfolio.writeMark), read here.
 */
import { fixed } from "@mexc-live/protocol";
import type { AssetTotals } from "./portfolio.js";

const FIELDS = 12;

/** The totals a mark holds; throws naming the mark when it is not one writeTotals (portfolio.ts) wrote. */
export function totalsOfText(text: string): AssetTotals {
  const f = text.split(" ");
  const unknown = Number(f[10]);
  const unpriced = Number(f[11]);
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
    // Anything but a plain decimal is refused (DecimalError), an empty field too.
    throw refused(text);
  }
}

function refused(text: string): Error {
  return new Error(`portfolio mark is not one this version wrote: ${text.slice(0, 80)}`);
}

function read(f: readonly string[], unknown: number, unpriced: number): AssetTotals {
  return {
    quantity: fixed(f[0] as string),
    cost: { avg: fixed(f[1] as string), fifo: fixed(f[2] as string) },
    realized: { avg: fixed(f[3] as string), fifo: fixed(f[4] as string) },
    costUnknown: { avg: (unknown & 1) === 1, fifo: (unknown & 2) === 2 },
    fees: fixed(f[5] as string),
    deposits: fixed(f[6] as string),
    withdrawals: fixed(f[7] as string),
    transfers: fixed(f[8] as string),
    traded: fixed(f[9] as string),
    unpriced,
  };
}
