import { describe, expect, it } from "vitest";
import { describeEvent, testExchange } from "../../test/testExchange.js";
import { FEE_ACCOUNT } from "./exchange.js";

/** Sets a symbol's last price with a trade between two throwaway accounts. */
function tradeAt(t: ReturnType<typeof testExchange>, symbol: string, base: string, quote: string, price: string) {
  t.exchange.createAccount("priceSetter");
  t.exchange.credit("priceSetter", base, "1000");
  t.exchange.credit("priceSetter", quote, "1000000");
  const quantity = "1";
  t.exchange.placeOrder({ account: "priceSetter", symbol, side: "SELL", type: "LIMIT", price, quantity });
  t.exchange.placeOrder({ account: "priceSetter", symbol, side: "BUY", type: "LIMIT", price, quantity });
}

function setup() {
  const t = testExchange();
  t.exchange.createAccount("maker");
  t.exchange.createAccount("taker");
  t.exchange.createAccount("mxTaker", { mxFeeDeduction: true });
  for (const account of ["maker", "taker", "mxTaker"]) {
    t.exchange.credit(account, "USDT", "100000");
    t.exchange.credit(account, "BTC", "1");
    t.exchange.credit(account, "ETH", "10");
  }
  t.exchange.credit("mxTaker", "MX", "100");
  return t;
}

