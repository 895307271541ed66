import type { Side } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { PnlBook, type PnlFill } from "./pnl.js";
import { PriceBook } from "./priceBook.js";

function setup() {
  const book = new PriceBook();
  book.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  ]);
  return { book, pnl: new PnlBook(book) };
}

/** A BTCUSDT fill: side, quantity @ price, optional fee. */
function fill(
  side: Side,
  quantity: string,
  price: string,
  fee = "0",
  feeCurrency = "USDT",
  feePairValue?: string,
): PnlFill {
  const amount = (Number(quantity) * Number(price)).toString(); // small round numbers only
  return { symbol: "BTCUSDT", side, quantity, price, amount, fee, feeCurrency, feePairValue: feePairValue ?? null };
}

describe("PnL by average cost", () => {
  it("buy 1 @100, buy 1 @200, sell 1 @180: realized 30 on an average cost of 150", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "1", "100"));
    pnl.apply(fill("BUY", "1", "200"));
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ position: "2", averageCost: "150", realized: "0" });
    pnl.apply(fill("SELL", "1", "180"));
    book.update("BTCUSDT", "170");
    expect(pnl.item("BTCUSDT", book)).toEqual({
      symbol: "BTCUSDT",
      realized: "30",
      unrealized: "20",
      position: "1",
      averageCost: "150",
    });
  });

  it("adds a fee in the quote asset to the cost of a buy and takes it from the proceeds of a sell", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "1", "100", "0.1"));
    pnl.apply(fill("BUY", "1", "200", "0.2"));
    pnl.apply(fill("SELL", "1", "180", "0.18"));
    // cost 300.3 -> average 150.15; proceeds 179.82 - 150.15
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ realized: "29.67", position: "1", averageCost: "150.15" });
  });

  it("takes a fee in the base asset from the quantity bought", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "1", "100", "0.001", "BTC"));
    // 100 paid for 0.999 BTC
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ position: "0.999", averageCost: "100.1001001001001001" });
    pnl.apply({ ...fill("SELL", "0.999", "110", "0.11"), amount: "109.89" });
    // 109.89 - 0.11 - 100
    expect(pnl.item("BTCUSDT", book)).toMatchObject({
      realized: "9.78",
      position: "0",
      averageCost: "0",
      unrealized: "0",
    });
  });

  it("on a sell with the fee in the base asset, that base leaves at average cost with no proceeds", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "2", "100"));
    pnl.apply(fill("SELL", "1", "150", "0.01", "BTC"));
    // 150 - 1.01 x 100
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ realized: "49", position: "0.99", averageCost: "100" });
  });

  it("values a fee in MX at fill time: added to the cost of a buy, taken from the proceeds of a sell", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "1", "100", "0.5", "MX", "1")); // MX was 2 USDT
    pnl.apply(fill("SELL", "1", "120", "0.3", "MX", "0.6"));
    book.update("MXUSDT", "1000"); // later MX prices change nothing
    // 120 - 0.6 - 101
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ realized: "18.4", position: "0" });
  });

  it("realizes only the part of a sell covered by the recorded position", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "1", "100"));
    pnl.apply(fill("SELL", "2", "150"));
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ realized: "50", position: "0" });
    pnl.apply(fill("SELL", "1", "150")); // nothing held: no known cost, nothing realized
    expect(pnl.item("BTCUSDT", book)).toMatchObject({ realized: "50", position: "0" });
  });

  it("keeps an average that does not divide evenly exact enough to sum back to whole figures", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "3", "10", "1")); // cost 31 for 3
    expect(pnl.item("BTCUSDT", book)?.averageCost).toBe("10.333333333333333333");
    pnl.apply(fill("SELL", "1", "12"));
    expect(pnl.item("BTCUSDT", book)?.realized).toBe("1.666666666666666667");
    pnl.apply(fill("SELL", "2", "12"));
    // 36 received for 31 paid
    expect(pnl.item("BTCUSDT", book)?.realized).toBe("5");
  });

  it("says unrealized null while a position has no price", () => {
    const { book, pnl } = setup();
    pnl.apply(fill("BUY", "1", "100"));
    expect(pnl.item("BTCUSDT", book)?.unrealized).toBeNull();
    expect(pnl.items(book).map((i) => i.symbol)).toEqual(["BTCUSDT"]);
  });

  it("tells base from quote by the symbol's spelling when the symbol list is missing", () => {
    const pnl = new PnlBook({ marketOf: () => undefined });
    pnl.apply(fill("BUY", "1", "100", "0.001", "BTC"));
    expect(pnl.item("BTCUSDT", { price: () => undefined })?.position).toBe("0.999");
  });
});
