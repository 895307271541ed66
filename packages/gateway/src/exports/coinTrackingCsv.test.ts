import { afterEach, describe, expect, it } from "vitest";
import { csvRecords } from "../../test/csvReader.js";
import { balanceChanges, EXAMPLE_T0 } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";
import { coinTrackingTime, readCoinTracking } from "../../test/exportReaders.js";

let example: ExampleStore;
afterEach(() => example?.close());

describe("CoinTracking's CSV import", () => {
  it("holds every stored fill and completed movement, read back by CoinTracking's rules to the same balances", () => {
    example = openExampleStore();
    const text = exportText("coinTracking", example.store);
    expect(readCoinTracking(text)).toEqual(balanceChanges());
    const { records } = csvRecords(text);
    expect(coinTrackingTime(records[0]?.Date as string)).toBe(EXAMPLE_T0);
  });

  it("puts a fee in the pair's assets inside the amounts, and one in MX in an Other Fee row", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("coinTracking", example.store));
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
    const { records } = csvRecords(exportText("coinTracking", example.store));
    expect(records.filter((row) => row.Type === "Withdrawal")).toMatchObject([
      { "Sell Amount": "0.0051", "Sell Currency": "BTC", Fee: "0.0001", "Fee Currency": "BTC" },
      { "Sell Amount": "100", "Sell Currency": "USDT", Fee: "" },
    ]);
  });
});
