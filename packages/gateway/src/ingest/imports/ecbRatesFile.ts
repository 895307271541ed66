/**
 * The European Central Bank's history of euro reference rates, `eurofxref-hist.csv`, read as the
 * ECB publishes it (docs/exchange-rates.md has the sources):
 *
 *   Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,
 *   2026-04-13,1.1684,186.75,N/A,N/A,24.378,7.4727,N/A,0.87058,366.9,N/A,...,19.3849,
 *   ...
 *   1999-01-04,1.1789,133.73,N/A,0.58231,35.107,7.4501,15.6466,0.7111,251.48,...,6.9358,
 *
 * A header of "Date" and three-letter currency codes, then a line per day the ECB published,
 * newest first, dates YYYY-MM-DD, each rate the units of that currency one euro was worth, "N/A"
 * where it published none (a currency not yet or no longer quoted: the Cyprus pound before 2008,
 * the rouble since 2022-03); every line ends with a comma (an empty last cell), LF line ends.
 * The copy of 2026-04-13: 1,891,690 bytes, 6,983 days since 1999-01-04, 41 currencies, cells at
 * most 10 characters. The ECB serves it zipped (zipMember.ts reads that).
 *
 * Bounded, each with room for decades of growth (about 70 KB and 255 days a year): a file of at
 * most MAX_RATES_FILE_BYTES, MAX_RATE_DAYS days, MAX_RATE_CURRENCIES currencies, and cells of at
 * most MAX_RATE_CELL_CHARS characters. A bad cell is a problem naming its line and column;
 * reading stops at MAX_PROBLEMS of them and nothing is stored (importRates.ts).
 */

import type { RatesImportResult } from "@mexc-live/contract";
import { isUnsignedDecimal, normalize } from "@mexc-live/protocol";
import { ImportError } from "../../errors.js";
import type { RateDay } from "../../store/exchangeRates.js";
import { isCalendarDay, USD } from "../../store/usdConversion.js";
import type { CsvLine } from "./csvText.js";
import type { ProblemList } from "./mexcExports.js";

/** The import's name for the layout (an import's result says which it read). */
export const ECB_RATES_FORMAT: RatesImportResult["format"] = "ecbRates";
/** The file's size, at most: 8 MiB, four times the 1.9 MB of 2026 (it grows about 70 KB a year). */
export const MAX_RATES_FILE_BYTES = 8 * 1024 * 1024;
/** Days (lines after the header), at most: 20,000, three times the 6,983 of 2026-04 (255 a year). */
export const MAX_RATE_DAYS = 20_000;
/** Currencies (columns after Date), at most: 60; the file has had 41 since 2005 (csvText keeps 64 cells). */
export const MAX_RATE_CURRENCIES = 60;
/** Characters of a cell, at most: the file's longest is a date (10); 20 cuts no rate. */
export const MAX_RATE_CELL_CHARS = 20;
/** What the ECB writes where it published no rate. */
const NOT_PUBLISHED = "N/A";

const CURRENCY = /^[A-Z]{3}$/;
const DATE_COLUMN = "Date";
/** A zero written any way ("0", "0.000"): no rate. */
const ZERO_TEXT = /^[0.]*$/;

/** Whether a file's header is the ECB's: "Date" and a currency code (the rest is checked by readEcbHeader). */
export function isEcbRatesHeader(cells: readonly string[]): boolean {
  return cells[0]?.trim() === DATE_COLUMN && CURRENCY.test(cells[1]?.trim() ?? "");
}

/** The file's layout, read from its header: a day's rates from each line after it. */
export interface EcbRatesReader {
  readonly currencies: readonly string[];
  /** The line's day and rates, or undefined when a cell cannot be read (noted in `problems`). */
  day(line: CsvLine, problems: ProblemList): RateDay | undefined;
}

/** Reads the header; throws ImportError naming what is wrong with it. */
export function readEcbHeader(header: CsvLine): EcbRatesReader {
  const cells = header.cells.map((cell) => cell.trim());
  // The ECB's header ends with a comma; a copy re-saved without it is read the same.
  const trailing = cells.at(-1) === "";
  const currencies = cells.slice(1, trailing ? -1 : undefined);
  const refuse = (message: string): never => {
    throw new ImportError(`line 1: ${message}`, [{ line: 1, message }]);
  };
  if (header.overflow === true || currencies.length > MAX_RATE_CURRENCIES) {
    refuse(`more than ${MAX_RATE_CURRENCIES} currencies (the ECB's file has 41)`);
  }
  const seen = new Set<string>();
  currencies.forEach((code, index) => {
    if (!CURRENCY.test(code)) {
      refuse(`column ${index + 2}: ${JSON.stringify(code.slice(0, 20))} is not a currency code such as USD`);
    }
    if (seen.has(code)) refuse(`column ${index + 2}: ${code} twice`);
    seen.add(code);
  });
  if (!seen.has(USD)) refuse("no USD column: the rates convert USD amounts");
  const width = cells.length;
  return {
    currencies,
    day(line, problems) {
      if (line.cells.length !== width || line.overflow === true) {
        problems.add({ line: line.line, message: `${line.cells.length} cells where the header has ${width}` });
        return undefined;
      }
      let bad = false;
      const problem = (column: number, message: string): void => {
        const name = column === 1 ? DATE_COLUMN : (currencies[column - 2] ?? "");
        problems.add({ line: line.line, message: `column ${column}${name === "" ? "" : ` (${name})`}: ${message}` });
        bad = true;
      };
      const date = line.cells[0] ?? "";
      if (date.length > MAX_RATE_CELL_CHARS) problem(1, `longer than ${MAX_RATE_CELL_CHARS} characters`);
      else if (!isCalendarDay(date)) problem(1, `${JSON.stringify(date)} is not a date such as 2026-04-13`);
      const rates: [string, string][] = [];
      for (let index = 0; index < currencies.length; index++) {
        const cell = line.cells[index + 1] ?? "";
        const column = index + 2;
        if (cell.length > MAX_RATE_CELL_CHARS) problem(column, `longer than ${MAX_RATE_CELL_CHARS} characters`);
        else if (cell === NOT_PUBLISHED) continue;
        else if (!isUnsignedDecimal(cell) || ZERO_TEXT.test(cell)) {
          problem(column, `${JSON.stringify(cell)} is not a rate (a positive decimal, or N/A)`);
        } else rates.push([currencies[index] as string, normalize(cell)]);
      }
      if (trailing && line.cells.at(-1) !== "") problem(width, "not empty, where the header's last cell is");
      if (bad) return undefined;
      rates.sort(([a], [b]) => (a < b ? -1 : 1));
      return { day: date, rates: JSON.stringify(Object.fromEntries(rates)) };
    },
  };
}
