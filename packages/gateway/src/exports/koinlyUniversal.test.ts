import { dec, exact } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { csvRecords } from "../../test/csvReader.js";
import { balanceChanges, EXAMPLE_FILLS, EXAMPLE_T0, EXAMPLE_TRANSFERS } from "../../test/exportExample.js";
import { type ExampleStore, exportText, openExampleStore } from "../../test/exportKit.js";

let example: ExampleStore;
afterEach(() => example?.close());

/** The universal template's header (support.koinly.io/en/articles/9489976). */
const HEADER = [
  "Date",
  "Sent Amount",
  "Sent Currency",
  "Received Amount",
  "Received Currency",
  "Fee Amount",
  "Fee Currency",
  "Net Worth Amount",
  "Net Worth Currency",
  "Label",
  "Description",
  "TxHash",
];

/** Koinly's date: "YYYY-MM-DD HH:mm UTC" (here with seconds), always UTC; ms since the epoch. */
function koinlyTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))? UTC$/.exec(text);
  expect(match, text).not.toBeNull();
  const [, y, mo, d, h, mi, s] = (match as RegExpExecArray).map(Number);
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s || 0);
}

/** Koinly's reading: what was received added, what was sent and the fee taken; amounts positive. */
function koinlyBalances(rows: Record<string, string>[]): Map<string, string> {
  const sums = new Map<string, ReturnType<typeof dec>>();
  const add = (asset: string, amount: string, sign: 1 | -1) => {
    if (amount === "") return;
    expect(amount).toMatch(/^\d+(\.\d+)?$/);
    sums.set(asset, (sums.get(asset) ?? dec("0")).plus(dec(amount).times(sign)));
  };
  for (const row of rows) {
    add(row["Sent Currency"] as string, row["Sent Amount"] as string, -1);
    add(row["Received Currency"] as string, row["Received Amount"] as string, 1);
    add(row["Fee Currency"] as string, row["Fee Amount"] as string, -1);
  }
  return new Map([...sums].filter(([, sum]) => !sum.eq(0)).map(([asset, sum]) => [asset, exact(sum)]));
}

describe("Koinly's universal CSV", () => {
  it("holds every stored fill and completed movement, read back by Koinly's rules to the same balances", () => {
    example = openExampleStore();
    const { header, records } = csvRecords(exportText("koinly", example.store));
    expect(header).toEqual(HEADER);
    expect(koinlyBalances(records)).toEqual(balanceChanges());
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
