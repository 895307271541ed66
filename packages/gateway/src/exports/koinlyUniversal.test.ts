import { afterEach, describe, expect, it } from "vitest";
import { csvRecords } from "../../test/csvReader.js";
import { balanceChanges, EXAMPLE_FILLS, EXAMPLE_T0, EXAMPLE_TRANSFERS } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";
import { koinlyTime, readKoinly } from "../../test/exportReaders.js";

let example: ExampleStore;
afterEach(() => example?.close());

describe("Koinly's universal CSV", () => {
  it("holds every stored fill and completed movement, read back by Koinly's rules to the same balances", () => {
    example = openExampleStore();
    const text = exportText("koinly", example.store);
    expect(readKoinly(text)).toEqual(balanceChanges());
    const { records } = csvRecords(text);
    // Every row at the time of what it came from, oldest first; no deposit carries a fee.
    const times = records.map((row) => koinlyTime(row.Date as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(EXAMPLE_T0);
    for (const row of records) if (row["Sent Amount"] === "") expect(row["Fee Amount"]).toBe("");
  });

  it("writes each fill as one trade row, its fee in the asset MEXC took it in", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("koinly", example.store));
    const trades = records.filter((row) => row["Sent Amount"] !== "" && row["Received Amount"] !== "");
    expect(trades.slice(0, EXAMPLE_FILLS.length).map((row) => row.Description)).toEqual(
      EXAMPLE_FILLS.map(({ fill }) => expect.stringContaining(`trade ${fill.tradeId}`)),
    );
    expect(trades[2]).toMatchObject({
      "Sent Amount": "400",
      "Sent Currency": "USDT",
      "Received Amount": "0.2",
      "Received Currency": "ETH",
      "Fee Amount": "0.05",
      "Fee Currency": "MX",
      Label: "",
      "Net Worth Amount": "",
    });
    expect(koinlyTime(trades[2]?.Date as string)).toBe(EXAMPLE_T0 + 3 * 3_600_000);
  });

  it("writes a withdrawal's fee apart from what was sent, with its chain hash", () => {
    example = openExampleStore();
    const { records } = csvRecords(exportText("koinly", example.store));
    const withdrawal = EXAMPLE_TRANSFERS[1];
    expect(records.find((row) => row.TxHash === withdrawal?.txId)).toMatchObject({
      "Sent Amount": "0.005",
      "Sent Currency": "BTC",
      "Received Amount": "",
      "Fee Amount": "0.0001",
      "Fee Currency": "BTC",
    });
    // A conversion of two assets: a sent row each, and the MX credited as received.
    const conversion = records.filter((row) => row.Description?.includes("conversion MX:902001"));
    expect(conversion.map((row) => [row["Sent Amount"], row["Sent Currency"], row["Received Amount"]])).toEqual([
      ["3.2", "DOGE", ""],
      ["150000", "SHIB", ""],
      ["", "", "0.04"],
    ]);
  });
});
