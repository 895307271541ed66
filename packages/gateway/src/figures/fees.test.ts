import { describe, expect, it } from "vitest";
import { FeeBook, feeSummary, valueFill } from "./fees.js";
import { PriceBook } from "./priceBook.js";

function book(): PriceBook {
  const b = new PriceBook();
  b.setMarkets([
    { symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT" },
    { symbol: "ETHBTC", baseAsset: "ETH", quoteAsset: "BTC" },
    { symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" },
  ]);
  b.update("BTCUSDT", "50000");
  b.update("MXUSDT", "2.5");
  return b;
}

const btcFill = { symbol: "BTCUSDT", price: "93950.39", amount: "9.395039", fee: "0.0000001", feeCurrency: "BTC" };

describe("fees valued at fill time", () => {
  it("values a fee in the base asset at the fill's own price", () => {
    expect(valueFill(btcFill, book())).toEqual({
      feeValue: "0.009395039",
      feePairValue: "0.009395039",
      amountValue: "9.395039",
    });
  });

  it("values a fee in MX at the MX price when the fill happened", () => {
    const b = book();
    const valuation = valueFill({ ...btcFill, fee: "0.4", feeCurrency: "MX" }, b);
    expect(valuation).toEqual({ feeValue: "1", feePairValue: "1", amountValue: "9.395039" });
    // On a BTC-quoted pair the fee's pair value is in BTC: MX -> USDT -> BTC.
    const ethBtc = valueFill({ symbol: "ETHBTC", price: "0.035", amount: "0.07", fee: "0.4", feeCurrency: "MX" }, b);
    expect(ethBtc).toEqual({ feeValue: "1", feePairValue: "0.00002", amountValue: "3500" });

    // Summed later, after MX has moved: the values fixed at fill time stay.
    const fees = new FeeBook("USDT");
    fees.apply({ fee: "0.4", feeCurrency: "MX", feeValue: valuation.feeValue });
    b.update("MXUSDT", "10");
    fees.apply({
      fee: "0.4",
      feeCurrency: "MX",
      feeValue: valueFill({ ...btcFill, fee: "0.4", feeCurrency: "MX" }, b).feeValue,
    });
    expect(fees.summary()).toEqual({
      quote: "USDT",
      byCurrency: { MX: "0.8" },
      valueByCurrency: { MX: "5" },
      totalValue: "5",
    });
  });

  it("says null when the fee currency has no price, and sums such a fee only in its own currency", () => {
    const valuation = valueFill({ ...btcFill, fee: "3", feeCurrency: "DOGE" }, book());
    expect(valuation.feeValue).toBeNull();
    const fees = new FeeBook("USDT");
    fees.apply({ fee: "3", feeCurrency: "DOGE", feeValue: null });
    fees.apply({ fee: "0.25", feeCurrency: "USDT", feeValue: "0.25" });
    expect(fees.summary()).toEqual({
      quote: "USDT",
      byCurrency: { DOGE: "3", USDT: "0.25" },
      valueByCurrency: { USDT: "0.25" },
      totalValue: "0.25",
    });
    expect(fees.unvalued).toBe(1);
  });

  it("sums cumulative fees per currency exactly", () => {
    const summary = feeSummary(
      [
        { fee: "0.1", feeCurrency: "USDT", feeValue: "0.1" },
        { fee: "0.2", feeCurrency: "USDT", feeValue: "0.2" },
        { fee: "0.0000001", feeCurrency: "BTC", feeValue: "0.009395039" },
        { fee: "0", feeCurrency: "USDT", feeValue: "0" },
      ],
      "USDT",
    );
    expect(summary).toEqual({
      quote: "USDT",
      byCurrency: { BTC: "0.0000001", USDT: "0.3" },
      valueByCurrency: { BTC: "0.009395039", USDT: "0.3" },
      totalValue: "0.309395039",
    });
  });
});
