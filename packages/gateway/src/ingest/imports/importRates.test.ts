import { afterEach, describe, expect, it } from "vitest";
import { ECB_HEADER, ECB_LINES, ecbFile } from "../../../test/ecbRates.js";
import { ImportError } from "../../errors.js";
import { ExchangeRateStore } from "../../store/exchangeRates.js";
import { MAX_RATE_CELL_CHARS, MAX_RATE_CURRENCIES, MAX_RATE_DAYS, MAX_RATES_FILE_BYTES } from "./ecbRatesFile.js";
import { importRates, importText, isEcbRatesFile } from "./importRates.js";

const open: ExchangeRateStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function rates(): ExchangeRateStore {
  const store = new ExchangeRateStore(":memory:");
  open.push(store);
  return store;
}

/** The error an import is refused with. */
async function refusal(store: ExchangeRateStore, text: string): Promise<ImportError> {
  const error = await importRates(store, text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

/** A file of `days` consecutive days from 2000-01-01 with one rate per currency. */
function syntheticFile(days: number, currencies = ["USD", "JPY"], cell = "1.5"): string {
  const lines: string[] = [`Date,${currencies.join(",")},`];
  for (let day = days - 1; day >= 0; day--) {
    const date = new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${currencies.map(() => cell).join(",")},`);
  }
  return `${lines.join("\n")}\n`;
}

/** Three-letter codes AAA, AAB, ... with USD first. */
function codes(count: number): string[] {
  const list = ["USD"];
  for (let n = 0; list.length < count; n++) {
    list.push(String.fromCharCode(65 + Math.floor(n / 676), 65 + (Math.floor(n / 26) % 26), 65 + (n % 26)));
  }
  return list;
}

describe("the ECB's eurofxref-hist.csv, read as it publishes it", () => {
  it("is recognised by its header, and its days and rates are stored as published (N/A left out)", async () => {
    const store = rates();
    expect(isEcbRatesFile(ecbFile())).toBe(true);
    expect(isEcbRatesFile("Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role\n")).toBe(false);
    const result = await importRates(store, ecbFile());
    expect(result).toEqual({
      format: "ecbRates",
      rows: 13,
      added: 13,
      duplicates: 0,
      differing: 0,
      differingDays: [],
      currencies: 41,
      from: "1999-01-04",
      to: "2026-04-13",
    });
    expect(store.rateOn("JPY", "2026-04-13")).toEqual({
      currency: "JPY",
      day: "2026-04-13",
      rateDay: "2026-04-13",
      usdPerEuro: "1.1684",
      currencyPerEuro: "186.75",
    });
    // The Cyprus pound: published in 1999, N/A in 2026.
    expect(store.rateOn("CYP", "1999-01-04")?.currencyPerEuro).toBe("0.58231");
    expect(store.rateOn("CYP", "2026-04-13")).toBeUndefined();
    expect(store.currencies()).toHaveLength(42);
  });

  it("reads a file's bytes as UTF-8, and refuses a zip that arrived as text, saying how to send it", async () => {
    await expect(importText("PK\u0003\u0004\u0014\u0000garbled")).rejects.toThrow(/Content-Type: application\/zip/);
    expect(await importText(Buffer.from(ecbFile()))).toBe(ecbFile());
  });

  it("importing the same file again adds nothing; a newer one adds its new days; an older one loses none", async () => {
    const store = rates();
    const older = ECB_LINES.slice(3, 11); // 2026-01-05 back to 2025-12-22
    await importRates(store, ecbFile(older));
    const again = await importRates(store, ecbFile(older));
    expect(again).toMatchObject({ rows: 8, added: 0, duplicates: 8, differing: 0 });
    const newer = await importRates(store, ecbFile(ECB_LINES.slice(0, 11)));
    expect(newer).toMatchObject({ rows: 11, added: 3, duplicates: 8 });
    // A file of two days only: the other days stay.
    await importRates(store, ecbFile(ECB_LINES.slice(5, 7)));
    expect(store.rateOn("USD", "2025-12-22")).toBeDefined();
    expect(store.rateOn("GBP", "2025-12-22")?.currencyPerEuro).toBe("0.8742");
    expect(store.rateOn("GBP", "2026-04-13")?.currencyPerEuro).toBe("0.87058");
  });

  it("keeps a stored day as it is when a file gives it other rates, and says which", async () => {
    const store = rates();
    await importRates(store, ecbFile(ECB_LINES.slice(3, 5)));
    const changed = ECB_LINES[4]!.replace("2026-01-02,1.1721,", "2026-01-02,1.2,");
    const result = await importRates(store, ecbFile([ECB_LINES[3]!, changed]));
    expect(result).toMatchObject({ added: 0, duplicates: 1, differing: 1, differingDays: ["2026-01-02"] });
    expect(store.rateOn("EUR", "2026-01-02")?.usdPerEuro).toBe("1.1721");
  });

  it("refuses a bad cell naming its line and column, and stores nothing of the file", async () => {
    const store = rates();
    const lines = [...ECB_LINES];
    lines[2] = lines[2]!.replace(",185.7,", ",18 5.7,");
    lines[5] = lines[5]!.replace("2025-12-31", "2025-12-32");
    lines[6] = lines[6]!.replace(",1.1757,", ",-1.1757,");
    const error = await refusal(store, ecbFile(lines));
    expect(error.message).toBe("3 of 13 rows cannot be read; nothing was imported");
    expect(error.problems).toEqual([
      { line: 4, message: 'column 3 (JPY): "18 5.7" is not a rate (a positive decimal, or N/A)' },
      { line: 7, message: 'column 1 (Date): "2025-12-32" is not a date such as 2026-04-13' },
      { line: 8, message: 'column 2 (USD): "-1.1757" is not a rate (a positive decimal, or N/A)' },
    ]);
    expect(store.newestDay()).toBeNull();
    expect(store.coverage()).toEqual([]);
  });

  it("refuses a line with a cell missing, a day given twice, a zero rate and a header without USD", async () => {
    const store = rates();
    const short = ECB_LINES[0]!.replace(/,$/, "");
    expect((await refusal(store, ecbFile([short]))).problems).toEqual([
      { line: 2, message: "42 cells where the header has 43" },
    ]);
    const twice = await refusal(store, ecbFile([ECB_LINES[0]!, ECB_LINES[0]!]));
    expect(twice.problems[0]?.message).toBe("column 1 (Date): 2026-04-13 again (line 2 has it)");
    const zero = await refusal(store, syntheticFile(1, ["USD", "JPY"], "0.000"));
    expect(zero.problems[0]?.message).toBe('column 2 (USD): "0.000" is not a rate (a positive decimal, or N/A)');
    const noUsd = await refusal(store, ecbFile([], ECB_HEADER.replace(",USD,", ",XXX,")));
    expect(noUsd.message).toBe("line 1: no USD column: the rates convert USD amounts");
    expect(store.newestDay()).toBeNull();
  });
});

describe("the ECB file's bounds", () => {
  it(`reads ${MAX_RATE_CURRENCIES} currencies and refuses one more`, async () => {
    const at = await importRates(rates(), syntheticFile(2, codes(MAX_RATE_CURRENCIES)));
    expect(at.currencies).toBe(MAX_RATE_CURRENCIES);
    const over = await refusal(rates(), syntheticFile(2, codes(MAX_RATE_CURRENCIES + 1)));
    expect(over.message).toBe(`line 1: more than ${MAX_RATE_CURRENCIES} currencies (the ECB's file has 41)`);
  });

  it(`reads cells of ${MAX_RATE_CELL_CHARS} characters and refuses one more`, async () => {
    const longest = `1.${"0".repeat(MAX_RATE_CELL_CHARS - 3)}1`;
    const store = rates();
    await importRates(store, syntheticFile(1, ["USD", "JPY"], longest));
    expect(store.rateOn("JPY", "2000-01-01")?.currencyPerEuro).toBe(longest);
    const over = await refusal(rates(), syntheticFile(1, ["USD", "JPY"], `${longest}0`));
    expect(over.problems[0]).toEqual({
      line: 2,
      message: `column 2 (USD): longer than ${MAX_RATE_CELL_CHARS} characters`,
    });
  });

  it(`reads ${MAX_RATE_DAYS} days and refuses one more`, async () => {
    const store = rates();
    const at = await importRates(store, syntheticFile(MAX_RATE_DAYS, ["USD"]));
    expect(at.added).toBe(MAX_RATE_DAYS);
    const over = await refusal(rates(), syntheticFile(MAX_RATE_DAYS + 1, ["USD"]));
    expect(over.message).toBe(`line ${MAX_RATE_DAYS + 2}: more than ${MAX_RATE_DAYS} days; nothing was imported`);
  });

  it(`reads a file of ${MAX_RATES_FILE_BYTES} bytes and refuses one more`, async () => {
    // Days of 60 currencies with cells of 20 characters, and blank lines (skipped) up to the bound.
    const cell = `1.${"0".repeat(MAX_RATE_CELL_CHARS - 3)}1`;
    const bytesOf = (days: number) => Buffer.byteLength(syntheticFile(days, codes(MAX_RATE_CURRENCIES), cell));
    const rowBytes = bytesOf(2) - bytesOf(1);
    const text = syntheticFile(Math.floor(MAX_RATES_FILE_BYTES / rowBytes) - 1, codes(MAX_RATE_CURRENCIES), cell);
    const atBound = text + "\n".repeat(MAX_RATES_FILE_BYTES - Buffer.byteLength(text));
    expect((await importRates(rates(), atBound)).rows).toBe(Math.floor(MAX_RATES_FILE_BYTES / rowBytes) - 1);
    const over = await refusal(rates(), `${atBound}\n`);
    expect(over.message).toBe(
      `the file is ${MAX_RATES_FILE_BYTES + 1} bytes; the ECB's history is read up to ${MAX_RATES_FILE_BYTES}`,
    );
  });
});
