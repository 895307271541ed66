/**
 * How many rows a list shows, out of how many there are in all (the gateway's page `total`):
 * "200 of 7,833 fills", so a list never passes for the whole history when it holds part of it.
 */
import { formatDecimal } from "../format/decimal.js";

export function count(n: number): string {
  return formatDecimal(String(n));
}

/** "200 of 7,833 fills"; "7,833 fills" when all are shown; "200 fills held" while the total is not known. */
export function countText(shown: number, total: number | null | undefined, noun: string): string {
  if (total === null || total === undefined) return `${count(shown)} ${noun} held`;
  if (shown >= total) return `${count(shown)} ${noun}`;
  return `${count(shown)} of ${count(total)} ${noun}`;
}
