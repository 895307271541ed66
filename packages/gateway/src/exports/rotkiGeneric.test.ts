import { afterEach, describe, expect, it } from "vitest";
import { csvRecords } from "../../test/csvReader.js";
import { balanceChanges, EXAMPLE_T0 } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";
import { readRotki } from "../../test/exportReaders.js";

let example: ExampleStore;
afterEach(() => example?.close());

describe("rotki's generic import files", () => {
  it("hold every stored fill and completed movement, read back by rotki's rules to the same balances", () => {
    example = openExampleStore();
    const balances = readRotki(exportText("rotkiTrades", example.store), exportText("rotkiEvents", example.store));
    expect(balances).toEqual(balanceChanges());
  });

  it("writes a fill as a trade at its ms timestamp, its MX fee in the row as it is", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("rotkiTrades", example.store));
    expect(records[0]).toEqual({
      Location: "external",
      "Spend Currency": "USDT",
      "Spend Amount": "900",
      "Receive Currency": "BTC",
      "Receive Amount": "0.01",
      Fee: "0.00001",
      "Fee Currency": "BTC",
      Description: "MEXC BTCUSDT buy, trade 741000000000000001, order C02__741000000000000001",
      Timestamp: String(EXAMPLE_T0 + 3_600_000),
    });
    expect(records[1]).toMatchObject({ "Spend Currency": "BTC", "Spend Amount": "0.004", "Receive Currency": "USDT" });
    expect(records[2]).toMatchObject({
      "Spend Amount": "400",
      "Receive Amount": "0.2",
      Fee: "0.05",
      "Fee Currency": "MX",
    });
    // A dust conversion of one asset is a trade for the MX before MEXC's fee, the fee apart.
    expect(records.at(-1)).toMatchObject({
      "Spend Currency": "PEPE",
      "Spend Amount": "100000",
      "Receive Currency": "MX",
      "Receive Amount": "0.0102",
      Fee: "0.0002",
      "Fee Currency": "MX",
    });
  });

  it("writes movements as events: a withdrawal's fee apart, a conversion of several assets as Spends and a Deposit", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("rotkiEvents", example.store));
    expect(records.map((row) => [row.Type, row.Currency, row.Amount, row.Fee, row["Fee Currency"]])).toEqual([
      ["Deposit", "USDT", "1000", "", ""],
      ["Withdrawal", "BTC", "0.005", "0.0001", "BTC"],
      ["Spend", "DOGE", "3.2", "", ""],
      ["Spend", "SHIB", "150000", "", ""],
      ["Deposit", "MX", "0.04", "", ""],
      ["Deposit", "USDT", "50", "", ""],
      ["Withdrawal", "USDT", "100", "", ""],
    ]);
    expect(records[6]?.Description).toBe("MEXC transfer tr-77001 from spot to the FUTURES wallet");
  });
});