describe("trading fees", () => {
  it("charge the taker rate on the quote amount, in the quote asset for a buyer too (item 11.25)", () => {
    const t = setup();
    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    t.exchange.placeOrder({
      account: "taker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    // 0.2 x 97000 = 19400 USDT; x 0.0005 = 9.7 USDT, as MEXC's FUSDUSDT capture (3 USDT bought, 0.0015 USDT fee)
    expect(t.exchange.myTrades("taker", "BTCUSDT")[0]).toMatchObject({ commission: "9.7", commissionAsset: "USDT" });
    expect(t.exchange.myTrades("maker", "BTCUSDT")[0]).toMatchObject({ commission: "0", commissionAsset: "USDT" });
    // the buyer receives the whole 0.2 BTC and pays 19400 + 9.7 USDT
    expect(t.exchange.balances("taker")).toEqual([
      { asset: "USDT", free: "80590.3", locked: "0" },
      { asset: "BTC", free: "1.2", locked: "0" },
      { asset: "ETH", free: "10", locked: "0" },
    ]);

    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "96000",
      quantity: "0.1",
    });
    t.exchange.placeOrder({ account: "taker", symbol: "BTCUSDT", side: "SELL", type: "MARKET", quantity: "0.1" });
    expect(t.exchange.myTrades("taker", "BTCUSDT")[1]).toMatchObject({ commission: "4.8", commissionAsset: "USDT" });
    // a zero-fee (maker) BUY still names the quote asset
    expect(t.exchange.myTrades("maker", "BTCUSDT")[1]).toMatchObject({
      isBuyer: true,
      commission: "0",
      commissionAsset: "USDT",
    });
    expect(t.exchange.balances("taker")).toContainEqual({ asset: "USDT", free: "90185.5", locked: "0" });
    expect(t.exchange.balances(FEE_ACCOUNT)).toEqual([{ asset: "USDT", free: "14.5", locked: "0" }]);
  });

  it("charge a buyer in the base received with the behaviour buy-fee-in-quote off", () => {
    const t = testExchange({ behaviours: { buyFeeInQuote: false } });
    for (const account of ["maker", "taker"]) {
      t.exchange.createAccount(account);
      t.exchange.credit(account, "USDT", "100000");
      t.exchange.credit(account, "BTC", "1");
    }
    const order = { symbol: "BTCUSDT", type: "LIMIT", price: "97000", quantity: "0.2" } as const;
    t.exchange.placeOrder({ account: "maker", side: "SELL", ...order });
    t.exchange.placeOrder({ account: "taker", side: "BUY", ...order });
    expect(t.exchange.myTrades("taker", "BTCUSDT")[0]).toMatchObject({ commission: "0.0001", commissionAsset: "BTC" });
    expect(t.exchange.balances("taker")).toContainEqual({ asset: "BTC", free: "1.1999", locked: "0" });
  });

  it("charge the maker rate where the symbol has one (ETHBTC maker 0.02%)", () => {
    const t = setup();
    t.exchange.placeOrder({
      account: "maker",
      symbol: "ETHBTC",
      side: "BUY",
      type: "LIMIT",
      price: "0.035",
      quantity: "2",
    });
    t.exchange.placeOrder({
      account: "taker",
      symbol: "ETHBTC",
      side: "SELL",
      type: "LIMIT",
      price: "0.035",
      quantity: "2",
    });
    // 2 x 0.035 = 0.07 BTC; x 0.0002 = 0.000014 BTC
    expect(t.exchange.myTrades("maker", "ETHBTC")[0]).toMatchObject({ commission: "0.000014", commissionAsset: "BTC" });
    expect(t.exchange.myTrades("taker", "ETHBTC")[0]).toMatchObject({ commission: "0.000035", commissionAsset: "BTC" });
  });

  it("are paid in MX at 80% for an mxFeeDeduction account, as a separate TRADE_FEE change", () => {
    const t = setup();
    tradeAt(t, "MXUSDT", "MX", "USDT", "4");
    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    t.take();
    t.exchange.placeOrder({
      account: "mxTaker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    const lines = t.take().map(describeEvent);
    // 0.2 * 97000 = 19400 USDT; * 0.0005 * 0.8 = 7.76 USDT; / 4 = 1.94 MX
    expect(lines.slice(-6)).toEqual([
      "order mxTaker FILLED last=0.2",
      "fill mxTaker BUY 0.2@97000 fee=1.94 MX",
      // the fee reserve it locked (19400 x 1.0005) comes back: the fee was paid in MX
      "balance mxTaker USDT ENTRUST free+9.7 locked-19409.7",
      "balance mxTaker BTC ENTRUST free+0.2 locked+0",
      "balance mxTaker MX TRADE_FEE free-1.94 locked+0",
      `balance ${FEE_ACCOUNT} MX TRADE_FEE free+1.94 locked+0`,
    ]);
    expect(t.exchange.balances("mxTaker")).toContainEqual({ asset: "MX", free: "98.06", locked: "0" });
  });

  it("convert a non-USDT quote through its USDT pair before pricing the fee in MX", () => {
    const t = setup();
    tradeAt(t, "MXUSDT", "MX", "USDT", "4");
    tradeAt(t, "BTCUSDT", "BTC", "USDT", "100000");
    t.exchange.placeOrder({
      account: "maker",
      symbol: "ETHBTC",
      side: "SELL",
      type: "LIMIT",
      price: "0.035",
      quantity: "1",
    });
    t.exchange.placeOrder({
      account: "mxTaker",
      symbol: "ETHBTC",
      side: "BUY",
      type: "LIMIT",
      price: "0.035",
      quantity: "1",
    });
    // 0.035 BTC = 3500 USDT; * 0.0005 * 0.8 / 4 = 0.35 MX
    expect(t.exchange.myTrades("mxTaker", "ETHBTC")[0]).toMatchObject({ commission: "0.35", commissionAsset: "MX" });
  });

  it("fall back to the quote asset when the account lacks the MX", () => {
    const t = setup();
    tradeAt(t, "MXUSDT", "MX", "USDT", "4");
    t.exchange.credit("mxTaker", "MX", "-99", "WITHDRAW");
    t.exchange.placeOrder({
      account: "maker",
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    t.exchange.placeOrder({
      account: "mxTaker",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "97000",
      quantity: "0.2",
    });
    expect(t.exchange.myTrades("mxTaker", "BTCUSDT")[0]).toMatchObject({
      commission: "9.7",
      commissionAsset: "USDT",
    });
    expect(t.exchange.balances("mxTaker")).toContainEqual({ asset: "MX", free: "1", locked: "0" });
  });
});
