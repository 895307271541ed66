import { dec, exact } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { csvRecords } from "../../test/csvReader.js";
import { balanceChanges, EXAMPLE_T0 } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";

let example: ExampleStore;
afterEach(() => example?.close());

/** CoinTracking's CSV import columns, and its optional Tx-ID (cointracking.info/import/import_csv/). */
const HEADER = [
  "Type",
  "Buy Amount",
  "Buy Currency",
  "Sell Amount",
  "Sell Currency",
  "Fee",
  "Fee Currency",
  "Exchange",
  "Trade-Group",
  "Comment",
  "Date",
  "Tx-ID",
];
const INCOMING = ["Deposit", "Income"];
const OUTGOING = ["Withdrawal", "Spend", "Other Fee"];

/** CoinTracking's own date form, "DD.MM.YYYY HH:MM:SS" (here UTC); ms since the epoch. */
function coinTrackingTime(text: string): number {
  const match = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  expect(match, text).not.toBeNull();
  const [, d, mo, y, h, mi, s] = (match as RegExpExecArray).map(Number);
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

/**
 * CoinTracking's reading ("Entering fees"): Buy adds, Sell takes, and the Fee column is
 * informational, its amount already inside Buy or Sell; a third-asset fee is an Other Fee row.
 */
function coinTrackingBalances(rows: Record<string, string>[]): Map<string, string> {
  const sums = new Map<string, ReturnType<typeof dec>>();
  const add = (asset: string, amount: string, sign: 1 | -1) => {
    if (amount === "") return;
    expect(amount).toMatch(/^\d+(\.\d+)?$/);
    sums.set(asset, (sums.get(asset) ?? dec("0")).plus(dec(amount).times(sign)));
  };
  for (const row of rows) {
    if (INCOMING.includes(row.Type as string)) expect(row["Sell Amount"]).toBe("");
    if (OUTGOING.includes(row.Type as string)) expect(row["Buy Amount"]).toBe("");
    add(row["Buy Currency"] as string, row["Buy Amount"] as string, 1);
    add(row["Sell Currency"] as string, row["Sell Amount"] as string, -1);
  }
  return new Map([...sums].filter(([, sum]) => !sum.eq(0)).map(([asset, sum]) => [asset, exact(sum)]));
}

describe("CoinTracking's CSV import", () => {
  it("holds every stored fill and completed movement, read back by CoinTracking's rules to the same balances", () => {
    example = openExampleStore();
    const { header, records } = csvRecords(exportText("cointracking", example.store));
    expect(header).toEqual(HEADER);
    for (const row of records) {
      expect(["Trade", ...INCOMING, ...OUTGOING]).toContain(row.Type);
      expect(row.Exchange).toBe("MEXC");
    }
    expect(coinTrackingBalances(records)).toEqual(balanceChanges());
    expect(coinTrackingTime(records[0]?.Date as string)).toBe(EXAMPLE_T0);
  });

  it("puts a fee in the pair's assets inside the amounts, and one in MX in an Other Fee row", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("cointracking", example.store));
    const byTrade = (id: string) => records.filter((row) => row["Tx-ID"]?.startsWith(id));
    // Bought 0.01 BTC, 0.00001 BTC of it the fee: Buy 0.00999.
    expect(byTrade("741000000000000001")).toMatchObject([
      { Type: "Trade", "Buy Amount": "0.00999", "Buy Currency": "BTC", "Sell Amount": "900", Fee: "0.00001" },
    ]);
    // Sold for 364 USDT, 0.364 of it the fee: Buy 363.636.
    expect(byTrade("741000000000000002")).toMatchObject([
      {
        Type: "Trade",
        "Buy Amount": "363.636",
        "Buy Currency": "USDT",
        "Sell Amount": "0.004",
        "Sell Currency": "BTC",
      },
    ]);
    expect(byTrade("741000000000000003")).toMatchObject([
      { Type: "Trade", "Buy Amount": "0.2", "Sell Amount": "400", Fee: "", "Fee Currency": "" },
      { Type: "Other Fee", "Sell Amount": "0.05", "Sell Currency": "MX", "Tx-ID": "741000000000000003-fee" },
    ]);
    expect(coinTrackingTime(byTrade("741000000000000003")[1]?.Date as string)).toBe(EXAMPLE_T0 + 3 * 3_600_000);
  });

  it("puts a withdrawal's fee inside its Sell amount", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("cointracking", example.store));
    expect(records.filter((row) => row.Type === "Withdrawal")).toMatchObject([
      { "Sell Amount": "0.0051", "Sell Currency": "BTC", Fee: "0.0001", "Fee Currency": "BTC" },
      { "Sell Amount": "100", "Sell Currency": "USDT", Fee: "" },
    ]);
  });
});
