import { describe, expect, it } from "vitest";
import type { ValuedFillItem } from "./figures.js";
import { PriceBook } from "./priceBook.js";
import { taxRows } from "./taxReport.js";

const fill = (
  tradeId: string,
  side: "BUY" | "SELL",
  quantity: string,
  price: string,
  time: number,
  fee = "0",
): ValuedFillItem => {
  const amount = String(Number(quantity) * Number(price));
  return {
    tradeId,
    orderId: `o${tradeId}`,
    symbol: "BTCUSDT",
    side,
    price,
    quantity,
    amount,
    fee,
    feeCurrency: "USDT",
    feeValue: fee,
    isMaker: false,
    time,
    source: "rest",
    feePairValue: fee,
    amountValue: amount,
  };
};

describe("a tax year's disposals", () => {
  const book = new PriceBook();
  book.setMarkets([{ symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" }]);
  // 2024: buy 1 @20000, buy 1 @30000. 2025: sell 1 @40000 (fee 40), sell 0.5 @50000. 2026: sell 0.5.
  const fills = [
    fill("a", "BUY", "1", "20000", Date.UTC(2024, 2, 1)),
    fill("b", "BUY", "1", "30000", Date.UTC(2024, 8, 1)),
    fill("c", "SELL", "1", "40000", Date.UTC(2025, 1, 1), "40"),
    fill("d", "SELL", "0.5", "50000", Date.UTC(2025, 6, 1)),
    fill("e", "SELL", "0.5", "60000", Date.UTC(2026, 0, 2)),
  ];

  it("by FIFO: the 2024 lots in the order they were bought", () => {
    const rows = taxRows({ fills, openings: [], book, method: "fifo", year: 2025 });
    expect(
      rows.map((r) => [r.tradeId, r.quantity, r.proceeds, r.costBasis, r.gain, r.gainValue, r.currency, r.method]),
    ).toEqual([
      ["c", "1", "39960", "20000", "19960", "19960", "USDT", "fifo"],
      ["d", "0.5", "25000", "15000", "10000", "10000", "USDT", "fifo"],
    ]);
  });

  it("by average cost: 25000 a unit", () => {
    const rows = taxRows({ fills, openings: [], book, method: "avg", year: 2025 });
    expect(rows.map((r) => [r.tradeId, r.costBasis, r.gain])).toEqual([
      ["c", "25000", "14960"],
      ["d", "12500", "12500"],
    ]);
    // Once everything is sold, both methods have realized the same in all.
    const all = (method: "avg" | "fifo") =>
      [2025, 2026]
        .flatMap((year) => taxRows({ fills, openings: [], book, method, year }))
        .reduce((sum, r) => sum + Number(r.gain), 0);
    expect(all("avg")).toBe(all("fifo"));
  });
});
