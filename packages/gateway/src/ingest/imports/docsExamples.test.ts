/**
 * docs/imports.md shows each layout the importer reads with an example: every example must read
 * as the page says (a format, rows, no problem), so the page cannot drift from the code.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMexcExport } from "./mexcExports.js";

const PAGE = fileURLToPath(new URL("../../../../../docs/imports.md", import.meta.url));

/** The page's ```csv blocks, in order. */
function examples(): string[] {
  return [...readFileSync(PAGE, "utf8").matchAll(/```csv\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe("docs/imports.md", () => {
  it("has an example of each layout, and each reads without a problem", () => {
    const read = examples().map((text) => parseMexcExport(text, { now: () => Date.UTC(2026, 0, 1) }));
    expect(read.map((parsed) => parsed.format)).toEqual([
      "trades",
      "trades",
      "trades",
      "trades",
      "deposits",
      "withdrawals",
    ]);
    expect(read[0]!.fills.map((fill) => [fill.symbol, fill.side, fill.quantity, fill.fee, fill.feeCurrency])).toEqual([
      ["BTCUSDT", "BUY", "0.0103", "0.0000103", "BTC"],
      ["ETHUSDT", "SELL", "0.0439", "0.07725807", "USDT"],
      ["PEPEUSDT", "BUY", "1000000", "0.01", "MX"],
    ]);
    expect(read[3]!.fills[0]!.timestamp).toBe(Date.UTC(2025, 0, 1, 0, 0, 0));
    expect(read[5]!.transfers[0]).toMatchObject({ asset: "USDT", amount: "99", fee: "1", state: "completed" });
  });
});
