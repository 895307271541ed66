/**
 * How many rows a list shows, out of how many there are in all (the gateway's page `total`):
 * "200 of 7,833 fills", so a list never passes for the whole history when it holds part of it.
 */
import { formatDecimal } from "../format/decimal.js";

export function count(n: number): string {
  return formatDecimal(String(n));
}

/**
 * "200 of 7,833 fills"; "7,833 fills" when all are shown; "200 fills held" while the total is not
 * known; "loading fills… (7,833 in all)" while the rows have not come yet (`loading`: never "0 of").
 */
export function countText(shown: number, total: number | null | undefined, noun: string, loading = false): string {
  if (loading && shown === 0)
    return total == null || total === 0 ? `loading ${noun}…` : `loading ${noun}… (${count(total)} in all)`;
  if (total === null || total === undefined) return `${count(shown)} ${counted(shown, noun)} held`;
  if (shown >= total) return `${count(shown)} ${counted(shown, noun)}`;
  return `${count(shown)} of ${count(total)} ${counted(total, noun)}`;
}

/** The plural `noun` ("fills", "BUY fills", "entries") as `n` of it reads: "1 fill", "1 entry". */
function counted(n: number, noun: string): string {
  if (n !== 1) return noun;
  if (noun.endsWith("ies")) return `${noun.slice(0, -3)}y`;
  return noun.endsWith("s") ? noun.slice(0, -1) : noun;
}
